//! The rendered forms: structure (qpdf), text (pdftotext), footer hashes,
//! size, determinism, and signing the rendered review end to end. Set
//! RENDER_OUT=dir to keep the PDFs for a look (pdftoppm -png -r 70).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{identity, run, scratch, tool, write};
use paneldesk_core::batch::Batch;
use paneldesk_core::consensus_doc::{Chair, ConsensusDoc};
use paneldesk_core::consolidate::{consolidate, Candidate, PackageResult};
use paneldesk_core::fixture;
use paneldesk_core::manifest::{Kind, Manifest};
use paneldesk_core::package::sha256_hex;
use paneldesk_core::review_doc::{Expert, ReviewDoc, REVIEW_FORMAT};
use paneldesk_core::rubric::Rubric;
use paneldesk_core::rules::Verdict;
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, SiteItem, SiteVerdict, SiteVisit};
use paneldesk_core::Dec;
use paneldesk_opinion::render::{
    footer_hashes, render_consensus, render_consensus_with_reviews, render_ranking, render_review, ConsensusContext,
    ReviewContext,
};
use paneldesk_opinion::sign::{attach_file, embedded_files, sign_pdf, verify_pdf, SignatureAppearance};

const OPINION: &str = "该中心依托单位为我市高新技术企业，近三年研发投入持续增长，研发费用占主营业务收入比例达到要求；\
研发场地与仪器设备能够满足行业共性技术研究和中试的需要。建设目标聚焦高端轴承关键核心技术，攻关方向明确，考核指标具体。\
存在的主要问题：一是共建单位的人财物投入尚需细化；二是成果转化收益分配机制不够清晰。建议按修改意见完善后组建。";

fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

fn time(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    s.parse().expect("time")
}

/// The bundled establishment rubric, as the demo batches carry it.
fn rubric() -> Rubric {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/rubrics/establishment.json");
    serde_json::from_slice(&std::fs::read(path).expect("rubric file")).expect("rubric")
}

struct Setup {
    batch: Batch,
    manifests: BTreeMap<String, Manifest>,
}

fn setup() -> Setup {
    let mut second = fixture::establishment("LC-2026-002");
    second.center.name = "聊城市新能源汽车零部件技术创新中心".into();
    second.lead_unit.name = "聊城中通新能源汽车装备有限公司".into();
    let mut third = fixture::establishment("LC-2026-003");
    third.center.name = "聊城市生物医药技术创新中心".into();
    let manifests = vec![fixture::establishment("LC-2026-001"), second, third];
    let (mut batch, _) = fixture::batch_zip("LC-TIC-2026-ZJ01", Kind::Establishment, manifests.clone(), 5);
    batch.title = "2026年度聊城市技术创新中心组建评审".into();
    batch.rubric = rubric();
    Setup { batch, manifests: manifests.into_iter().map(|m| (m.id.clone(), m)).collect() }
}

fn review(s: &Setup, expert: usize, package: &str, scores: [&str; 6], opinion: &str) -> ReviewDoc {
    let member = &s.batch.panel[expert - 1];
    let pkg = s.batch.packages.iter().find(|p| p.id == package).expect("package");
    let comments = ["依托单位为高新技术企业，研发投入达标。", "", "专职研发人员结构合理。", "", "", "激励机制需细化。"];
    let scores: Vec<Score> = s
        .batch
        .rubric
        .criteria
        .iter()
        .zip(scores)
        .zip(comments)
        .map(|((c, v), comment)| Score { criterion: c.id.clone(), score: d(v), comment: comment.into() })
        .collect();
    let total = scores.iter().fold(Dec::ZERO, |a, s| a + s.score);
    ReviewDoc {
        format: REVIEW_FORMAT.into(),
        batch_id: s.batch.id.clone(),
        package_id: package.into(),
        package_sha256: pkg.sha256.clone(),
        rubric_id: s.batch.rubric.id.clone(),
        phase: Phase::Desk,
        expert: Expert {
            expert_id: member.expert_id.clone(),
            name: format!("王{}", ["志强", "海燕", "建平", "晓东", "春梅"][expert - 1]),
            title: "教授".into(),
            affiliation: "山东大学机械工程学院".into(),
            certificate_sha256: sha256_hex(format!("cert {expert}").as_bytes()),
        },
        conflict_of_interest: Conflict {
            declared: false,
            statement: "本人与申报单位无任职、合作、亲属等利害关系。".into(),
        },
        scores,
        total,
        recommendation: if total >= 70 { "recommend" } else { "not_recommend" }.into(),
        opinion: opinion.into(),
        site_visit: None,
        signed_at: time("2026-06-20T15:30:00+08:00"),
        app_version: "0.1.0".into(),
    }
}

fn site_visit(s: &Setup) -> ReviewDoc {
    let mut doc = review(
        s,
        3,
        "LC-2026-001",
        ["0"; 6],
        "现场考察情况总体与申报材料一致。研发场地已投入使用，主要仪器设备运行正常。",
    );
    doc.phase = Phase::SiteVisit;
    doc.scores.clear();
    doc.total = Dec::ZERO;
    let verdicts = [
        ("space", SiteVerdict::Meets, "研发楼三层，面积约1200平方米，产权证明齐全。"),
        ("equipment", SiteVerdict::Partly, "抽查设备12台，其中2台尚在安装调试，原值与清单一致。"),
        ("pilot", SiteVerdict::Meets, ""),
        ("team", SiteVerdict::Fails, "专职研发人员在岗19人，少于申报材料所列28人。"),
        ("agreement", SiteVerdict::Meets, ""),
        ("rules", SiteVerdict::Meets, "制度已印发。"),
    ];
    doc.site_visit = Some(SiteVisit {
        date: "2026-06-18".into(),
        items: verdicts
            .iter()
            .map(|(id, v, note)| SiteItem { id: id.to_string(), verdict: *v, note: note.to_string() })
            .collect(),
        photos: vec![sha256_hex(b"photo 1"), sha256_hex(b"photo 2")],
    });
    doc
}

fn json(doc: &impl serde::Serialize) -> (Vec<u8>, String) {
    let bytes = serde_json::to_vec_pretty(doc).expect("json");
    let hash = sha256_hex(&bytes);
    (bytes, hash)
}

fn ctx<'a>(s: &'a Setup, package: &str, png: Option<&'a [u8]>) -> ReviewContext<'a> {
    ReviewContext { batch: &s.batch, manifest: &s.manifests[package], signature_png: png }
}

/// A small drawn "signature": a dark diagonal stroke on transparent pixels.
fn signature_png() -> Vec<u8> {
    let (w, h) = (240u32, 80u32);
    let mut px = vec![0u8; (w * h * 4) as usize];
    for x in 10..230 {
        let y = 60 - (x as i32 - 10) * 40 / 220 + ((x as f32 / 9.0).sin() * 8.0) as i32;
        for dy in -2..=2 {
            let i = (((y + dy) as u32 * w + x) * 4) as usize;
            px[i..i + 4].copy_from_slice(&[20, 30, 90, 255]);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().expect("header").write_image_data(&px).expect("data");
    out
}

fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("RENDER_OUT") {
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(Path::new(&dir).join(name), pdf).expect("write");
    }
}

/// qpdf --check passes and pdftotext's text, without white space.
fn check_and_text(name: &str, pdf: &[u8]) -> Option<String> {
    keep(name, pdf);
    let dir = scratch();
    let file = write(dir.path(), name, pdf);
    if let Some(qpdf) = tool("qpdf", "apt-get install -y qpdf") {
        let (ok, text) = run(Command::new(qpdf).arg("--check").arg(&file));
        assert!(ok && text.contains("No syntax or stream encoding errors"), "{name}: {text}");
    }
    let pdftotext = tool("pdftotext", "apt-get install -y poppler-utils")?;
    let out = Command::new(pdftotext).arg(&file).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "{name}: pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for line in text.lines().map(str::trim) {
        let first = line.chars().next();
        assert!(
            !first.is_some_and(|c| "，。、；：？！）》」".contains(c)),
            "{name}: a line starts with {first:?}: {line}"
        );
    }
    // Footers sit between the halves of a paragraph split by a page break.
    let footer = footer_hashes(pdf);
    let is_footer = |l: &str| {
        let l = l.trim();
        (l.starts_with('第') && (l.contains("页共") || l.contains("页 共")))
            || l.ends_with("SHA-256：")
            || footer.iter().any(|h| l.ends_with(h.as_str()))
    };
    let body = text.lines().filter(|l| !is_footer(l));
    Some(body.flat_map(str::split_whitespace).collect())
}

fn pdftotext_raw(pdf: &[u8]) -> Vec<u8> {
    let dir = scratch();
    let file = write(dir.path(), "x.pdf", pdf);
    Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext").stdout
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("pdf").get_pages().len()
}

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

/// Five desk reviews of the first two packages; the third is ineligible.
fn consolidated(s: &Setup) -> (Vec<ReviewDoc>, Vec<PackageResult>) {
    let sheets = [
        ["17", "12.5", "13", "16", "12", "11.5"],
        ["18", "13", "12", "17", "13", "12"],
        ["12", "8", "9", "11", "8", "8"],
        ["16", "12", "12.5", "15", "12", "12"],
        ["19", "14", "14", "18", "14", "13.5"],
    ];
    let mut docs = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        docs.push(review(s, i + 1, "LC-2026-001", *sheet, OPINION));
        docs.push(review(s, i + 1, "LC-2026-002", ["15", "11", "11", "14", "10", "10"], "同意推荐。"));
    }
    let accepted: Vec<Candidate> = docs
        .iter()
        .map(|doc| Candidate {
            file: format!("{}-{}.pdf", doc.expert.expert_id, doc.package_id),
            file_sha256: sha256_hex(format!("{}{}", doc.expert.expert_id, doc.package_id).as_bytes()),
            signer_certificate_sha256: doc.expert.certificate_sha256.clone(),
            doc: doc.clone(),
        })
        .collect();
    let verdicts = BTreeMap::from([
        ("LC-2026-001".to_string(), Verdict::Eligible),
        ("LC-2026-002".to_string(), Verdict::EligibleWithWarnings),
        ("LC-2026-003".to_string(), Verdict::Ineligible),
    ]);
    (docs, consolidate(&s.batch, &verdicts, &accepted))
}

#[test]
fn a_consensus_shows_the_matrix_the_computation_and_the_flags() {
    let s = setup();
    let (docs, results) = consolidated(&s);
    let result = &results[0];
    assert!(!result.flags.is_empty(), "the scripted panel has flags");
    let reasons: Vec<String> = result
        .flags
        .iter()
        .enumerate()
        .map(|(i, _)| format!("经合议，第{}项分歧属专家专业视角不同，维持原评分。", i + 1))
        .collect();
    let chair = Chair { expert_id: "X01".into(), name: "王志强".into(), certificate_sha256: sha256_hex(b"cert 1") };
    let doc =
        ConsensusDoc::build(&s.batch, result, OPINION, &reasons, chair, time("2026-06-25T10:00:00+08:00"), "0.1.0")
            .expect("consensus");
    let (_, hash) = json(&doc);
    let ctx = ConsensusContext { batch: &s.batch, manifest: &s.manifests["LC-2026-001"], result };
    let plain = render_consensus(&doc, &hash, &ctx).expect("render");
    let sheets: Vec<&ReviewDoc> = docs.iter().filter(|d| d.package_id == "LC-2026-001").collect();
    let started = std::time::Instant::now();
    let r = render_consensus_with_reviews(&doc, &hash, &ctx, &sheets).expect("render");
    eprintln!("consensus: {} bytes, {} page(s), {:?}", r.pdf.len(), page_count(&r.pdf), started.elapsed());
    assert!(plain.pdf != r.pdf);
    assert_eq!(footer_hashes(&r.pdf), vec![doc.package_sha256.clone(), hash.clone()]);
    check_and_text("consensus-plain.pdf", &plain.pdf);
    let Some(text) = check_and_text("consensus.pdf", &r.pdf) else { return };
    let t = result.total.as_ref().expect("aggregate");
    for needle in [
        "专家组意见".to_string(),
        "去掉一个最高总分和一个最低总分后取算术平均".into(),
        format!("{}÷{}", t.sum, t.divisor),
        format!("综合得分为{}", t.value),
        "维持原评分".into(),
        "第1名".into(),
        "12.5".into(),
        squeeze(OPINION),
        sha256_hex(b"X01LC-2026-001"),
    ] {
        assert!(text.contains(&needle), "missing {needle}");
    }
}

#[test]
fn the_ranking_lists_ranked_then_set_apart() {
    let s = setup();
    let (_, results) = consolidated(&s);
    let started = std::time::Instant::now();
    let pdf = render_ranking(&s.batch, &results, &s.manifests, time("2026-06-26T09:00:00+08:00")).expect("render");
    eprintln!("ranking: {} bytes, {:?}", pdf.len(), started.elapsed());
    assert!(footer_hashes(&pdf).is_empty());
    let Some(text) = check_and_text("ranking.pdf", &pdf) else { return };
    let first = text.find("聊城市高端轴承技术创新中心").expect("first");
    let second = text.find("聊城市新能源汽车零部件技术创新中心").expect("second");
    let apart = text.find("不参与排序的材料包").expect("set apart");
    assert!(first < second && second < apart, "order");
    assert!(text[apart..].contains("聊城市生物医药技术创新中心") && text[apart..].contains("不符合条件"));
}
