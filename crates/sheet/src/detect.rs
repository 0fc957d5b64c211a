//! What a file really is, from its first bytes and, for a zip archive, the
//! names of its parts.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::{Format, ReadError};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
/// Compound File Binary (OLE2): old `.xls`, and also the container of an
/// encrypted `.xlsx`.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
pub(crate) const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// The format of `bytes`, checked against the extension of `file_name` when
/// it is one [`crate::read`] knows (`.csv`, `.txt`, `.tsv`, `.ods`, `.xlsx`,
/// in any case). Other or missing extensions accept whatever the content is.
pub fn detect(file_name: &str, bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let found = sniff(bytes)?;
    if let Some((extension, expected)) = extension(file_name)
        && expected != found
    {
        return Err(ReadError::NotWhatItSays { extension, found });
    }
    Ok(found)
}

/// The lower-case extension of the last path component, and the format it
/// announces, if it is one we know.
fn extension(file_name: &str) -> Option<(String, Format)> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let (_, extension) = base.rsplit_once('.')?;
    let extension = extension.trim().to_ascii_lowercase();
    let format = match extension.as_str() {
        "csv" | "txt" | "tsv" => Format::Csv,
        "ods" => Format::Ods,
        "xlsx" => Format::Xlsx,
        _ => return None,
    };
    Some((extension, format))
}

fn sniff(bytes: &[u8]) -> Result<Format, ReadError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(EMPTY_ZIP_MAGIC) {
        return inside_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        // An encrypted XLSX is an OLE container with an "EncryptedPackage"
        // stream; its directory entry holds the name in UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        return Err(if bytes.windows(name.len()).any(|w| w == name) {
            ReadError::PasswordProtected
        } else {
            ReadError::OldExcel
        });
    }
    if looks_binary(bytes) {
        return Err(ReadError::NotASpreadsheet);
    }
    Ok(Format::Csv)
}

/// Text never holds a NUL byte, except UTF-16, which announces itself with a
/// byte order mark when spreadsheet programs write it.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    bytes[..bytes.len().min(64 * 1024)].contains(&0)
}

/// ODS has a `mimetype` part saying so; XLSX has `xl/workbook.xml`.
fn inside_zip(bytes: &[u8]) -> Result<Format, ReadError> {
    let mut zip = open_zip(bytes)?;
    if let Ok(part) = zip.by_name("mimetype") {
        let mut mimetype = String::new();
        // A mimetype is a short line; anything longer is not ours.
        let _ = part.take(200).read_to_string(&mut mimetype);
        return if mimetype.trim() == ODS_MIMETYPE { Ok(Format::Ods) } else { Err(ReadError::UnknownZip) };
    }
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return Ok(Format::Xlsx);
    }
    Err(ReadError::UnknownZip)
}

pub(crate) fn open_zip(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, ReadError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Unreadable { reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_read_from_the_last_component_in_any_case() {
        assert_eq!(extension("Membres.CSV"), Some(("csv".into(), Format::Csv)));
        assert_eq!(extension("C:\\Users\\moi\\export.2024.XlSx"), Some(("xlsx".into(), Format::Xlsx)));
        assert_eq!(extension("dir.ods/membres"), None);
        assert_eq!(extension("membres"), None);
        assert_eq!(extension("membres.xls"), None);
        assert_eq!(extension("liste.txt"), Some(("txt".into(), Format::Csv)));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a\tb".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(sniff(&utf16), Ok(Format::Csv));
        assert_eq!(sniff(b"%PDF-1.7\n\0\0"), Err(ReadError::NotASpreadsheet));
    }
}
