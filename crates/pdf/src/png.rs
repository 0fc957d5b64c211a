//! PNG files of 8 bits per channel: chunks checked, image data inflated,
//! filters undone, the alpha channel split off into a soft mask.

use std::io::Read;

use flate2::Crc;
use flate2::read::ZlibDecoder;

use crate::image::{Image, ImageData, ImageError, ImageFormat};
use crate::writer::deflate;

const FORMAT: ImageFormat = ImageFormat::Png;
const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

fn corrupt(detail: &'static str) -> ImageError {
    ImageError::Corrupt { format: FORMAT, detail }
}

fn unsupported(detail: impl Into<String>) -> ImageError {
    ImageError::Unsupported { format: FORMAT, detail: detail.into() }
}

/// The image header (IHDR chunk).
struct Header {
    width: u32,
    height: u32,
    /// 1 (grey), 2 (grey and alpha), 3 (RGB) or 4 (RGBA).
    channels: usize,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Image, ImageError> {
    let Some(mut rest) = bytes.strip_prefix(&SIGNATURE) else {
        return Err(ImageError::NotThisFormat(FORMAT));
    };
    let mut header = None;
    let mut idat = Vec::new();
    let mut transparent = None;
    loop {
        let (kind, data, after) = chunk(rest)?;
        rest = after;
        match &kind {
            b"IHDR" => header = Some(image_header(data)?),
            _ if header.is_none() => return Err(corrupt("the first chunk is not the image header (IHDR)")),
            b"tRNS" => transparent = Some(data),
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            // Ancillary chunks (gamma, colour profile, text…) are skipped.
            _ => {}
        }
    }
    let Some(header) = header else {
        return Err(corrupt("the image header (IHDR) is missing"));
    };
    if idat.is_empty() {
        return Err(corrupt("there is no image data (IDAT)"));
    }
    let row_bytes = header.width as usize * header.channels;
    let pixels = inflate(&idat, (row_bytes + 1) * header.height as usize)?;
    let pixels = unfilter(&pixels, row_bytes, header.channels)?;
    let colors = if header.channels <= 2 { 1 } else { 3 };
    let has_alpha = header.channels == 2 || header.channels == 4;
    let (color, alpha) = if has_alpha { split_alpha(&pixels, colors) } else { (pixels, None) };
    let color_key = match transparent {
        // Only grey and RGB images have a transparent colour: 2 bytes per
        // channel, of which an 8-bit image uses the low byte.
        Some(key) if !has_alpha => {
            if key.len() != 2 * colors {
                return Err(corrupt("the transparency chunk (tRNS) has the wrong length"));
            }
            Some(key.chunks(2).map(|sample| sample[1]).collect())
        }
        _ => None,
    };
    Ok(Image {
        width: header.width,
        height: header.height,
        data: ImageData::Flate {
            colors: colors as u8,
            color: deflate(&color),
            alpha: alpha.map(|alpha| deflate(&alpha)),
            color_key,
        },
    })
}

/// A chunk's type, its data, and the bytes after it.
type Chunk<'a> = ([u8; 4], &'a [u8], &'a [u8]);

/// One chunk: its type, its data (checksum verified), and what follows.
fn chunk(bytes: &[u8]) -> Result<Chunk<'_>, ImageError> {
    let Some((length, rest)) = bytes.split_first_chunk::<4>() else {
        return Err(corrupt("it is cut short (no end chunk, IEND)"));
    };
    let length = u32::from_be_bytes(*length) as usize;
    if rest.len() < length.saturating_add(8) {
        return Err(corrupt("it is cut short inside a chunk"));
    }
    let (typed, rest) = rest.split_at(4 + length);
    let (crc, rest) = rest.split_at(4);
    if crc32(typed) != u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]) {
        return Err(corrupt("a chunk's checksum (CRC) does not match its content"));
    }
    Ok(([typed[0], typed[1], typed[2], typed[3]], &typed[4..], rest))
}

fn image_header(data: &[u8]) -> Result<Header, ImageError> {
    let Ok(data) = <&[u8; 13]>::try_from(data) else {
        return Err(corrupt("the image header (IHDR) has the wrong length"));
    };
    let width = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
    let height = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
    let [depth, color_type, compression, filter, interlace] = [data[8], data[9], data[10], data[11], data[12]];
    if compression != 0 || filter != 0 {
        return Err(corrupt("unknown compression or filter method"));
    }
    if interlace == 1 {
        return Err(unsupported("interlaced (Adam7); save it without interlacing"));
    }
    if interlace != 0 {
        return Err(corrupt("unknown interlace method"));
    }
    let channels = match color_type {
        0 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        3 => return Err(unsupported("palette colours; save it as RGB or RGBA")),
        _ => return Err(corrupt("unknown colour type")),
    };
    if depth != 8 {
        return Err(unsupported(format!("{depth} bits per channel; save it with 8 bits per channel")));
    }
    Image::checked_size(FORMAT, width, height)?;
    Ok(Header { width, height, channels })
}

/// The zlib stream of the IDAT chunks, which must hold exactly `expected`
/// bytes (at most that many are ever inflated).
fn inflate(compressed: &[u8], expected: usize) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::with_capacity(expected);
    let limit = expected as u64 + 1;
    match ZlibDecoder::new(compressed).take(limit).read_to_end(&mut out) {
        Ok(_) if out.len() == expected => Ok(out),
        Ok(_) if out.len() < expected => Err(corrupt("the image data is shorter than the image")),
        Ok(_) => Err(corrupt("the image data is longer than the image")),
        Err(_) => Err(corrupt("the image data does not decompress")),
    }
}

/// Undoes the per-row filters (PNG specification, section 9): each row
/// starts with its filter type, then the filtered bytes. `bpp` is the
/// distance to the byte of the same channel in the pixel to the left.
fn unfilter(data: &[u8], row_bytes: usize, bpp: usize) -> Result<Vec<u8>, ImageError> {
    let rows = data.len() / (row_bytes + 1);
    let mut out = vec![0u8; rows * row_bytes];
    for (index, row) in data.chunks_exact(row_bytes + 1).enumerate() {
        let (filter, row) = (row[0], &row[1..]);
        let (before, current) = out.split_at_mut(index * row_bytes);
        let current = &mut current[..row_bytes];
        let previous = if index == 0 { None } else { Some(&before[(index - 1) * row_bytes..]) };
        let up = |i: usize| previous.map_or(0, |p| p[i]);
        for i in 0..row_bytes {
            let left = if i >= bpp { current[i - bpp] } else { 0 };
            let up_left = if i >= bpp { up(i - bpp) } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => left,
                2 => up(i),
                3 => ((u16::from(left) + u16::from(up(i))) / 2) as u8,
                4 => paeth(left, up(i), up_left),
                _ => return Err(corrupt("a row has an unknown filter type")),
            };
            current[i] = row[i].wrapping_add(predicted);
        }
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// The colour samples and the alpha samples of interleaved pixels; no alpha
/// plane when every pixel is opaque.
fn split_alpha(pixels: &[u8], colors: usize) -> (Vec<u8>, Option<Vec<u8>>) {
    let count = pixels.len() / (colors + 1);
    let mut color = Vec::with_capacity(count * colors);
    let mut alpha = Vec::with_capacity(count);
    for pixel in pixels.chunks_exact(colors + 1) {
        color.extend_from_slice(&pixel[..colors]);
        alpha.push(pixel[colors]);
    }
    let opaque = alpha.iter().all(|&a| a == 0xFF);
    (color, if opaque { None } else { Some(alpha) })
}

/// CRC-32 as PNG computes it (the one of gzip, polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(bytes);
    crc.sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_iend() {
        // Every PNG ends with this chunk and checksum.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn filters_are_undone() {
        // Two rows of two RGB pixels: None, then Sub; then Up, Average, Paeth
        // over the same row, checked against the arithmetic by hand.
        let row0 = [10, 20, 30, 40, 50, 60];
        let data = [&[0][..], &row0, &[1], &[5, 5, 5, 1, 1, 1]].concat();
        assert_eq!(unfilter(&data, 6, 3).unwrap(), [&row0[..], &[5, 5, 5, 6, 6, 6]].concat());
        let up = [&[0][..], &row0, &[2], &[1, 1, 1, 1, 1, 1]].concat();
        assert_eq!(unfilter(&up, 6, 3).unwrap()[6..], [11, 21, 31, 41, 51, 61]);
        let average = [&[0][..], &row0, &[3], &[0, 0, 0, 0, 0, 0]].concat();
        // First pixel: up / 2; second: (left + up) / 2.
        assert_eq!(unfilter(&average, 6, 3).unwrap()[6..], [5, 10, 15, 22, 30, 37]);
        let paeth_row = [&[0][..], &row0, &[4], &[0, 0, 0, 0, 0, 0]].concat();
        // First pixel predicts from above; then a=left, b=up, c=up-left.
        assert_eq!(unfilter(&paeth_row, 6, 3).unwrap()[6..], [10, 20, 30, 40, 50, 60]);
        assert!(unfilter(&[5, 0, 0, 0], 3, 3).is_err());
    }

    #[test]
    fn paeth_predictor() {
        assert_eq!(paeth(10, 20, 30), 10);
        assert_eq!(paeth(30, 20, 10), 30);
        assert_eq!(paeth(20, 30, 25), 25);
    }

    #[test]
    fn opaque_alpha_is_dropped() {
        let (color, alpha) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 255], 3);
        assert_eq!((color, alpha), (vec![1, 2, 3, 4, 5, 6], None));
        let (color, alpha) = split_alpha(&[9, 0, 8, 128], 1);
        assert_eq!((color, alpha), (vec![9, 8], Some(vec![0, 128])));
    }

    #[test]
    fn not_a_png() {
        assert_eq!(read(b"\xFF\xD8\xFF").unwrap_err(), ImageError::NotThisFormat(FORMAT));
        assert!(matches!(read(&SIGNATURE), Err(ImageError::Corrupt { .. })));
    }
}
