//! The expert's handwritten signature (PNG), drawn once in the window and
//! placed on the signature line of each opinion they sign. It comes from
//! the webview, so it is checked here before it is kept: a real PNG, small,
//! of signature-pad size.

use rusqlite::{params, OptionalExtension};

use crate::{audit, Result, Store, StoreError};

/// A signature pad exports tens of kilobytes; more is not a signature.
pub const MAX_PNG_BYTES: usize = 512 * 1024;
/// Pixel limits (a 2× canvas of a wide pad fits easily).
pub const MAX_WIDTH: u32 = 4000;
pub const MAX_HEIGHT: u32 = 2000;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The stored signature and what was checked about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureImage {
    pub png: Vec<u8>,
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub saved_at: String,
}

fn invalid(zh: String, en: String) -> StoreError {
    StoreError::new(
        "signature-invalid",
        format!("手写签名图片无效：{zh}。请清除后重新绘制签名"),
        format!("the drawn signature image is invalid: {en}. Clear it and draw the signature again"),
    )
}

/// Width and height, once the whole image has decoded within the limits.
pub fn check_png(bytes: &[u8]) -> Result<(u32, u32)> {
    if bytes.len() > MAX_PNG_BYTES {
        return Err(invalid(
            format!("文件过大（{} KB，上限 {} KB）", bytes.len() / 1024, MAX_PNG_BYTES / 1024),
            format!("it is too large ({} KB, at most {} KB)", bytes.len() / 1024, MAX_PNG_BYTES / 1024),
        ));
    }
    if !bytes.starts_with(PNG_MAGIC) {
        return Err(invalid("不是 PNG 图片".into(), "it is not a PNG image".into()));
    }
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Bounds the memory a hostile header can make the decoder ask for.
    decoder.set_limits(png::Limits { bytes: 4 * (MAX_WIDTH as usize) * (MAX_HEIGHT as usize) });
    let undecodable = |e: png::DecodingError| invalid("无法解码".to_string(), format!("it cannot be decoded ({e})"));
    let mut reader = decoder.read_info().map_err(undecodable)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_WIDTH || h > MAX_HEIGHT {
        return Err(invalid(
            format!("尺寸 {w}×{h} 像素超出范围（最大 {MAX_WIDTH}×{MAX_HEIGHT}）"),
            format!("its size {w}×{h} px is out of range (at most {MAX_WIDTH}×{MAX_HEIGHT})"),
        ));
    }
    let size = reader.output_buffer_size().ok_or_else(|| invalid("尺寸无效".into(), "invalid size".into()))?;
    let mut buf = vec![0; size];
    reader.next_frame(&mut buf).map_err(undecodable)?;
    Ok((w, h))
}

impl Store {
    /// Keeps the drawn signature (replacing an earlier one); audit-logged
    /// with its hash and size, never the image itself.
    pub fn set_signature_png(&mut self, png: &[u8]) -> Result<SignatureImage> {
        let (width, height) = check_png(png)?;
        let sha256 = paneldesk_core::package::sha256_hex(png);
        let saved_at = crate::now();
        let subject = self.profile()?.map(|p| p.expert_id).unwrap_or_default();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO signature_image (id, png, sha256, width, height, saved_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![png, sha256, width, height, saved_at],
        )?;
        let detail = serde_json::json!({"sha256": sha256, "width": width, "height": height, "bytes": png.len()});
        audit::append(&tx, "signature.set", &subject, &detail)?;
        tx.commit()?;
        Ok(SignatureImage { png: png.to_vec(), sha256, width, height, saved_at })
    }

    pub fn signature_png(&self) -> Result<Option<SignatureImage>> {
        Ok(self
            .conn
            .query_row("SELECT png, sha256, width, height, saved_at FROM signature_image WHERE id = 1", [], |r| {
                Ok(SignatureImage {
                    png: r.get(0)?,
                    sha256: r.get(1)?,
                    width: r.get(2)?,
                    height: r.get(3)?,
                    saved_at: r.get(4)?,
                })
            })
            .optional()?)
    }
}
