# Bilan d'hygiène numérique : vérifications automatiques (crate checkup), en français.
# Clés produites par crates/checkup ; arguments en texte, nombres convertis au rendu.

checkup-status-pass = Bon
checkup-status-info = À savoir
checkup-status-warning = À améliorer
checkup-status-fail = À corriger
checkup-status-unknown = Non conclu
checkup-theme-domain = Nom de domaine
checkup-theme-mail = Courriel
checkup-theme-web = Site web
checkup-theme-privacy = Vie privée des visiteurs
checkup-report-title = Bilan d'hygiène numérique de { $domain }
checkup-report-score = Note : { $percent } %
checkup-report-overall = Note globale : { $percent } % (chaque thème compte autant)
checkup-report-no-score = Aucune vérification notée n'a pu conclure.
checkup-report-fix = Que faire
checkup-report-took = Vérifié en { $millis } ms.
checkup-domain-registration-title = Enregistrement du domaine
checkup-domain-nameservers-title = Serveurs de noms
checkup-domain-dnssec-title = DNSSEC
checkup-mail-mx-title = Réception du courriel (MX)
checkup-mail-provider-title = Fournisseur de messagerie
checkup-mail-spf-title = SPF
checkup-mail-dkim-title = DKIM
checkup-mail-dmarc-title = DMARC
checkup-mail-mta-sts-title = MTA-STS
checkup-mail-tls-rpt-title = TLS-RPT
checkup-mail-starttls-title = Chiffrement entre serveurs (STARTTLS)
checkup-web-https-title = HTTPS
checkup-web-redirect-title = Redirection vers HTTPS
checkup-web-certificate-title = Certificat
checkup-web-hsts-title = HSTS
checkup-web-headers-title = En-têtes de sécurité
checkup-web-hosting-title = Hébergement du site
checkup-privacy-cookies-title = Cookies déposés sans consentement
checkup-privacy-third-parties-title = Requêtes vers des tiers
checkup-privacy-trackers-title = Traceurs connus
checkup-error-domain-empty = Aucun domaine indiqué.
checkup-error-domain-not-a-name = Indiquez le domaine seul, sans http:// ni adresse de courriel (exemple.fr).
checkup-error-domain-address = Une adresse IP n'est pas un nom de domaine.
checkup-error-domain-single-label = Un nom de domaine a au moins deux parties (exemple.fr).
checkup-error-domain-invalid = Ce nom de domaine n'est pas valide : lettres, chiffres et tirets, 63 caractères au plus par partie.
checkup-unknown-timeout = Pas de réponse en { $seconds } secondes : la vérification n'a pas pu conclure.
checkup-unknown-dns = Le résolveur DNS n'a pas répondu pour { $name } ({ $reason }).
checkup-unknown-no-record = Aucun enregistrement pour { $name }.
checkup-unknown-cname-loop = Les alias (CNAME) de { $name } tournent en boucle : aucun navigateur ne peut trouver le site.
checkup-unknown-connect = Connexion impossible à { $url } ({ $reason }).
checkup-unknown-tls = La connexion chiffrée à { $url } a échoué ({ $reason }).
checkup-unknown-http = { $url } n'a pas répondu comme un serveur web ({ $reason }).
checkup-unknown-smtp = Le serveur de courriel { $host } n'a pas pu être interrogé ({ $reason }).
checkup-unknown-rdap-not-found = Le registre ne connaît pas { $domain } (RDAP 404). Est-ce un sous-domaine ? Vérifiez alors le domaine principal.
checkup-unknown-rdap-rate-limited = Le registre limite les demandes (RDAP 429) ; réessayez plus tard (dans { $after } s).
checkup-unknown-rdap-no-server = Aucun serveur RDAP connu pour l'extension .{ $tld }.
checkup-unknown-rdap-status = Le registre a répondu par une erreur (HTTP { $status }).
checkup-unknown-rdap-invalid = La réponse du registre est illisible ({ $reason }).
checkup-domain-registration-ok = Enregistré chez { $registrar }, jusqu'au { $date } (dans { $days } jours).
checkup-domain-registration-no-expiry = Enregistré chez { $registrar } ; le registre ne publie pas la date d'expiration.
checkup-domain-registration-expires-soon = Le domaine expire le { $date }, dans { $days } jours : sans renouvellement, site et courriel s'arrêtent.
checkup-domain-registration-expired = Le domaine a expiré le { $date }.
checkup-domain-registration-troubled = Le registre indique « { $status } » : le domaine est suspendu ou sur le point d'être perdu.
checkup-domain-registration-fix-renew = Renouvelez le domaine chez { $registrar } dès maintenant, et activez le renouvellement automatique avec un moyen de paiement de l'association.
checkup-domain-registration-fix-holder = Vérifiez que le titulaire est l'association (et non un membre à titre personnel) et que l'adresse de contact est une adresse de fonction partagée.
checkup-domain-registration-fix-not-found = Vérifiez l'orthographe du domaine ; pour un sous-domaine, lancez le bilan sur le domaine principal.
checkup-domain-nameservers-ok = { $count } serveurs de noms : { $names } (hébergeur DNS : { $host }).
checkup-domain-nameservers-one = Un seul serveur de noms ({ $names }) : s'il tombe, site et courriel deviennent injoignables.
checkup-domain-nameservers-none = Aucun serveur de noms n'est déclaré pour ce domaine.
checkup-domain-nameservers-nxdomain = Le domaine { $domain } n'existe pas dans le DNS.
checkup-domain-nameservers-fix-add = Déclarez au moins deux serveurs de noms chez votre bureau d'enregistrement (OVHcloud, Gandi, Infomaniak en fournissent deux ou plus par défaut).
checkup-domain-nameservers-fix-nxdomain = Vérifiez l'orthographe, puis que le domaine est bien enregistré et payé.
checkup-domain-dnssec-ok = Le domaine est signé avec DNSSEC et la signature est valide : les réponses DNS ne peuvent pas être falsifiées.
checkup-domain-dnssec-absent = Le domaine n'est pas signé avec DNSSEC : un attaquant pourrait détourner les visiteurs ou le courriel.
checkup-domain-dnssec-unchained = La zone est signée, mais le registre n'a pas la clé (enregistrement DS) : la signature ne protège encore rien.
checkup-domain-dnssec-bogus = La signature DNSSEC est invalide : les résolveurs qui valident (la plupart des fournisseurs d'accès) ne trouvent plus le domaine.
checkup-domain-dnssec-fix-enable = Activez DNSSEC chez votre hébergeur DNS : un clic chez OVHcloud (Domaines › DNSSEC), Gandi (Domaine › DNSSEC) ou Infomaniak.
checkup-domain-dnssec-fix-ds = Transmettez l'enregistrement DS de la zone à votre bureau d'enregistrement (souvent automatique si le DNS est hébergé chez lui).
checkup-domain-dnssec-fix-bogus = Urgent : re-signez la zone ou retirez l'enregistrement DS chez le bureau d'enregistrement, le temps de corriger les clés.
checkup-mail-mx-ok = { $count ->
    [one] Un serveur reçoit
   *[other] { $count } serveurs reçoivent
    } le courriel : { $hosts }.
checkup-mail-mx-null = Le domaine déclare ne recevoir aucun courriel (MX nul).
checkup-mail-mx-none = Aucun serveur de courriel (MX) : les messages envoyés à une adresse de ce domaine sont perdus.
checkup-mail-mx-fix-none = Si l'association utilise ce domaine pour le courriel, ajoutez les enregistrements MX donnés par votre fournisseur ; sinon publiez « MX 0 . » et « v=spf1 -all ».
checkup-mail-no-mx = Pas de serveur de courriel à vérifier.
checkup-mail-provider-us-platform = Le courriel est hébergé par { $provider }, une grande plateforme américaine : le droit américain (Cloud Act) s'applique aux messages, où qu'ils soient stockés.
checkup-mail-provider-eu-commercial = Le courriel est hébergé par { $provider }, une entreprise européenne.
checkup-mail-provider-associative = Le courriel est hébergé par { $provider }, un hébergeur associatif ou coopératif.
checkup-mail-provider-self-hosted = Le courriel semble auto-hébergé ({ $provider }).
checkup-mail-provider-unknown = Fournisseur de messagerie non reconnu ({ $host }).
checkup-mail-provider-no-mail = Ce domaine ne reçoit pas de courriel.
checkup-mail-provider-fix-us-platform = Pour garder les échanges de l'association en Europe, des hébergeurs associatifs (membres du collectif CHATONS) ou européens proposent des boîtes partagées ; le bilan du questionnaire en tiendra compte.
checkup-mail-spf-ok = SPF en place : { $record }
checkup-mail-spf-none = Pas d'enregistrement SPF : n'importe qui peut envoyer du courriel au nom de l'association.
checkup-mail-spf-several = { $count } enregistrements SPF : les serveurs de réception les ignorent tous.
checkup-mail-spf-weak = SPF présent mais sans consigne claire pour les autres expéditeurs : { $record }
checkup-mail-spf-pass-all = SPF autorise tout le monde (+all) : { $record }
checkup-mail-spf-too-many-lookups = SPF demande { $count } recherches DNS, plus que les 10 permises : il est considéré en erreur.
checkup-mail-spf-broken-include = SPF inclut des enregistrements introuvables : { $names }.
checkup-mail-spf-fix-none = Ajoutez un enregistrement TXT « v=spf1 include:… ~all » avec l'inclusion donnée par votre fournisseur (par exemple mx.ovh.com, _mailcust.gandi.net, spf.infomaniak.ch).
checkup-mail-spf-fix-several = Fusionnez les enregistrements SPF en un seul.
checkup-mail-spf-fix-all = Terminez l'enregistrement SPF par « ~all » (ou « -all » quand tous les expéditeurs sont listés).
checkup-mail-spf-fix-lookups = Retirez les inclusions inutiles (anciens fournisseurs, outils d'envoi abandonnés).
checkup-mail-spf-fix-include = Corrigez ou retirez les inclusions introuvables.
checkup-mail-dkim-ok = Clé DKIM publiée (sélecteurs : { $selectors }).
checkup-mail-dkim-none = Aucune clé DKIM : les messages de l'association ne sont pas signés et passent plus souvent en indésirables.
checkup-mail-dkim-unknown-selector = Des clés DKIM existent peut-être, sous un sélecteur que le bilan ne connaît pas.
checkup-mail-dkim-no-mail = Pas de courriel sur ce domaine : DKIM n'est pas vérifié.
checkup-mail-dkim-fix-none = Activez la signature DKIM chez votre fournisseur de messagerie et publiez la clé qu'il donne (enregistrement TXT ou CNAME).
checkup-mail-dkim-fix-selector = Indiquez le sélecteur DKIM de votre fournisseur dans la configuration du bilan pour qu'il soit vérifié.
checkup-mail-dmarc-ok = DMARC en place, politique « { $policy } » : les faux messages au nom de l'association sont écartés.
checkup-mail-dmarc-partial = DMARC « { $policy } » mais appliqué à une partie des messages seulement.
checkup-mail-dmarc-monitoring = DMARC en simple observation (p=none) : les faux messages passent encore.
checkup-mail-dmarc-none = Pas de DMARC : rien ne dit aux destinataires quoi faire des faux messages au nom de l'association.
checkup-mail-dmarc-several = Plusieurs enregistrements DMARC : ils sont tous ignorés.
checkup-mail-dmarc-invalid = Enregistrement DMARC illisible : { $record }
checkup-mail-dmarc-fix-none = Ajoutez un enregistrement TXT sur _dmarc : « v=DMARC1; p=none; rua=mailto:adresse@votre-domaine » pour commencer, puis passez à p=quarantine.
checkup-mail-dmarc-fix-none-policy = Après quelques semaines de rapports sans surprise, passez à « p=quarantine » puis « p=reject ».
checkup-mail-mta-sts-ok = MTA-STS en mode « enforce » : le courriel entrant exige un chiffrement valide.
checkup-mail-mta-sts-testing = MTA-STS en mode « { $mode } » seulement.
checkup-mail-mta-sts-none = Pas de MTA-STS (recommandé, non noté).
checkup-mail-mta-sts-no-policy = MTA-STS annoncé, mais la politique https://mta-sts.…/.well-known/mta-sts.txt est introuvable ou mal servie.
checkup-mail-mta-sts-fix = Si votre fournisseur le propose, publiez MTA-STS (enregistrement _mta-sts et fichier de politique en HTTPS).
checkup-mail-tls-rpt-ok = TLS-RPT en place : vous recevez les rapports d'échec de chiffrement.
checkup-mail-tls-rpt-none = Pas de TLS-RPT (recommandé, non noté).
checkup-mail-tls-rpt-fix = Ajoutez un enregistrement TXT sur _smtp._tls : « v=TLSRPTv1; rua=mailto:adresse@votre-domaine ».
checkup-mail-starttls-ok = Les serveurs de courriel chiffrent les échanges (STARTTLS) : { $hosts }.
checkup-mail-starttls-ok-certificate = Les serveurs de courriel chiffrent les échanges (STARTTLS) : { $hosts } ; leur certificat n'est pas reconnu, ce qui reste courant entre serveurs.
checkup-mail-starttls-missing = Ces serveurs de courriel ne proposent pas de chiffrement : { $hosts }. Les messages circulent en clair.
checkup-mail-starttls-fix = Demandez à votre fournisseur d'activer STARTTLS, ou changez de fournisseur : tous les hébergeurs sérieux le proposent.
checkup-web-none = Pas de site web : ni { $domain } ni { $www } n'ont d'adresse.
checkup-web-no-https = Le site ne répond pas en HTTPS.
checkup-web-no-page = Aucune page n'a pu être lue.
checkup-web-https-ok = Le site { $host } répond en HTTPS ({ $version }).
checkup-web-https-none = Le site ne répond pas en HTTPS ({ $url } : { $reason }) : ce que tapent les visiteurs circule en clair.
checkup-web-https-fix = Activez un certificat gratuit Let's Encrypt chez votre hébergeur (option « SSL » ou « HTTPS » du panneau d'administration).
checkup-web-redirect-ok = Les visites en HTTP sont redirigées vers { $to }.
checkup-web-redirect-no-http = Le site ne répond qu'en HTTPS.
checkup-web-redirect-other-host = HTTP redirige directement vers un autre nom ({ $to }) : mieux vaut passer d'abord en HTTPS sur le même nom.
checkup-web-redirect-plain = HTTP redirige vers une adresse non chiffrée ({ $to }).
checkup-web-redirect-none = Les visites en HTTP ne sont pas redirigées vers HTTPS (réponse { $status }).
checkup-web-redirect-fix = Activez « forcer HTTPS » chez votre hébergeur, ou ajoutez une redirection permanente (301) de http:// vers https://.
checkup-web-redirect-fix-same-host = Redirigez d'abord vers https:// sur le même nom, puis vers l'autre nom.
checkup-web-certificate-ok = Certificat valide jusqu'au { $date } (dans { $days } jours).
checkup-web-certificate-expires-soon = Le certificat expire le { $date }, dans { $days } jours.
checkup-web-certificate-expired = Le certificat a expiré le { $date } : les navigateurs affichent une alerte de sécurité.
checkup-web-certificate-not-yet-valid = Le certificat n'est pas encore valide.
checkup-web-certificate-wrong-name = Le certificat ne couvre pas { $host } (il couvre : { $names }) : les navigateurs affichent une alerte.
checkup-web-certificate-untrusted = Le certificat n'est pas émis par une autorité reconnue : les navigateurs affichent une alerte.
checkup-web-certificate-invalid = Le certificat est invalide ({ $reason }).
checkup-web-certificate-fix-renew = Renouvelez le certificat, de préférence automatiquement (Let's Encrypt, proposé par la plupart des hébergeurs).
checkup-web-certificate-fix-name = Demandez un certificat qui couvre aussi ce nom (avec et sans www).
checkup-web-hsts-ok = HSTS en place ({ $days } jours) : les navigateurs n'essaient plus HTTP.
checkup-web-hsts-short = HSTS en place mais pour { $days } jours seulement (un an recommandé).
checkup-web-hsts-none = Pas de HSTS : un visiteur sur un réseau piégé peut être ramené en HTTP.
checkup-web-hsts-invalid = En-tête HSTS illisible : { $value }
checkup-web-hsts-fix = Ajoutez l'en-tête « Strict-Transport-Security: max-age=31536000 » (option HSTS de l'hébergeur, ou configuration du serveur).
checkup-web-headers-ok = Les en-têtes de sécurité recommandés sont présents.
checkup-web-headers-missing = En-têtes de sécurité absents (recommandés, non notés) : { $headers }.
checkup-web-headers-fix = Ajoutez ces en-têtes dans la configuration du serveur ou via une extension de votre CMS (WordPress, SPIP…).
checkup-web-hosting-known = Le site est hébergé par { $host } ({ $country }).
checkup-web-hosting-us-platform = Le site est hébergé par { $host }, une grande plateforme américaine ({ $country }).
checkup-web-hosting-unknown = Hébergeur non reconnu (adresses : { $addresses }).
checkup-privacy-cookies-none = Aucun cookie n'est déposé à la première visite.
checkup-privacy-cookies-some = { $count ->
    [one] Un cookie déposé
   *[other] { $count } cookies déposés
    } dès la première visite, sans consentement : { $names }.
checkup-privacy-cookies-tracking = Des cookies de mesure d'audience ou de publicité sont déposés sans consentement : { $names }.
checkup-privacy-cookies-fix-some = Vérifiez que ces cookies sont strictement nécessaires (session, panier) ; sinon, ne les déposez qu'après accord du visiteur.
checkup-privacy-cookies-fix-tracking = Retirez ces traceurs ou ne les chargez qu'après consentement ; une mesure d'audience exemptée (Matomo configuré selon la CNIL) n'en a pas besoin.
checkup-privacy-third-parties-none = La page d'accueil ne charge rien depuis d'autres domaines.
checkup-privacy-third-parties-some = La page d'accueil charge des éléments depuis { $count ->
    [one] un autre domaine
   *[other] { $count } autres domaines
    } : { $hosts }. Chacun reçoit l'adresse IP des visiteurs.
checkup-privacy-third-parties-fix = Hébergez vous-même polices, scripts et images plutôt que de les charger chez des tiers.
checkup-privacy-trackers-none = Aucun traceur connu sur la page d'accueil.
checkup-privacy-trackers-found = Traceurs connus sur la page d'accueil : { $companies }.
checkup-privacy-trackers-content = Contenus chargés chez de grandes entreprises (chaque visite leur est signalée) : { $companies }.
checkup-privacy-trackers-fix = Remplacez Google Analytics par Matomo auto-hébergé (ou rien), les boutons de réseaux sociaux par de simples liens, et ne chargez les traceurs restants qu'après consentement.
checkup-privacy-trackers-fix-content = Hébergez les polices vous-même, intégrez les vidéos depuis PeerTube ou en « clic pour charger », les cartes depuis OpenStreetMap.
