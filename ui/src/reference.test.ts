import { describe, expect, it } from "vitest";
import type { DocumentDto } from "./bindings/DocumentDto";
import { QUOTE_MAX, findRefs, insertAt, makeCitation, makeRef, quoteText } from "./reference";

const doc = (path: string, title: string, kind: string, zh: string): DocumentDto => ({
  path,
  title,
  shown: "pdf",
  kind,
  kind_label: { zh, en: kind },
  sha256: "0".repeat(64),
});
const docs = [
  doc("docs/application.pdf", "技术创新中心建设申报书", "application_form", "申报书"),
  doc("docs/agreement-1.pdf", "共建协议（聊城大学）", "cobuild_agreement", "共建协议"),
  doc("docs/agreement-2.pdf", "共建协议（聊城市人民医院）", "cobuild_agreement", "共建协议"),
];

describe("page references", () => {
  it("names a document by its kind when unique, else by its title", () => {
    expect(makeRef(docs[0], docs, 12)).toBe("〔申报书 第12页〕");
    expect(makeRef(docs[2], docs, 3)).toBe("〔共建协议（聊城市人民医院） 第3页〕");
  });
  it("finds references again to make them clickable", () => {
    const refs = findRefs(
      "场地见〔申报书 第12页〕，协议见〔共建协议（聊城市人民医院） 第3页〕。〔无此文件 第1页〕",
      docs,
    );
    expect(refs.map((r) => [r.doc.path, r.page])).toEqual([
      ["docs/application.pdf", 12],
      ["docs/agreement-2.pdf", 3],
    ]);
  });
  it("inserts at the caret or over the selection", () => {
    expect(insertAt("ab", "X", 1, 1)).toEqual({ text: "aXb", caret: 2 });
    expect(insertAt("abcd", "X", 1, 3)).toEqual({ text: "aXd", caret: 2 });
    expect(insertAt("ab", "X", 99, 99)).toEqual({ text: "abX", caret: 3 });
  });
  it("quotes a selected passage before the reference, its spaces collapsed and its length bounded", () => {
    expect(makeCitation(docs[0], docs, 12)).toBe("〔申报书 第12页〕");
    expect(makeCitation(docs[0], docs, 12, "  研发投入\n 1,250 万元 ")).toBe("“研发投入 1,250 万元”〔申报书 第12页〕");
    const long = quoteText("字".repeat(QUOTE_MAX + 5));
    expect([...long]).toHaveLength(QUOTE_MAX + 1);
    expect(long.endsWith("字…")).toBe(true);
    expect(findRefs(makeCitation(docs[2], docs, 3, "甲方"), docs).map((r) => r.page)).toEqual([3]);
  });
});
