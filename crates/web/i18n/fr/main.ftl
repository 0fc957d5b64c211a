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
