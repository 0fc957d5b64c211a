//! Access registry reminders: a month before an account's expiry, and when
//! its yearly check is due; to the people who hold it and the administrators.
//! Written in French, the association's working language.

use crate::i18n::{Lang, Tr};
use domain::access::{Due, reminders_due};
use domain::settings::Module;
use domain::{AccessAccountId, Date, Role, UserId};
use store::Db;
use store::access::Reminder;

/// Queues the reminders due today in every association that wants them;
/// each (account, subject, date) is reminded once. Returns how many.
pub async fn send_due(db: &Db, today: Date, now: i64, public_url: &str) -> store::Result<usize> {
    let tr = Tr { lang: Lang::Fr };
    let mut queued = 0;
    for a in store::access::associations_with_reminders(db).await? {
        let Some(association) = store::associations::get(db, a).await? else { continue };
        if !association.modules().contains(&Module::Vault) {
            continue;
        }
        let team = store::team::list(db, a).await?;
        for row in store::access::list(db, a).await? {
            let account = row.account();
            let due = reminders_due(&account, today);
            if due.is_empty() {
                continue;
            }
            let holders = store::access::holders_of(db, a, AccessAccountId(row.id)).await?;
            let to: Vec<String> = team
                .iter()
                .filter(|t| holders.contains(&UserId(t.user_id)) || t.role == Role::Administrator.code())
                .map(|t| t.email.clone())
                .collect();
            for (kind, on) in due {
                let (subject, body) = match kind {
                    Due::Expiry => (
                        format!("[{}] Échéance le {} : {}", association.name, tr.date(&on.to_string()), row.service),
                        format!(
                            "Bonjour,\n\nLe compte « {} » de {} arrive à échéance le {}. Pensez à le renouveler à \
                             temps : un nom de domaine ou un contrat expiré peut couper le site, le courrier ou \
                             les paiements.\n\nLe registre des accès : {public_url}/access\n",
                            row.service,
                            association.name,
                            tr.date(&on.to_string()),
                        ),
                    ),
                    Due::Verification => (
                        format!("[{}] Vérification annuelle : {}", association.name, row.service),
                        format!(
                            "Bonjour,\n\nL'accès au compte « {} » de {} n'a pas été vérifié depuis un an. \
                             Connectez-vous pour vérifier qu'il fonctionne encore (mot de passe, double \
                             authentification, adresse de secours), puis indiquez-le dans le registre des \
                             accès : {public_url}/access\n",
                            row.service, association.name,
                        ),
                    ),
                };
                let mails: Vec<_> = to.iter().map(|t| (t.clone(), subject.clone(), body.clone())).collect();
                let reminder = Reminder { account: AccessAccountId(row.id), due: kind, due_on: on, mails: &mails };
                if store::access::queue_reminder(db, a, &reminder, now).await? {
                    queued += 1;
                    let detail = format!("#{} {} ({}, {on}): {}", row.id, row.service, kind.code(), to.join(", "));
                    store::audit::record(db, a, None, "access.reminder", &detail, now).await?;
                }
            }
        }
    }
    Ok(queued)
}
