//! TOTP two-factor codes (RFC 6238: SHA-1, 6 digits, 30 s, one step of skew)
//! and single-use recovery codes.

use totp_rs::{Builder, Secret, Totp};

fn totp(secret: &[u8], account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::from(secret.to_vec()))
        .with_account_name(account.replace(':', "_"))
        .with_issuer(Some("Preau"))
        .build()
        .ok()
}

/// A new random secret (160 bits, as RFC 4226 recommends).
pub fn new_secret() -> Vec<u8> {
    crate::crypto::random_bytes(20)
}

/// The secret as people type it into an authenticator app.
pub fn base32(secret: &[u8]) -> String {
    Secret::from(secret.to_vec()).to_base32()
}

/// The `otpauth://` URL an authenticator app scans.
pub fn otpauth_url(secret: &[u8], account: &str) -> String {
    totp(secret, account).and_then(|t| t.to_url().ok()).unwrap_or_default()
}

/// The time step `code` belongs to, if it is valid at `now` (one step of
/// clock skew either way). The caller accepts each step once (RFC 6238 §5.2).
pub fn check(secret: &[u8], code: &str, now: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 {
        return None;
    }
    totp(secret, "x")?.check(&code, now.max(0) as u64).and_then(|step| i64::try_from(step).ok())
}

/// The code at `now` (tests and the command line).
pub fn code_at(secret: &[u8], now: i64) -> String {
    totp(secret, "x").map(|t| t.generate(now.max(0) as u64).to_string()).unwrap_or_default()
}

/// Ten recovery codes like `k3m9-x2qa`, unambiguous characters only.
pub fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            let b = crate::crypto::random_bytes(8);
            let s: String = b.iter().map(|x| ALPHABET[usize::from(*x) % ALPHABET.len()] as char).collect();
            format!("{}-{}", &s[..4], &s[4..])
        })
        .collect()
}

/// Normalises a typed recovery code before hashing it.
pub fn normalise_recovery(code: &str) -> String {
    code.trim().to_lowercase()
}

/// An SVG QR code of `text`, as a data URL usable in `<img src>` under the CSP.
pub fn qr_data_url(text: &str) -> String {
    use base64::Engine as _;
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else { return String::new() };
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).build();
    format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vector() {
        // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 s → 94287082 (8 digits);
        // with 6 digits the code is the last six: 287082.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59), "287082");
        assert_eq!(check(secret, "287082", 59), Some(1));
        assert_eq!(check(secret, "287 082", 59 + 30), Some(1), "one step of skew");
        assert_eq!(check(secret, "287082", 59 + 95), None);
        assert_eq!(check(secret, "28708", 59), None);
    }

    #[test]
    fn recovery_codes_look_right() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), 10);
        assert!(codes.iter().all(|c| c.len() == 9 && c.as_bytes()[4] == b'-'));
        assert!(qr_data_url("otpauth://totp/x").starts_with("data:image/svg+xml;base64,"));
    }
}
