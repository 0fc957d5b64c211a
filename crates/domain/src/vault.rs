//! What the server can check of the vault without reading it: the size of
//! the encrypted files attached to entries. The browser checks the same
//! limits before encrypting (it gets them from the server), the server again
//! before writing: a script that skips the first check still meets the second.

/// What sealing adds to a file's content: format version and kind (2 bytes),
/// AES-GCM nonce (12) and tag (16). The server stores and counts sealed bytes.
pub const FILE_SEAL_OVERHEAD: i64 = 2 + 12 + 16;

/// How much the vault takes in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// The largest file, in bytes before encryption.
    pub file: i64,
    /// The most an association's vault keeps in files, in sealed bytes.
    pub association: i64,
}

/// Why a sealed file is refused; sizes in sealed bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooBig {
    /// The file alone is over the file limit (plus the seal).
    File { size: i64, limit: i64 },
    /// The association's files would go over what it may keep.
    Association { size: i64, used: i64, limit: i64 },
}

impl FileLimits {
    /// 5 MiB a file (a scanned mandate, a PDF of codes, a key file), 100 MiB
    /// an association: what a frugal shared host can keep in its database.
    pub const DEFAULT: FileLimits = FileLimits { file: 5 * 1024 * 1024, association: 100 * 1024 * 1024 };

    /// The largest sealed file.
    pub const fn sealed_file(&self) -> i64 {
        self.file + FILE_SEAL_OVERHEAD
    }

    /// Checks a sealed file of `size` bytes, the association already keeping
    /// `used` bytes of files.
    pub fn check(&self, size: i64, used: i64) -> Result<(), TooBig> {
        if size > self.sealed_file() {
            return Err(TooBig::File { size, limit: self.sealed_file() });
        }
        if used + size > self.association {
            return Err(TooBig::Association { size, used, limit: self.association });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_the_limit_passes_one_byte_more_does_not() {
        let limits = FileLimits::DEFAULT;
        let sealed = 5 * 1024 * 1024 + FILE_SEAL_OVERHEAD;
        assert_eq!(limits.check(sealed, 0), Ok(()));
        assert_eq!(limits.check(sealed + 1, 0), Err(TooBig::File { size: sealed + 1, limit: sealed }));
    }

    #[test]
    fn the_association_total_counts_what_is_kept() {
        let limits = FileLimits { file: 100, association: 1000 };
        assert_eq!(limits.check(100, 900), Ok(()));
        assert_eq!(limits.check(101, 900), Err(TooBig::Association { size: 101, used: 900, limit: 1000 }));
        assert_eq!(limits.check(131, 0), Err(TooBig::File { size: 131, limit: 130 }), "the file limit first");
    }
}
