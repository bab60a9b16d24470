//! The rendered review forms: structure (qpdf), text (pdftotext), footer
//! hashes, size, determinism, and signing the rendered review end to end.
//! The consensus and ranking are in render_chair.rs.

mod common;

use std::process::Command;

use common::forms::*;
use common::{identity, run, scratch, tool, write};
use paneldesk_core::package::sha256_hex;
use paneldesk_opinion::render::{footer_hashes, render_review};
use paneldesk_opinion::sign::{attach_file, embedded_files, sign_pdf, verify_pdf, SignatureAppearance};

#[test]
fn a_desk_review_renders_with_its_text_and_hashes() {
    let s = setup();
    let doc = review(&s, 2, "LC-2026-001", ["17", "12.5", "13", "16", "12", "11.5"], OPINION);
    let (_, hash) = json(&doc);
    let png = signature_png();
    let started = std::time::Instant::now();
    let r = render_review(&doc, &hash, &ctx(&s, "LC-2026-001", Some(&png))).expect("render");
    eprintln!("desk review: {} bytes, {} page(s), {:?}", r.pdf.len(), page_count(&r.pdf), started.elapsed());
    assert_eq!(footer_hashes(&r.pdf), vec![doc.package_sha256.clone(), hash.clone()]);
    let again = render_review(&doc, &hash, &ctx(&s, "LC-2026-001", Some(&png))).expect("render");
    assert!(again.pdf == r.pdf, "the same inputs give the same bytes");
    let [x1, y1, x2, y2] = r.signature_rect;
    assert!(x1 < x2 && y1 < y2 && x2 <= 595.0 && y1 >= 90.0, "{:?}", r.signature_rect);
    let Some(text) = check_and_text("desk-review.pdf", &r.pdf) else { return };
    for needle in [
        "专家评审意见表",
        "聊城市高端轴承技术创新中心",
        "山东聊城精工轴承股份有限公司",
        "王海燕",
        "82",
        "推荐",
        "不推荐",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
    for c in &s.batch.rubric.criteria {
        assert!(text.contains(&squeeze(&c.title)), "missing criterion {}", c.title);
    }
    assert!(text.contains(&squeeze(OPINION)), "the opinion does not come back whole");
    assert!(
        squeeze(&String::from_utf8_lossy(&pdftotext_raw(&r.pdf))).contains(&format!("第1页共{}页", page_count(&r.pdf))),
        "page numbers"
    );
}

/// 堃, 喆 and 珺 are common in names but not in GB 2312, so not in the cut
/// faces: the document then embeds from the full face, and they come back.
#[test]
fn characters_outside_the_common_face_still_render() {
    let s = setup();
    let mut doc =
        review(&s, 2, "LC-2026-001", ["17", "12.5", "13", "16", "12", "11.5"], "经讨论，同意喆、珺两位的意见。");
    doc.expert.name = "王堃".into();
    let (_, hash) = json(&doc);
    let r = render_review(&doc, &hash, &ctx(&s, "LC-2026-001", None)).expect("render");
    let Some(text) = check_and_text("uncommon-chars.pdf", &r.pdf) else { return };
    for needle in ["王堃", "喆", "珺", "专家评审意见表"] {
        assert!(text.contains(needle), "missing {needle}");
    }
}

#[test]
fn a_long_review_flows_onto_page_two_and_stays_small() {
    let s = setup();
    let long = std::iter::repeat_n(OPINION, 9).collect::<Vec<_>>().join("\n");
    let doc = review(&s, 4, "LC-2026-002", ["15", "10", "11", "14", "9", "10"], &long);
    let (_, hash) = json(&doc);
    let r = render_review(&doc, &hash, &ctx(&s, "LC-2026-002", None)).expect("render");
    let pages = page_count(&r.pdf);
    eprintln!("long review: {} bytes, {pages} pages", r.pdf.len());
    assert!(pages >= 2, "{pages} page(s)");
    assert!(r.pdf.len() < 300 * 1024, "{} bytes", r.pdf.len());
    assert_eq!(r.signature_page + 1, pages, "the signature is on the last page");
    assert_eq!(footer_hashes(&r.pdf), vec![doc.package_sha256.clone(), hash.clone()]);
    let Some(text) = check_and_text("long-review.pdf", &r.pdf) else { return };
    let footer = squeeze(&String::from_utf8_lossy(&pdftotext_raw(&r.pdf)));
    assert!(footer.contains(&format!("第2页共{pages}页")));
    assert!(text.contains("聊城市新能源汽车零部件技术创新中心"));
    assert_eq!(text.matches(&squeeze(OPINION)).count(), 9, "every paragraph comes back whole");
}

#[test]
fn a_site_visit_review_lists_the_checklist_and_discrepancies() {
    let s = setup();
    let doc = site_visit(&s);
    let (_, hash) = json(&doc);
    let r = render_review(&doc, &hash, &ctx(&s, "LC-2026-001", None)).expect("render");
    assert_eq!(
        footer_hashes(&r.pdf),
        vec![doc.package_sha256.clone(), hash.clone()],
        "photo hashes are not footer hashes"
    );
    let Some(text) = check_and_text("site-visit.pdf", &r.pdf) else { return };
    for needle in ["现场考察意见表", "符合", "基本符合", "不符合", "未核查", "专职研发人员在岗19人", "2026-06-18"]
    {
        assert!(text.contains(needle), "missing {needle}");
    }
    for item in &s.batch.rubric.site_visit_checklist {
        assert!(text.contains(&squeeze(&item.title)), "missing checklist item {}", item.title);
    }
    assert!(text.contains(&sha256_hex(b"photo 1")), "photo hash");
    assert!(text.contains("共核查6项：符合4项，基本符合1项，不符合1项；未核查1项。"), "summary");
}

#[test]
fn the_rendered_review_signs_and_verifies() {
    let s = setup();
    let doc = review(&s, 2, "LC-2026-001", ["17", "12.5", "13", "16", "12", "11.5"], OPINION);
    let (bytes, hash) = json(&doc);
    let png = signature_png();
    let r = render_review(&doc, &hash, &ctx(&s, "LC-2026-001", Some(&png))).expect("render");
    let attached = attach_file(&r.pdf, "review.json", &bytes, "application/json", "评审意见数据").expect("attach");
    let appearance = SignatureAppearance {
        page: r.signature_page,
        rect: r.signature_rect,
        lines: vec!["Digitally signed: X02".into(), "2026-06-20 15:30 +08:00".into()],
    };
    // The test certificate is made now: sign now, not at the doc's time.
    let signed = sign_pdf(&attached, identity(), &appearance, common::signing_time()).expect("sign");
    keep("signed-review.pdf", &signed);
    let v = verify_pdf(&signed).expect("pdf");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(embedded_files(&signed).expect("files")[0].bytes, bytes);
    assert_eq!(footer_hashes(&signed), vec![doc.package_sha256.clone(), hash]);
    let dir = scratch();
    let file = write(dir.path(), "signed.pdf", &signed);
    if let Some(pdfsig) = tool("pdfsig", "apt-get install -y poppler-utils") {
        let (_, text) = run(Command::new(pdfsig).arg(&file));
        assert!(text.contains("Signature is Valid") && text.contains("Total document signed"), "{text}");
    }
    if let Some(qpdf) = tool("qpdf", "apt-get install -y qpdf") {
        let (ok, text) = run(Command::new(qpdf).arg("--check").arg(&file));
        assert!(ok, "{text}");
    }
}
