# Interface de Préau, en français (langue par défaut).

skip-link = Aller au contenu
nav-label = Menu principal
nav-dashboard = Tableau de bord
nav-team = Équipe
nav-settings = Paramètres
nav-audit = Journal
nav-host = Hébergement
nav-logout = Se déconnecter
footer-text = Préau, logiciel libre sous licence AGPL : vos données restent à votre association.
required = obligatoire
form-has-errors = Le formulaire contient des erreurs
title-error = Erreur : { $title }
save = Enregistrer
yes = oui
no = non
pagination = Pages
previous = Page précédente
next = Page suivante
page-of = Page { $page } sur { $pages }

role-member = Adhérent·e
role-editor = Rédacteur·rice
role-secretary = Secrétaire
role-treasurer = Trésorier·ère
role-administrator = Administrateur·rice

module-members = Adhérent·es et cotisations
module-accounting = Comptabilité
module-events = Événements
module-files = Fichiers partagés
module-vault = Coffre-fort de mots de passe
module-checkup = Bilan d'hygiène numérique
module-mailings = Envois de courriels

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

field-email = Adresse électronique
field-password = Mot de passe
field-password-help = Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
field-password-confirm = Le même mot de passe, encore une fois
field-new-password = Nouveau mot de passe
field-current-password = Mot de passe actuel
field-display-name = Votre nom
field-association-name = Nom de l'association
field-slug = Identifiant court
field-slug-help = Lettres minuscules, chiffres et tirets, par exemple « amis-du-preau ». Laissez vide pour le déduire du nom.
field-address = Adresse du siège
field-siren = Numéro SIREN
field-siren-help = 9 chiffres, si l'association en a un (employeur, subventions).
field-rna = Numéro RNA
field-rna-help = W suivi de 9 chiffres, donné par la préfecture à la déclaration.
field-contact-email = Adresse de contact de l'association
field-fiscal-month = Premier mois de l'exercice comptable
field-logo = Logo
field-logo-help = Image PNG ou JPEG de 512 Ko au plus.
field-role = Rôle
field-code = Code
field-code-help = Les 6 chiffres de votre application, ou un code de secours (par exemple « k3m9-x2qa »).
field-language = Langue
field-admin-email = Adresse de la première personne administratrice
field-admin-email-help = Elle recevra une invitation par courriel.
language-browser = Celle du navigateur

error-required = Ce champ est obligatoire.
error-too-long = Ce texte est trop long.
error-email = Saisissez une adresse électronique valide, par exemple nom@exemple.fr.
error-email-taken = Un compte existe déjà avec cette adresse.
error-slug = Utilisez de 2 à 40 lettres minuscules, chiffres ou tirets.
error-slug-taken = Cet identifiant est déjà pris.
error-password-short = Le mot de passe doit faire au moins 12 caractères.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-current-password = Le mot de passe actuel n'est pas le bon.
error-login-failed = Adresse ou mot de passe incorrect.
error-too-many-attempts = { $minutes ->
    [one] Trop de tentatives. Réessayez dans { $minutes } minute, ou réinitialisez votre mot de passe.
   *[other] Trop de tentatives. Réessayez dans { $minutes } minutes, ou réinitialisez votre mot de passe.
}
error-code = Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et réessayez.
error-siren = Un SIREN compte 9 chiffres avec une clé valide.
error-rna = Un numéro RNA commence par W suivi de 9 chiffres.
error-month = Choisissez un mois de la liste.
error-unknown-choice = Choisissez une valeur de la liste.
error-logo-type = Le logo doit être une image PNG ou JPEG.
error-logo-size = Le logo dépasse 512 Ko.
error-last-admin = L'association doit garder au moins une personne administratrice.

error-400-title = Demande incorrecte
error-400-text = La demande n'a pas pu être comprise. Revenez en arrière et réessayez.
error-403-title = Accès refusé
error-403-text = Vous n'avez pas accès à cette page, ou le formulaire a expiré. Rechargez la page et réessayez.
error-404-title = Page introuvable
error-404-text = Cette page n'existe pas ou plus.
error-413-title = Envoi trop volumineux
error-413-text = Ce que vous avez envoyé dépasse la taille permise.
error-500-title = Erreur du serveur
error-500-text = Quelque chose s'est mal passé de notre côté. Rien n'a été perdu de ce qui était déjà enregistré.
error-reference = Référence à donner à la personne qui gère le serveur : { $reference }
error-home = Retour au tableau de bord

link-unknown-title = Lien inconnu
link-unknown-text = Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier.
link-expired-title = Lien expiré
link-expired-text = Ce lien a expiré. Demandez-en un nouveau.
link-used-title = Lien déjà utilisé
link-used-text = Ce lien a déjà servi et ne peut être utilisé qu'une fois.
link-to-login = Aller à la page de connexion

setup-title = Installer Préau
setup-intro = Bienvenue ! Créez votre association et le compte de la première personne qui l'administre. Ce lien ne sert qu'une fois.
setup-association = L'association
setup-admin = Votre compte
setup-submit = Créer l'association

login-title = Connexion
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
second-factor-title = Vérification en deux étapes
second-factor-intro = Saisissez le code affiché par votre application d'authentification.
second-factor-submit = Vérifier

forgot-title = Mot de passe oublié
forgot-intro = Indiquez votre adresse : si un compte existe, vous recevrez un lien valable une heure.
forgot-submit = Envoyer le lien
forgot-sent-title = Vérifiez vos courriels
forgot-sent-text = Si un compte existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient d'être envoyé. Il est valable une heure.
reset-title = Nouveau mot de passe
reset-submit = Enregistrer le mot de passe

mail-reset-subject = Préau : nouveau mot de passe
mail-reset-body = Bonjour { $name },

    Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.
mail-invite-subject = Invitation à rejoindre { $association } sur Préau
mail-invite-body = Bonjour,

    { $inviter } vous invite à rejoindre { $association } sur Préau, avec le rôle { $role }.
    Pour accepter, ouvrez ce lien (valable 7 jours) :
    { $link }

invitation-title = Rejoindre { $association }
invitation-intro = Vous êtes invité·e à rejoindre { $association } avec le rôle { $role } (invitation envoyée à { $email }).
invitation-join-as = Vous êtes connecté·e en tant que { $email }.
invitation-join = Rejoindre l'association
invitation-login-first = Un compte existe déjà pour cette adresse : connectez-vous pour accepter.
invitation-create = Créer mon compte et rejoindre

dashboard-title = Tableau de bord
dashboard-role = Votre rôle : { $role }
dashboard-switch = Association
dashboard-switch-submit = Changer
dashboard-next-steps = Prochaines étapes
dashboard-overview = En bref
dashboard-team = Équipe
dashboard-invitations = Invitations en attente
dashboard-modules = Modules activés
dashboard-no-modules = aucun
dashboard-empty-title = Aucune association pour l'instant
dashboard-empty-text = Votre compte n'est rattaché à aucune association. Demandez à une personne qui administre votre association de vous inviter.
dashboard-empty-host = Créer une association
step-settings = Complétez les informations de l'association (adresse, contact)
step-team = Invitez les autres membres du bureau
step-2fa = Protégez votre compte avec la vérification en deux étapes
step-modules = Les autres modules (comptabilité, coffre-fort, bilan…) arrivent dans les prochaines versions.
step-members = Enregistrez les adhérent·es de l'association
team-count = { $count ->
    [0] Aucune personne
    [one] { $count } personne
   *[other] { $count } personnes
}

settings-title = Paramètres de l'association
settings-identity = Identité
settings-accounting = Comptabilité
settings-modules = Modules
settings-modules-help = Activez seulement ce dont l'association a besoin ; chaque module peut être remplacé par un outil spécialisé.
settings-logo = Logo
settings-logo-current = Logo actuel de l'association
settings-no-logo = Pas encore de logo.
settings-logo-submit = Envoyer le logo

team-title = Équipe
team-2fa = Deux étapes
team-actions = Actions
team-role-of = Rôle de { $name }
team-change-role = Changer le rôle
team-remove = Retirer { $name }
team-invite-title = Inviter quelqu'un
team-invite-help = La personne reçoit un lien par courriel, valable 7 jours.
team-invite-submit = Envoyer l'invitation
team-pending = Invitations en attente
team-no-pending = Aucune invitation en attente.
team-expires = expire le { $date }
team-revoke = Annuler

audit-title = Journal des actions
audit-intro = Chaque action importante est notée ici ; ce journal ne peut être ni modifié ni effacé.
audit-empty = Rien n'a encore été noté.
audit-count = { $count ->
    [one] { $count } entrée
   *[other] { $count } entrées
}
audit-when = Quand
audit-who = Qui
audit-what = Action
audit-detail = Détail

profile-title = Mon profil
profile-me = Mes informations
profile-email = Adresse de connexion : { $email }
profile-password = Mot de passe
profile-password-submit = Changer le mot de passe
profile-2fa = Vérification en deux étapes
profile-2fa-on = { $count ->
    [one] Activée. Il vous reste { $count } code de secours.
   *[other] Activée. Il vous reste { $count } codes de secours.
}
profile-2fa-off = Désactivée. Avec elle, un mot de passe volé ne suffit plus pour entrer.
profile-2fa-enable = Activer la vérification en deux étapes
profile-2fa-disable = Désactiver
profile-sessions = Sessions ouvertes
profile-sessions-help = Les appareils connectés à votre compte
session-device = Appareil
session-address = Adresse IP
session-started = Ouverte le
session-seen = Vue le
session-current = Cette session
session-revoke = Fermer

two-factor-title = Activer la vérification en deux étapes
two-factor-step-app = Installez une application d'authentification (par exemple FreeOTP, Aegis ou celle de votre gestionnaire de mots de passe).
two-factor-step-scan = Scannez ce code avec l'application :
two-factor-qr-alt = Code QR à scanner avec l'application d'authentification
two-factor-secret = Ou saisissez cette clé :
two-factor-step-code = Saisissez le code à 6 chiffres qu'elle affiche.
two-factor-submit = Activer
two-factor-recovery-intro = Notez ces codes de secours et gardez-les en lieu sûr : chacun permet d'entrer une fois si vous perdez votre téléphone. Ils ne seront plus affichés.
two-factor-done = J'ai noté mes codes

host-title = Hébergement
host-count = { $count ->
    [one] { $count } association hébergée
   *[other] { $count } associations hébergées
}
host-people = Personnes
host-audit = Entrées du journal
host-created = Créée le
host-mail = File des courriels :
host-mail-none = vide.
host-new = Nouvelle association
host-create = Créer et inviter

notice-saved = Enregistré.
notice-invited = Invitation envoyée.
notice-password-changed = Mot de passe changé. Vos autres sessions ont été fermées.
notice-2fa-enabled = La vérification en deux étapes est activée.
notice-2fa-disabled = La vérification en deux étapes est désactivée.
notice-session-revoked = Session fermée.
notice-role-changed = Rôle changé.
notice-removed = Personne retirée de l'équipe.
notice-revoked = Invitation annulée.
notice-association-created = Association créée ; l'invitation est partie.
notice-reset-done = Mot de passe changé. Vous pouvez vous connecter.
notice-welcome = Bienvenue !

host-mail-server = Serveur de courriel
host-mail-server-help = Le serveur SMTP par lequel partent les courriels de toutes les associations (invitations, mots de passe oubliés). Le mot de passe est chiffré avec la clé du serveur.
field-smtp-url = Adresse du serveur SMTP
field-smtp-url-help = Par exemple smtp://mail.exemple.fr:587?tls=required, ou smtps://mail.exemple.fr:465. Sans identifiant ni mot de passe dans l'adresse.
field-smtp-username = Identifiant SMTP
field-smtp-password = Mot de passe SMTP
field-smtp-password-help = Laissez vide si le serveur n'en demande pas.
field-smtp-password-kept = Un mot de passe est enregistré ; laissez vide pour le garder.
field-mail-from = Expéditeur
field-mail-from-help = Par exemple « Préau <preau@exemple.fr> ».
error-smtp-url = L'adresse doit commencer par smtp:// ou smtps:// et ne contenir ni espace ni « @ ».
error-mail-from = Indiquez une adresse, éventuellement précédée d'un nom : Nom <adresse@exemple.fr>.

nav-members = Adhérent·es
cancel = Annuler
module-off-title = Module désactivé
module-off-text = Ce module n'est pas activé pour votre association. Une personne administratrice peut l'activer dans les paramètres.
members-title = Adhérent·es
members-add = Ajouter un·e adhérent·e
members-search = Rechercher
members-search-help = Le début d’un nom, prénom, adresse électronique ou ville ; plusieurs mots affinent.
members-search-submit = Afficher
members-sort = Trier par
members-sort-name = nom
members-sort-city = ville
members-sort-newest = ajout le plus récent
members-empty = Aucun·e adhérent·e pour l'instant. Ajoutez la première personne avec le bouton ci-dessus.
members-none-found = Personne ne correspond à « { $search } ».
members-count = { $count ->
    [one] { $count } adhérent·e
   *[other] { $count } adhérent·es
}
members-back = Retour à la liste
member-edit = Corriger la fiche
member-new-title = Nouvel·le adhérent·e
member-edit-title = Corriger la fiche
member-identity = Identité
member-contact = Coordonnées
member-since = Fiche créée le
field-first-name = Prénom
field-last-name = Nom
field-phone = Téléphone
field-member-address = Adresse
field-postal-code = Code postal
field-city = Ville
field-birth-date = Date de naissance
field-birth-date-help = Par exemple 14/07/1990.
field-notes = Notes
error-phone = Saisissez un numéro de téléphone, par exemple 06 12 34 56 78.
error-date = Saisissez une date réelle et passée, par exemple 14/07/1990.

# Dues: statuses, types, payments, categories, households, reminders.
date-never-ends = sans fin
status-up-to-date = à jour
status-due-soon = à renouveler bientôt
status-late = en retard
status-lapsed = expirée
status-never = jamais adhérent·e
members-status = Cotisation
members-filters = Filtrer
members-category = Catégorie
members-type = Type d'adhésion
members-year = Année d'adhésion
members-year-help = Par exemple 2025 : les personnes adhérentes à un moment de cette année.
filter-any = Tous
member-number = Numéro d'adhérent·e
member-paid-until = Adhésion valable jusqu'au
member-back = Retour à la fiche de { $name }
member-memberships = Adhésions
member-memberships-none = Aucune adhésion enregistrée.
member-payments = Paiements
member-payments-none = Aucun paiement enregistré.
member-categories-legend = Catégories de cette personne
member-household = Foyer
member-household-none = Cette personne n'est rattachée à aucun foyer.
member-household-payer = paie pour le foyer
member-emails = Courriels envoyés
member-emails-none = Aucun courriel envoyé à cette personne par Préau.
member-history = Historique de la fiche
member-history-none = Aucune modification notée.
field-payer = Rattacher au foyer de l'adhérent·e n°
field-payer-help = Le numéro de la personne qui paie l'adhésion du foyer. Laissez vide pour détacher cette personne de son foyer.
error-payer = Indiquez le numéro d'une autre personne adhérente qui ne fait pas elle-même partie d'un autre foyer.
period-start = Du
period-end = Au
dues-type = Type d'adhésion
dues-types-title = Types d'adhésion
dues-types-intro = Chaque type dit quelle période couvre un paiement et combien il coûte.
dues-types-empty = Aucun type d'adhésion pour l'instant. Créez-en un pour pouvoir enregistrer des cotisations.
dues-types-back = Retour aux types d'adhésion
dues-type-add = Créer un type d'adhésion
dues-type-new-title = Nouveau type d'adhésion
dues-type-edit-title = Modifier le type d'adhésion
dues-type-household = Adhésion familiale
dues-type-household-help = Un seul paiement couvre toutes les personnes du foyer de la personne qui paie.
dues-type-archived = archivé
dues-type-archive = Archiver ce type
dues-type-archive-help = Il ne sera plus proposé pour de nouveaux paiements ; l'historique est gardé.
field-name = Nom
field-dues-name-help = Par exemple « Adhésion annuelle » ou « Saison 2025-2026 ».
field-rule = Période couverte
field-rule-help = Comment un paiement se transforme en période d'adhésion. Un renouvellement avant l'échéance prend la suite de la période en cours.
rule-calendar = année civile (1er janvier – 31 décembre)
rule-fiscal = exercice de l'association
rule-rolling = 12 mois à partir du paiement
rule-season = saison (date de début choisie)
rule-fixed = dates fixes
rule-lifetime = à vie
rule-oneoff = ponctuelle (le jour du paiement)
rule-season-from = saison à partir du { $day } { $month }
rule-fixed-from = du { $start } au { $end }
field-season-month = Mois de début de saison
field-season-help = Pour une saison seulement, par exemple le 1er septembre pour une année scolaire.
field-season-day = Jour de début de saison
field-fixed-start = Début (dates fixes)
field-fixed-help = Pour des dates fixes seulement, par exemple 01/07/2026.
field-fixed-end = Fin (dates fixes)
field-tariff = Tarif
field-tariff-help = Un prix unique, un prix selon la catégorie de la personne, ou un montant libre avec un minimum.
tariff-fixed = prix unique
tariff-category = prix selon la catégorie
tariff-free = montant libre
tariff-free-from = libre, à partir de { $amount }
field-amount = Montant
field-amount-help = En euros, par exemple 20 ou 12,50. Pour un montant libre : le minimum (0 s'il n'y en a pas). Pour un prix par catégorie : le prix normal.
field-category-prices-help = Prix par catégorie (laissez vide pour le prix normal). Une personne dans plusieurs catégories paie le plus bas.
field-price-for = Prix « { $category } »
field-income-account = Compte de produit
field-income-account-help = Le compte où la comptabilité enregistrera ces cotisations : 756 par défaut.
error-amount = Saisissez un montant en euros, par exemple 12,50.
error-amount-decimals = Un montant a au plus deux chiffres après la virgule.
error-amount-too-large = Ce montant est trop élevé.
error-amount-below-price = Le montant est inférieur au tarif ({ $price }).
error-date-any = Saisissez une date réelle, par exemple 01/09/2026.
error-date-range = La date doit être passée et postérieure à 1990.
error-day = Saisissez un jour qui existe dans ce mois.
error-days = Saisissez un nombre de jours.
error-end-before-start = La fin doit venir après le début.
error-income-account = Un compte de produit commence par 7, par exemple 756.
error-name-taken = Ce nom est déjà utilisé.
error-no-dues-type = Créez d'abord un type d'adhésion.
payment-record = Enregistrer une cotisation
payment-new-title = Cotisation de { $name }
payment-no-type = Il n'y a encore aucun type d'adhésion.
payment-recorded-by = Saisi par
notice-payment-recorded = Cotisation enregistrée.
field-payment-amount-help = Laissez vide pour le tarif de cette personne.
field-paid-on = Date du paiement
field-paid-on-help = Par exemple 14/09/2026.
field-method = Moyen de paiement
method-cash = espèces
method-cheque = chèque
method-transfer = virement
method-card = carte bancaire
method-debit = prélèvement
method-helloasso = HelloAsso
field-reference = Référence
field-reference-help = Numéro de chèque, référence du virement… (facultatif)
categories-title = Catégories
categories-intro = Des groupes de personnes : étudiant·es, bureau, bienfaiteurs… Un tarif peut dépendre de la catégorie.
categories-empty = Aucune catégorie pour l'instant.
categories-none-yet = Aucune catégorie n'existe encore.
categories-manage = Gérer les catégories
categories-members = Personnes
categories-add = Ajouter une catégorie
categories-name-help = Par exemple « Étudiant·e » ou « Membre du bureau ».
categories-rename = Nouveau nom de « { $name } »
categories-delete = Supprimer « { $name } »
actions = Actions
rename = Renommer
email-queued-at = Envoyé le
email-what = Courriel
email-status = État
reminder-for = Rappel pour l'échéance du { $end } ({ $offset } jours)
mail-status-pending = en attente d'envoi
mail-status-sent = envoyé
mail-status-failed = échec définitif
mail-status-gone = effacé de la file
action-member-create = Fiche créée
action-member-update = Fiche corrigée
action-member-categories = Catégories changées
action-member-household = Foyer changé
action-payment-record = Cotisation enregistrée
action-dues-reminder = Rappel de cotisation envoyé
reminders-title = Rappels de cotisation
reminders-on = Les rappels sont activés : Préau les envoie chaque jour aux personnes concernées.
reminders-off = Les rappels sont désactivés. Prévisualisez-les, puis activez-les.
reminders-failing = { $count ->
    [one] Un rappel n'a pas pu être envoyé pour l'instant : le serveur de courriel ne répond pas, Préau réessaie.
   *[other] { $count } rappels n'ont pas pu être envoyés pour l'instant : le serveur de courriel ne répond pas, Préau réessaie.
}
reminders-status-legend = Quand une cotisation est-elle « à renouveler » ou « en retard » ?
field-due-soon-days = « À renouveler bientôt » ce nombre de jours avant l'échéance
field-due-soon-days-help = Par exemple 30.
field-grace-days = « En retard » pendant ce nombre de jours après l'échéance, puis « expirée »
field-grace-days-help = Par exemple 90.
reminders-mail-legend = Courriel de rappel
field-offsets = Envoyer un rappel à ces jours de l'échéance
field-offsets-help = En jours, séparés par des virgules : -30 pour trente jours avant, 0 le jour même, 15 quinze jours après. Six au plus.
error-offsets = Saisissez au plus six nombres entre -365 et 365, séparés par des virgules, par exemple -30, 0, 15.
field-reminder-subject = Objet
field-reminder-body = Texte
field-reminder-text-help = Laissez vide pour le texte proposé par Préau. Vous pouvez écrire {"{"}prenom{"}"}, {"{"}nom{"}"}, {"{"}association{"}"}, {"{"}echeance{"}"} et {"{"}montant{"}"}.
reminders-preview = Prévisualiser
reminders-enable = Activer les rappels
reminders-disable = Désactiver les rappels
reminders-preview-title = Aperçu
reminders-preview-sample = (personne fictive : personne n'est concerné·e pour l'instant)
reminders-enable-help = Si l'aperçu vous convient, activez les rappels avec le bouton ci-dessus.
error-preview-first = Prévisualisez le rappel tel qu'il sera envoyé avant de l'activer.
mail-to = Destinataire
reminders-upcoming = Rappels prévus dans les 60 prochains jours
reminders-upcoming-none = Aucun rappel prévu dans les 60 prochains jours.
reminders-upcoming-count = { $count ->
    [one] { $count } rappel
   *[other] { $count } rappels
}
reminders-day = Jour d'envoi
mail-reminder-subject = Votre adhésion à { $association }
mail-reminder-body =
    Bonjour { $first_name },

    Votre adhésion à { $association } arrive à échéance le { $end }. Pour la renouveler, la cotisation est de { $amount }.

    Merci de votre soutien !
    { $association }

# Exports.
export-format = Exporter ces adhérent·es au format
export-format-csv = CSV (LibreOffice, autres logiciels)
export-format-csv-excel = CSV pour Excel
export-format-ods = ODS (LibreOffice)
export-format-xlsx = XLSX (Excel)
export-format-vcf = vCard (carnet d'adresses)
export-submit = Télécharger
export-bad-format-title = Format d'export inconnu
export-bad-format-text = Choisissez l'un de ces formats : { $formats }.
export-sheet-name = Adhérent·es
export-col-number = Numéro
export-col-last-name = Nom
export-col-first-name = Prénom
export-col-email = Courriel
export-col-phone = Téléphone
export-col-address = Adresse
export-col-postal-code = Code postal
export-col-city = Ville
export-col-birth-date = Date de naissance
export-col-notes = Notes
export-col-status = État de la cotisation
export-col-paid-until = Valable jusqu'au
export-col-categories = Catégories

# Imports.
import-title = Importer des adhérent·es
import-intro = Importez un fichier exporté de Galette, Paheko ou HelloAsso, ou votre propre tableur.
import-intro-formats = Formats acceptés : CSV (UTF-8 ou Windows-1252, séparateur « ; » ou « , »), ODS (LibreOffice) et XLSX (Excel). La première ligne doit donner le nom des colonnes.
import-intro-limit = Au plus { $limit } lignes par fichier.
import-intro-all-or-nothing = Vous verrez comment chaque colonne est lue et chaque problème avant que rien ne soit enregistré ; l'import se fait en entier ou pas du tout.
import-file = Fichier
import-file-help = CSV, ODS ou XLSX.
import-format = Provenance du fichier
import-format-help = « Reconnaître » suffit le plus souvent : Préau lit les en-têtes de colonnes.
import-format-auto = Reconnaître automatiquement
import-format-galette = Export de Galette
import-format-paheko = Export de Paheko
import-format-helloasso = Export HelloAsso
import-format-csv = Tableur ou autre fichier
import-duplicates = Personne déjà présente
import-duplicates-help = Une personne est reconnue par son adresse électronique, ou par ses nom, prénom et date de naissance.
import-duplicates-skip = la laisser telle quelle (ignorer la ligne)
import-duplicates-update = compléter et corriger sa fiche
import-duplicates-create = créer une nouvelle fiche quand même
import-upload = Lire le fichier
import-check-title = Vérifier l'import
import-start-again = Choisir un autre fichier
import-file-read = Fichier « { $file } », lu comme : { $source }.
import-columns = Colonnes
import-columns-help = Vérifiez comment chaque colonne sera lue ; corrigez si besoin, puis vérifiez à nouveau.
import-column = Colonne du fichier
import-column-unnamed = Colonne { $n } (sans nom)
import-samples = Exemples
import-read-as = Lue comme
import-check-again = Vérifier à nouveau
import-apply = Importer
import-result = Résultat de la vérification
import-field-ignore = (ignorer)
import-field-first-name = Prénom
import-field-last-name = Nom
import-field-full-name = Nom et prénom ensemble
import-field-email = Adresse électronique
import-field-phone = Téléphone
import-field-address = Adresse
import-field-postal-code = Code postal
import-field-city = Ville
import-field-birth-date = Date de naissance
import-field-notes = Notes
import-field-categories = Catégories (séparées par des virgules)
import-field-amount = Cotisation : montant
import-field-paid-on = Cotisation : date du paiement
import-field-membership-type = Cotisation : type d'adhésion
import-field-method = Cotisation : moyen de paiement
import-counts = { $created } fiche(s) à créer, { $updated } à mettre à jour, { $skipped } ignorée(s), { $payments } cotisation(s) à enregistrer.
import-dry-run = essai : rien n'a été écrit
import-refused = { $count ->
    [one] Un problème empêche l'import : corrigez le fichier ou la lecture des colonnes, rien n'a été enregistré.
   *[other] { $count } problèmes empêchent l'import : corrigez le fichier ou la lecture des colonnes, rien n'a été enregistré.
}
import-more-problems = { $count ->
    [one] … et un autre problème.
   *[other] … et { $count } autres problèmes.
}
import-problem = ligne { $line }, colonne « { $column } » : { $reason }
import-problem-line = ligne { $line } : { $reason }
import-value = valeur « { $value } »
notice-imported = Import terminé.
error-file-missing = Choisissez un fichier.
error-file-empty = Ce fichier est vide, ou n'a aucune ligne remplie.
error-file-not-what-it-says = Ce fichier se termine par .{ $extension } mais contient autre chose ({ $found }). Enregistrez-le à nouveau au bon format.
error-file-old-excel = C'est un ancien fichier Excel (.xls). Enregistrez-le en XLSX, ODS ou CSV, puis réessayez.
error-file-password = Ce classeur est protégé par un mot de passe. Retirez la protection, enregistrez, puis réessayez.
error-file-not-a-table = Ce fichier n'est pas un tableau (CSV, ODS ou XLSX).
error-file-too-many-rows = Ce fichier a plus de { $limit } lignes. Découpez-le en plusieurs fichiers.
error-file-too-large = Ce fichier est trop volumineux une fois décompressé. Découpez-le en plusieurs fichiers.
error-file-malformed = Le fichier n'a pas pu être découpé en lignes à partir de la ligne { $line } (guillemet non fermé ?).
error-file-unreadable = Ce fichier est endommagé et ne peut pas être lu.
error-import-no-name-column = Aucune colonne de nom n'a été reconnue : il faut au moins une colonne « Nom », « Prénom » ou « Nom & prénom ». Indiquez comment lire les colonnes.
error-import-unknown-category = catégorie inconnue ; créez-la d'abord ou corrigez le fichier
error-import-unknown-type = type d'adhésion inconnu ; créez-le d'abord ou corrigez le fichier
error-import-type-missing = indiquez le type d'adhésion payé (l'association en a plusieurs)
error-import-duplicate-in-file = cette personne figure déjà à la ligne { $line } du fichier (même adresse électronique, ou mêmes nom, prénom et date de naissance)

# Saved searches and bulk actions.
saved-title = Recherches enregistrées
saved-empty = Aucune recherche enregistrée. Faites une recherche ou choisissez des filtres, puis enregistrez-la ci-dessous.
saved-shared = partagée avec l'équipe
saved-by = partagée par { $name }
saved-delete = Supprimer « { $name } »
saved-save = Enregistrer cette recherche
saved-name = Nom de la recherche
saved-name-help = Par exemple « Cotisations en retard à Lyon ». La recherche, le tri et les filtres affichés sont gardés.
saved-share = Partager avec l'équipe
saved-share-help = Les autres membres de l'équipe la verront dans leur liste ; vous seul·e pourrez la supprimer.
saved-save-submit = Enregistrer la recherche
notice-search-saved = Recherche enregistrée.
error-search-name-taken = Vous avez déjà une recherche de ce nom.
bulk-select = Sélectionner
bulk-legend = Agir sur plusieurs personnes
bulk-scope = Appliquer à
bulk-scope-ticked = les personnes cochées
bulk-scope-all = { $count ->
    [one] la personne de cette recherche
   *[other] toutes les { $count } personnes de cette recherche
}
bulk-action = Action
bulk-action-category-add = Ajouter à une catégorie
bulk-action-category-remove = Retirer d'une catégorie
bulk-action-email = Écrire un courriel
bulk-action-export = Exporter
bulk-category = Catégorie
bulk-category-help = Pour ajouter à une catégorie ou en retirer.
bulk-choose = Choisir…
bulk-format = Format d'export
bulk-format-help = Pour exporter.
bulk-submit = Appliquer
notice-bulk-done = Catégorie mise à jour pour les personnes choisies.
notice-bulk-mail = Les messages sont dans la file d'envoi.
error-bulk-action = Choisissez une action.
error-bulk-none-ticked = Cochez au moins une personne dans la liste, ou choisissez toutes les personnes de cette recherche.
error-bulk-nobody = Aucune personne ne correspond à cette sélection.
error-bulk-category = Choisissez une catégorie de la liste.
bulk-email-title = Écrire aux personnes choisies
bulk-email-recipients = { $count ->
    [one] Ce message partira à une personne.
   *[other] Ce message partira à { $count } personnes, chacune recevant le sien.
}
bulk-email-without = { $count ->
    [one] Une personne choisie n'a pas d'adresse électronique : elle ne recevra rien.
   *[other] { $count } personnes choisies n'ont pas d'adresse électronique : elles ne recevront rien.
}
bulk-email-nobody = Aucune des personnes choisies n'a d'adresse électronique : il n'y a personne à qui écrire.
bulk-email-subject = Objet
bulk-email-body = Message
bulk-email-help = Vous pouvez écrire {"{"}prenom{"}"}, {"{"}nom{"}"} et {"{"}association{"}"} : chaque message les remplace par ceux de la personne.
bulk-email-preview = Prévisualiser
bulk-email-preview-title = Aperçu du premier message
bulk-email-send-help = Vérifiez l'aperçu, puis envoyez. Changer le texte demande un nouvel aperçu.
bulk-email-send = { $count ->
    [one] Envoyer le message
   *[other] Envoyer les { $count } messages
}
error-bulk-preview-first = Prévisualisez le message tel qu'il partira avant de l'envoyer.

# RGPD, self-service and directory.
nav-me = Mon adhésion
nav-directory = Annuaire
purpose-newsletter = Lettre d'information
purpose-newsletter-text = J'accepte de recevoir par courriel la lettre d'information de l'association. Je peux me désinscrire à tout moment.
purpose-photos = Photos
purpose-photos-text = J'accepte que des photos où j'apparais, prises lors des activités de l'association, soient publiées sur ses supports (site, réseaux, journal).
purpose-directory = Annuaire des membres
purpose-directory-text = J'accepte que mon nom, ma ville, mon adresse électronique et mon téléphone figurent dans l'annuaire que consultent les autres membres.
register-security = Accès par compte personnel avec mot de passe (et double authentification proposée), rôles limitant qui voit quoi, journal des actions, sauvegardes, hébergement choisi par l'association.
register-members-name = Gestion des membres
register-members-purpose = Tenir la liste des membres, les contacter, organiser la vie associative.
register-members-basis = Exécution du contrat d'adhésion (article 6.1.b du RGPD) ; consentement pour la lettre d'information, les photos et l'annuaire.
register-members-subjects = Membres et anciens membres.
register-members-data = Identité, coordonnées, date de naissance, catégories, consentements.
register-members-recipients = Membres du bureau habilités ; personne hors de l'association.
register-members-retention = Pendant l'adhésion, puis trois ans après la dernière adhésion ; identité effacée ensuite.
register-dues-name = Cotisations
register-dues-purpose = Enregistrer les cotisations, suivre les renouvellements, envoyer les rappels.
register-dues-basis = Exécution du contrat d'adhésion (article 6.1.b du RGPD).
register-dues-subjects = Membres.
register-dues-data = Montants, dates, moyens de paiement, périodes d'adhésion, rappels envoyés.
register-dues-recipients = Trésorerie et bureau.
register-dues-retention = Dix ans pour les pièces comptables (article L123-22 du Code de commerce) ; identité effacée selon la règle des membres.
register-accounting-name = Comptabilité
register-accounting-purpose = Tenir les comptes de l'association, produire les comptes annuels et les reçus fiscaux.
register-accounting-basis = Obligation légale (article 6.1.c du RGPD).
register-accounting-subjects = Membres, donateurs, fournisseurs.
register-accounting-data = Écritures, pièces justificatives, identité des donateurs pour les reçus.
register-accounting-recipients = Trésorerie, expert-comptable ou vérificateur, administration fiscale sur demande.
register-accounting-retention = Dix ans après la clôture de l'exercice.
privacy-title = Données personnelles (RGPD)
privacy-intro = Ce que l'association promet à ses membres : ce qu'elle garde, pourquoi, combien de temps, et comment elle efface.
privacy-back = Retour aux données personnelles
privacy-erasures = Demandes d'effacement
privacy-erasures-none = Aucune demande d'effacement.
erasure-pending = en attente
erasure-done = effectuée
erasure-refused = refusée
privacy-refusal-reason = Motif du refus
privacy-refusal-reason-help = Obligatoire pour refuser, par exemple une cotisation en cours de litige.
privacy-erase-now = Effacer l'identité
privacy-refuse = Refuser
error-reason = Indiquez le motif du refus.
privacy-retention = Durée de conservation
privacy-retention-help = Les anciens membres sont anonymisés chaque jour après ce nombre d'années : leur identité est effacée, leurs cotisations restent dans les comptes (conservées dix ans).
field-retention-years = Anonymiser les anciens membres après (années)
field-retention-years-help = Trois ans après la dernière adhésion est l'usage recommandé par la CNIL.
error-years = Saisissez un nombre d'années entre 1 et 50.
privacy-retention-enabled = Appliquer cette règle chaque jour
privacy-retention-due = { $count ->
    [0] Personne ne serait anonymisé aujourd'hui.
    [one] Une personne serait anonymisée aujourd'hui.
   *[other] { $count } personnes seraient anonymisées aujourd'hui.
}
privacy-purposes = Consentements
privacy-purposes-help = Ce que les membres peuvent accepter ou refuser. Changer le texte crée une nouvelle version ; chaque consentement garde la version acceptée.
privacy-version = version { $version }
field-purpose-label = Intitulé
field-purpose-text = Texte présenté aux membres
privacy-purpose-archived = Ne plus proposer
privacy-purpose-new = Nouveau consentement
privacy-purpose-add = Ajouter ce consentement
privacy-register = Registre des traitements
privacy-register-help = Le registre des activités de traitement (article 30 du RGPD), prérempli pour les membres, les cotisations et la comptabilité. Complétez-le et exportez-le.
privacy-register-export = Exporter le registre (CSV)
register-new-title = Ajouter un traitement
register-edit-title = Modifier le traitement
register-delete = Supprimer ce traitement
register-field-name = Traitement
register-field-purpose = Finalité
register-field-legal-basis = Base légale
register-field-data-subjects = Personnes concernées
register-field-data-categories = Données traitées
register-field-recipients = Destinataires
register-field-retention = Durée de conservation
register-field-security = Mesures de sécurité
member-consents = Consentements
member-consents-none = Aucun consentement n'est proposé.
member-consents-legend = Consentements recueillis (par exemple sur le bulletin papier)
consent-given = réponse du { $at }, { $source }
consent-source-member = par la personne
consent-source-team = par l'équipe
consent-source-import = par import
member-pseudonymised = L'identité de cette personne a été effacée (RGPD) ; ses cotisations restent dans les comptes.
member-erase = Effacer l'identité
member-erase-help = Efface le nom, les coordonnées, la date de naissance et les notes ; les cotisations restent, anonymes, dans les comptes. Irréversible.
member-erase-confirm = Je confirme l'effacement de l'identité de cette personne
member-erase-submit = Effacer l'identité
notice-erased = Identité effacée.
notice-erase-unconfirmed = Rien n'a été effacé : cochez la case de confirmation.
notice-erasure-requested = Votre demande d'effacement a été transmise à l'association.
action-member-consents = Consentements changés
action-member-pseudonymise = Identité effacée
action-member-erasure-request = Effacement demandé
action-member-erasure-refused = Effacement refusé
action-member-self-update = Coordonnées corrigées par la personne
action-member-data-export = Données téléchargées par la personne
me-title = Mon adhésion
me-none = Aucune fiche d'adhérent·e n'est liée à votre compte dans cette association. Demandez à l'équipe d'indiquer votre adresse électronique sur votre fiche.
me-names-help = Pour corriger votre nom, votre adresse électronique ou votre date de naissance, écrivez à l'équipe de l'association.
me-contact = Mes coordonnées
me-consents = Mes consentements
me-consents-legend = Ce que j'accepte
me-data = Mes données
me-data-help = Téléchargez tout ce que l'association garde sur vous (articles 15 et 20 du RGPD).
me-data-json = Télécharger (JSON)
me-data-csv = Télécharger (CSV, tableur)
me-erasure = Effacer mes données
me-erasure-help = Vous pouvez demander l'effacement de vos données. L'association efface votre identité ; vos cotisations restent, anonymes, dans ses comptes, qu'elle doit garder dix ans.
me-erasure-confirm = Je demande l'effacement de mes données
me-erasure-submit = Demander l'effacement
me-erasure-pending = Votre demande d'effacement est en cours de traitement.
error-confirm-erasure = Cochez la case pour confirmer votre demande.
directory-title = Annuaire des membres
directory-intro = Les membres qui ont choisi d'y figurer. Chacun peut s'y ajouter ou s'en retirer depuis « Mon adhésion ».
directory-empty = Personne n'a encore choisi de figurer dans l'annuaire.

# The association's own member fields.
fields-title = Champs des fiches
fields-intro = Les informations que l'association ajoute aux fiches : taille de t-shirt, compétences, date du certificat médical… Pour chacune, qui la voit et qui la modifie.
fields-empty = Aucun champ ajouté pour l'instant.
fields-back = Retour aux champs des fiches
field-new-title = Ajouter un champ
field-edit-title = Modifier le champ
field-label = Intitulé
field-kind = Type
field-kind-help = Le type ne change plus une fois le champ créé.
field-kind-text = texte
field-kind-number = nombre
field-kind-date = date
field-kind-yesno = oui / non
field-kind-choice = choix dans une liste
field-kind-multiple = plusieurs choix dans une liste
field-kind-email = adresse électronique
field-kind-phone = téléphone
field-choices = Choix possibles
field-choices-help = Un par ligne, pour les types « choix ».
error-choices = Indiquez au moins un choix, un par ligne.
error-number = Saisissez un nombre, par exemple 12 ou 12,5.
error-position = Saisissez un nombre entre 0 et 10 000.
field-required = Obligatoire
fields-who = Qui le voit
fields-who-help = L'équipe voit et modifie toujours tous les champs.
fields-who-team = l'équipe
fields-who-member-sees = la personne le voit dans son espace
fields-who-member-edits = la personne peut le modifier
fields-who-directory = il figure dans l'annuaire
field-position = Ordre
field-position-help = Les champs sont présentés du plus petit au plus grand nombre.
field-archive = Archiver ce champ (les valeurs sont gardées)
member-custom = Informations propres à l'association

# Import progress.
import-progress-title = Import en cours
import-progress-rows = { $done } lignes écrites sur { $total }.
import-progress-label = Avancement
import-progress-help = Cette page se met à jour toute seule. L'import se fait en entier ou pas du tout : rien n'apparaît dans la liste avant la fin.
import-progress-refresh = Actualiser
import-field-custom = Champ de l'association : { $label }

## Accounting
nav-accounting = Comptabilité
accounting-title = Comptabilité
accounting-back = Retour à la comptabilité
accounting-empty = Aucun exercice ouvert. Ouvrez un exercice pour commencer à saisir recettes et dépenses.
accounting-surplus = Excédent à ce jour
accounting-deficit = Déficit à ce jour
date-help = Par exemple 14/03/2026.
amount-help = En euros, par exemple 12,50.
total = Total
page-n = Page { $page }
error-not-found = Introuvable.
years-title = Exercices
years-empty = Aucun exercice pour l'instant.
year = Exercice
year-state = État
year-open = Ouvert
year-closed-on = Clôturé le { $date }
year-title = Exercice du { $start } au { $end }
year-details = Détail de l'exercice
year-back = Retour à l'exercice
year-new = Ouvrir un exercice
year-new-help = Un exercice dure en général douze mois ; le premier peut être plus court ou plus long (24 mois au plus). Il commence le lendemain de la fin du précédent.
year-start = Premier jour
year-end = Dernier jour
year-new-submit = Ouvrir l'exercice
year-no-entries = Aucune écriture dans cet exercice.
error-year-end-before-start = Le dernier jour doit venir après le premier.
error-year-too-long = Un exercice dure au plus 24 mois.
error-year-overlap = Cet exercice chevauche un exercice existant.
error-year-gap = L'exercice doit commencer le lendemain de la fin du dernier (ou finir la veille du premier).
journal = Journal
journal-title = Journal général – { $year }
journal-back = Retour au journal
journal-BQ = Banque
journal-CA = Caisse
journal-OD = Opérations diverses
journal-AN = À-nouveaux
balance = Balance
balance-title = Balance des comptes – { $year }
ledgers = Comptes mouvementés
ledger-title = Grand livre du compte { $account } – { $year }
ledger-empty = Aucune ligne sur ce compte dans cet exercice.
ledger-carried = Solde reporté
account = Compte
account-label = Intitulé
account-balance = Solde
debit = Débit
credit = Crédit
in-kind-uses = Emplois des contributions en nature (86)
in-kind-resources = Contributions en nature reçues (87)
accounts-title = Plan comptable
accounts-intro = Le plan comptable associatif (numérotation 2025). Vous pouvez ajouter des sous-comptes (par exemple un compte 5121 par compte bancaire), renommer ou masquer un compte, et indiquer l'IBAN d'un compte bancaire.
accounts-all = Voir tous les comptes
accounts-short = Voir les comptes usuels
account-hidden = masqué
account-hide = Masquer ce compte dans les listes de saisie
account-change = Modifier le compte { $code }
account-add = Ajouter un sous-compte
account-code-help = Le numéro commence par celui d'un compte existant, par exemple 5121 sous 512.
error-account-code = Un numéro de compte a de 3 à 10 chiffres et commence par 1 à 8.
error-account-exists = Ce compte existe déjà.
error-account-parent = Ce numéro ne prolonge aucun compte du plan.
error-account-unknown = Compte inconnu : ajoutez-le d'abord au plan comptable.
error-iban = IBAN invalide : vérifiez les chiffres.
entry-kinds = Type d'opération
entry-kind-income = Recette
entry-kind-expense = Dépense
entry-kind-transfer = Virement interne
entry-kind-debt = Dette
entry-kind-receivable = Créance
entry-new-income = Saisir une recette
entry-new-expense = Saisir une dépense
entry-new-transfer = Saisir un virement interne
entry-new-debt = Saisir une dette
entry-new-receivable = Saisir une créance
entry-new-advanced = Saisie avancée
entry-edit-title = Modifier l'écriture
entry-help-income = De l'argent reçu : cotisation, don, subvention, vente. Il arrive sur un compte bancaire ou dans la caisse.
entry-help-expense = De l'argent dépensé : achat, facture, frais. Il sort d'un compte bancaire ou de la caisse.
entry-help-transfer = De l'argent déplacé entre deux comptes de l'association, par exemple un dépôt d'espèces à la banque.
entry-help-debt = Une dépense pas encore payée : facture à régler, frais avancés par un·e bénévole.
entry-help-receivable = Une recette pas encore reçue : subvention accordée, cotisation due.
entry-category-income = Nature de la recette
entry-category-receivable = Nature de la recette
entry-category-expense = Nature de la dépense
entry-category-debt = Nature de la dépense
entry-category-transfer = Vers le compte
entry-payment-income = Reçue sur
entry-payment-expense = Payée depuis
entry-payment-transfer = Depuis le compte
entry-payment-debt = Due à
entry-payment-receivable = Due par
entry-date = Date
entry-label = Libellé
entry-label-help = Ce que c'est, en quelques mots : « Papier pour l'AG ».
entry-reference = Pièce justificative
entry-reference-help = Numéro de facture, de chèque ou de reçu (facultatif).
entry-more-accounts = Voir tous les comptes du plan
entry-advanced-help = Une écriture en partie double : autant de lignes que nécessaire, le total des débits égal au total des crédits.
entry-lines = Lignes
entry-line-label = Libellé de la ligne
entry-line-account = Compte de la ligne { $line }
entry-line-debit = Débit de la ligne { $line }
entry-line-credit = Crédit de la ligne { $line }
entry-line-label-n = Libellé de la ligne { $line }
entry-more-lines = Ajouter des lignes
entry-title = Écriture : { $label }
entry-journal = Journal
entry-origin = Origine
entry-origin-simple = Saisie simple
entry-origin-advanced = Saisie avancée
entry-origin-opening = À-nouveaux de l'exercice précédent
entry-origin-dues = Cotisation enregistrée
entry-origin-reversal = Contre-passation
entry-origin-import = Import
entry-origin-bank = Relevé bancaire
entry-origin-recurring = Écriture récurrente
entry-origin-demo = Données de démonstration (preau admin demo-books)
entry-see-payment = voir le paiement
entry-reverses = annule l'écriture { $id }
entry-state = État
entry-open = Modifiable (exercice ouvert)
entry-sealed = Scellée, n° { $number } de l'exercice clôturé
entry-edit = Modifier
entry-delete = Supprimer l'écriture
entry-correct = Corriger cette écriture
entry-locked-help = Cette écriture appartient à un exercice clôturé : elle ne peut plus être modifiée ni supprimée. Pour la corriger, passez une écriture qui l'annule (contre-passation) dans l'exercice ouvert, puis saisissez la bonne.
entry-reverse = Contre-passer aujourd'hui
entry-reversal-label = Annulation : { $label }
error-amount-zero = Indiquez un montant supérieur à zéro.
error-entry-category = Ce compte ne convient pas à ce type d'opération.
error-entry-payment = Ce compte ne convient pas à ce type d'opération.
error-entry-same-account = Les deux comptes doivent être différents.
error-entry-no-year = Aucun exercice ne couvre cette date : ouvrez d'abord l'exercice.
error-entry-closed-year = Cette date tombe dans un exercice clôturé : ses écritures ne peuvent plus changer.
error-entry-too-few-lines = Une écriture a au moins deux lignes avec un montant.
error-entry-empty-line = Indiquez un débit ou un crédit.
error-entry-both-sides = Une ligne porte un débit ou un crédit, pas les deux.
error-entry-unbalanced = L'écriture n'est pas équilibrée : débits { $debit }, crédits { $credit }, écart de { $difference }.
notice-entry-saved = Écriture enregistrée.
notice-entry-deleted = Écriture supprimée.
notice-entry-locked = Cette écriture est scellée : corrigez-la par une contre-passation.
notice-entry-no-open-year = Aucun exercice ouvert ne couvre cette date.
notice-year-closed = Exercice clôturé : écritures scellées, à-nouveaux passés dans l'exercice suivant.
notice-payments-posted = Paiements comptabilisés.
payments-unposted-title = Cotisations à comptabiliser
payments-unposted = { $count ->
    [one] Un paiement de cotisation n'est pas encore passé en comptabilité (aucun exercice ouvert à sa date lors de l'enregistrement).
   *[other] { $count } paiements de cotisation ne sont pas encore passés en comptabilité (aucun exercice ouvert à leur date lors de l'enregistrement).
}
payments-post = Comptabiliser les paiements
close-title = Clôturer l'exercice
close-help = La clôture numérote et scelle toutes les écritures (elles ne pourront plus être modifiées), calcule le résultat et passe les soldes d'ouverture dans l'exercice suivant, créé s'il n'existe pas.
close-assignment = Affectation du résultat
close-assignment-help = En général l'assemblée générale décide de l'affectation : laissez « en attente » si elle n'a pas encore eu lieu.
close-assign-pending = En attente de l'AG (120 excédent / 129 déficit)
close-assign-1068 = Réserves pour projet de l'entité (1068)
close-assign-110 = Report à nouveau (110 / 119)
close-confirm = J'ai vérifié les écritures : je clôture l'exercice.
close-submit = Clôturer l'exercice
close-in-kind-unbalanced = Clôture impossible : les emplois (86) et les contributions en nature (87) diffèrent de { $difference } ; ils doivent être égaux.
close-unbalanced = Clôture impossible : les écritures ne sont pas équilibrées (écart de { $difference }).
error-close-confirm = Cochez la case pour confirmer la clôture.
error-year-closed = Cet exercice est déjà clôturé.
error-year-earlier-open = Un exercice antérieur est encore ouvert : clôturez-le d'abord.
error-year-next-overlaps = L'exercice suivant ne peut pas être créé : il chevaucherait un exercice existant.
error-year-books = Les comptes ne permettent pas de clôturer (voir ci-dessus).
seal-title = Scellement
seal-intact = Vérifié : les écritures sont exactement celles de la clôture.
seal-broken = Les écritures ont changé depuis la clôture
seal-changed = L'écriture n° { $number } ne correspond plus à son scellement.
seal-missing = Écritures manquantes entre le n° { $after } et le n° { $next }.
seal-unsealed = Une écriture (identifiant { $id }) a été ajoutée après la clôture.
seal-head = La dernière empreinte ne correspond pas à celle de la clôture : des écritures ont été ajoutées ou retirées à la fin.
seal-last-hash = Empreinte de clôture (SHA-256) :
fec-download = Télécharger le FEC
fec-import-title = Importer un FEC
fec-import-help = Le fichier des écritures comptables (FEC) d'un autre logiciel : ses écritures sont ajoutées, tout ou rien, dans les exercices qui couvrent leurs dates ; les exercices manquants sont ouverts sur douze mois à partir du mois de début indiqué dans les paramètres. Un exercice clôturé ne reçoit rien.
fec-file = Fichier FEC
fec-file-help = Un fichier texte, colonnes séparées par des tabulations ou des barres verticales.
fec-check-only = Vérifier seulement, sans rien enregistrer
fec-import-submit = Importer
fec-counts = { $entries } écriture(s), { $lines } ligne(s) à importer.
fec-problems = { $count ->
    [one] Un problème, rien n'a été enregistré
   *[other] { $count } problèmes, rien n'a été enregistré
}
notice-fec-imported = FEC importé.
error-fec-refused = Le fichier n'a pas été importé : voir les problèmes ci-dessous.
error-fec-already-imported = Ce fichier a déjà été importé.
error-fec-account-unknown = numéro de compte inconnu du plan comptable
error-fec-header = la première ligne n'est pas l'en-tête du FEC (18 colonnes nommées)
error-fec-column-count = { $found } colonnes au lieu de { $expected }
error-fec-date = date invalide (attendu AAAAMMJJ)
error-fec-amount = montant invalide
error-fec-sens = sens invalide (D ou C)
error-fec-account = numéro de compte invalide
error-fec-debit-and-credit = débit et crédit à la fois
error-fec-unbalanced = l'écriture { $entry } n'est pas équilibrée (écart de { $difference })
error-fec-entry-date = les lignes de l'écriture { $entry } n'ont pas la même date
error-fec-invalid-entry = écriture invalide
statement = Compte de résultat
statement-title = Compte de résultat – { $year }
balance-sheet = Bilan
balance-sheet-title = Bilan – { $year }
statement-heading = Rubrique
statement-gross = Brut
statement-depreciation = Amortissements et dépréciations
statement-current = Exercice
statement-previous = Exercice précédent
report-download = Télécharger :
pdf-page = Page
entry-number = N°
