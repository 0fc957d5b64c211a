//! Sends the mail queue over SMTP with lettre, retrying with backoff.

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::Db;

/// Delays between attempts, in seconds; after the last one the message is marked failed.
const BACKOFF: &[i64] = &[60, 300, 1800, 7200, 21_600];

/// An SMTP connection description.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// From a URL: `smtp://host:port` (local relay), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`.
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("smtp_url: {e} / URL SMTP invalide"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|e| format!("mail_from {from:?}: {e} / expéditeur invalide"))?;
        Ok(Mailer { transport, from })
    }

    async fn send(&self, m: &store::mail::Mail) -> Result<(), String> {
        let to: Mailbox = m.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&m.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(m.body_text.clone())
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Sends what is due once; returns how many were sent.
pub async fn send_due(db: &Db, mailer: &Mailer, now: i64) -> Result<usize, store::Error> {
    let mut sent = 0;
    for m in store::mail::claim_due(db, now, 300, 20).await? {
        match mailer.send(&m).await {
            Ok(()) => {
                store::mail::mark_sent(db, m.id, now).await?;
                sent += 1;
            }
            Err(e) => {
                let retry = usize::try_from(m.attempts).ok().and_then(|i| BACKOFF.get(i)).map(|d| now + d);
                tracing::warn!(
                    id = m.id,
                    attempts = m.attempts + 1,
                    will_retry = retry.is_some(),
                    "mail not sent: {e}"
                );
                store::mail::mark_failed(db, m.id, &e, retry).await?;
            }
        }
    }
    Ok(sent)
}
