//! Images read once, then placed as often as wanted: a signature or a logo.

use std::fmt;

use crate::{jpeg, png};

/// Images of more pixels than this (16.7 megapixels, 4096 × 4096) are
/// refused with [`ImageError::TooLarge`]: a signature or a logo is a few
/// hundred pixels wide, and a PNG is held decoded while it is read.
pub const MAX_PIXELS: u64 = 4096 * 4096;

/// A JPEG or PNG image, checked and ready to embed.
///
/// Read it once with [`Image::jpeg`] or [`Image::png`], then hand it to
/// [`crate::Document::add_image`] in as many documents as needed: a batch of
/// tax receipts reads the signature once.
#[derive(Clone, Debug)]
pub struct Image {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) data: ImageData,
}

/// How an image's pixels are stored in the PDF.
#[derive(Clone, Debug)]
pub(crate) enum ImageData {
    /// The JPEG file itself, decoded by the reader (`/DCTDecode`).
    Jpeg {
        bytes: Vec<u8>,
        /// 1 (grey), 3 (RGB) or 4 (CMYK).
        components: u8,
        /// Adobe's CMYK JPEGs store inverted values; the reader is told so.
        inverted_cmyk: bool,
    },
    /// 8-bit samples, zlib-compressed (`/FlateDecode`).
    Flate {
        /// 1 (grey) or 3 (RGB).
        colors: u8,
        color: Vec<u8>,
        /// The alpha channel, compressed, as a soft mask.
        alpha: Option<Vec<u8>>,
        /// The one fully transparent colour of a PNG `tRNS` chunk, per channel.
        color_key: Option<Vec<u8>>,
    },
}

impl Image {
    /// A JPEG file, embedded as it is (no re-encoding). Baseline and
    /// progressive JPEGs of 8-bit grey, RGB or CMYK are accepted; the size and
    /// the components are read from the frame header (SOF marker).
    pub fn jpeg(bytes: &[u8]) -> Result<Image, ImageError> {
        jpeg::read(bytes)
    }

    /// A PNG file of 8 bits per channel, grey, grey with alpha, RGB or RGBA,
    /// not interlaced. The pixels are decoded (every chunk's checksum
    /// checked, filters undone) and compressed again for the PDF; an alpha
    /// channel becomes a soft mask, so a transparent signature lies over the
    /// page. Palette, 16-bit, sub-byte and interlaced PNGs are refused with
    /// [`ImageError::Unsupported`].
    pub fn png(bytes: &[u8]) -> Result<Image, ImageError> {
        png::read(bytes)
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Height over width: a placed image keeps it.
    pub fn aspect_ratio(&self) -> f64 {
        f64::from(self.height) / f64::from(self.width)
    }

    /// Whether the image carries transparency (an alpha channel or a
    /// transparent colour).
    pub fn has_transparency(&self) -> bool {
        matches!(&self.data, ImageData::Flate { alpha, color_key, .. } if alpha.is_some() || color_key.is_some())
    }

    pub(crate) fn checked_size(format: ImageFormat, width: u32, height: u32) -> Result<(), ImageError> {
        if width == 0 || height == 0 {
            return Err(ImageError::Corrupt { format, detail: "the image has no pixels (a side is zero)" });
        }
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(ImageError::TooLarge { width, height });
        }
        Ok(())
    }
}

/// The file formats images are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// JPEG (JFIF, Exif): photographs, scanned signatures.
    Jpeg,
    /// PNG: logos, signatures with a transparent background.
    Png,
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Png => "PNG",
        })
    }
}

/// Why an image was refused. Never a panic: every byte of the file is
/// treated as untrusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// The bytes do not begin like a file of this format.
    NotThisFormat(ImageFormat),
    /// The file is damaged: it ends early, a length or a checksum does not add
    /// up, a required part is missing.
    Corrupt {
        /// The format the file claimed to be.
        format: ImageFormat,
        /// What is wrong, in English.
        detail: &'static str,
    },
    /// A valid file of a kind this writer does not embed (`detail` names it,
    /// and says what to save the image as instead).
    Unsupported {
        /// The format of the file.
        format: ImageFormat,
        /// What kind of image it is, in English.
        detail: String,
    },
    /// More than [`MAX_PIXELS`] pixels.
    TooLarge {
        /// In pixels.
        width: u32,
        /// In pixels.
        height: u32,
    },
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageError::NotThisFormat(format) => write!(f, "not a {format} file"),
            ImageError::Corrupt { format, detail } => write!(f, "damaged {format} file: {detail}"),
            ImageError::Unsupported { format, detail } => write!(f, "unsupported {format} image: {detail}"),
            ImageError::TooLarge { width, height } => {
                write!(f, "image too large: {width} × {height} pixels, at most {MAX_PIXELS} pixels")
            }
        }
    }
}

impl std::error::Error for ImageError {}
