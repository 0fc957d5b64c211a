# Digital-hygiene check-up: automated checks (checkup crate), in English.
# Keys produced by crates/checkup; arguments are text, numbers converted when rendered.

checkup-status-pass = Good
checkup-status-info = To know
checkup-status-warning = To improve
checkup-status-fail = To fix
checkup-status-unknown = Not concluded
checkup-theme-domain = Domain name
checkup-theme-mail = Mail
checkup-theme-web = Website
checkup-theme-privacy = Visitors' privacy
checkup-report-title = Digital-hygiene check-up of { $domain }
checkup-report-score = Score: { $percent }%
checkup-report-overall = Overall score: { $percent }% (every theme weighs the same)
checkup-report-no-score = No scored check could conclude.
checkup-report-fix = What to do
checkup-report-took = Checked in { $millis } ms.
checkup-domain-registration-title = Domain registration
checkup-domain-nameservers-title = Name servers
checkup-domain-dnssec-title = DNSSEC
checkup-mail-mx-title = Mail reception (MX)
checkup-mail-provider-title = Mail provider
checkup-mail-spf-title = SPF
checkup-mail-dkim-title = DKIM
checkup-mail-dmarc-title = DMARC
checkup-mail-mta-sts-title = MTA-STS
checkup-mail-tls-rpt-title = TLS-RPT
checkup-mail-starttls-title = Encryption between servers (STARTTLS)
checkup-web-https-title = HTTPS
checkup-web-redirect-title = Redirect to HTTPS
checkup-web-certificate-title = Certificate
checkup-web-hsts-title = HSTS
checkup-web-headers-title = Security headers
checkup-web-hosting-title = Website hosting
checkup-privacy-cookies-title = Cookies set without consent
checkup-privacy-third-parties-title = Third-party requests
checkup-privacy-trackers-title = Known trackers
checkup-error-domain-empty = No domain given.
checkup-error-domain-not-a-name = Give the domain alone, without http:// nor an email address (example.org).
checkup-error-domain-address = An IP address is not a domain name.
checkup-error-domain-single-label = A domain name has at least two parts (example.org).
checkup-error-domain-invalid = This domain name is not valid: letters, digits and hyphens, at most 63 characters a part.
checkup-unknown-timeout = No answer within { $seconds } seconds: the check could not conclude.
checkup-unknown-dns = The DNS resolver gave no answer for { $name } ({ $reason }).
checkup-unknown-no-record = No record for { $name }.
checkup-unknown-cname-loop = The aliases (CNAME) of { $name } go round in a loop: no browser can find the site.
checkup-unknown-connect = Could not connect to { $url } ({ $reason }).
checkup-unknown-tls = The encrypted connection to { $url } failed ({ $reason }).
checkup-unknown-http = { $url } did not answer as a web server ({ $reason }).
checkup-unknown-smtp = The mail server { $host } could not be asked ({ $reason }).
checkup-unknown-rdap-not-found = The registry does not know { $domain } (RDAP 404). Is it a sub-domain? Then check the main domain.
checkup-unknown-rdap-rate-limited = The registry is limiting requests (RDAP 429); try again later (in { $after } s).
checkup-unknown-rdap-no-server = No known RDAP server for the .{ $tld } extension.
checkup-unknown-rdap-status = The registry answered with an error (HTTP { $status }).
checkup-unknown-rdap-invalid = The registry's answer could not be read ({ $reason }).
checkup-domain-registration-ok = Registered with { $registrar } until { $date } (in { $days } days).
checkup-domain-registration-no-expiry = Registered with { $registrar }; the registry does not publish the expiry date.
checkup-domain-registration-expires-soon = The domain expires on { $date }, in { $days } days: without renewal, website and mail stop.
checkup-domain-registration-expired = The domain expired on { $date }.
checkup-domain-registration-troubled = The registry says "{ $status }": the domain is suspended or about to be lost.
checkup-domain-registration-fix-renew = Renew the domain at { $registrar } now, and turn on automatic renewal with a means of payment of the association.
checkup-domain-registration-fix-holder = Check that the holder is the association (not a member personally) and that the contact address is a shared role address.
checkup-domain-registration-fix-not-found = Check the spelling of the domain; for a sub-domain, run the check-up on the main domain.
checkup-domain-nameservers-ok = { $count } name servers: { $names } (DNS host: { $host }).
checkup-domain-nameservers-one = A single name server ({ $names }): if it fails, website and mail become unreachable.
checkup-domain-nameservers-none = No name server is declared for this domain.
checkup-domain-nameservers-nxdomain = The domain { $domain } does not exist in DNS.
checkup-domain-nameservers-fix-add = Declare at least two name servers at your registrar (OVHcloud, Gandi, Infomaniak give two or more by default).
checkup-domain-nameservers-fix-nxdomain = Check the spelling, then that the domain is registered and paid for.
checkup-domain-dnssec-ok = The domain is signed with DNSSEC and the signature is valid: DNS answers cannot be forged.
checkup-domain-dnssec-absent = The domain is not signed with DNSSEC: an attacker could divert visitors or mail.
checkup-domain-dnssec-unchained = The zone is signed, but the registry does not have its key (DS record): the signature protects nothing yet.
checkup-domain-dnssec-bogus = The DNSSEC signature is invalid: validating resolvers (most Internet providers) no longer find the domain.
checkup-domain-dnssec-fix-enable = Turn on DNSSEC at your DNS host: one click at OVHcloud (Domains › DNSSEC), Gandi (Domain › DNSSEC) or Infomaniak.
checkup-domain-dnssec-fix-ds = Give the zone's DS record to your registrar (often automatic when it hosts the DNS).
checkup-domain-dnssec-fix-bogus = Urgent: sign the zone again or remove the DS record at the registrar while the keys are fixed.
checkup-mail-mx-ok = { $count ->
    [one] One server receives
   *[other] { $count } servers receive
    } mail: { $hosts }.
checkup-mail-mx-null = The domain declares it receives no mail (null MX).
checkup-mail-mx-none = No mail server (MX): messages sent to an address of this domain are lost.
checkup-mail-mx-fix-none = If the association uses this domain for mail, add the MX records your provider gives; otherwise publish "MX 0 ." and "v=spf1 -all".
checkup-mail-no-mx = No mail server to check.
checkup-mail-provider-us-platform = Mail is hosted by { $provider }, a big US platform: US law (the Cloud Act) applies to the messages wherever they are stored.
checkup-mail-provider-eu-commercial = Mail is hosted by { $provider }, a European company.
checkup-mail-provider-associative = Mail is hosted by { $provider }, an associative or cooperative host.
checkup-mail-provider-self-hosted = Mail seems self-hosted ({ $provider }).
checkup-mail-provider-unknown = Mail provider not recognised ({ $host }).
checkup-mail-provider-no-mail = This domain receives no mail.
checkup-mail-provider-fix-us-platform = To keep the association's mail in Europe, associative hosts (members of the CHATONS collective) or European ones offer shared mailboxes; the questionnaire takes this into account.
checkup-mail-spf-ok = SPF in place: { $record }
checkup-mail-spf-none = No SPF record: anyone can send mail in the association's name.
checkup-mail-spf-several = { $count } SPF records: receiving servers ignore all of them.
checkup-mail-spf-weak = SPF present but without a clear rule for other senders: { $record }
checkup-mail-spf-pass-all = SPF allows everybody (+all): { $record }
checkup-mail-spf-too-many-lookups = SPF needs { $count } DNS lookups, more than the 10 allowed: it is treated as an error.
checkup-mail-spf-broken-include = SPF includes records that cannot be found: { $names }.
checkup-mail-spf-fix-none = Add a TXT record "v=spf1 include:… ~all" with the include your provider gives (for example mx.ovh.com, _mailcust.gandi.net, spf.infomaniak.ch).
checkup-mail-spf-fix-several = Merge the SPF records into one.
checkup-mail-spf-fix-all = End the SPF record with "~all" (or "-all" once every sender is listed).
checkup-mail-spf-fix-lookups = Remove includes no longer needed (former providers, mailing tools no longer used).
checkup-mail-spf-fix-include = Fix or remove the includes that cannot be found.
checkup-mail-dkim-ok = DKIM key published (selectors: { $selectors }).
checkup-mail-dkim-none = No DKIM key: the association's messages are not signed and end up as spam more often.
checkup-mail-dkim-unknown-selector = DKIM keys may exist, under a selector the check-up does not know.
checkup-mail-dkim-no-mail = No mail on this domain: DKIM is not checked.
checkup-mail-dkim-fix-none = Turn on DKIM signing at your mail provider and publish the key it gives (TXT or CNAME record).
checkup-mail-dkim-fix-selector = Give your provider's DKIM selector in the check-up's settings so that it is checked.
checkup-mail-dmarc-ok = DMARC in place, policy "{ $policy }": forged messages in the association's name are turned away.
checkup-mail-dmarc-partial = DMARC "{ $policy }" but applied to part of the messages only.
checkup-mail-dmarc-monitoring = DMARC in observation only (p=none): forged messages still get through.
checkup-mail-dmarc-none = No DMARC: nothing tells recipients what to do with forged messages in the association's name.
checkup-mail-dmarc-several = Several DMARC records: all of them are ignored.
checkup-mail-dmarc-invalid = DMARC record cannot be read: { $record }
checkup-mail-dmarc-fix-none = Add a TXT record at _dmarc: "v=DMARC1; p=none; rua=mailto:address@your-domain" to start with, then move to p=quarantine.
checkup-mail-dmarc-fix-none-policy = After a few weeks of reports without surprises, move to "p=quarantine" then "p=reject".
checkup-mail-mta-sts-ok = MTA-STS in "enforce" mode: incoming mail requires valid encryption.
checkup-mail-mta-sts-testing = MTA-STS in "{ $mode }" mode only.
checkup-mail-mta-sts-none = No MTA-STS (recommended, not scored).
checkup-mail-mta-sts-no-policy = MTA-STS announced, but the policy at https://mta-sts.…/.well-known/mta-sts.txt is missing or badly served.
checkup-mail-mta-sts-fix = If your provider offers it, publish MTA-STS (an _mta-sts record and a policy file over HTTPS).
checkup-mail-tls-rpt-ok = TLS-RPT in place: you receive reports of encryption failures.
checkup-mail-tls-rpt-none = No TLS-RPT (recommended, not scored).
checkup-mail-tls-rpt-fix = Add a TXT record at _smtp._tls: "v=TLSRPTv1; rua=mailto:address@your-domain".
checkup-mail-starttls-ok = The mail servers encrypt exchanges (STARTTLS): { $hosts }.
checkup-mail-starttls-ok-certificate = The mail servers encrypt exchanges (STARTTLS): { $hosts }; their certificate is not recognised, still common between servers.
checkup-mail-starttls-missing = These mail servers offer no encryption: { $hosts }. Messages travel in clear text.
checkup-mail-starttls-fix = Ask your provider to turn on STARTTLS, or change provider: every serious host offers it.
checkup-web-none = No website: neither { $domain } nor { $www } has an address.
checkup-web-no-https = The site does not answer over HTTPS.
checkup-web-no-page = No page could be read.
checkup-web-https-ok = The site { $host } answers over HTTPS ({ $version }).
checkup-web-https-none = The site does not answer over HTTPS ({ $url }: { $reason }): what visitors type travels in clear text.
checkup-web-https-fix = Turn on a free Let's Encrypt certificate at your host (the "SSL" or "HTTPS" option of the control panel).
checkup-web-redirect-ok = HTTP visits are redirected to { $to }.
checkup-web-redirect-no-http = The site answers over HTTPS only.
checkup-web-redirect-other-host = HTTP redirects straight to another name ({ $to }): better go to HTTPS on the same name first.
checkup-web-redirect-plain = HTTP redirects to an unencrypted address ({ $to }).
checkup-web-redirect-none = HTTP visits are not redirected to HTTPS (answer { $status }).
checkup-web-redirect-fix = Turn on "force HTTPS" at your host, or add a permanent redirect (301) from http:// to https://.
checkup-web-redirect-fix-same-host = Redirect to https:// on the same name first, then to the other name.
checkup-web-certificate-ok = Certificate valid until { $date } (in { $days } days).
checkup-web-certificate-expires-soon = The certificate expires on { $date }, in { $days } days.
checkup-web-certificate-expired = The certificate expired on { $date }: browsers show a security warning.
checkup-web-certificate-not-yet-valid = The certificate is not valid yet.
checkup-web-certificate-wrong-name = The certificate does not cover { $host } (it covers: { $names }): browsers show a warning.
checkup-web-certificate-untrusted = The certificate is not issued by a recognised authority: browsers show a warning.
checkup-web-certificate-invalid = The certificate is invalid ({ $reason }).
checkup-web-certificate-fix-renew = Renew the certificate, preferably automatically (Let's Encrypt, offered by most hosts).
checkup-web-certificate-fix-name = Ask for a certificate that covers this name too (with and without www).
checkup-web-hsts-ok = HSTS in place ({ $days } days): browsers no longer try HTTP.
checkup-web-hsts-short = HSTS in place but for { $days } days only (a year recommended).
checkup-web-hsts-none = No HSTS: a visitor on a rigged network can be taken back to HTTP.
checkup-web-hsts-invalid = HSTS header cannot be read: { $value }
checkup-web-hsts-fix = Add the header "Strict-Transport-Security: max-age=31536000" (the host's HSTS option, or the server's configuration).
checkup-web-headers-ok = The recommended security headers are present.
checkup-web-headers-missing = Security headers missing (recommended, not scored): { $headers }.
checkup-web-headers-fix = Add these headers in the server's configuration or through an extension of your CMS (WordPress, SPIP…).
checkup-web-hosting-known = The site is hosted by { $host } ({ $country }).
checkup-web-hosting-us-platform = The site is hosted by { $host }, a big US platform ({ $country }).
checkup-web-hosting-unknown = Host not recognised (addresses: { $addresses }).
checkup-privacy-cookies-none = No cookie is set on a first visit.
checkup-privacy-cookies-some = { $count ->
    [one] One cookie
   *[other] { $count } cookies
    } set on the first visit, without consent: { $names }.
checkup-privacy-cookies-tracking = Analytics or advertising cookies are set without consent: { $names }.
checkup-privacy-cookies-fix-some = Check that these cookies are strictly necessary (session, basket); otherwise set them only once the visitor agrees.
checkup-privacy-cookies-fix-tracking = Remove these trackers or load them only after consent; an exempted audience measurement (Matomo set up as the CNIL says) needs none.
checkup-privacy-third-parties-none = The home page loads nothing from other domains.
checkup-privacy-third-parties-some = The home page loads things from { $count ->
    [one] one other domain
   *[other] { $count } other domains
}: { $hosts }. Each receives the visitors' IP address.
checkup-privacy-third-parties-fix = Host fonts, scripts and images yourself rather than loading them from third parties.
checkup-privacy-trackers-none = No known tracker on the home page.
checkup-privacy-trackers-found = Known trackers on the home page: { $companies }.
checkup-privacy-trackers-content = Content loaded from big companies (every visit is reported to them): { $companies }.
checkup-privacy-trackers-fix = Replace Google Analytics with self-hosted Matomo (or nothing), social buttons with plain links, and load any remaining tracker only after consent.
checkup-privacy-trackers-fix-content = Host fonts yourself, embed videos from PeerTube or as "click to load", maps from OpenStreetMap.
