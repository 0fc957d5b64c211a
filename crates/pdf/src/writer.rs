//! The file itself: numbered objects appended to one buffer as they are
//! ready, each one's byte offset noted for the cross-reference table.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use crate::encoding::push_text_string;

/// An object number (generation is always 0).
pub(crate) type ObjectId = u32;

/// zlib-compressed `data`, as `/FlateDecode` expects.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3 + 64), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// The document's bytes so far, and where each object starts.
pub(crate) struct Writer {
    out: Vec<u8>,
    /// Indexed by object number; `None` until the object is written. Entry 0
    /// is the free-list head of the cross-reference table.
    offsets: Vec<Option<usize>>,
    compress: bool,
}

/// The parts of the trailer besides the cross-reference table.
pub(crate) struct Trailer {
    pub root: ObjectId,
    pub info: ObjectId,
}

impl Writer {
    /// A new file: the header, and a comment of bytes above 127 so that
    /// transfer programs treat it as binary.
    pub fn new(compress: bool) -> Writer {
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Writer { out, offsets: vec![None], compress }
    }

    /// A number for an object to be written later.
    pub fn reserve(&mut self) -> ObjectId {
        self.offsets.push(None);
        (self.offsets.len() - 1) as ObjectId
    }

    fn begin(&mut self, id: ObjectId) {
        debug_assert!(self.offsets[id as usize].is_none(), "object {id} written twice");
        self.offsets[id as usize] = Some(self.out.len());
        self.out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
    }

    /// Writes object `id` with `body` (a dictionary, an array…).
    pub fn object(&mut self, id: ObjectId, body: &[u8]) {
        self.begin(id);
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes stream `id`: `entries` go into its dictionary next to
    /// `/Length`; `data` is already in the form the entries describe.
    pub fn stream(&mut self, id: ObjectId, entries: &str, data: &[u8]) {
        self.begin(id);
        let separator = if entries.is_empty() { "" } else { " " };
        self.out.extend_from_slice(format!("<< {entries}{separator}/Length {} >>\nstream\n", data.len()).as_bytes());
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Writes a content stream (drawing operators), compressed unless the
    /// document was made uncompressed.
    pub fn content(&mut self, id: ObjectId, operators: &[u8]) {
        if self.compress {
            self.stream(id, "/Filter /FlateDecode", &deflate(operators));
        } else {
            self.stream(id, "", operators);
        }
    }

    /// The cross-reference table and the trailer; every reserved object must
    /// have been written.
    pub fn finish(mut self, trailer: Trailer) -> Vec<u8> {
        let id = file_id(&self.out);
        let start = self.out.len();
        let count = self.offsets.len();
        self.out.reserve(count * 20 + 256);
        self.out.extend_from_slice(format!("xref\n0 {count}\n0000000000 65535 f \n").as_bytes());
        for (number, offset) in self.offsets.iter().enumerate().skip(1) {
            debug_assert!(offset.is_some(), "object {number} reserved but never written");
            // An object never written would break the file: mark it free.
            match offset {
                Some(offset) => self.out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes()),
                None => self.out.extend_from_slice(b"0000000000 00001 f \n"),
            }
        }
        self.out.extend_from_slice(
            format!(
                "trailer\n<< /Size {count} /Root {} 0 R /Info {} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{start}\n%%EOF\n",
                trailer.root, trailer.info
            )
            .as_bytes(),
        );
        self.out
    }
}

/// The document information dictionary: text entries, then the date.
pub(crate) fn info_dictionary(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = b"<<".to_vec();
    for (key, value) in entries.iter().filter(|(_, value)| !value.is_empty()) {
        out.extend_from_slice(format!(" /{key} ").as_bytes());
        push_text_string(&mut out, value);
    }
    out.extend_from_slice(b" >>");
    out
}

/// The file identifier: a 128-bit hash of the content (two FNV-1a passes
/// with different starting points), so the same document gets the same
/// identifier and a different one almost surely another.
fn file_id(bytes: &[u8]) -> String {
    let fnv = |seed: u64| {
        bytes.iter().fold(seed, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
            ^ bytes.len() as u64
    };
    format!("{:016X}{:016X}", fnv(0xCBF2_9CE4_8422_2325), fnv(0x6C62_272E_07BB_0142))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_at_objects() {
        let mut writer = Writer::new(false);
        let root = writer.reserve();
        let info = writer.reserve();
        let stream = writer.reserve();
        writer.stream(stream, "", b"0 0 m");
        writer.object(info, b"<< >>");
        writer.object(root, b"<< /Type /Catalog >>");
        let offsets: Vec<usize> = writer.offsets.iter().skip(1).map(|o| o.unwrap()).collect();
        let bytes = writer.finish(Trailer { root, info });
        for (index, offset) in offsets.iter().enumerate() {
            assert!(bytes[*offset..].starts_with(format!("{} 0 obj\n", index + 1).as_bytes()));
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("<< /Length 5 >>\nstream\n0 0 m\nendstream"));
        assert!(text.contains("xref\n0 4\n0000000000 65535 f \n"));
        assert!(text.ends_with("%%EOF\n"));
    }

    #[test]
    fn information_skips_empty_entries() {
        let info = info_dictionary(&[("Title", "Reçu"), ("Subject", ""), ("Author", "A")]);
        assert_eq!(info, b"<< /Title <FEFF0052006500E70075> /Author (A) >>");
    }

    #[test]
    fn identifier_follows_content() {
        assert_eq!(file_id(b"abc"), file_id(b"abc"));
        assert_ne!(file_id(b"abc"), file_id(b"abd"));
        assert_eq!(file_id(b"").len(), 32);
    }
}
