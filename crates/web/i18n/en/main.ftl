# Préau's interface in English.

skip-link = Skip to content
nav-label = Main menu
nav-dashboard = Dashboard
nav-team = Team
nav-settings = Settings
nav-audit = Log
nav-host = Hosting
nav-logout = Log out
footer-text = Préau, free software under the AGPL: your data stays with your association.
required = required
form-has-errors = The form has errors
title-error = Error: { $title }
save = Save
yes = yes
no = no
pagination = Pages
previous = Previous page
next = Next page
page-of = Page { $page } of { $pages }

role-member = Member
role-editor = Editor
role-secretary = Secretary
role-treasurer = Treasurer
role-administrator = Administrator

module-members = Members and dues
module-accounting = Accounting
module-events = Events
module-files = Shared files
module-vault = Password vault
module-checkup = Digital hygiene check-up
module-mailings = Mailings

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

field-email = Email address
field-password = Password
field-password-help = At least 12 characters. A phrase of several words is easy to remember and hard to guess.
field-password-confirm = The same password again
field-new-password = New password
field-current-password = Current password
field-display-name = Your name
field-association-name = Association name
field-slug = Short identifier
field-slug-help = Lower-case letters, digits and dashes, for example "friends-of-preau". Leave empty to derive it from the name.
field-address = Registered address
field-siren = SIREN number
field-siren-help = 9 digits, if the association has one (employer, grants).
field-rna = RNA number
field-rna-help = W followed by 9 digits, given by the prefecture on declaration.
field-contact-email = The association's contact address
field-fiscal-month = First month of the financial year
field-logo = Logo
field-logo-help = A PNG or JPEG image of at most 512 KB.
field-role = Role
field-code = Code
field-code-help = The 6 digits of your app, or a recovery code (for example "k3m9-x2qa").
field-language = Language
field-admin-email = Address of the first administrator
field-admin-email-help = They will receive an invitation by email.
language-browser = The browser's

error-required = This field is required.
error-too-long = This text is too long.
error-email = Enter a valid email address, for example name@example.org.
error-email-taken = An account already exists with this address.
error-slug = Use 2 to 40 lower-case letters, digits or dashes.
error-slug-taken = This identifier is already taken.
error-password-short = The password must be at least 12 characters long.
error-password-mismatch = The two passwords do not match.
error-current-password = The current password is wrong.
error-login-failed = Wrong email address or password.
error-too-many-attempts = { $minutes ->
    [one] Too many attempts. Try again in { $minutes } minute, or reset your password.
   *[other] Too many attempts. Try again in { $minutes } minutes, or reset your password.
}
error-code = This code is not valid. Check your phone's clock and try again.
error-siren = A SIREN has 9 digits with a valid check digit.
error-rna = An RNA number is W followed by 9 digits.
error-month = Choose a month from the list.
error-unknown-choice = Choose a value from the list.
error-logo-type = The logo must be a PNG or JPEG image.
error-logo-size = The logo is larger than 512 KB.
error-last-admin = The association must keep at least one administrator.

error-400-title = Bad request
error-400-text = The request could not be understood. Go back and try again.
error-403-title = Access denied
error-403-text = You do not have access to this page, or the form has expired. Reload the page and try again.
error-404-title = Page not found
error-404-text = This page does not exist, or no longer does.
error-413-title = Upload too large
error-413-text = What you sent is larger than allowed.
error-500-title = Server error
error-500-text = Something went wrong on our side. Nothing already saved was lost.
error-reference = Reference to give to the person who runs the server: { $reference }
error-home = Back to the dashboard

link-unknown-title = Unknown link
link-unknown-text = This link is not valid. Check that it was copied in full.
link-expired-title = Link expired
link-expired-text = This link has expired. Ask for a new one.
link-used-title = Link already used
link-used-text = This link has already been used and works only once.
link-to-login = Go to the login page

setup-title = Set up Préau
setup-intro = Welcome! Create your association and the account of its first administrator. This link works only once.
setup-association = The association
setup-admin = Your account
setup-submit = Create the association

login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
second-factor-title = Two-step verification
second-factor-intro = Enter the code shown by your authenticator app.
second-factor-submit = Verify

forgot-title = Forgotten password
forgot-intro = Give your address: if an account exists, you will receive a link valid for one hour.
forgot-submit = Send the link
forgot-sent-title = Check your email
forgot-sent-text = If an account exists with this address, a link to choose a new password has just been sent. It is valid for one hour.
reset-title = New password
reset-submit = Save the password

mail-reset-subject = Préau: new password
mail-reset-body = Hello { $name },

    To choose a new password, open this link (valid for one hour):
    { $link }

    If you did not ask for this, ignore this message: your password stays the same.
mail-invite-subject = Invitation to join { $association } on Préau
mail-invite-body = Hello,

    { $inviter } invites you to join { $association } on Préau, as { $role }.
    To accept, open this link (valid for 7 days):
    { $link }

invitation-title = Join { $association }
invitation-intro = You are invited to join { $association } as { $role } (invitation sent to { $email }).
invitation-join-as = You are logged in as { $email }.
invitation-join = Join the association
invitation-login-first = An account already exists for this address: log in to accept.
invitation-create = Create my account and join

dashboard-title = Dashboard
dashboard-role = Your role: { $role }
dashboard-switch = Association
dashboard-switch-submit = Switch
dashboard-next-steps = Next steps
dashboard-overview = At a glance
dashboard-team = Team
dashboard-invitations = Pending invitations
dashboard-modules = Modules switched on
dashboard-no-modules = none
dashboard-empty-title = No association yet
dashboard-empty-text = Your account does not belong to any association. Ask an administrator of your association to invite you.
dashboard-empty-host = Create an association
step-settings = Complete the association's details (address, contact)
step-team = Invite the other board members
step-2fa = Protect your account with two-step verification
step-modules = The other modules (accounting, vault, check-up…) arrive in the next versions.
step-members = Record the association's members
team-count = { $count ->
    [0] Nobody
    [one] { $count } person
   *[other] { $count } people
}

settings-title = Association settings
settings-identity = Identity
settings-accounting = Accounting
settings-modules = Modules
settings-modules-help = Switch on only what the association needs; each module can be replaced by a specialist tool.
settings-logo = Logo
settings-logo-current = The association's current logo
settings-no-logo = No logo yet.
settings-logo-submit = Upload the logo

team-title = Team
team-2fa = Two-step
team-actions = Actions
team-role-of = Role of { $name }
team-change-role = Change role
team-remove = Remove { $name }
team-invite-title = Invite someone
team-invite-help = They receive a link by email, valid for 7 days.
team-invite-submit = Send the invitation
team-pending = Pending invitations
team-no-pending = No pending invitation.
team-expires = expires on { $date }
team-revoke = Cancel

audit-title = Activity log
audit-intro = Every important action is recorded here; this log can be neither changed nor erased.
audit-empty = Nothing has been recorded yet.
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-when = When
audit-who = Who
audit-what = Action
audit-detail = Detail

profile-title = My profile
profile-me = About me
profile-email = Login address: { $email }
profile-password = Password
profile-password-submit = Change the password
profile-2fa = Two-step verification
profile-2fa-on = { $count ->
    [one] On. You have { $count } recovery code left.
   *[other] On. You have { $count } recovery codes left.
}
profile-2fa-off = Off. With it, a stolen password is no longer enough to get in.
profile-2fa-enable = Turn on two-step verification
profile-2fa-disable = Turn off
profile-sessions = Open sessions
profile-sessions-help = Devices logged in to your account
session-device = Device
session-address = IP address
session-started = Started
session-seen = Last seen
session-current = This session
session-revoke = Close

two-factor-title = Turn on two-step verification
two-factor-step-app = Install an authenticator app (for example FreeOTP, Aegis or your password manager's).
two-factor-step-scan = Scan this code with the app:
two-factor-qr-alt = QR code to scan with the authenticator app
two-factor-secret = Or type this key:
two-factor-step-code = Enter the 6-digit code it shows.
two-factor-submit = Turn on
two-factor-recovery-intro = Write these recovery codes down and keep them safe: each lets you in once if you lose your phone. They will not be shown again.
two-factor-done = I have written my codes down

host-title = Hosting
host-count = { $count ->
    [one] { $count } hosted association
   *[other] { $count } hosted associations
}
host-people = People
host-audit = Log entries
host-created = Created
host-mail = Mail queue:
host-mail-none = empty.
host-new = New association
host-create = Create and invite

notice-saved = Saved.
notice-invited = Invitation sent.
notice-password-changed = Password changed. Your other sessions were closed.
notice-2fa-enabled = Two-step verification is on.
notice-2fa-disabled = Two-step verification is off.
notice-session-revoked = Session closed.
notice-role-changed = Role changed.
notice-removed = Person removed from the team.
notice-revoked = Invitation cancelled.
notice-association-created = Association created; the invitation is on its way.
notice-reset-done = Password changed. You can log in.
notice-welcome = Welcome!

host-mail-server = Mail server
host-mail-server-help = The SMTP server that sends every association's emails (invitations, forgotten passwords). The password is encrypted with the server key.
field-smtp-url = SMTP server address
field-smtp-url-help = For example smtp://mail.example.org:587?tls=required, or smtps://mail.example.org:465. No user name or password in the address.
field-smtp-username = SMTP user name
field-smtp-password = SMTP password
field-smtp-password-help = Leave empty if the server asks for none.
field-smtp-password-kept = A password is saved; leave empty to keep it.
field-mail-from = Sender
field-mail-from-help = For example "Préau <preau@example.org>".
error-smtp-url = The address must start with smtp:// or smtps:// and contain no space and no "@".
error-mail-from = Give an address, optionally after a name: Name <address@example.org>.

nav-members = Members
cancel = Cancel
module-off-title = Module switched off
module-off-text = This module is not switched on for your association. An administrator can switch it on in the settings.
members-title = Members
members-add = Add a member
members-search = Search
members-search-help = The beginning of a name, first name, email or city; several words narrow it down.
members-search-submit = Show
members-sort = Sort by
members-sort-name = name
members-sort-city = city
members-sort-newest = most recently added
members-empty = No member yet. Add the first one with the button above.
members-none-found = Nobody matches "{ $search }".
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
members-back = Back to the list
member-edit = Correct the record
member-new-title = New member
member-edit-title = Correct the record
member-identity = Identity
member-contact = Contact details
member-since = Record created on
field-first-name = First name
field-last-name = Last name
field-phone = Phone
field-member-address = Address
field-postal-code = Postcode
field-city = City
field-birth-date = Date of birth
field-birth-date-help = For example 14/07/1990.
field-notes = Notes
error-phone = Enter a phone number, for example 06 12 34 56 78.
error-date = Enter a real date in the past, for example 14/07/1990.
