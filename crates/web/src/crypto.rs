//! Random tokens, hashing of tokens, and encryption of secrets at rest.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut b = vec![0u8; n];
    // The OS random source failing leaves nothing safe to do.
    getrandom::fill(&mut b).expect("operating system random source");
    b
}

/// A random token for links and cookies (256 bits, hex).
pub fn token() -> String {
    hex::encode(random_bytes(32))
}

/// SHA-256 of a token, hex: what the database stores instead of the token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The server key: encrypts secrets at rest (TOTP seeds, SMTP password)
/// with XChaCha20-Poly1305 and random nonces. Created at first start in the
/// data folder; losing it makes those secrets unreadable.
#[derive(Clone)]
pub struct ServerKey(XChaCha20Poly1305);

impl ServerKey {
    /// Builds the key from 32 bytes.
    pub fn from_bytes(bytes: &[u8; 32]) -> ServerKey {
        ServerKey(XChaCha20Poly1305::new(bytes.into()))
    }

    /// Encrypts: nonce (24 bytes) followed by ciphertext and tag.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let nonce_bytes = random_bytes(24);
        let nonce = XNonce::try_from(nonce_bytes.as_slice()).expect("24-byte nonce");
        let mut out = nonce_bytes.clone();
        // Encryption with a valid key and nonce cannot fail for in-memory buffers.
        out.extend(self.0.encrypt(&nonce, plain).expect("encryption"));
        out
    }

    /// Decrypts what `seal` produced; `None` if altered or sealed by another key.
    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < 24 {
            return None;
        }
        let (nonce, body) = sealed.split_at(24);
        self.0.decrypt(&XNonce::try_from(nonce).ok()?, body).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_their_key() {
        let k = ServerKey::from_bytes(&[7; 32]);
        let sealed = k.seal(b"JBSWY3DPEHPK3PXP");
        assert!(!sealed.windows(16).any(|w| w == b"JBSWY3DPEHPK3PXP"));
        assert_eq!(k.open(&sealed).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert!(ServerKey::from_bytes(&[8; 32]).open(&sealed).is_none());
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(k.open(&tampered).is_none());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (token(), token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
