//! What may follow the first signature of a 专家组意见 (formats.md §7): each
//! later revision fills exactly one of the empty signature fields the
//! chair's certification created, and adds nothing else. The document as
//! it stood at each signature is parsed from the file's prefix and compared
//! object by object with the next one, so a revision that changes a page,
//! an attachment, the catalogue or the document information is found
//! whatever it looks like. Stricter than DocMDP /P 2, which would also
//! allow filling other form fields: these documents have none.

use std::collections::{BTreeSet, VecDeque};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::gaps::load_signed;
use super::problem::Problem;
use super::verify::Verification;

/// Problems with the revisions after the first signature; empty when each
/// only signs. The signatures' own checks are `verify_pdf`'s.
pub fn later_revisions_only_sign(bytes: &[u8], v: &Verification) -> Vec<Problem> {
    let ends: Vec<Option<usize>> =
        v.signatures.iter().map(|s| s.byte_range.and_then(|r| usize::try_from(r[2].checked_add(r[3])?).ok())).collect();
    let mut problems = Vec::new();
    for (i, pair) in ends.windows(2).enumerate() {
        let (Some(a), Some(b)) = (pair[0], pair[1]) else { continue }; // already a problem of its own
        if a >= b || b > bytes.len() {
            problems.push(changed(i + 2, "签名范围与前一签名重叠", "its signed range overlaps the one before"));
            continue;
        }
        match (load_signed(&bytes[..a]), load_signed(&bytes[..b])) {
            (Ok(prev), Ok(next)) => problems.extend(compare(&prev, &next, b, i + 2)),
            _ => problems.push(changed(
                i + 2,
                "无法读取该签名前后的文件版本",
                "the file as it stood before it cannot be read",
            )),
        }
    }
    problems
}

/// The revision from `prev` to `next` (whose signature ends at `end`).
fn compare(prev: &Document, next: &Document, end: usize, n: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut filled: Vec<&Dictionary> = Vec::new();
    let mut new_ids = BTreeSet::new();
    for (id, object) in &next.objects {
        match prev.objects.get(id) {
            Some(old) if old == object => {}
            Some(old) => match filled_field(old, object) {
                Some(field) => filled.push(field),
                None => problems.push(changed_object(n, *id, old)),
            },
            None => {
                new_ids.insert(*id);
            }
        }
    }
    for (id, old) in &prev.objects {
        if !next.objects.contains_key(id) {
            problems.push(changed_object(n, *id, old));
        }
    }
    for key in [&b"Root"[..], b"Info", b"Encrypt"] {
        if prev.trailer.get(key).ok() != next.trailer.get(key).ok() {
            problems.push(changed(n, "改动了文件尾（trailer）", "it changes the trailer"));
        }
    }
    if filled.len() != 1 {
        problems.push(changed(
            n,
            &format!("填写了 {} 个签名域（应恰好 1 个）", filled.len()),
            &format!("it fills {} signature fields (exactly one is allowed)", filled.len()),
        ));
    }
    // The new objects: the signature dictionary of the field it fills, whose
    // range ends where this revision does, and that field's appearance.
    let mut allowed = BTreeSet::new();
    for field in &filled {
        if let Ok(Object::Reference(sig)) = field.get(b"V") {
            let ends_here = next
                .get_dictionary(*sig)
                .ok()
                .and_then(|d| d.get(b"ByteRange").and_then(Object::as_array).ok())
                .and_then(|r| Some(r.get(2)?.as_i64().ok()? + r.get(3)?.as_i64().ok()?))
                .is_some_and(|e| usize::try_from(e).is_ok_and(|e| e == end));
            if new_ids.contains(sig) && ends_here {
                allowed.insert(*sig);
            } else {
                problems.push(changed(
                    n,
                    "签名域指向的不是本次修订新增的签名",
                    "the field it fills does not hold this revision's signature",
                ));
            }
        }
        if let Ok(ap) = field.get(b"AP") {
            reachable(next, ap, &new_ids, &mut allowed);
        }
    }
    for id in new_ids.difference(&allowed) {
        let is_xref = next
            .get_object(*id)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .is_some_and(|s| s.dict.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"XRef"));
        if !is_xref {
            problems.push(changed(
                n,
                &format!("新增了签名以外的对象（{} {}）", id.0, id.1),
                &format!("it adds an object that is not part of the signature ({} {})", id.0, id.1),
            ));
        }
    }
    problems
}

/// `new` is `old`, an unsigned signature field, with only /V and /AP set.
fn filled_field<'a>(old: &Object, new: &'a Object) -> Option<&'a Dictionary> {
    let (old, new) = (old.as_dict().ok()?, new.as_dict().ok()?);
    let is_sig = old.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig");
    if !is_sig || old.has(b"V") || !matches!(new.get(b"V"), Ok(Object::Reference(_))) {
        return None;
    }
    let strip = |d: &Dictionary| {
        let mut d = d.clone();
        d.remove(b"V");
        d.remove(b"AP");
        d
    };
    (strip(old) == strip(new)).then_some(new)
}

/// Collects the objects of `among` that `from` reaches through references.
fn reachable(doc: &Document, from: &Object, among: &BTreeSet<ObjectId>, out: &mut BTreeSet<ObjectId>) {
    let mut queue: VecDeque<&Object> = VecDeque::from([from]);
    // Bounded: a hostile file's graph is walked at most once per object.
    while let Some(o) = queue.pop_front() {
        match o {
            Object::Reference(id) if among.contains(id) && out.insert(*id) => {
                if let Ok(target) = doc.get_object(*id) {
                    queue.push_back(target);
                }
            }
            Object::Array(a) => queue.extend(a.iter()),
            Object::Dictionary(d) => queue.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => queue.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn changed_object(n: usize, id: ObjectId, old: &Object) -> Problem {
    let kind = old.as_dict().ok().or_else(|| old.as_stream().ok().map(|s| &s.dict)).and_then(|d| {
        let t = d.get(b"Type").and_then(Object::as_name).ok()?;
        Some(match t {
            b"Page" => ("页面", "a page"),
            b"Catalog" => ("文档目录", "the catalogue"),
            b"EmbeddedFile" | b"Filespec" => ("附件", "an attachment"),
            b"Annot" => ("注释或签名域", "an annotation or field"),
            b"Sig" => ("签名", "a signature"),
            _ => ("对象", "an object"),
        })
    });
    let (zh, en) = kind.unwrap_or(("对象", "an object"));
    changed(n, &format!("改动了{zh}（{} {}）", id.0, id.1), &format!("it changes {en} ({} {})", id.0, id.1))
}

fn changed(n: usize, zh: &str, en: &str) -> Problem {
    Problem::new(
        "revision-changes-content",
        format!("第 {n} 个签名所在的修订不只是添加签名：{zh}。签署后的文件被改动过，不予接受"),
        format!(
            "the revision of signature {n} does more than add a signature: {en}. The file was changed after signing"
        ),
    )
}
