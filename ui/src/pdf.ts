// pdf.js set up for the app: the worker is bundled (no network), eval is off
// (strict CSP), and documents come as bytes from the read_document command.
// Everything of pdf.js the app uses comes through here, so tests mock one module.
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist";
import type { TextContent } from "pdfjs-dist/types/src/display/api";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

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
