//! Sends the mail queue over SMTP with lettre, retrying with backoff.

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
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
        Mailer::with_credentials(url, None, from)
    }

    /// Same, with a user name and password sent with SMTP AUTH.
    pub fn with_credentials(url: &str, credentials: Option<(String, String)>, from: &str) -> Result<Mailer, String> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("smtp_url: {e} / URL SMTP invalide"))?
            .timeout(Some(std::time::Duration::from_secs(20)));
        if let Some((user, password)) = credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        let transport = builder.build();
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

/// The mailer the host operator configured on the host page, if any: the
/// password is unsealed with the server key only here, when connecting.
pub async fn from_settings(db: &Db, key: &web::ServerKey) -> Result<Option<(String, Mailer)>, String> {
    use base64::Engine as _;
    use web::mail_keys;
    let get = |k: &'static str| async move { store::meta::get(db, k).await.map_err(|e| e.to_string()) };
    let Some(url) = get(mail_keys::URL).await?.filter(|u| !u.is_empty()) else { return Ok(None) };
    let user = get(mail_keys::USERNAME).await?.unwrap_or_default();
    let from = get(mail_keys::FROM).await?.unwrap_or_else(|| "Préau <preau@localhost>".into());
    let sealed = get(mail_keys::PASSWORD).await?;
    let password = match &sealed {
        Some(b64) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| e.to_string())?;
            let plain = key.open(&bytes).ok_or("the SMTP password cannot be decrypted with this server key")?;
            String::from_utf8(plain).map_err(|e| e.to_string())?
        }
        None => String::new(),
    };
    let fingerprint = format!("{url}|{user}|{from}|{}", sealed.unwrap_or_default());
    let credentials = (!user.is_empty()).then_some((user, password));
    Ok(Some((fingerprint, Mailer::with_credentials(&url, credentials, &from)?)))
}
