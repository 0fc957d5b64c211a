//! Background jobs of a running server: the mail queue and clean-up.
//! Their state is in the database, so several processes can run them.

use crate::mailer::{Mailer, send_due};
use std::time::Duration;
use store::Db;

/// Sends queued mail every two seconds, forever.
pub async fn mail_loop(db: Db, mailer: Option<Mailer>) {
    let Some(mailer) = mailer else {
        tracing::warn!("no smtp_url configured: emails stay queued / aucun serveur SMTP configuré");
        return;
    };
    loop {
        if let Err(e) = send_due(&db, &mailer, web::now()).await {
            tracing::error!("mail queue: {e}");
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Forgets expired sessions and old failed-login records, hourly.
pub async fn cleanup_loop(db: Db) {
    loop {
        let t = web::now();
        if let Err(e) = store::sessions::prune(&db, t).await {
            tracing::error!("session clean-up: {e}");
        }
        if let Err(e) = store::throttle::prune(&db, t - 86_400).await {
            tracing::error!("login attempts clean-up: {e}");
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}
