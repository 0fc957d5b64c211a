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

# Dues: statuses, types, payments, categories, households, reminders.
date-never-ends = no end
status-up-to-date = up to date
status-due-soon = due soon
status-late = late
status-lapsed = lapsed
status-never = never a member
members-status = Dues
members-filters = Filter
members-category = Category
members-type = Membership type
members-year = Membership year
members-year-help = For example 2025: people who were members at some point that year.
filter-any = All
member-number = Member number
member-paid-until = Membership valid until
member-back = Back to { $name }'s record
member-memberships = Memberships
member-memberships-none = No membership recorded.
member-payments = Payments
member-payments-none = No payment recorded.
member-categories-legend = This person's categories
member-household = Household
member-household-none = This person belongs to no household.
member-household-payer = pays for the household
member-emails = Emails sent
member-emails-none = Préau has sent this person no email.
member-history = Record history
member-history-none = No change recorded.
field-payer = Join the household of member number
field-payer-help = The number of the person who pays the household's membership. Leave empty to take this person out of their household.
error-payer = Enter the number of another member who is not in someone else's household.
period-start = From
period-end = To
dues-type = Membership type
dues-types-title = Membership types
dues-types-intro = Each type says which period a payment covers and what it costs.
dues-types-empty = No membership type yet. Create one to record dues.
dues-types-back = Back to membership types
dues-type-add = Create a membership type
dues-type-new-title = New membership type
dues-type-edit-title = Change the membership type
dues-type-household = Household membership
dues-type-household-help = One payment covers everyone in the payer's household.
dues-type-archived = archived
dues-type-archive = Archive this type
dues-type-archive-help = It is no longer offered for new payments; the history is kept.
field-name = Name
field-dues-name-help = For example "Annual membership" or "2025-2026 season".
field-rule = Period covered
field-rule-help = How a payment becomes a period of membership. A renewal before the end follows on from the running period.
rule-calendar = calendar year (1 January – 31 December)
rule-fiscal = the association's fiscal year
rule-rolling = 12 months from the payment
rule-season = season (chosen start date)
rule-fixed = fixed dates
rule-lifetime = lifetime
rule-oneoff = one-off (the payment day)
rule-season-from = season from { $month } { $day }
rule-fixed-from = from { $start } to { $end }
field-season-month = Season start month
field-season-help = For a season only, for example 1 September for a school year.
field-season-day = Season start day
field-fixed-start = Start (fixed dates)
field-fixed-help = For fixed dates only, for example 01/07/2026.
field-fixed-end = End (fixed dates)
field-tariff = Tariff
field-tariff-help = One price, a price by the person's category, or a free amount with a minimum.
tariff-fixed = one price
tariff-category = price by category
tariff-free = free amount
tariff-free-from = free, from { $amount }
field-amount = Amount
field-amount-help = In euros, for example 20 or 12.50. For a free amount: the minimum (0 if none). For prices by category: the normal price.
field-category-prices-help = Price by category (leave empty for the normal price). Someone in several categories pays the lowest.
field-price-for = Price "{ $category }"
field-income-account = Income account
field-income-account-help = The account the books will record these dues in: 756 by default.
error-amount = Enter an amount in euros, for example 12.50.
error-amount-decimals = An amount has at most two decimals.
error-amount-too-large = This amount is too large.
error-amount-below-price = The amount is below the tariff ({ $price }).
error-date-any = Enter a real date, for example 01/09/2026.
error-date-range = The date must be in the past and after 1990.
error-day = Enter a day that exists in that month.
error-days = Enter a number of days.
error-end-before-start = The end must come after the start.
error-income-account = An income account starts with 7, for example 756.
error-name-taken = This name is already used.
error-no-dues-type = Create a membership type first.
payment-record = Record dues
payment-new-title = Dues of { $name }
payment-no-type = There is no membership type yet.
payment-recorded-by = Recorded by
notice-payment-recorded = Dues recorded.
field-payment-amount-help = Leave empty for this person's tariff.
field-paid-on = Payment date
field-paid-on-help = For example 14/09/2026.
field-method = Payment method
method-cash = cash
method-cheque = cheque
method-transfer = bank transfer
method-card = card
method-debit = direct debit
method-helloasso = HelloAsso
field-reference = Reference
field-reference-help = Cheque number, transfer reference… (optional)
categories-title = Categories
categories-intro = Groups of people: students, board, benefactors… A tariff may depend on the category.
categories-empty = No category yet.
categories-none-yet = No category exists yet.
categories-manage = Manage categories
categories-members = People
categories-add = Add a category
categories-name-help = For example "Student" or "Board member".
categories-rename = New name for "{ $name }"
categories-delete = Delete "{ $name }"
actions = Actions
rename = Rename
email-queued-at = Sent on
email-what = Email
email-status = Status
reminder-for = Reminder for the end on { $end } ({ $offset } days)
mail-status-pending = waiting to be sent
mail-status-sent = sent
mail-status-failed = failed for good
mail-status-gone = cleared from the queue
action-member-create = Record created
action-member-update = Record corrected
action-member-categories = Categories changed
action-member-household = Household changed
action-payment-record = Dues recorded
action-dues-reminder = Dues reminder sent
reminders-title = Dues reminders
reminders-on = Reminders are on: Préau sends them every day to the people concerned.
reminders-off = Reminders are off. Preview them, then switch them on.
reminders-failing = { $count ->
    [one] One reminder could not be sent yet: the mail server does not answer, Préau keeps trying.
   *[other] { $count } reminders could not be sent yet: the mail server does not answer, Préau keeps trying.
}
reminders-status-legend = When are dues "due soon" or "late"?
field-due-soon-days = "Due soon" this many days before the end
field-due-soon-days-help = For example 30.
field-grace-days = "Late" for this many days after the end, then "lapsed"
field-grace-days-help = For example 90.
reminders-mail-legend = Reminder email
field-offsets = Send a reminder on these days from the end
field-offsets-help = In days, separated by commas: -30 for thirty days before, 0 on the day, 15 a fortnight after. Six at most.
error-offsets = Enter at most six numbers between -365 and 365, separated by commas, for example -30, 0, 15.
field-reminder-subject = Subject
field-reminder-body = Text
field-reminder-text-help = Leave empty for Préau's text. You may write {"{"}prenom{"}"} (first name), {"{"}nom{"}"} (last name), {"{"}association{"}"}, {"{"}echeance{"}"} (end date) and {"{"}montant{"}"} (amount).
reminders-preview = Preview
reminders-enable = Switch reminders on
reminders-disable = Switch reminders off
reminders-preview-title = Preview
reminders-preview-sample = (made-up person: nobody is concerned yet)
reminders-enable-help = If the preview suits you, switch reminders on with the button above.
error-preview-first = Preview the reminder as it will be sent before switching it on.
mail-to = To
reminders-upcoming = Reminders planned in the next 60 days
reminders-upcoming-none = No reminder planned in the next 60 days.
reminders-upcoming-count = { $count ->
    [one] { $count } reminder
   *[other] { $count } reminders
}
reminders-day = Sending day
mail-reminder-subject = Your membership of { $association }
mail-reminder-body =
    Hello { $first_name },

    Your membership of { $association } ends on { $end }. Renewing it costs { $amount }.

    Thank you for your support!
    { $association }

# Exports.
export-format = Export these members as
export-format-csv = CSV (LibreOffice, other programs)
export-format-csv-excel = CSV for Excel
export-format-ods = ODS (LibreOffice)
export-format-xlsx = XLSX (Excel)
export-format-vcf = vCard (address book)
export-submit = Download
export-bad-format-title = Unknown export format
export-bad-format-text = Choose one of these formats: { $formats }.
export-sheet-name = Members
export-col-number = Number
export-col-last-name = Last name
export-col-first-name = First name
export-col-email = Email
export-col-phone = Phone
export-col-address = Address
export-col-postal-code = Postal code
export-col-city = City
export-col-birth-date = Date of birth
export-col-notes = Notes
export-col-status = Membership status
export-col-paid-until = Valid until
export-col-categories = Categories

# Imports.
import-title = Import members
import-intro = Import a file exported from Galette, Paheko or HelloAsso, or your own spreadsheet.
import-intro-formats = Accepted formats: CSV (UTF-8 or Windows-1252, separated by ";" or ","), ODS (LibreOffice) and XLSX (Excel). The first line must name the columns.
import-intro-limit = At most { $limit } lines per file.
import-intro-all-or-nothing = You will see how each column is read and every problem before anything is saved; the import is done whole or not at all.
import-file = File
import-file-help = CSV, ODS or XLSX.
import-format = Where the file comes from
import-format-help = "Recognise" is usually enough: Préau reads the column headers.
import-format-auto = Recognise automatically
import-format-galette = Galette export
import-format-paheko = Paheko export
import-format-helloasso = HelloAsso export
import-format-csv = Spreadsheet or other file
import-duplicates = Someone already there
import-duplicates-help = A person is recognised by their email address, or by their names and date of birth.
import-duplicates-skip = leave them as they are (skip the line)
import-duplicates-update = fill in and correct their record
import-duplicates-create = create a new record anyway
import-upload = Read the file
import-check-title = Check the import
import-start-again = Choose another file
import-file-read = File "{ $file }", read as: { $source }.
import-columns = Columns
import-columns-help = Check how each column will be read; correct it if needed, then check again.
import-column = Column of the file
import-column-unnamed = Column { $n } (no name)
import-samples = Examples
import-read-as = Read as
import-check-again = Check again
import-apply = Import
import-result = Result of the check
import-field-ignore = (ignore)
import-field-first-name = First name
import-field-last-name = Last name
import-field-full-name = Full name
import-field-email = Email address
import-field-phone = Phone
import-field-address = Address
import-field-postal-code = Postal code
import-field-city = City
import-field-birth-date = Date of birth
import-field-notes = Notes
import-field-categories = Categories (separated by commas)
import-field-amount = Dues: amount
import-field-paid-on = Dues: payment date
import-field-membership-type = Dues: membership type
import-field-method = Dues: payment method
import-counts = { $created } record(s) to create, { $updated } to update, { $skipped } skipped, { $payments } payment(s) to record.
import-dry-run = dry run: nothing was written
import-refused = { $count ->
    [one] One problem prevents the import: correct the file or how columns are read; nothing was saved.
   *[other] { $count } problems prevent the import: correct the file or how columns are read; nothing was saved.
}
import-more-problems = { $count ->
    [one] … and one more problem.
   *[other] … and { $count } more problems.
}
import-problem = line { $line }, column "{ $column }": { $reason }
import-problem-line = line { $line }: { $reason }
import-value = value "{ $value }"
notice-imported = Import done.
error-file-missing = Choose a file.
error-file-empty = This file is empty, or has no filled line.
error-file-not-what-it-says = This file ends in .{ $extension } but holds something else ({ $found }). Save it again in the right format.
error-file-old-excel = This is an old Excel file (.xls). Save it as XLSX, ODS or CSV, then try again.
error-file-password = This workbook is protected by a password. Remove the protection, save, then try again.
error-file-not-a-table = This file is not a table (CSV, ODS or XLSX).
error-file-too-many-rows = This file has more than { $limit } lines. Split it into several files.
error-file-too-large = This file is too large once unpacked. Split it into several files.
error-file-malformed = The file could not be cut into lines from line { $line } on (an unclosed quote?).
error-file-unreadable = This file is damaged and cannot be read.
error-import-no-name-column = No name column was recognised: at least a "Last name", "First name" or "Full name" column is needed. Say how to read the columns.
error-import-unknown-category = unknown category; create it first or correct the file
error-import-unknown-type = unknown membership type; create it first or correct the file
error-import-type-missing = say which membership type was paid (the association has several)
error-import-duplicate-in-file = this person is already on line { $line } of the file (same email address, or same names and date of birth)

# Saved searches and bulk actions.
saved-title = Saved searches
saved-empty = No saved search yet. Search or choose filters, then save the search below.
saved-shared = shared with the team
saved-by = shared by { $name }
saved-delete = Delete “{ $name }”
saved-save = Save this search
saved-name = Name of the search
saved-name-help = For example “Late dues in Lyon”. The search, sort and filters shown are kept.
saved-share = Share with the team
saved-share-help = The rest of the team will see it in their list; only you can delete it.
saved-save-submit = Save the search
notice-search-saved = Search saved.
error-search-name-taken = You already have a search with this name.
bulk-select = Select
bulk-legend = Act on several people
bulk-scope = Apply to
bulk-scope-ticked = the people ticked
bulk-scope-all = { $count ->
    [one] the one person of this search
   *[other] all { $count } people of this search
}
bulk-action = Action
bulk-action-category-add = Add to a category
bulk-action-category-remove = Remove from a category
bulk-action-email = Write an email
bulk-action-export = Export
bulk-category = Category
bulk-category-help = To add to a category or remove from it.
bulk-choose = Choose…
bulk-format = Export format
bulk-format-help = To export.
bulk-submit = Apply
notice-bulk-done = Category updated for the people chosen.
notice-bulk-mail = The messages are in the sending queue.
error-bulk-action = Choose an action.
error-bulk-none-ticked = Tick at least one person in the list, or choose everyone of this search.
error-bulk-nobody = Nobody matches this selection.
error-bulk-category = Choose a category from the list.
bulk-email-title = Write to the people chosen
bulk-email-recipients = { $count ->
    [one] This message will go to one person.
   *[other] This message will go to { $count } people, each receiving their own.
}
bulk-email-without = { $count ->
    [one] One person chosen has no email address: they will receive nothing.
   *[other] { $count } people chosen have no email address: they will receive nothing.
}
bulk-email-nobody = None of the people chosen has an email address: there is nobody to write to.
bulk-email-subject = Subject
bulk-email-body = Message
bulk-email-help = You may write {"{"}prenom{"}"} (first name), {"{"}nom{"}"} (last name) and {"{"}association{"}"}: each message puts in the person's own.
bulk-email-preview = Preview
bulk-email-preview-title = Preview of the first message
bulk-email-send-help = Check the preview, then send. Changing the text needs a new preview.
bulk-email-send = { $count ->
    [one] Send the message
   *[other] Send the { $count } messages
}
error-bulk-preview-first = Preview the message as it will leave before sending it.

# RGPD, self-service and directory.
nav-me = My membership
nav-directory = Directory
purpose-newsletter = Newsletter
purpose-newsletter-text = I agree to receive the association's newsletter by email. I can unsubscribe at any time.
purpose-photos = Photos
purpose-photos-text = I agree that photos of me taken at the association's activities may be published in its media (website, networks, newsletter).
purpose-directory = Members' directory
purpose-directory-text = I agree that my name, city, email address and phone appear in the directory other members see.
register-security = Personal accounts with a password (and two-step verification offered), roles limiting who sees what, an action log, backups, hosting chosen by the association.
register-members-name = Member management
register-members-purpose = Keep the list of members, contact them, run the association.
register-members-basis = Performance of the membership contract (GDPR article 6.1.b); consent for the newsletter, photos and directory.
register-members-subjects = Members and former members.
register-members-data = Identity, contact details, date of birth, categories, consents.
register-members-recipients = Authorised board members; no one outside the association.
register-members-retention = During membership, then three years after the last membership; identity erased after that.
register-dues-name = Dues
register-dues-purpose = Record dues, follow renewals, send reminders.
register-dues-basis = Performance of the membership contract (GDPR article 6.1.b).
register-dues-subjects = Members.
register-dues-data = Amounts, dates, payment methods, membership periods, reminders sent.
register-dues-recipients = Treasurer and board.
register-dues-retention = Ten years for accounting records (French Commercial Code L123-22); identity erased under the members' rule.
register-accounting-name = Accounting
register-accounting-purpose = Keep the association's books, produce the annual accounts and tax receipts.
register-accounting-basis = Legal obligation (GDPR article 6.1.c).
register-accounting-subjects = Members, donors, suppliers.
register-accounting-data = Entries, receipts, donors' identity for tax receipts.
register-accounting-recipients = Treasurer, accountant or auditor, tax authority on request.
register-accounting-retention = Ten years after the fiscal year is closed.
privacy-title = Personal data (GDPR)
privacy-intro = What the association promises its members: what it keeps, why, for how long, and how it erases.
privacy-back = Back to personal data
privacy-erasures = Erasure requests
privacy-erasures-none = No erasure request.
erasure-pending = pending
erasure-done = done
erasure-refused = refused
privacy-refusal-reason = Reason for refusing
privacy-refusal-reason-help = Required to refuse, for example dues under dispute.
privacy-erase-now = Erase the identity
privacy-refuse = Refuse
error-reason = Give the reason for refusing.
privacy-retention = Retention
privacy-retention-help = Former members are pseudonymised every day after this many years: their identity is erased, their dues stay in the books (kept ten years).
field-retention-years = Pseudonymise former members after (years)
field-retention-years-help = Three years after the last membership is what the CNIL recommends.
error-years = Enter a number of years between 1 and 50.
privacy-retention-enabled = Apply this rule every day
privacy-retention-due = { $count ->
    [0] Nobody would be pseudonymised today.
    [one] One person would be pseudonymised today.
   *[other] { $count } people would be pseudonymised today.
}
privacy-purposes = Consents
privacy-purposes-help = What members may accept or refuse. Changing the text makes a new version; each consent keeps the version accepted.
privacy-version = version { $version }
field-purpose-label = Title
field-purpose-text = Text shown to members
privacy-purpose-archived = No longer offer
privacy-purpose-new = New consent
privacy-purpose-add = Add this consent
privacy-register = Register of processing activities
privacy-register-help = The register of processing activities (GDPR article 30), pre-filled for members, dues and accounting. Complete it and export it.
privacy-register-export = Export the register (CSV)
register-new-title = Add a processing activity
register-edit-title = Change the processing activity
register-delete = Delete this activity
register-field-name = Activity
register-field-purpose = Purpose
register-field-legal-basis = Legal basis
register-field-data-subjects = People concerned
register-field-data-categories = Data processed
register-field-recipients = Recipients
register-field-retention = Retention
register-field-security = Security measures
member-consents = Consents
member-consents-none = No consent is offered.
member-consents-legend = Consents collected (for example on the paper form)
consent-given = answer of { $at }, { $source }
consent-source-member = by the person
consent-source-team = by the team
consent-source-import = by import
member-pseudonymised = This person's identity was erased (GDPR); their dues stay in the books.
member-erase = Erase the identity
member-erase-help = Erases the name, contact details, date of birth and notes; the dues stay, anonymous, in the books. Cannot be undone.
member-erase-confirm = I confirm erasing this person's identity
member-erase-submit = Erase the identity
notice-erased = Identity erased.
notice-erase-unconfirmed = Nothing was erased: tick the confirmation box.
notice-erasure-requested = Your erasure request was sent to the association.
action-member-consents = Consents changed
action-member-pseudonymise = Identity erased
action-member-erasure-request = Erasure requested
action-member-erasure-refused = Erasure refused
action-member-self-update = Contact details corrected by the person
action-member-data-export = Data downloaded by the person
me-title = My membership
me-none = No member record is linked to your account in this association. Ask the team to put your email address on your record.
me-names-help = To correct your name, email address or date of birth, write to the association's team.
me-contact = My contact details
me-consents = My consents
me-consents-legend = What I accept
me-data = My data
me-data-help = Download everything the association keeps about you (GDPR articles 15 and 20).
me-data-json = Download (JSON)
me-data-csv = Download (CSV, spreadsheet)
me-erasure = Erase my data
me-erasure-help = You may ask for your data to be erased. The association erases your identity; your dues stay, anonymous, in its books, which it must keep ten years.
me-erasure-confirm = I ask for my data to be erased
me-erasure-submit = Ask for erasure
me-erasure-pending = Your erasure request is being handled.
error-confirm-erasure = Tick the box to confirm your request.
directory-title = Members' directory
directory-intro = The members who chose to be in it. Anyone can join or leave it from "My membership".
directory-empty = Nobody has chosen to be in the directory yet.

# The association's own member fields.
fields-title = Record fields
fields-intro = What the association adds to its records: T-shirt size, skills, medical certificate date… For each, who sees it and who changes it.
fields-empty = No field added yet.
fields-back = Back to record fields
field-new-title = Add a field
field-edit-title = Change the field
field-label = Title
field-kind = Type
field-kind-help = The type cannot change once the field exists.
field-kind-text = text
field-kind-number = number
field-kind-date = date
field-kind-yesno = yes / no
field-kind-choice = one choice from a list
field-kind-multiple = several choices from a list
field-kind-email = email address
field-kind-phone = phone
field-choices = Possible choices
field-choices-help = One per line, for the "choice" types.
error-choices = Give at least one choice, one per line.
error-number = Enter a number, for example 12 or 12.5.
error-position = Enter a number between 0 and 10,000.
field-required = Required
fields-who = Who sees it
fields-who-help = The team always sees and changes every field.
fields-who-team = the team
fields-who-member-sees = the person sees it in their space
fields-who-member-edits = the person may change it
fields-who-directory = it appears in the directory
field-position = Order
field-position-help = Fields are shown from the smallest number to the largest.
field-archive = Archive this field (values are kept)
member-custom = The association's own information

# Import progress.
import-progress-title = Import under way
import-progress-rows = { $done } lines written of { $total }.
import-progress-label = Progress
import-progress-help = This page updates itself. The import is done whole or not at all: nothing shows in the list before the end.
import-progress-refresh = Refresh
import-field-custom = Association's field: { $label }

## Accounting
nav-accounting = Accounting
accounting-title = Accounting
accounting-back = Back to accounting
accounting-empty = No open fiscal year. Open one to start recording income and expenses.
accounting-surplus = Surplus so far
accounting-deficit = Deficit so far
date-help = For example 2026-03-14 or 14/03/2026.
amount-help = In euros, for example 12.50.
total = Total
page-n = Page { $page }
error-not-found = Not found.
years-title = Fiscal years
years-empty = No fiscal year yet.
year = Fiscal year
year-state = State
year-open = Open
year-closed-on = Closed on { $date }
year-title = Fiscal year { $start } to { $end }
year-details = Fiscal year details
year-back = Back to the fiscal year
year-new = Open a fiscal year
year-new-help = A fiscal year usually lasts twelve months; the first may be shorter or longer (24 months at most). It starts the day after the previous one ends.
year-start = First day
year-end = Last day
year-new-submit = Open the fiscal year
year-no-entries = No entries in this fiscal year.
error-year-end-before-start = The last day must come after the first.
error-year-too-long = A fiscal year lasts 24 months at most.
error-year-overlap = This fiscal year overlaps an existing one.
error-year-gap = The fiscal year must start the day after the last one ends (or end the day before the first).
journal = Journal
journal-title = General journal – { $year }
journal-back = Back to the journal
journal-BQ = Bank
journal-CA = Cash
journal-OD = Miscellaneous
journal-AN = Opening balances
balance = Trial balance
balance-title = Trial balance – { $year }
ledgers = Accounts with entries
ledger-title = Ledger of account { $account } – { $year }
ledger-empty = No line on this account in this fiscal year.
ledger-carried = Balance carried forward
account = Account
account-label = Name
account-balance = Balance
debit = Debit
credit = Credit
in-kind-uses = Use of in-kind contributions (86)
in-kind-resources = In-kind contributions received (87)
accounts-title = Chart of accounts
accounts-intro = The French associations' chart of accounts (2025 numbering). You can add sub-accounts (for example 5121 for each bank account), rename or hide an account, and give a bank account's IBAN.
accounts-all = Show every account
accounts-short = Show the usual accounts
account-hidden = hidden
account-hide = Hide this account from entry forms
account-change = Change account { $code }
account-add = Add a sub-account
account-code-help = The number starts with an existing account's, for example 5121 under 512.
error-account-code = An account number has 3 to 10 digits and starts with 1 to 8.
error-account-exists = This account exists already.
error-account-parent = This number extends no account of the chart.
error-account-unknown = Unknown account: add it to the chart first.
error-iban = Invalid IBAN: check the digits.
entry-kinds = Kind of transaction
entry-kind-income = Income
entry-kind-expense = Expense
entry-kind-transfer = Internal transfer
entry-kind-debt = Debt
entry-kind-receivable = Receivable
entry-new-income = Record income
entry-new-expense = Record an expense
entry-new-transfer = Record an internal transfer
entry-new-debt = Record a debt
entry-new-receivable = Record a receivable
entry-new-advanced = Advanced entry
entry-edit-title = Change the entry
entry-help-income = Money received: dues, a donation, a grant, a sale. It arrives on a bank account or in the cash box.
entry-help-expense = Money spent: a purchase, an invoice, expenses. It leaves a bank account or the cash box.
entry-help-transfer = Money moved between two of the association's accounts, for example cash paid into the bank.
entry-help-debt = An expense not paid yet: an invoice to pay, expenses a volunteer advanced.
entry-help-receivable = Income not received yet: a grant awarded, dues owed.
entry-category-income = Kind of income
entry-category-receivable = Kind of income
entry-category-expense = Kind of expense
entry-category-debt = Kind of expense
entry-category-transfer = To the account
entry-payment-income = Received on
entry-payment-expense = Paid from
entry-payment-transfer = From the account
entry-payment-debt = Owed to
entry-payment-receivable = Owed by
entry-date = Date
entry-label = Label
entry-label-help = What it is, in a few words: "Paper for the general meeting".
entry-reference = Voucher
entry-reference-help = Invoice, cheque or receipt number (optional).
entry-more-accounts = Show every account of the chart
entry-advanced-help = A double entry: as many lines as needed, total debits equal to total credits.
entry-lines = Lines
entry-line-label = Line label
entry-line-account = Account of line { $line }
entry-line-debit = Debit of line { $line }
entry-line-credit = Credit of line { $line }
entry-line-label-n = Label of line { $line }
entry-more-lines = Add lines
entry-title = Entry: { $label }
entry-journal = Journal
entry-origin = Origin
entry-origin-simple = Simple entry
entry-origin-advanced = Advanced entry
entry-origin-opening = Opening balances from the previous year
entry-origin-dues = Recorded dues
entry-origin-reversal = Reversal
entry-origin-import = Import
entry-origin-bank = Bank statement
entry-origin-recurring = Recurring entry
entry-origin-demo = Demonstration data (preau admin demo-books)
entry-see-payment = see the payment
entry-reverses = cancels entry { $id }
entry-state = State
entry-open = Can be changed (open fiscal year)
entry-sealed = Sealed, no. { $number } of the closed fiscal year
entry-edit = Change
entry-delete = Delete the entry
entry-correct = Correct this entry
entry-locked-help = This entry belongs to a closed fiscal year: it can no longer be changed or deleted. To correct it, record an entry that cancels it (a reversal) in the open year, then record the right one.
entry-reverse = Reverse today
entry-reversal-label = Cancellation: { $label }
error-amount-zero = Give an amount above zero.
error-entry-category = This account does not suit this kind of transaction.
error-entry-payment = This account does not suit this kind of transaction.
error-entry-same-account = The two accounts must differ.
error-entry-no-year = No fiscal year covers this date: open the fiscal year first.
error-entry-closed-year = This date falls in a closed fiscal year: its entries can no longer change.
error-entry-too-few-lines = An entry has at least two lines with an amount.
error-entry-empty-line = Give a debit or a credit.
error-entry-both-sides = A line carries a debit or a credit, not both.
error-entry-unbalanced = The entry does not balance: debits { $debit }, credits { $credit }, a difference of { $difference }.
notice-entry-saved = Entry saved.
notice-entry-deleted = Entry deleted.
notice-entry-locked = This entry is sealed: correct it with a reversal.
notice-entry-no-open-year = No open fiscal year covers this date.
notice-year-closed = Fiscal year closed: entries sealed, opening balances recorded in the next year.
notice-payments-posted = Payments posted.
payments-unposted-title = Dues to post
payments-unposted = { $count ->
    [one] One dues payment is not in the books yet (no fiscal year was open on its date when it was recorded).
   *[other] { $count } dues payments are not in the books yet (no fiscal year was open on their date when they were recorded).
}
payments-post = Post the payments
close-title = Close the fiscal year
close-help = Closing numbers and seals every entry (they can no longer change), computes the result and records the opening balances in the next fiscal year, created if missing.
close-assignment = Where the result goes
close-assignment-help = The general meeting usually decides: leave "pending" if it has not met yet.
close-assign-pending = Pending the general meeting (120 surplus / 129 deficit)
close-assign-1068 = Reserves for the association's projects (1068)
close-assign-110 = Carried forward (110 / 119)
close-confirm = I have checked the entries: close the fiscal year.
close-submit = Close the fiscal year
close-in-kind-unbalanced = Cannot close: the use of in-kind contributions (86) and those received (87) differ by { $difference }; they must be equal.
close-unbalanced = Cannot close: the entries do not balance (a difference of { $difference }).
error-close-confirm = Tick the box to confirm the closing.
error-year-closed = This fiscal year is closed already.
error-year-earlier-open = An earlier fiscal year is still open: close it first.
error-year-next-overlaps = The next fiscal year cannot be created: it would overlap an existing one.
error-year-books = The books do not allow closing (see above).
seal-title = Seal
seal-intact = Checked: the entries are exactly those of the closing.
seal-broken = The entries changed since the closing
seal-changed = Entry no. { $number } no longer matches its seal.
seal-missing = Entries missing between no. { $after } and no. { $next }.
seal-unsealed = An entry (id { $id }) was added after the closing.
seal-head = The last fingerprint is not the closing's: entries were added or removed at the end.
seal-last-hash = Closing fingerprint (SHA-256):
fec-download = Download the FEC
fec-import-title = Import a FEC
fec-import-help = The accounting entries file (FEC) of other software: its entries are added, all or nothing, to the fiscal years covering their dates; missing years are opened for twelve months from the first month set in the settings. A closed year receives nothing.
fec-file = FEC file
fec-file-help = A text file, columns separated by tabs or vertical bars.
fec-check-only = Only check, record nothing
fec-import-submit = Import
fec-counts = { $entries } entries, { $lines } lines to import.
fec-problems = { $count ->
    [one] One problem, nothing was recorded
   *[other] { $count } problems, nothing was recorded
}
notice-fec-imported = FEC imported.
error-fec-refused = The file was not imported: see the problems below.
error-fec-already-imported = This file was imported already.
error-fec-account-unknown = account number unknown to the chart of accounts
error-fec-header = the first line is not the FEC header (18 named columns)
error-fec-column-count = { $found } columns instead of { $expected }
error-fec-date = invalid date (expected YYYYMMDD)
error-fec-amount = invalid amount
error-fec-sens = invalid direction (D or C)
error-fec-account = invalid account number
error-fec-debit-and-credit = both a debit and a credit
error-fec-unbalanced = entry { $entry } does not balance (a difference of { $difference })
error-fec-entry-date = the lines of entry { $entry } are not on the same date
error-fec-invalid-entry = invalid entry
statement = Income statement
statement-title = Income statement – { $year }
balance-sheet = Balance sheet
balance-sheet-title = Balance sheet – { $year }
statement-heading = Item
statement-gross = Gross
statement-depreciation = Depreciation
statement-current = This year
statement-previous = Previous year
report-download = Download:
pdf-page = Page
entry-number = No.
