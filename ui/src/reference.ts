// Page references in comments, like 〔申报书 第12页〕: built by "引用此页",
// found again in the text so each one can be clicked to open that page.
import type { DocumentDto } from "./bindings/DocumentDto";

export interface PageRef {
  text: string;
  doc: DocumentDto;
  page: number;
}

/** The name a reference uses: the kind label (申报书) when only one document
 *  has that kind, else the document's own title, which tells them apart. */
export function refName(doc: DocumentDto, docs: DocumentDto[], lang: "zh" | "en" = "zh"): string {
  const same = docs.filter((d) => d.kind === doc.kind).length;
  return same === 1 ? doc.kind_label[lang] : doc.title;
}

export function makeRef(doc: DocumentDto, docs: DocumentDto[], page: number): string {
  return `〔${refName(doc, docs)} 第${page}页〕`;
}

const REF = /〔([^〔〕\n]{1,200}?) 第(\d{1,6})页〕/g;

export function findRefs(text: string, docs: DocumentDto[]): PageRef[] {
  const out: PageRef[] = [];
  for (const m of text.matchAll(REF)) {
    const doc = docs.find((d) => refName(d, docs) === m[1]) ?? docs.find((d) => d.title === m[1]);
    const page = Number(m[2]);
    if (doc && page >= 1) out.push({ text: m[0], doc, page });
  }
  return out;
}

/** Inserts `ref` at the caret (or replaces the selection) of `text`. */
export function insertAt(text: string, ref: string, start: number, end: number): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { text: text.slice(0, s) + ref + text.slice(e), caret: s + ref.length };
}
