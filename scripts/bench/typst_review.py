#!/usr/bin/env python3
"""Writes a Typst source with the content of a signed 专家评审意见表 (review
PDF made by PanelDesk), for the render benchmark against typst: the same
header grid, criteria table with the rubric's guidance, per-criterion
comments, opinion, conclusion, conflict statement, signature block and the
footer with both hashes, in Noto Sans SC (assets/fonts).

usage: typst_review.py REVIEW.pdf BATCH.zip OUT.typ
"""
import io
import json
import subprocess
import sys
import tempfile
import zipfile


def review_json(pdf):
    with tempfile.TemporaryDirectory() as d:
        out = f"{d}/review.json"
        subprocess.run(["pdfdetach", "-savefile", "review.json", "-o", out, pdf], check=True)
        with open(out, "rb") as f:
            raw = f.read()
    import hashlib
    return json.loads(raw), hashlib.sha256(raw).hexdigest()


def esc(s):
    out = str(s)
    for ch in "\\#$*_`@<>[]~\"":
        out = out.replace(ch, "\\" + ch)
    return out


def main(pdf, batch_zip, out):
    doc, json_sha = review_json(pdf)
    with zipfile.ZipFile(batch_zip) as z:
        batch = json.loads(z.read("batch.json"))
        entry = next(p for p in batch["packages"] if p["id"] == doc["package_id"])
        with zipfile.ZipFile(io.BytesIO(z.read(entry["file"]))) as pz:
            m = json.loads(pz.read("manifest.json"))
    rubric = batch["rubric"]
    scores = {s["criterion"]: s for s in doc["scores"]}
    co = "、".join(u["name"] for u in m["co_builders"]) or "无"
    e = doc["expert"]
    t = []
    w = t.append
    w('#set page(paper: "a4", margin: (x: 18mm, top: 20mm, bottom: 24mm),')
    w('  footer: context [#set text(7pt)\n #align(center)[第 #counter(page).display() 页 共 #counter(page).final().first() 页]')
    w(f'  材料包 SHA-256：{doc["package_sha256"]} \\ 意见数据 SHA-256：{json_sha}])')
    w('#set text(font: "Noto Sans SC", size: 10pt, lang: "zh")')
    w('#set par(justify: true)')
    w('#align(center, text(18pt, weight: "bold")[专家评审意见表])')
    w(f'#align(center)[{esc(batch["title"])}]')
    cells = [("评审批次", f'{batch["title"]}（{batch["id"]}）'), ("材料包编号", doc["package_id"]),
             ("技术创新中心", m["center"]["name"]), ("依托单位", m["lead_unit"]["name"]), ("共建单位", co),
             ("评审专家", e["name"]), ("职称", e["title"]), ("工作单位", e["affiliation"]), ("专家编号", e["expert_id"])]
    w('#table(columns: (22%, 78%), ' + ", ".join(f'[*{esc(k)}*], [{esc(v)}]' for k, v in cells) + ')')
    w('== 一、评审指标与评分')
    rows = []
    total_max = 0
    for i, c in enumerate(rubric["criteria"], 1):
        s = scores.get(c["id"], {}).get("score", "—")
        total_max += c["max"]
        rows.append(f'[{i}], [{esc(c["title"])}], [{esc(c.get("guidance", ""))}], [{c["max"]}], [{s}]')
    rows.append(f'[], [*合计*], [], [{total_max}], [*{doc["total"]}*]')
    w('#table(columns: (7%, 17%, 54%, 10%, 12%), table.header([*序号*], [*评审指标*], [*评分要点*], [*满分*], [*得分*]), '
      + ", ".join(rows) + ')')
    w('== 二、分项评语')
    crow = [f'[{esc(c["title"])}], [{esc(scores.get(c["id"], {}).get("comment", "") or "（无）")}]' for c in rubric["criteria"]]
    w('#table(columns: (24%, 76%), table.header([*评审指标*], [*评语*]), ' + ", ".join(crow) + ')')
    w('== 三、评审意见')
    w(esc(doc["opinion"] or "（无）"))
    w('== 四、评审结论')
    rec = doc["recommendation"]
    w(f'{"☑" if rec == "recommend" else "☐"} 推荐 #h(2em) {"☑" if rec != "recommend" else "☐"} 不推荐')
    w('== 五、利益冲突声明')
    d = doc["conflict_of_interest"]["declared"]
    w(f'{"☐" if d else "☑"} 本人与申报单位及其人员不存在利益冲突 \\ {"☑" if d else "☐"} 存在利益冲突，申请回避')
    w(f'#v(1em) 评审专家签名：#box(width: 60mm, height: 18mm, stroke: 0.5pt) #h(1em) 日期：{doc["signed_at"][:10]}')
    w('#text(8pt)[注：本表由专家本人以数字证书签署，评审数据（review.json）作为附件嵌入本文件；签署后不得修改。页脚所列哈希值用于核验材料包与评审数据。]')
    w('#text(7pt, fill: white)[#sys.inputs.at("run", default: "0")]')
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(t) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
