// Draws the pages of a pdf.js document into their boxes: a canvas at the
// screen's pixel ratio with pdf.js's TextLayer over it (text to select,
// copy and highlight). One page at a time, in the order asked (nearest the
// page in view first); pages outside the range to keep are let go: render
// cancelled, canvas memory freed, text layer removed. Nothing here is
// reactive: pdf.js objects keep private fields a Vue proxy would break.
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from "pdfjs-dist";
import { TextLayer, textContent } from "../pdf";
import { outputScale } from "./zoom";
import "./textLayer.css";

export interface RendererHooks {
  /** The box page `n` is drawn into. */
  box(n: number): HTMLElement | undefined;
  /** Page `n` is drawn at the current scale (its text layer follows: textReady). */
  drawn(n: number): void;
  /** Page `n` was let go. */
  released(n: number): void;
  /** Page `n`'s size at scale 1, read while drawing it. */
  size(n: number, w: number, h: number): void;
  /** Page `n`'s text layer is ready (again): highlights go on it. */
  textReady(n: number, layer: TextLayer): void;
  failed(n: number, e: unknown): void;
}

interface View {
  page: PDFPageProxy | null;
  canvas: HTMLCanvasElement | null;
  scale: number;
  task: RenderTask | null;
  text: TextLayer | null;
  textDiv: HTMLDivElement | null;
}

/** Frees a canvas's pixels now rather than at garbage collection (WebKit). */
function free(canvas: HTMLCanvasElement) {
  canvas.width = 0;
  canvas.height = 0;
  canvas.remove();
}

function cancelled(e: unknown): boolean {
  const name = e && typeof e === "object" && "name" in e ? String(e.name) : "";
  return name === "RenderingCancelledException" || name === "AbortException";
}

export class PageRenderer {
  private views = new Map<number, View>();
  private queue: number[] = [];
  private keep: [number, number] = [1, 0];
  private scale = 1;
  private running = false;
  private destroyed = false;

  constructor(
    private readonly pdf: PDFDocumentProxy,
    private readonly hooks: RendererHooks,
  ) {}

  /** Pages drawn at another scale stay (stretched) until drawn again. */
  setScale(scale: number) {
    this.scale = scale;
  }

  /** Draws `pages` in this order; lets go of pages outside `keep`. */
  want(pages: number[], keep: [number, number]) {
    this.keep = keep;
    for (const n of [...this.views.keys()]) if (n < keep[0] || n > keep[1]) this.release(n);
    this.queue = pages.filter((n) => !this.ready(n));
    void this.pump();
  }

  /** Page `n`'s text layer once rendered. */
  textLayer(n: number): TextLayer | null {
    const v = this.views.get(n);
    return v?.text && v.textDiv?.isConnected ? v.text : null;
  }

  release(n: number) {
    const v = this.views.get(n);
    if (!v) return;
    this.views.delete(n);
    v.task?.cancel();
    v.text?.cancel();
    v.textDiv?.remove();
    if (v.canvas) free(v.canvas);
    v.page?.cleanup();
    this.hooks.released(n);
  }

  destroy() {
    this.destroyed = true;
    this.queue = [];
    for (const n of [...this.views.keys()]) this.release(n);
  }

  private ready(n: number): boolean {
    const v = this.views.get(n);
    return !!v && !!v.canvas && !v.task && v.scale === this.scale;
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (let n = this.queue.shift(); n !== undefined && !this.destroyed; n = this.queue.shift()) {
        if (this.ready(n) || n < this.keep[0] || n > this.keep[1]) continue;
        try {
          await this.draw(n);
        } catch (e) {
          if (!cancelled(e) && !this.destroyed) this.hooks.failed(n, e);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async draw(n: number) {
    const box = this.hooks.box(n);
    if (!box) return;
    const scale = this.scale;
    let v = this.views.get(n);
    if (!v) {
      v = { page: null, canvas: null, scale: 0, task: null, text: null, textDiv: null };
      this.views.set(n, v);
    }
    const page = (v.page ??= await this.pdf.getPage(n));
    if (this.views.get(n) !== v) return;
    const base = page.getViewport({ scale: 1 });
    this.hooks.size(n, base.width, base.height);
    const viewport = page.getViewport({ scale });
    const out = outputScale(viewport.width, viewport.height, window.devicePixelRatio || 1);
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.floor(viewport.width * out));
    canvas.height = Math.max(1, Math.floor(viewport.height * out));
    canvas.setAttribute("aria-hidden", "true");
    const task = page.render({ canvas, viewport, transform: out === 1 ? undefined : [out, 0, 0, out, 0, 0] });
    v.task = task;
    try {
      await task.promise;
    } catch (e) {
      free(canvas);
      throw e;
    } finally {
      if (v.task === task) v.task = null;
    }
    if (this.views.get(n) !== v || this.destroyed) {
      free(canvas);
      return;
    }
    if (v.canvas) free(v.canvas);
    box.prepend(canvas);
    box.style.setProperty("--user-unit", String(viewport.userUnit));
    v.canvas = canvas;
    v.scale = scale;
    // On screen from the next frame: said now, the text layer follows.
    this.hooks.drawn(n);
    try {
      if (v.text) v.text.update({ viewport });
      else await this.addText(n, v, page, box, viewport);
    } catch (e) {
      // The page is drawn; only its text cannot be selected.
      if (cancelled(e)) throw e;
      console.warn(`page ${n}: no text layer`, e);
    }
  }

  private async addText(
    n: number,
    v: View,
    page: PDFPageProxy,
    box: HTMLElement,
    viewport: ReturnType<PDFPageProxy["getViewport"]>,
  ) {
    const div = document.createElement("div");
    div.className = "textLayer";
    const layer = new TextLayer({ textContentSource: await textContent(page), container: div, viewport });
    if (this.views.get(n) !== v) return;
    v.text = layer;
    v.textDiv = div;
    box.append(div);
    await layer.render();
    if (this.views.get(n) !== v) return;
    // pdf.js's viewer ends the layer so that a drag past the last line
    // selects to the end instead of jumping; "selecting" while dragging.
    const end = document.createElement("div");
    end.className = "endOfContent";
    div.append(end);
    div.addEventListener("pointerdown", () => div.classList.add("selecting"));
    div.addEventListener("pointerup", () => div.classList.remove("selecting"));
    div.addEventListener("pointerleave", () => div.classList.remove("selecting"));
    this.hooks.textReady(n, layer);
  }
}
