//! Images: PNGs made here by a small encoder (every filter type, alpha,
//! transparent colour) and a JPEG built byte by byte, embedded and read back
//! pixel for pixel by `pdfimages`; damaged and unsupported files refused.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf::{Align, Document, Image, ImageError, ImageFormat};

use crate::{Scratch, check_structure, document, poppler, poppler_in};

// ---- A small PNG encoder ---------------------------------------------------

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut typed = kind.to_vec();
    typed.extend_from_slice(data);
    out.extend_from_slice(&typed);
    out.extend_from_slice(&crc32(&typed).to_be_bytes());
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i32::from(a) + i32::from(b) - i32::from(c);
    let (pa, pb, pc) = ((p - i32::from(a)).abs(), (p - i32::from(b)).abs(), (p - i32::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Rows of raw samples filtered with filter types 0, 1, 2, 3, 4, 0… in turn.
fn filtered(pixels: &[u8], row_bytes: usize, bpp: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let rows: Vec<&[u8]> = pixels.chunks(row_bytes).collect();
    for (index, row) in rows.iter().enumerate() {
        let filter = (index % 5) as u8;
        out.push(filter);
        for i in 0..row_bytes {
            let left = if i >= bpp { row[i - bpp] } else { 0 };
            let up = if index > 0 { rows[index - 1][i] } else { 0 };
            let up_left = if index > 0 && i >= bpp { rows[index - 1][i - bpp] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                _ => paeth(left, up, up_left),
            };
            out.push(row[i].wrapping_sub(predicted));
        }
    }
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

struct Png {
    width: u32,
    height: u32,
    color_type: u8,
    depth: u8,
    interlace: u8,
    transparent: Option<Vec<u8>>,
}

impl Png {
    fn new(width: u32, height: u32, color_type: u8) -> Png {
        Png { width, height, color_type, depth: 8, interlace: 0, transparent: None }
    }

    fn channels(&self) -> usize {
        match self.color_type {
            0 | 3 => 1,
            4 => 2,
            2 => 3,
            _ => 4,
        }
    }

    /// The file for these samples, the image data split over two IDAT chunks.
    fn encode(&self, pixels: &[u8]) -> Vec<u8> {
        let channels = self.channels();
        let row_bytes = self.width as usize * channels * usize::from(self.depth) / 8;
        self.encode_data(&zlib(&filtered(pixels, row_bytes, channels)))
    }

    fn encode_data(&self, compressed: &[u8]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend_from_slice(&self.width.to_be_bytes());
        header.extend_from_slice(&self.height.to_be_bytes());
        header.extend_from_slice(&[self.depth, self.color_type, 0, 0, self.interlace]);
        chunk(&mut out, b"IHDR", &header);
        chunk(&mut out, b"gAMA", &45455u32.to_be_bytes());
        if let Some(key) = &self.transparent {
            chunk(&mut out, b"tRNS", key);
        }
        let (first, second) = compressed.split_at(compressed.len() / 2);
        chunk(&mut out, b"IDAT", first);
        chunk(&mut out, b"IDAT", second);
        chunk(&mut out, b"IEND", &[]);
        out
    }
}

/// A 7 × 6 RGBA image: colours and transparency varying in both directions,
/// fully transparent and fully opaque pixels included.
fn rgba_pixels() -> Vec<u8> {
    let mut pixels = Vec::new();
    for y in 0..6u8 {
        for x in 0..7u8 {
            pixels.extend_from_slice(&[x * 36, y * 50, 255 - x * 20 - y * 10, (x * 42).saturating_add(y * 3)]);
        }
    }
    pixels
}

// ---- A JPEG built by hand ----------------------------------------------------

/// A valid baseline JPEG of 8 × 8 pixels, all mid-grey: one quantisation
/// table, Huffman tables of one code each (DC difference 0, end of block),
/// and for each component one block whose bits are `0` `0`.
fn tiny_jpeg(components: u8) -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    jpeg.extend_from_slice(&[1; 64]);
    jpeg.extend_from_slice(&[0xFF, 0xC0]);
    jpeg.extend_from_slice(&(8 + 3 * u16::from(components)).to_be_bytes());
    jpeg.extend_from_slice(&[8, 0, 8, 0, 8, components]);
    for id in 1..=components {
        jpeg.extend_from_slice(&[id, 0x11, 0]);
    }
    for class in [0x00, 0x10] {
        jpeg.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 1]);
        jpeg.extend_from_slice(&[0; 15]);
        jpeg.push(0x00);
    }
    jpeg.extend_from_slice(&[0xFF, 0xDA]);
    jpeg.extend_from_slice(&(6 + 2 * u16::from(components)).to_be_bytes());
    jpeg.push(components);
    for id in 1..=components {
        jpeg.extend_from_slice(&[id, 0x00]);
    }
    jpeg.extend_from_slice(&[0, 63, 0]);
    // Two zero bits per component, the byte padded with ones.
    let bits = 2 * u32::from(components);
    jpeg.push((0xFFu32 >> bits) as u8);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

// ---- Reading back ------------------------------------------------------------

/// `pdfimages -list`: one row per placed image, split into words.
fn image_list(pdf: &[u8]) -> Vec<Vec<String>> {
    poppler("pdfimages", &["-list", "{}"], pdf)
        .lines()
        .skip(2)
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

/// A binary PNM file (P5 grey or P6 colour): width, height, samples.
fn read_pnm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        while bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields.push(String::from_utf8(bytes[start..pos].to_vec()).unwrap());
    }
    assert_eq!(fields[3], "255");
    (fields[1].parse().unwrap(), fields[2].parse().unwrap(), bytes[pos + 1..].to_vec())
}

/// The samples of a grey image that `pdfimages` wrote as colour (P6 with
/// three equal samples per pixel) or as grey (P5).
fn grey_samples(bytes: &[u8]) -> Vec<u8> {
    let (width, height, samples) = read_pnm(bytes);
    if bytes.starts_with(b"P5") {
        return samples;
    }
    assert_eq!(samples.len(), 3 * width * height);
    samples
        .chunks(3)
        .map(|pixel| {
            assert!(pixel[0] == pixel[1] && pixel[1] == pixel[2], "not grey: {pixel:?}");
            pixel[0]
        })
        .collect()
}

/// The images of the file, decoded by `pdfimages` (PNM files, in order).
fn extracted(pdf: &[u8], raw_jpeg: bool) -> Vec<(String, Vec<u8>)> {
    let scratch = Scratch::new();
    let args: &[&str] = if raw_jpeg { &["-j", "{}", "out"] } else { &["{}", "out"] };
    poppler_in(&scratch, "pdfimages", args, pdf);
    let mut files: Vec<_> = std::fs::read_dir(scratch.path("")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|path| path.file_name().unwrap().to_str().unwrap().starts_with("out-"))
        .map(|path| (path.extension().unwrap().to_str().unwrap().to_string(), std::fs::read(&path).unwrap()))
        .collect()
}

#[test]
fn png_with_alpha_round_trips() {
    let pixels = rgba_pixels();
    let file = Png::new(7, 6, 6).encode(&pixels);
    let mut doc = document("Signature");
    doc.paragraph("Le trésorier :");
    let id = doc.image_png(&file, 120.0).unwrap();
    doc.image(id, 60.0, Align::Right);
    let pdf = doc.finish();
    let structure = check_structure(&pdf);
    assert_eq!(structure.count("/SMask "), 1, "one image with a soft mask, stored once");

    let list = image_list(&pdf);
    let kinds: Vec<(&str, &str, &str, &str, &str)> =
        list.iter().map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str(), r[5].as_str(), r[8].as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("image", "7", "6", "rgb", "image"),
            ("smask", "7", "6", "gray", "image"),
            ("image", "7", "6", "rgb", "image"),
            ("smask", "7", "6", "gray", "image"),
        ],
        "{list:?}"
    );
    // Both placements use the same object.
    assert_eq!(list[0][10], list[2][10]);

    let files = extracted(&pdf, false);
    let (ext, color) = &files[0];
    assert_eq!(ext, "ppm");
    let (width, height, samples) = read_pnm(color);
    assert_eq!((width, height), (7, 6));
    let expected_color: Vec<u8> = pixels.chunks(4).flat_map(|p| p[..3].to_vec()).collect();
    assert_eq!(samples, expected_color);
    let expected_alpha: Vec<u8> = pixels.chunks(4).map(|p| p[3]).collect();
    assert_eq!(grey_samples(&files[1].1), expected_alpha);
}

#[test]
fn grey_rgb_and_transparent_colour_pngs() {
    let grey: Vec<u8> = (0..35).map(|i| (i * 7) as u8).collect();
    let grey_alpha: Vec<u8> = (0..35).flat_map(|i| [(i * 7) as u8, 255 - i as u8]).collect();
    let rgb: Vec<u8> = (0..35).flat_map(|i| [i as u8, (i * 2) as u8, (i * 3) as u8]).collect();
    // RGBA whose alpha is opaque everywhere: no soft mask.
    let opaque: Vec<u8> = (0..35).flat_map(|i| [i as u8, 1, 2, 255]).collect();
    let mut keyed = Png::new(7, 5, 2);
    keyed.transparent = Some(vec![0, 0, 0, 2, 0, 4]);

    let mut doc = document("Images");
    for (png, pixels) in [
        (Png::new(7, 5, 0), &grey),
        (Png::new(7, 5, 4), &grey_alpha),
        (Png::new(7, 5, 2), &rgb),
        (Png::new(7, 5, 6), &opaque),
        (keyed, &rgb),
    ] {
        let image = Image::png(&png.encode(pixels)).unwrap();
        assert_eq!((image.width(), image.height()), (7, 5));
        let id = doc.add_image(&image);
        doc.image(id, 70.0, Align::Center);
    }
    let pdf = doc.finish();
    let structure = check_structure(&pdf);
    assert_eq!(structure.count("/SMask "), 1);
    assert_eq!(structure.count("/Mask [0 0 2 2 4 4]"), 1);
    let list = image_list(&pdf);
    let kinds: Vec<(&str, &str)> = list.iter().map(|r| (r[2].as_str(), r[5].as_str())).collect();
    assert_eq!(
        kinds,
        [("image", "gray"), ("image", "gray"), ("smask", "gray"), ("image", "rgb"), ("image", "rgb"), ("image", "rgb")]
    );
    let files = extracted(&pdf, false);
    assert_eq!(grey_samples(&files[0].1), grey);
    assert_eq!(grey_samples(&files[1].1), grey_alpha.iter().step_by(2).copied().collect::<Vec<u8>>());
    assert_eq!(grey_samples(&files[2].1), grey_alpha.iter().skip(1).step_by(2).copied().collect::<Vec<u8>>());
    assert_eq!(read_pnm(&files[3].1).2, rgb);
}

#[test]
fn jpeg_is_embedded_as_it_is() {
    for components in [1, 3] {
        let jpeg = tiny_jpeg(components);
        let mut doc = document("Logo");
        doc.image_jpeg(&jpeg, 100.0).unwrap();
        let pdf = doc.finish();
        let structure = check_structure(&pdf);
        assert_eq!(structure.count("/Filter /DCTDecode"), 1);
        let list = image_list(&pdf);
        assert_eq!(list.len(), 1);
        let color = if components == 1 { "gray" } else { "rgb" };
        assert_eq!(
            (list[0][3].as_str(), list[0][4].as_str(), list[0][5].as_str(), list[0][6].as_str(), list[0][8].as_str()),
            ("8", "8", color, components.to_string().as_str(), "jpeg"),
            "{list:?}"
        );
        // Extracted raw: the very bytes given.
        let files = extracted(&pdf, true);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0], ("jpg".to_string(), jpeg.clone()));
        // Decoded by the reader's JPEG decoder: 64 mid-grey pixels.
        let files = extracted(&pdf, false);
        let (width, height, samples) = read_pnm(&files[0].1);
        assert_eq!((width, height, samples.len()), (8, 8, 64 * 3));
        assert!(samples.iter().all(|&s| s.abs_diff(128) <= 1), "{samples:?}");
    }
}

#[test]
fn unsupported_pngs_are_refused_clearly() {
    let pixels = rgba_pixels();
    let mut interlaced = Png::new(7, 6, 6);
    interlaced.interlace = 1;
    let error = Image::png(&interlaced.encode(&pixels)).unwrap_err();
    assert!(matches!(error, ImageError::Unsupported { format: ImageFormat::Png, .. }));
    assert_eq!(error.to_string(), "unsupported PNG image: interlaced (Adam7); save it without interlacing");

    let mut deep = Png::new(7, 6, 6);
    deep.depth = 16;
    let wide: Vec<u8> = pixels.iter().flat_map(|&b| [b, b]).collect();
    let error = Image::png(&deep.encode(&wide)).unwrap_err();
    assert_eq!(error.to_string(), "unsupported PNG image: 16 bits per channel; save it with 8 bits per channel");

    let palette = Png::new(7, 6, 3);
    let error = Image::png(&palette.encode(&[0; 42])).unwrap_err();
    assert_eq!(error.to_string(), "unsupported PNG image: palette colours; save it as RGB or RGBA");

    let mut one_bit = Png::new(8, 2, 0);
    one_bit.depth = 1;
    let error = Image::png(&one_bit.encode(&[0xAA, 0x55])).unwrap_err();
    assert!(error.to_string().contains("1 bits per channel"), "{error}");

    let huge = Png::new(100_000, 100_000, 6).encode_data(&zlib(b""));
    assert_eq!(Image::png(&huge).unwrap_err(), ImageError::TooLarge { width: 100_000, height: 100_000 });
}

#[test]
fn damaged_pngs_are_refused() {
    let png = Png::new(7, 6, 6);
    let good = png.encode(&rgba_pixels());
    assert!(Image::png(&good).is_ok());
    let corrupt = |bytes: &[u8]| match Image::png(bytes) {
        Err(ImageError::Corrupt { format: ImageFormat::Png, detail }) => detail,
        other => panic!("expected a damaged PNG, got {other:?}"),
    };
    // Cut anywhere after the signature.
    for cut in (9..good.len()).step_by(7) {
        corrupt(&good[..cut]);
    }
    // A flipped bit in the image data: the chunk's CRC no longer matches.
    let mut flipped = good.clone();
    let idat = flipped.windows(4).position(|w| w == b"IDAT").unwrap();
    flipped[idat + 6] ^= 0x10;
    assert_eq!(corrupt(&flipped), "a chunk's checksum (CRC) does not match its content");
    // Valid chunks, but the compressed stream is cut short.
    let filtered_rows = filtered(&rgba_pixels(), 28, 4);
    let stream = zlib(&filtered_rows);
    assert_eq!(corrupt(&png.encode_data(&stream[..stream.len() / 2])), "the image data does not decompress");
    // Valid stream, one row too few or too many.
    assert_eq!(corrupt(&png.encode_data(&zlib(&filtered_rows[..29 * 5]))), "the image data is shorter than the image");
    let mut longer = filtered_rows.clone();
    longer.extend_from_slice(&[0; 29]);
    assert_eq!(corrupt(&png.encode_data(&zlib(&longer))), "the image data is longer than the image");
    // An unknown filter type.
    let mut bad_filter = filtered_rows.clone();
    bad_filter[29] = 9;
    assert_eq!(corrupt(&png.encode_data(&zlib(&bad_filter))), "a row has an unknown filter type");
    // Not a PNG at all.
    assert_eq!(Image::png(&tiny_jpeg(3)).unwrap_err(), ImageError::NotThisFormat(ImageFormat::Png));
}

#[test]
fn damaged_jpegs_are_refused() {
    let good = tiny_jpeg(3);
    for cut in [1, 3, 10, 60, good.len() - 3, good.len() - 1] {
        let error = Image::jpeg(&good[..cut]).unwrap_err();
        assert!(
            matches!(error, ImageError::Corrupt { format: ImageFormat::Jpeg, .. } | ImageError::NotThisFormat(_)),
            "cut {cut}: {error}"
        );
    }
    // No frame header before the scan.
    let sof = good.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let mut no_frame = good.clone();
    no_frame.drain(sof..sof + 2 + 17);
    assert_eq!(
        Image::jpeg(&no_frame).unwrap_err().to_string(),
        "damaged JPEG file: the image data comes before the frame header"
    );
    assert_eq!(Image::jpeg(b"not a jpeg").unwrap_err().to_string(), "not a JPEG file");
    let png = Png::new(7, 6, 6).encode(&rgba_pixels());
    assert_eq!(Image::jpeg(&png).unwrap_err(), ImageError::NotThisFormat(ImageFormat::Jpeg));
}

#[test]
fn a_refused_image_leaves_the_document_whole() {
    let mut doc: Document = document("Refus");
    doc.paragraph("Avant");
    assert!(doc.image_jpeg(b"\xFF\xD8\xFF\xE0\x00\x10JFIF", 100.0).is_err());
    assert!(doc.image_png(b"\x89PNG\r\n\x1a\n\x00", 100.0).is_err());
    doc.paragraph("Après");
    let pdf = doc.finish();
    check_structure(&pdf);
    assert!(image_list(&pdf).is_empty());
    let text = crate::text_of(&pdf);
    assert!(text.contains("Avant") && text.contains("Après"));
}
