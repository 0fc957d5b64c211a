//! Argon2id password hashing, run off the async threads.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Argon2id cost. Production uses OWASP's minimum (19 MiB, 2 passes);
/// tests use `cheap()` so hundreds of logins stay fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArgonParams {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for ArgonParams {
    fn default() -> Self {
        ArgonParams { memory_kib: Params::DEFAULT_M_COST, iterations: Params::DEFAULT_T_COST }
    }
}

impl ArgonParams {
    /// For tests only: far too cheap for real passwords.
    pub fn cheap() -> Self {
        ArgonParams { memory_kib: 64, iterations: 1 }
    }
}

/// Hashes a password into a PHC string (`$argon2id$…`).
pub async fn hash(params: ArgonParams, password: String) -> String {
    tokio::task::spawn_blocking(move || hash_now(params, &password)).await.expect("hashing task")
}

/// Hashes synchronously (command line).
pub fn hash_now(params: ArgonParams, password: &str) -> String {
    let p = Params::new(params.memory_kib, params.iterations, 1, None).expect("valid Argon2 parameters");
    let salt = crate::crypto::random_bytes(16);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_with_salt(password.as_bytes(), &salt)
        .expect("Argon2 hashing")
        .to_string()
}

/// Checks a password against a stored hash (the hash carries its own parameters).
pub async fn verify(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok())
        .await
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that the
/// response takes as long and reveals nothing.
pub fn decoy(params: ArgonParams) -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_now(params, "decoy password never used"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash(ArgonParams::cheap(), "correct horse battery".into()).await;
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(h.clone(), "correct horse battery".into()).await);
        assert!(!verify(h, "wrong".into()).await);
        assert!(!verify("not a hash".into(), "x".into()).await);
    }
}
