// The document the viewer shows: opened through the command layer (read and
// checked against its hash in Rust), its bytes handed to pdf.js in the parts
// it asks for, opened with pdf.js (markRaw: Vue proxies break pdf.js's private fields),
// the sizes of its pages (the first few read before showing it, the rest
// taken to be page 1's size until read in the background), and destroyed
// when another document is opened or the viewer goes.
import { markRaw, nextTick, onBeforeUnmount, ref, shallowRef } from "vue";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { asApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { DocumentDto } from "../bindings/DocumentDto";
import type { ByteSpan } from "../bindings/ByteSpan";
import type { OpenedDocument } from "../bindings/OpenedDocument";
import { loadPdfInParts } from "../pdf";
import { yieldToUi } from "../pdfSearch";
import type { Size } from "./layout";

/** Pages whose size is read before the document is shown. */
const FIRST = 4;
/** Pages whose size is read at a time afterwards. */
const CHUNK = 16;
/** When a document was asked for, its bytes checked in Rust, pdf.js had read it. */
const MARKS = ["viewer:open", "viewer:checked", "viewer:parsed"] as const;

async function sizeOf(pdf: PDFDocumentProxy, n: number): Promise<Size> {
  const vp = (await pdf.getPage(n)).getViewport({ scale: 1 });
  return { w: vp.width, h: vp.height };
}

const same = (a: Size, b: Size) => Math.abs(a.w - b.w) < 0.01 && Math.abs(a.h - b.h) < 0.01;

/** How the viewer reaches a document's bytes (the app's commands). */
export interface DocumentReader {
  open(d: DocumentDto): Promise<OpenedDocument>;
  range(d: DocumentDto, begin: number, end: number): Promise<ArrayBuffer>;
  ranges(d: DocumentDto, spans: ByteSpan[]): Promise<ArrayBuffer>;
}

export function useDocument(reader: DocumentReader) {
  const pdf = shallowRef<PDFDocumentProxy | null>(null);
  const sizes = shallowRef<Size[]>([]);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const failed = ref("");
  let generation = 0;
  let known: boolean[] = [];

  function fail(e: unknown) {
    if (e && typeof e === "object" && "code" in e) error.value = asApiError(e);
    else failed.value = e instanceof Error ? e.message : String(e);
  }

  async function open(d: DocumentDto | null) {
    const gen = ++generation;
    const old = pdf.value;
    pdf.value = null;
    sizes.value = [];
    error.value = null;
    failed.value = "";
    // The pages and thumbnails go first (their drawing cancelled), then the document.
    await nextTick();
    await old?.destroy();
    if (!d || gen !== generation) return;
    loading.value = true;
    try {
      // Marks for the benchmark (scripts/bench/viewer_scan.mjs), one set at a time.
      for (const m of MARKS) performance.clearMarks(m);
      performance.mark(MARKS[0]);
      const opened = await reader.open(d);
      performance.mark(MARKS[1]);
      if (gen !== generation) return;
      const parts = {
        range: (begin: number, end: number) => reader.range(d, begin, end),
        ranges: (spans: ByteSpan[]) => reader.ranges(d, spans),
      };
      // A part that cannot be read once the document is shown ends it.
      const lost = (e: unknown) => {
        if (gen !== generation) return;
        pdf.value = null;
        sizes.value = [];
        fail(e);
      };
      const doc = markRaw(await loadPdfInParts(opened, parts, lost));
      performance.mark(MARKS[2]);
      if (gen !== generation) return void doc.destroy();
      const first = await Promise.all(
        Array.from({ length: Math.min(FIRST, doc.numPages) }, (_, i) => sizeOf(doc, i + 1)),
      );
      if (gen !== generation) return void doc.destroy();
      known = first.map(() => true);
      sizes.value = Array.from({ length: doc.numPages }, (_, i) => first[i] ?? first[0]);
      pdf.value = doc;
      void readSizes(doc, gen, first.length + 1);
    } catch (e) {
      if (gen === generation) fail(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** The sizes not read yet, a chunk at a time, letting the window work between. */
  async function readSizes(doc: PDFDocumentProxy, gen: number, from: number) {
    for (let n = from; n <= doc.numPages; n += CHUNK) {
      await yieldToUi();
      if (gen !== generation) return;
      const ns = Array.from({ length: Math.min(CHUNK, doc.numPages - n + 1) }, (_, k) => n + k).filter(
        (p) => !known[p - 1],
      );
      try {
        const read = await Promise.all(ns.map((p) => sizeOf(doc, p)));
        if (gen !== generation) return;
        ns.forEach((p, i) => learn(p, read[i].w, read[i].h));
      } catch {
        return; // the pages are drawn at page 1's size; drawing reads theirs again
      }
    }
  }

  /** Page `n`'s size at scale 1, from drawing it or from readSizes. */
  function learn(n: number, w: number, h: number) {
    known[n - 1] = true;
    const old = sizes.value[n - 1];
    if (!old || same(old, { w, h })) return;
    const next = sizes.value.slice();
    next[n - 1] = { w, h };
    sizes.value = next;
  }

  onBeforeUnmount(() => {
    generation++;
    void pdf.value?.destroy();
    pdf.value = null;
  });

  return { pdf, sizes, loading, error, failed, open, learn };
}
