//! JPEG files: walked marker by marker up to the image data, to learn the
//! size and the colour components from the frame header and to make sure the
//! file is whole. The bytes themselves are embedded untouched.

use crate::image::{Image, ImageData, ImageError, ImageFormat};

const FORMAT: ImageFormat = ImageFormat::Jpeg;

/// What the frame header (SOF marker) says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Frame {
    pub precision: u8,
    pub width: u16,
    pub height: u16,
    pub components: u8,
}

fn corrupt(detail: &'static str) -> ImageError {
    ImageError::Corrupt { format: FORMAT, detail }
}

fn unsupported(detail: impl Into<String>) -> ImageError {
    ImageError::Unsupported { format: FORMAT, detail: detail.into() }
}

pub(crate) fn read(bytes: &[u8]) -> Result<Image, ImageError> {
    let (frame, inverted_cmyk) = scan(bytes)?;
    if frame.precision != 8 {
        return Err(unsupported(format!("{} bits per sample; save it as an ordinary 8-bit JPEG", frame.precision)));
    }
    if frame.height == 0 {
        return Err(unsupported("height given after the image data (DNL marker); save it again"));
    }
    if !matches!(frame.components, 1 | 3 | 4) {
        return Err(unsupported(format!("{} colour components; save it as RGB or greyscale", frame.components)));
    }
    let (width, height) = (u32::from(frame.width), u32::from(frame.height));
    Image::checked_size(FORMAT, width, height)?;
    Ok(Image {
        width,
        height,
        data: ImageData::Jpeg {
            bytes: bytes.to_vec(),
            components: frame.components,
            inverted_cmyk: inverted_cmyk && frame.components == 4,
        },
    })
}

/// Walks the markers from SOI to the first scan (SOS), then checks an end of
/// image (EOI) follows: the frame header, and whether an Adobe APP14 segment
/// was seen (its CMYK is stored inverted).
pub(crate) fn scan(bytes: &[u8]) -> Result<(Frame, bool), ImageError> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(ImageError::NotThisFormat(FORMAT));
    }
    let mut pos = 2;
    let mut frame = None;
    let mut adobe = false;
    loop {
        if pos >= bytes.len() {
            return Err(corrupt("it ends before the image data"));
        }
        if bytes[pos] != 0xFF {
            return Err(corrupt("a marker was expected between segments"));
        }
        while pos < bytes.len() && bytes[pos] == 0xFF {
            pos += 1; // Fill bytes may precede a marker.
        }
        let Some(&marker) = bytes.get(pos) else {
            return Err(corrupt("it ends before the image data"));
        };
        pos += 1;
        match marker {
            // Markers without a length.
            0x01 | 0xD0..=0xD8 => continue,
            0xD9 => return Err(corrupt("it ends before the image data")),
            _ => {}
        }
        let Some(length) = bytes.get(pos..pos + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]]))) else {
            return Err(corrupt("it ends inside a segment header"));
        };
        if length < 2 || pos + length > bytes.len() {
            return Err(corrupt("a segment runs past the end of the file"));
        }
        let segment = &bytes[pos + 2..pos + length];
        pos += length;
        match marker {
            // Baseline, extended sequential and progressive Huffman frames:
            // what PDF's DCTDecode reads.
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(corrupt("it has two frame headers"));
                }
                frame = Some(frame_header(segment)?);
            }
            0xC3 => return Err(unsupported("lossless JPEG; save it as an ordinary JPEG")),
            0xC5..=0xC7 => return Err(unsupported("hierarchical JPEG; save it as an ordinary JPEG")),
            0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(unsupported("arithmetic-coded JPEG; save it as an ordinary JPEG"));
            }
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xDA => {
                let Some(frame) = frame else {
                    return Err(corrupt("the image data comes before the frame header"));
                };
                // Inside the entropy-coded data a 0xFF byte is always followed
                // by 0x00 or a restart marker, so 0xFF 0xD9 is the end.
                if !bytes[pos..].windows(2).any(|w| w == [0xFF, 0xD9]) {
                    return Err(corrupt("it is cut short: the end-of-image marker is missing"));
                }
                return Ok((frame, adobe));
            }
            _ => {}
        }
    }
}

fn frame_header(segment: &[u8]) -> Result<Frame, ImageError> {
    let [precision, h1, h0, w1, w0, components, ..] = *segment else {
        return Err(corrupt("the frame header is too short"));
    };
    if segment.len() < 6 + 3 * usize::from(components) {
        return Err(corrupt("the frame header is too short for its components"));
    }
    Ok(Frame { precision, height: u16::from_be_bytes([h1, h0]), width: u16::from_be_bytes([w1, w0]), components })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, a comment, a baseline frame header of 640 × 480 × 3, a scan
    /// header, two bytes of "data", EOI.
    fn handmade(sof: u8, precision: u8, components: u8) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x05, b'h', b'i', b'!'];
        let length = 8 + 3 * u16::from(components);
        bytes.extend_from_slice(&[0xFF, sof]);
        bytes.extend_from_slice(&length.to_be_bytes());
        bytes.extend_from_slice(&[precision, 0x01, 0xE0, 0x02, 0x80, components]);
        for id in 1..=components {
            bytes.extend_from_slice(&[id, 0x11, 0x00]);
        }
        bytes.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        bytes.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn frame_header_is_read() {
        let (frame, adobe) = scan(&handmade(0xC0, 8, 3)).unwrap();
        assert_eq!(frame, Frame { precision: 8, width: 640, height: 480, components: 3 });
        assert!(!adobe);
        let image = read(&handmade(0xC2, 8, 1)).unwrap();
        assert_eq!((image.width(), image.height()), (640, 480));
        assert!(matches!(image.data, ImageData::Jpeg { components: 1, .. }));
    }

    #[test]
    fn adobe_cmyk_is_marked_inverted() {
        let mut bytes = handmade(0xC0, 8, 4);
        let app14 = [0xFF, 0xEE, 0x00, 0x0E, b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0, 2];
        bytes.splice(2..2, app14);
        let image = read(&bytes).unwrap();
        assert!(matches!(image.data, ImageData::Jpeg { components: 4, inverted_cmyk: true, .. }));
    }

    #[test]
    fn damaged_files_are_refused() {
        let good = handmade(0xC0, 8, 3);
        assert_eq!(read(b"GIF89a").unwrap_err(), ImageError::NotThisFormat(FORMAT));
        for cut in [2, 5, 12, 20, good.len() - 2] {
            assert!(matches!(read(&good[..cut]), Err(ImageError::Corrupt { .. })), "cut at {cut}");
        }
        let mut garbage = good.clone();
        garbage[9] = 0x42; // Not a marker where one must be.
        assert!(matches!(read(&garbage), Err(ImageError::Corrupt { .. })));
        let mut too_long = good.clone();
        too_long[4] = 0x7F; // The comment's length now runs past the end.
        assert!(matches!(read(&too_long), Err(ImageError::Corrupt { .. })));
    }

    #[test]
    fn unusual_jpegs_are_refused() {
        for (sof, precision, components) in [(0xC3, 8, 3), (0xC9, 8, 3), (0xC0, 12, 3), (0xC0, 8, 2)] {
            let error = read(&handmade(sof, precision, components)).unwrap_err();
            assert!(matches!(error, ImageError::Unsupported { .. }), "{sof:#x} {precision} {components}: {error}");
        }
    }
}
