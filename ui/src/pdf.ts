// pdf.js set up for the app: the worker is bundled (no network), eval is off
// (strict CSP), and documents come as bytes from the app's commands: whole
// (read_document) or in the parts pdf.js asks for (read_document_range,
// read_document_ranges).
// Everything of pdf.js the app uses comes through here, so tests mock one module.
import {
  GlobalWorkerOptions,
  PDFDataRangeTransport,
  PDFWorker,
  getDocument,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from "pdfjs-dist";
import type { TextContent } from "pdfjs-dist/types/src/display/api";
import workerUrl from "./pdfWorker.ts?worker&url";
import type { ByteSpan } from "./bindings/ByteSpan";
import type { OpenedDocument } from "./bindings/OpenedDocument";
import { ReadAhead, partsToRead } from "./readAhead";

export { TextLayer } from "pdfjs-dist";

GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens a PDF. Each document gets a worker of its own unless `worker` is
 *  given (for reading many documents one after another). */
export function loadPdf(bytes: ArrayBuffer, worker?: PDFWorker): Promise<PDFDocumentProxy> {
  return getDocument({
    data: new Uint8Array(bytes),
    worker,
    isEvalSupported: false,
    // No fetching of fonts or maps from anywhere: the package is all there is.
    disableAutoFetch: true,
    disableStream: true,
    useSystemFonts: true,
  }).promise;
}

let viewer: PDFWorker | null = null;

/** The viewer's pdf.js worker, started on first call and kept for the
 *  app's life rather than one per document (its script is 1.2 MB to load
 *  and start). The package view starts it when a package with PDFs is
 *  shown, before a document is chosen. */
export function viewerWorker(): PDFWorker {
  return (viewer ??= new PDFWorker());
}

/** Bytes pdf.js asks for at a time (it joins neighbouring ones into one
 *  request). Small, because what is read ahead is widened to whole parts:
 *  the small objects of a scan lie between its images. */
const PART = 4 << 10;
/** Bytes read ahead at most (see readAhead.ts). */
const AHEAD = 8 << 20;

/** How pdf.js's parts reach it (the app's commands). */
export interface PdfParts {
  range(begin: number, end: number): Promise<ArrayBuffer>;
  /** The bytes of each span, one after another, in one call. */
  ranges(spans: ByteSpan[]): Promise<ArrayBuffer>;
}

/** Opens a PDF read in parts: pdf.js asks for the bytes the pages it
 *  draws need, so page 1 shows without the whole file crossing to the
 *  window. What `opened.ahead` names is read first, in one call: before
 *  page 1 pdf.js reads every page's dictionary of a flat page tree, one at
 *  a time, which in a 300-page scan were ~300 round trips. pdf.js has no
 *  way to hear that a part cannot be read — it would wait for it forever —
 *  so a failed read ends the document: the promise rejects with the read's
 *  error while opening, `failed` hears it after. */
export function loadPdfInParts(
  opened: OpenedDocument,
  parts: PdfParts,
  failed: (e: unknown) => void,
): Promise<PDFDocumentProxy> {
  let over = false;
  let open = false;
  let refuse: (e: unknown) => void = () => {};
  const unreadable = new Promise<never>((_, reject) => (refuse = reject));
  const wanted = partsToRead(opened.ahead, opened.length, PART, AHEAD);
  // A failed read ahead only means pdf.js asks for those parts itself.
  const ahead = wanted.length
    ? parts.ranges(wanted).then(
        (bytes) => new ReadAhead(wanted, bytes, PART),
        () => null,
      )
    : Promise.resolve(null);
  const lose = (e: unknown) => {
    if (over) return;
    over = true;
    if (open) failed(e);
    else refuse(e);
    void task.destroy();
  };
  class Parts extends PDFDataRangeTransport {
    override requestDataRange(begin: number, end: number) {
      void ahead.then((held) => {
        const bytes = held?.take(begin, end);
        if (bytes) return this.deliver(begin, bytes);
        parts.range(begin, end).then((read) => this.deliver(begin, new Uint8Array(read)), lose);
      });
    }
    private deliver(begin: number, bytes: Uint8Array) {
      // A part pdf.js stopped waiting for (a page let go) has no reader left.
      if (over) return;
      try {
        this.onDataRange(begin, bytes);
      } catch {
        // pdf.js asserts a reader for `begin`; none is left once it let go.
      }
    }
    override abort() {
      over = true;
    }
  }
  const task = getDocument({
    range: new Parts(opened.length, null),
    worker: viewerWorker(),
    rangeChunkSize: PART,
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    useSystemFonts: true,
  });
  unreadable.catch(() => {}); // heard through the race below
  return Promise.race([
    task.promise.then((doc) => {
      open = true;
      return doc;
    }),
    unreadable,
  ]);
}

/** A page's text as pdf.js extracts it. Not page.getTextContent(): that
 *  reads pdf.js's stream with `for await`, and WebKitGTK's ReadableStream
 *  has no async iterator (the text would never come); a reader works. */
export async function textContent(page: PDFPageProxy): Promise<TextContent> {
  const reader = page.streamTextContent().getReader();
  const out: TextContent = { items: [], styles: Object.create(null), lang: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    const chunk = value as TextContent;
    out.lang ??= chunk.lang;
    Object.assign(out.styles, chunk.styles);
    out.items.push(...chunk.items);
  }
}

/** A worker to share between documents; destroy() it when done. */
export function newWorker(): PDFWorker {
  return new PDFWorker();
}

export async function renderPage(
  doc: PDFDocumentProxy,
  n: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await doc.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}
