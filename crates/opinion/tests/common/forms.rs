//! The forms' fixtures: a batch with the bundled rubric, reviews, a site
//! visit, a consolidated panel, and the external checks (qpdf, pdftotext).
//! Set RENDER_OUT=dir to keep the PDFs for a look (pdftoppm -png -r 70).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use paneldesk_core::batch::Batch;
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
use paneldesk_opinion::render::{footer_hashes, ReviewContext};

use super::{run, scratch, tool, write};

pub const OPINION: &str =
    "该中心依托单位为我市高新技术企业，近三年研发投入持续增长，研发费用占主营业务收入比例达到要求；\
研发场地与仪器设备能够满足行业共性技术研究和中试的需要。建设目标聚焦高端轴承关键核心技术，攻关方向明确，考核指标具体。\
存在的主要问题：一是共建单位的人财物投入尚需细化；二是成果转化收益分配机制不够清晰。建议按修改意见完善后组建。";

pub fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

pub fn time(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    s.parse().expect("time")
}

/// The bundled establishment rubric, as the demo batches carry it.
pub fn rubric() -> Rubric {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/rubrics/establishment.json");
    serde_json::from_slice(&std::fs::read(path).expect("rubric file")).expect("rubric")
}

pub struct Setup {
    pub batch: Batch,
    pub manifests: BTreeMap<String, Manifest>,
}

pub fn setup() -> Setup {
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

pub fn review(s: &Setup, expert: usize, package: &str, scores: [&str; 6], opinion: &str) -> ReviewDoc {
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
        supersedes: None,
        revision_reason: None,
        audit_head: None,
    }
}

pub fn site_visit(s: &Setup) -> ReviewDoc {
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

pub fn json(doc: &impl serde::Serialize) -> (Vec<u8>, String) {
    let bytes = serde_json::to_vec_pretty(doc).expect("json");
    let hash = sha256_hex(&bytes);
    (bytes, hash)
}

pub fn ctx<'a>(s: &'a Setup, package: &str, png: Option<&'a [u8]>) -> ReviewContext<'a> {
    ReviewContext { batch: &s.batch, manifest: &s.manifests[package], signature_png: png }
}

/// A small drawn "signature": a dark diagonal stroke on transparent pixels.
pub fn signature_png() -> Vec<u8> {
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

pub fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("RENDER_OUT") {
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(Path::new(&dir).join(name), pdf).expect("write");
    }
}

/// qpdf --check passes and pdftotext's text, without white space.
pub fn check_and_text(name: &str, pdf: &[u8]) -> Option<String> {
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

pub fn pdftotext_raw(pdf: &[u8]) -> Vec<u8> {
    let dir = scratch();
    let file = write(dir.path(), "x.pdf", pdf);
    Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext").stdout
}

pub fn squeeze(s: &str) -> String {
    s.split_whitespace().collect()
}

pub fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("pdf").get_pages().len()
}

/// Five desk reviews of the first two packages; the third is ineligible.
pub fn consolidated(s: &Setup) -> (Vec<ReviewDoc>, Vec<PackageResult>) {
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
