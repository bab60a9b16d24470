// Search within the open document: its pages' text read once (in chunks,
// cached by document), the hits counted as pages are read, the first hit
// on or after the page in view chosen, then next / previous going round.
import { computed, onBeforeUnmount, ref, shallowRef } from "vue";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { textContent } from "../pdf";
import {
  cacheText,
  cachedText,
  extractText,
  findHits,
  firstHitFrom,
  hitItemRanges,
  stepHit,
  type Hit,
  type ItemRange,
  type PageText,
} from "../pdfSearch";

/** A hit to show: its page, the parts of its text items, and a new object
 *  for every choice (the pages scroll to it even when it is the same hit). */
export interface PageHighlight {
  page: number;
  ranges: ItemRange[];
}

export function useDocSearch(opts: { pdf: () => PDFDocumentProxy | null; key: () => string; page: () => number }) {
  const query = ref("");
  const hits = shallowRef<Hit[]>([]);
  const index = ref(-1);
  const read = ref(0);
  const done = ref(false);
  let pages: PageText[] = [];
  let reading: AbortController | null = null;
  let from = 1;

  /** Counts the choices of a hit (and its clearing): what the viewer follows. */
  const choice = ref(0);

  const total = computed(() => opts.pdf()?.numPages ?? 0);
  /** No page has any text (a scan without OCR). */
  const noText = computed(() => done.value && read.value > 0 && hits.value.length === 0 && pages.every((p) => !p.norm));

  /** The chosen hit, to highlight. */
  function chosen(): PageHighlight | null {
    const h = index.value >= 0 ? hits.value[index.value] : undefined;
    const p = h && pages[h.page - 1];
    return h && p ? { page: h.page, ranges: hitItemRanges(p, h) } : null;
  }

  function refresh() {
    hits.value = findHits(pages, query.value);
    if (index.value >= 0 && index.value < hits.value.length) return;
    const before = index.value;
    const i = firstHitFrom(hits.value, from);
    index.value = i >= 0 ? i : done.value && hits.value.length > 0 ? 0 : -1;
    if (index.value !== before || before >= 0) choice.value++;
  }

  function startReading() {
    const pdf = opts.pdf();
    if (done.value || reading || !pdf) return;
    const key = opts.key();
    const cached = cachedText(key);
    if (cached) {
      pages = cached;
      read.value = cached.length;
      done.value = true;
      return;
    }
    const ctl = new AbortController();
    reading = ctl;
    extractText(pdf.numPages, async (n) => textContent(await pdf.getPage(n)), {
      signal: ctl.signal,
      onPages: (ps) => {
        pages = ps;
        read.value = ps.length;
        refresh();
      },
    })
      .then((ps) => {
        pages = ps;
        done.value = true;
        cacheText(key, ps);
        refresh();
      })
      .catch((e) => {
        if (!ctl.signal.aborted) console.warn("search: the text could not be read", e);
      })
      .finally(() => {
        if (reading === ctl) reading = null;
      });
  }

  /** Searches for `q` from the page in view. */
  function search(q: string) {
    const had = index.value >= 0;
    query.value = q;
    index.value = -1;
    from = opts.page();
    startReading();
    refresh();
    if (had && index.value < 0) choice.value++;
  }

  function step(dir: 1 | -1) {
    index.value = stepHit(index.value, hits.value.length, dir);
    if (index.value >= 0) choice.value++;
  }

  onBeforeUnmount(() => reading?.abort());

  return { query, hits, index, read, done, total, choice, chosen, noText, search, step };
}
