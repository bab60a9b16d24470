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

/** The longest quotation "引用此页" takes from a selection, in characters. */
export const QUOTE_MAX = 200;

/** A passage selected in a document, as the comment quotes it: spaces and
 *  line breaks of the text layer collapsed, cut at QUOTE_MAX with "…". */
export function quoteText(selected: string): string {
  const text = selected.replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join("")}…` : text;
}

/** The reference, preceded by the quoted passage when there is one:
 *  “研发投入 1,250 万元”〔申报书 第12页〕. */
export function makeCitation(doc: DocumentDto, docs: DocumentDto[], page: number, selected = ""): string {
  const quote = quoteText(selected);
  return (quote ? `“${quote}”` : "") + makeRef(doc, docs, page);
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
