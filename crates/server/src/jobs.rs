//! Background jobs of a running server: the mail queue, dues reminders and clean-up.
//! Their state is in the database, so several processes can run them.

use crate::mailer::{Mailer, send_due};
use std::time::Duration;
use store::Db;

/// Check-ups the hourly job runs at once: a small server shares its two cores.
const WATCH_CONCURRENCY: usize = 4;

/// Sends queued mail every two seconds, forever: through the configured
/// `smtp_url` if any, else through the server set on the host page (read
/// again each round, so a change applies without a restart).
pub async fn mail_loop(db: Db, key: web::ServerKey, configured: Option<Mailer>) {
    let mut from_page: Option<(String, Mailer)> = None;
    let mut warned = false;
    loop {
        if configured.is_none() {
            match crate::mailer::from_settings(&db, &key).await {
                Ok(Some((fingerprint, mailer))) => {
                    if from_page.as_ref().is_none_or(|(f, _)| *f != fingerprint) {
                        from_page = Some((fingerprint, mailer));
                    }
                }
                Ok(None) => {
                    if !warned {
                        tracing::warn!("no mail server configured: emails stay queued / aucun serveur SMTP configuré");
                        warned = true;
                    }
                    from_page = None;
                }
                Err(e) => tracing::error!("mail settings: {e}"),
            }
        }
        if let Some(mailer) = configured.as_ref().or(from_page.as_ref().map(|(_, m)| m))
            && let Err(e) = send_due(&db, mailer, web::now()).await
        {
            tracing::error!("mail queue: {e}");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Hourly: queues the dues reminders due today (each is queued once, so
/// running more often than daily is harmless and catches up after a stop),
/// applies the associations' retention rules (each member once), forgets
/// expired sessions, old failed-login records and abandoned import files;
/// queues the access registry's expiry and verification reminders; re-checks
/// the check-up's watched domains that are due (weekly by default), at most
/// four at a time, and queues their alerts.
pub async fn hourly_loop(db: Db, public_url: String, checkup: checkup::Config) {
    loop {
        let t = web::now();
        if let Some(today) = domain::Date::from_days(t.div_euclid(86_400)) {
            match web::reminders::send_due(&db, today, t).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} dues reminders queued / rappels de cotisation mis en file"),
                Err(e) => tracing::error!("dues reminders: {e}"),
            }
            match web::privacy::apply_retention(&db, today, t).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} former members pseudonymised / anciens membres anonymisés"),
                Err(e) => tracing::error!("retention: {e}"),
            }
            match web::access::send_due(&db, today, t, &public_url).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} access reminders queued / rappels d'accès mis en file"),
                Err(e) => tracing::error!("access reminders: {e}"),
            }
            match web::checkup::watch(&db, &checkup, t, &public_url, false, WATCH_CONCURRENCY).await {
                Ok(w) if w.checked == 0 => {}
                Ok(w) => tracing::info!(
                    "{} domains re-checked, {} alerts queued / domaines revérifiés, alertes mises en file",
                    w.checked,
                    w.alerts
                ),
                Err(e) => tracing::error!("check-up watch: {e}"),
            }
            match store::accounting::recurring::post_due(&db, today, t).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("{n} recurring entries written / écritures récurrentes passées"),
                Err(e) => tracing::error!("recurring entries: {e}"),
            }
        }
        if let Err(e) = store::sessions::prune(&db, t).await {
            tracing::error!("session clean-up: {e}");
        }
        if let Err(e) = store::imports::prune_uploads(&db, t - 86_400).await {
            tracing::error!("import uploads clean-up: {e}");
        }
        if let Err(e) = store::throttle::prune(&db, t - 86_400).await {
            tracing::error!("login attempts clean-up: {e}");
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
