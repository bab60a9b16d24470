//! Site-visit photos for the signed PDF (formats.md §7): a JPEG or PNG
//! decoded, shrunk to at most 1600 px on its long side, and written again as
//! a baseline JPEG, so a visit's photos travel with its signed review at a
//! size a USB stick and a chair's laptop can take.

use std::panic::{catch_unwind, AssertUnwindSafe};

use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use crate::error::{ErrorCode, OpinionError, Result};

/// The long side of a photo inside a signed review.
pub const MAX_SIDE: usize = 1600;
/// Largest photo decoded (a 100-megapixel camera is far beyond a phone's).
const MAX_PIXELS: usize = 100_000_000;
/// JPEG quality of the copy: documents and rooms stay legible.
const QUALITY: u8 = 85;

/// The photo as it goes into the signed PDF.
pub fn for_pdf(bytes: &[u8]) -> Result<Vec<u8>> {
    let (rgb, w, h) = catch_unwind(AssertUnwindSafe(|| decode(bytes))).unwrap_or_else(|_| Err(bad("decoder")))?;
    let (rgb, w, h) = shrink(&rgb, w, h);
    let mut out = Vec::new();
    let (w16, h16) = (u16::try_from(w).map_err(|_| bad("size"))?, u16::try_from(h).map_err(|_| bad("size"))?);
    jpeg_encoder::Encoder::new(&mut out, QUALITY)
        .encode(&rgb, w16, h16, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| bad(&e.to_string()))?;
    Ok(out)
}

fn bad(why: &str) -> OpinionError {
    OpinionError::new(
        ErrorCode::InvalidInput,
        format!("现场照片无法读取（{why}）。请删除该照片后重新添加"),
        format!("a site-visit photo cannot be read ({why}). Remove it and add it again"),
    )
}

/// RGB pixels, width and height.
fn decode(bytes: &[u8]) -> Result<(Vec<u8>, usize, usize)> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let side = MAX_PIXELS / 8;
        let options =
            DecoderOptions::default().set_max_width(side).set_max_height(side).jpeg_set_out_colorspace(ColorSpace::RGB);
        let mut decoder = JpegDecoder::new_with_options(bytes, options);
        decoder.decode_headers().map_err(|e| bad(&format!("{e:?}")))?;
        let info = decoder.info().ok_or_else(|| bad("header"))?;
        let (w, h) = (usize::from(info.width), usize::from(info.height));
        if w == 0 || h == 0 || w * h > MAX_PIXELS {
            return Err(bad(&format!("{w}×{h} px")));
        }
        let rgb = decoder.decode().map_err(|e| bad(&format!("{e:?}")))?;
        if rgb.len() < w * h * 3 {
            return Err(bad("truncated"));
        }
        return Ok((rgb, w, h));
    }
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(&e.to_string()))?;
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    if w == 0 || h == 0 || w * h > MAX_PIXELS {
        return Err(bad(&format!("{w}×{h} px")));
    }
    let mut buf = vec![0; reader.output_buffer_size().ok_or_else(|| bad("size"))?];
    let info = reader.next_frame(&mut buf).map_err(|e| bad(&e.to_string()))?;
    let data = &buf[..info.line_size * h];
    let rgb: Vec<u8> = match info.color_type {
        png::ColorType::Rgb => data.to_vec(),
        png::ColorType::Rgba => data.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::GrayscaleAlpha => data.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0]]).collect(),
        png::ColorType::Grayscale => data.iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::Indexed => return Err(bad("indexed colour")),
    };
    Ok((rgb, w, h))
}

/// Box-filter downscale so the long side is at most `MAX_SIDE`.
fn shrink(rgb: &[u8], w: usize, h: usize) -> (Vec<u8>, usize, usize) {
    let long = w.max(h);
    if long <= MAX_SIDE {
        return (rgb.to_vec(), w, h);
    }
    let (nw, nh) = ((w * MAX_SIDE / long).max(1), (h * MAX_SIDE / long).max(1));
    let mut out = vec![0u8; nw * nh * 3];
    for y in 0..nh {
        let (y0, y1) = (y * h / nh, ((y + 1) * h / nh).max(y * h / nh + 1));
        for x in 0..nw {
            let (x0, x1) = (x * w / nw, ((x + 1) * w / nw).max(x * w / nw + 1));
            let mut sum = [0u64; 3];
            for sy in y0..y1 {
                for sx in x0..x1 {
                    let i = (sy * w + sx) * 3;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u64::from(rgb[i + c]);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u64;
            let o = (y * nw + x) * 3;
            for (c, s) in sum.iter().enumerate() {
                out[o + c] = u8::try_from(s / n).unwrap_or(u8::MAX);
            }
        }
    }
    (out, nw, nh)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("header");
        let data: Vec<u8> = (0..w * h * 3).map(|i| (i % 251) as u8).collect();
        writer.write_image_data(&data).expect("data");
        drop(writer);
        out
    }

    fn size(jpeg: &[u8]) -> (usize, usize) {
        let mut d = JpegDecoder::new(jpeg);
        d.decode_headers().expect("jpeg");
        let i = d.info().expect("info");
        (usize::from(i.width), usize::from(i.height))
    }

    #[test]
    fn a_large_photo_shrinks_to_1600_and_a_small_one_keeps_its_size() {
        let big = for_pdf(&png(3200, 1000)).expect("big");
        assert_eq!(size(&big), (1600, 500));
        let small = for_pdf(&png(800, 600)).expect("small");
        assert_eq!(size(&small), (800, 600));
        // A JPEG goes through too.
        assert_eq!(size(&for_pdf(&big).expect("again")), (1600, 500));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"\xFF\xD8\xFF\xE0 garbage", b"\x89PNG\r\n\x1a\n garbage", b"GIF89a"] {
            assert_eq!(for_pdf(bytes).map_err(|e| e.code).err(), Some(ErrorCode::InvalidInput));
        }
    }
}
