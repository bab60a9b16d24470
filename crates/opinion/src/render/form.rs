//! What the opinion forms share: Chinese labels for the JSON's codes, the
//! signature block, the drawn signature image and hash-line labels.

use printpdf::{RawImage, RawImageData, RawImageFormat};

use paneldesk_core::sheet::SiteVerdict;
use paneldesk_core::Dec;

use super::engine::{place, Doc, Meta, PlacedImage, Weight, BODY};
use super::Rendered;
use crate::error::OpinionError;

/// The label of a recommendation option; unknown options print as given.
pub fn recommendation_label(option: &str) -> &str {
    match option {
        "recommend" => "推荐",
        "not_recommend" => "不推荐",
        "pass" => "通过",
        "fail" => "不通过",
        other => other,
    }
}

pub fn verdict_label(v: SiteVerdict) -> &'static str {
    match v {
        SiteVerdict::Meets => "符合",
        SiteVerdict::Partly => "基本符合",
        SiteVerdict::Fails => "不符合",
    }
}

/// Section numbers: 一、二、… (forms have fewer than eleven sections).
pub fn numeral(i: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(i).copied().unwrap_or("十")
}

/// `2026-04-15T10:00:00+08:00` → `2026年4月15日`, in the time's own offset.
pub fn chinese_date(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    t.format("%Y年%-m月%-d日").to_string()
}

/// A decimal for a table cell.
pub fn dec(d: Dec) -> String {
    d.to_string()
}

/// The drawn signature (PNG) as RGBA pixels; its alpha becomes a soft mask
/// so the stroke sits on the signature line without a white box.
pub fn decode_png(bytes: &[u8]) -> Result<RawImage, OpinionError> {
    let bad = |e: &dyn std::fmt::Display| {
        OpinionError::new(
            crate::ErrorCode::InvalidInput,
            "手写签名图片无法读取，请重新绘制签名".to_string(),
            format!("the drawn signature image cannot be read ({e}); draw the signature again"),
        )
    };
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(&e))?;
    let (w, h) = (reader.info().width as usize, reader.info().height as usize);
    // A signature pad is a few hundred pixels; anything huge is a mistake.
    if w == 0 || h == 0 || w * h > 4_000_000 {
        return Err(bad(&format!("{w}×{h} px")));
    }
    let mut buf = vec![0; reader.output_buffer_size().ok_or_else(|| bad(&"size"))?];
    let info = reader.next_frame(&mut buf).map_err(|e| bad(&e))?;
    let data = &buf[..info.line_size * h];
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => data.to_vec(),
        png::ColorType::Rgb => data.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        png::ColorType::GrayscaleAlpha => data.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
        png::ColorType::Grayscale => data.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => return Err(bad(&"indexed colour")),
    };
    Ok(RawImage {
        pixels: RawImageData::U8(rgba),
        width: w,
        height: h,
        data_format: RawImageFormat::RGBA8,
        tag: Vec::new(),
    })
}

/// Where the signature block put the visible signature field.
pub struct SignatureSpot {
    pub page: usize,
    pub rect: [f32; 4],
}

impl Doc<'_> {
    /// "评审专家签名：" with the drawn signature on the line (if any) and the
    /// box for the digital signature's widget beside it, then the date.
    pub fn signature_block(&mut self, label: &str, date: &str, image: Option<RawImage>) -> SignatureSpot {
        const HEIGHT: f32 = 44.0;
        const BOX_W: f32 = 124.0;
        self.gap(10.0);
        self.ensure(HEIGHT + 34.0);
        let right = self.frame.right;
        let x0 = self.frame.left + 0.40 * self.frame.width();
        let line_y = self.y - HEIGHT - 2.0;
        let label_w = self.width(label, BODY, Weight::Regular);
        self.text(x0, line_y + 4.0, label, BODY, Weight::Regular, 0.0);
        let xa = x0 + label_w + 4.0;
        self.stroke(&[(xa, line_y), (right, line_y)], 0.6, 0.0);
        let box_x = right - BOX_W;
        if let Some(img) = image {
            // Fit inside the free part of the line, keeping the aspect ratio.
            let (pw, ph) = (img.width as f32, img.height as f32);
            let (max_w, max_h) = (box_x - xa - 6.0, HEIGHT - 4.0);
            let scale = (max_w / pw).min(max_h / ph);
            let (w, h) = (pw * scale, ph * scale);
            let px = (img.width, img.height);
            self.ops.push(place("PDSIGN", xa + (max_w - w) / 2.0, line_y + 2.0, w, h, px));
            self.images.push(PlacedImage { id: "PDSIGN", image: img });
        }
        let rect = [box_x, line_y + 2.0, right, line_y + 2.0 + HEIGHT];
        let spot = SignatureSpot { page: self.page_index(), rect };
        self.text(x0, line_y - 22.0, &format!("日期：{date}"), BODY, Weight::Regular, 0.0);
        self.y = line_y - 32.0;
        spot
    }
}

impl Doc<'_> {
    /// 专家组成员签字: a line per member (name, id) with an empty box where
    /// that member's co-signature will show; returns each box by id.
    pub fn member_boxes(&mut self, members: &[(String, String)]) -> Vec<(String, SignatureSpot)> {
        const HEIGHT: f32 = 36.0;
        const BOX_W: f32 = 150.0;
        let mut out = Vec::with_capacity(members.len());
        for (id, name) in members {
            self.ensure(HEIGHT + 8.0);
            let right = self.frame.right;
            let y0 = self.y - HEIGHT;
            self.text(self.frame.left, y0 + HEIGHT / 2.0 - 4.0, &format!("{name}（{id}）"), BODY, Weight::Regular, 0.0);
            let rect = [right - BOX_W, y0, right, y0 + HEIGHT];
            // A light frame, so the printed page shows where to look.
            let frame =
                [(rect[0], rect[1]), (rect[2], rect[1]), (rect[2], rect[3]), (rect[0], rect[3]), (rect[0], rect[1])];
            self.stroke(&frame, 0.4, 0.6);
            out.push((id.clone(), SignatureSpot { page: self.page_index(), rect }));
            self.y = y0 - 8.0;
        }
        out
    }
}

/// Saves a signed form: the PDF plus where its signature field goes.
pub fn finish_signed(d: Doc, meta: &Meta, spot: &SignatureSpot) -> Result<Rendered, OpinionError> {
    let pdf = d.finish(meta).map_err(|e| OpinionError::internal("PDF", e))?;
    Ok(Rendered { pdf, signature_page: spot.page, signature_rect: spot.rect, cosign: Vec::new() })
}
