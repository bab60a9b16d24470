// Searching the text of PDF documents: a page's text as pdf.js gives it
// (getTextContent), normalised so that a search ignores case, width (ＡＢＣ
// is abc) and whitespace (PDFs often space out CJK characters or break a
// phrase over lines); the hits, their place in the page's text items (for
// the text layer's highlight) and a snippet around each. Pages are read in
// chunks, yielding between them, so 300 pages never freeze the window; a
// document's text is cached (docTextKey).

/** One page's text: `raw` is the items' strings in order, an item that ends
 *  a line followed by a space; `starts`/`lens` locate each item in `raw`;
 *  `norm` is `raw` normalised (see normalise). */
export interface PageText {
  raw: string;
  starts: number[];
  lens: number[];
  norm: string;
}

/** A match: `page` from 1, [start, end) in that page's `norm`. */
export interface Hit {
  page: number;
  start: number;
  end: number;
}

/** A part of one text item (the item's index in getTextContent's items). */
export interface ItemRange {
  item: number;
  start: number;
  end: number;
}

export interface Snippet {
  before: string;
  match: string;
  after: string;
}

// Whitespace, soft hyphens and zero-width characters do not count.
const IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** What one character (code point) counts as in a search. */
function normChar(c: string): string {
  if (c.length === 1 && c.charCodeAt(0) < 0x80) return c <= " " ? "" : c.toLowerCase();
  return c.normalize("NFKC").toLowerCase().replace(IGNORED, "");
}

/** The text as a search sees it: NFKC (full-width forms become ASCII),
 *  lower case, no whitespace. */
export function normalise(text: string): string {
  let out = "";
  for (const c of text) out += normChar(c);
  return out;
}

/** `normalise` with, for each character of the result, where in `text` the
 *  character it came from starts and ends. */
export function normaliseWithMap(text: string): { norm: string; from: number[]; to: number[] } {
  let norm = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const c of text) {
    const n = normChar(c);
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + c.length);
    }
    norm += n;
    i += c.length;
  }
  return { norm, from, to };
}

type TextItem = { str: string; hasEOL?: boolean } | { type: string };

/** A page's text from getTextContent's items (marked-content entries, which
 *  have no `str`, are skipped as pdf.js's TextLayer skips them). */
export function pageText(items: TextItem[]): PageText {
  let raw = "";
  const starts: number[] = [];
  const lens: number[] = [];
  for (const item of items) {
    if (!("str" in item)) continue;
    starts.push(raw.length);
    lens.push(item.str.length);
    raw += item.str;
    if (item.hasEOL) raw += " ";
  }
  return { raw, starts, lens, norm: normalise(raw) };
}

/** Every match of `query` in `pages`, in page order, not overlapping. */
export function findHits(pages: readonly (PageText | undefined)[], query: string): Hit[] {
  const q = normalise(query);
  const hits: Hit[] = [];
  if (!q) return hits;
  pages.forEach((p, i) => {
    if (!p) return;
    for (let at = p.norm.indexOf(q); at >= 0; at = p.norm.indexOf(q, at + q.length)) {
      hits.push({ page: i + 1, start: at, end: at + q.length });
    }
  });
  return hits;
}

/** Where a hit lies in the page's `raw` text. */
export function rawRange(page: PageText, hit: Hit): { start: number; end: number } {
  const { from, to } = normaliseWithMap(page.raw);
  if (hit.start >= from.length || hit.end < 1) return { start: 0, end: 0 };
  return { start: from[hit.start], end: to[Math.min(hit.end, to.length) - 1] };
}

/** The parts of the text items a hit covers, for the text layer. */
export function hitItemRanges(page: PageText, hit: Hit): ItemRange[] {
  const { start, end } = rawRange(page, hit);
  const out: ItemRange[] = [];
  page.starts.forEach((s, item) => {
    const e = s + page.lens[item];
    const a = Math.max(s, start);
    const b = Math.min(e, end);
    if (a < b) out.push({ item, start: a - s, end: b - s });
  });
  return out;
}

const squash = (s: string) => s.replace(/\s+/gu, " ");

/** The hit with up to `radius` characters either side, whitespace squashed,
 *  "…" where the page's text goes on. */
export function snippet(page: PageText, hit: Hit, radius = 30): Snippet {
  const { start, end } = rawRange(page, hit);
  const from = Math.max(0, start - radius);
  const to = Math.min(page.raw.length, end + radius);
  const before = squash(page.raw.slice(from, start)).trimStart();
  const after = squash(page.raw.slice(end, to)).trimEnd();
  return {
    before: (from > 0 ? "…" : "") + before,
    match: squash(page.raw.slice(start, end)),
    after: after + (to < page.raw.length ? "…" : ""),
  };
}

/** The hit after (`dir` 1) or before (-1) `index`, going round; the first
 *  or last when none is chosen (-1). */
export function stepHit(index: number, count: number, dir: 1 | -1): number {
  if (count <= 0) return -1;
  if (index < 0 || index >= count) return dir > 0 ? 0 : count - 1;
  return (index + dir + count) % count;
}

/** The first hit on `page` or after it, -1 when there is none (yet). */
export function firstHitFrom(hits: readonly Hit[], page: number): number {
  return hits.findIndex((h) => h.page >= page);
}

/** A page's text items as pdf.js gives them (textContent in pdf.ts). */
export type ReadPage = (n: number) => Promise<{ items: TextItem[] }>;

/** Lets the window paint and handle input between chunks of work. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every page's text (pages 1 to `numPages`, each read by `read`), `chunk`
 *  pages at a time with a yield between chunks; `onPages` sees the pages
 *  read so far after each chunk. Throws the signal's reason when aborted. */
export async function extractText(
  numPages: number,
  read: ReadPage,
  opts: { signal?: AbortSignal; chunk?: number; onPages?: (pages: PageText[]) => void } = {},
): Promise<PageText[]> {
  const chunk = opts.chunk ?? 8;
  const pages: PageText[] = [];
  for (let first = 1; first <= numPages; first += chunk) {
    opts.signal?.throwIfAborted();
    const ns = Array.from({ length: Math.min(chunk, numPages - first + 1) }, (_, k) => first + k);
    const texts = await Promise.all(ns.map(async (n) => pageText((await read(n)).items)));
    opts.signal?.throwIfAborted();
    pages.push(...texts);
    opts.onPages?.(pages);
    await yieldToUi();
  }
  return pages;
}

/** The text cache's key for a package document (its hash included: a
 *  batch imported again may bring other bytes under the same path). */
export function docTextKey(batchId: string, packageId: string, doc: { path: string; sha256: string }): string {
  return `${batchId}/${packageId}/${doc.path}#${doc.sha256}`;
}

// A few documents' text, most recently used last.
const CACHED = 16;
const cache = new Map<string, PageText[]>();

export function cachedText(key: string): PageText[] | undefined {
  const pages = cache.get(key);
  if (pages) {
    cache.delete(key);
    cache.set(key, pages);
  }
  return pages;
}

export function cacheText(key: string, pages: PageText[]): void {
  cache.delete(key);
  cache.set(key, pages);
  while (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
}
