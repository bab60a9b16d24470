// 在全部材料中搜索: every PDF of the package read through the command layer
// (read_document), its text taken with pdf.js a few pages at a time (one
// shared worker, each document destroyed once read) and cached, the hits
// listed by document and page with a snippet. A new search stops the last.
import { onBeforeUnmount, ref, shallowRef } from "vue";
import { useI18n } from "vue-i18n";
import type { PDFWorker } from "pdfjs-dist";
import { api, asApiError } from "../api";
import type { DocumentDto } from "../bindings/DocumentDto";
import { loadPdf, newWorker, textContent } from "../pdf";
import {
  cacheText,
  cachedText,
  docTextKey,
  extractText,
  findHits,
  normalise,
  snippet,
  type PageText,
  type Snippet,
} from "../pdfSearch";

/** Hits listed per document; the rest are counted. */
export const LISTED = 50;

export interface DocHits {
  doc: DocumentDto;
  count: number;
  hits: { page: number; snippet: Snippet }[];
}

export function usePackageSearch(ids: () => { batchId: string; packageId: string }) {
  const { locale } = useI18n();
  const results = shallowRef<DocHits[]>([]);
  const searched = ref("");
  const running = ref(false);
  const progress = ref({ n: 0, total: 0 });
  const failures = ref<{ doc: string; why: string }[]>([]);
  let run: AbortController | null = null;
  let worker: PDFWorker | null = null;

  /** The document's pages' text; null when it is not a PDF. */
  async function textOf(d: DocumentDto, signal: AbortSignal): Promise<PageText[] | null> {
    const { batchId, packageId } = ids();
    const key = docTextKey(batchId, packageId, d);
    const cached = cachedText(key);
    if (cached) return cached;
    // Rust says which documents are PDFs (DocumentDto.shown); others are not read.
    if (d.shown !== "pdf") return null;
    const bytes = await api.readDocument(batchId, packageId, d.path);
    signal.throwIfAborted();
    worker ??= newWorker();
    const pdf = await loadPdf(bytes, worker);
    try {
      const pages = await extractText(pdf.numPages, async (n) => textContent(await pdf.getPage(n)), { signal });
      cacheText(key, pages);
      return pages;
    } finally {
      void pdf.destroy();
    }
  }

  function why(e: unknown): string {
    if (e && typeof e === "object" && "code" in e) {
      const m = asApiError(e).message;
      return locale.value === "en" ? m.en : m.zh;
    }
    return e instanceof Error ? e.message : String(e);
  }

  async function search(query: string, documents: DocumentDto[]) {
    run?.abort();
    const ctl = new AbortController();
    run = ctl;
    searched.value = query;
    results.value = [];
    failures.value = [];
    if (!normalise(query)) {
      searched.value = "";
      running.value = false;
      return;
    }
    running.value = true;
    progress.value = { n: 0, total: documents.length };
    for (const [i, d] of documents.entries()) {
      progress.value = { n: i + 1, total: documents.length };
      try {
        const pages = await textOf(d, ctl.signal);
        if (ctl.signal.aborted) return;
        if (!pages) continue;
        const hits = findHits(pages, query);
        if (hits.length === 0) continue;
        const listed = hits.slice(0, LISTED).map((h) => ({ page: h.page, snippet: snippet(pages[h.page - 1], h) }));
        results.value = [...results.value, { doc: d, count: hits.length, hits: listed }];
      } catch (e) {
        if (ctl.signal.aborted) return;
        failures.value = [...failures.value, { doc: d.title, why: why(e) }];
      }
    }
    if (run === ctl) running.value = false;
  }

  function clear() {
    run?.abort();
    running.value = false;
    searched.value = "";
    results.value = [];
    failures.value = [];
  }

  onBeforeUnmount(() => {
    run?.abort();
    worker?.destroy();
  });

  return { results, searched, running, progress, failures, search, clear };
}
