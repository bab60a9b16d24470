// The document viewer against a simulated pdf.js (pages that "draw" at once
// and a text layer of plain spans) and an IntersectionObserver that sees
// every page: what the reader does and what the package view is told.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { DocumentDto } from "../bindings/DocumentDto";
import DocumentViewer from "./DocumentViewer.vue";

const PAGES = 6;
const destroyed: number[] = [];
// How the viewer reads the document in parts, as it handed it to pdf.js.
const parts = vi.hoisted(() => ({
  opened: null as null | { length: number; ahead: { begin: number; end: number }[] },
  read: null as null | {
    range: (begin: number, end: number) => Promise<ArrayBuffer>;
    ranges: (spans: { begin: number; end: number }[]) => Promise<ArrayBuffer>;
  },
  failed: null as null | ((e: unknown) => void),
}));

// While set, no page's text comes (a worker still busy with it).
const text = vi.hoisted(() => ({ held: null as null | Promise<void> }));

vi.mock("../pdf", () => {
  const page = (n: number) => ({
    getViewport: ({ scale }: { scale: number }) => ({ width: 600 * scale, height: 800 * scale, scale, userUnit: 1 }),
    render: () => ({ promise: Promise.resolve(), cancel: () => {} }),
    getTextContent: async () => {
      if (text.held) await text.held;
      return { items: [{ str: `LC-2026-001 page ${n}`, hasEOL: false }], styles: {} };
    },
    cleanup: () => {},
  });
  class TextLayer {
    textDivs: HTMLElement[] = [];
    textContentItemsStr: string[] = [];
    private items: { str: string }[];
    private container: HTMLElement;
    constructor(o: { textContentSource: { items: { str: string }[] }; container: HTMLElement }) {
      this.items = o.textContentSource.items;
      this.container = o.container;
    }
    async render() {
      for (const it of this.items) {
        const span = document.createElement("span");
        span.textContent = it.str;
        this.container.append(span);
        this.textDivs.push(span);
        this.textContentItemsStr.push(it.str);
      }
    }
    update() {}
    cancel() {}
  }
  const pdf = () => ({
    numPages: PAGES,
    getPage: async (n: number) => page(n),
    destroy: async () => void destroyed.push(1),
  });
  return {
    loadPdf: async () => pdf(),
    viewerWorker: () => ({}),
    loadPdfInParts: async (opened: typeof parts.opened, read: typeof parts.read, failed: (e: unknown) => void) => {
      Object.assign(parts, { opened, read, failed });
      return pdf();
    },
    TextLayer,
    textContent: (p: ReturnType<typeof page>) => p.getTextContent(),
    newWorker: () => ({ destroy: () => {} }),
    renderPage: async () => {},
  };
});

// Every observed page is in view (jsdom has no layout).
class SeeAll {
  constructor(private cb: (e: Partial<IntersectionObserverEntry>[]) => void) {}
  observe(target: Element) {
    queueMicrotask(() => this.cb([{ target, isIntersecting: true }]));
  }
  unobserve() {}
  disconnect() {}
}

const doc: DocumentDto = {
  path: "docs/application.pdf",
  title: "技术创新中心建设申报书",
  kind: "application_form",
  kind_label: { zh: "申报书", en: "application form" },
  sha256: "a".repeat(64),
  shown: "pdf",
};

beforeAll(() => vi.stubGlobal("IntersectionObserver", SeeAll));
afterAll(() => vi.unstubAllGlobals());
afterEach(() => clearMocks());

async function mountViewer(page = 1) {
  mockIPC((cmd, args) => {
    const file = new Uint8Array([37, 80, 68, 70]);
    if (cmd === "open_document") return { length: 4, ahead: [{ begin: 0, end: 4 }] };
    if (cmd === "read_document_ranges") {
      const { spans } = args as { spans: { begin: number; end: number }[] };
      return new Uint8Array(spans.flatMap((s) => [...file.slice(s.begin, s.end)])).buffer;
    }
    if (cmd !== "read_document_range") return null;
    const { begin, end } = args as { begin: number; end: number };
    return file.slice(begin, end).buffer;
  });
  const w = mount(DocumentViewer, {
    props: { batchId: "B", packageId: "LC-2026-001", doc, page },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
  await vi.waitFor(() => expect(w.get('[data-test="pdf-canvas"]').attributes("data-rendered-page")).toBe(String(page)));
  return w;
}

const indicator = (w: Awaited<ReturnType<typeof mountViewer>>) => w.get('[data-test="page-indicator"]').text();

// An observer that has not reported yet (it does a frame or two later).
class NotYet {
  observe() {}
  unobserve() {}
  disconnect() {}
}

describe("DocumentViewer", () => {
  it("says a page is drawn once it is on the canvas, before its text layer", async () => {
    text.held = new Promise(() => {});
    try {
      const w = await mountViewer();
      expect(w.find('[data-test="pdf-page-1"] .textLayer span').exists()).toBe(false);
      w.unmount();
    } finally {
      text.held = null;
    }
  });

  it("draws the page in view without waiting for the observer's first report", async () => {
    vi.stubGlobal("IntersectionObserver", NotYet);
    try {
      const w = await mountViewer();
      expect(w.get('[data-test="pdf-page-1"]').attributes("data-drawn")).toBe("true");
      expect(w.get('[data-test="pdf-page-5"]').attributes("data-drawn")).toBe("false");
      w.unmount();
    } finally {
      vi.stubGlobal("IntersectionObserver", SeeAll);
    }
  });

  it("shows every page in one scroll, the first drawn with its text", async () => {
    const w = await mountViewer();
    expect(indicator(w)).toBe("第 1 / 6 页");
    expect(w.findAll(".pdf-page")).toHaveLength(PAGES);
    await vi.waitFor(() => expect(w.get('[data-test="pdf-page-1"] .textLayer').text()).toBe("LC-2026-001 page 1"));
    expect(w.get('[data-test="pdf-page-1"]').attributes("data-drawn")).toBe("true");
    w.unmount();
  });

  it("goes to a typed page, with the keys and the buttons, and tells the package view", async () => {
    const w = await mountViewer();
    const input = w.get('[data-test="page-input"]');
    await input.setValue("4");
    await input.trigger("keydown", { key: "Enter" });
    expect(indicator(w)).toBe("第 4 / 6 页");
    expect(w.emitted("page")?.at(-1)).toEqual([4]);
    const scroller = w.get('[data-test="pdf-canvas"]');
    await scroller.trigger("keydown", { key: "End" });
    expect(indicator(w)).toBe("第 6 / 6 页");
    await scroller.trigger("keydown", { key: "PageUp" });
    expect(indicator(w)).toBe("第 5 / 6 页");
    await scroller.trigger("keydown", { key: "Home" });
    expect(indicator(w)).toBe("第 1 / 6 页");
    await w.get('[data-test="page-next"]').trigger("click");
    expect(indicator(w)).toBe("第 2 / 6 页");
    // Typing Home in the page number field moves the caret, not the page.
    await input.trigger("keydown", { key: "Home" });
    expect(indicator(w)).toBe("第 2 / 6 页");
    w.unmount();
  });

  it("follows a page set from outside and marks it when a reference opens it", async () => {
    const w = await mountViewer(3);
    expect(indicator(w)).toBe("第 3 / 6 页");
    await w.setProps({ page: 5, flash: 1 });
    await flushPromises();
    expect(indicator(w)).toBe("第 5 / 6 页");
    expect(w.get('[data-test="pdf-page-5"]').classes()).toContain("flash");
    w.unmount();
  });

  it("zooms with the buttons, the menu and Ctrl + / Ctrl 0", async () => {
    const w = await mountViewer();
    const label = () => w.get('[data-test="zoom-label"]').text();
    const before = label();
    await w.get('[data-test="zoom-in"]').trigger("click");
    expect(label()).not.toBe(before);
    await w.get('[data-test="zoom-select"]').setValue("0.5");
    expect(label()).toBe("50%");
    await w.get('[data-test="pdf-canvas"]').trigger("keydown", { key: "=", ctrlKey: true });
    expect(label()).toBe("75%");
    await w.get('[data-test="pdf-canvas"]').trigger("keydown", { key: "0", ctrlKey: true });
    expect((w.get('[data-test="zoom-select"]').element as HTMLSelectElement).value).toBe("fit");
    expect(w.find("[aria-label='放大']").exists()).toBe(true);
    w.unmount();
  });

  it("opens thumbnails, marks the page in view and goes to a clicked one", async () => {
    const w = await mountViewer();
    await w.get('[data-test="thumbs-toggle"]').trigger("click");
    expect(w.findAll('[data-test^="thumb-"]')).toHaveLength(PAGES);
    expect(w.get('[data-test="thumb-1"]').attributes("aria-current")).toBe("page");
    await w.get('[data-test="thumb-3"]').trigger("click");
    expect(indicator(w)).toBe("第 3 / 6 页");
    expect(w.get('[data-test="thumb-3"]').attributes("aria-current")).toBe("page");
    expect(w.get('[data-test="thumb-1"]').attributes("aria-current")).toBeUndefined();
    w.unmount();
  });

  it("searches the document with Ctrl F, going from hit to hit and highlighting each", async () => {
    const w = await mountViewer();
    await w.get('[data-test="pdf-canvas"]').trigger("keydown", { key: "f", ctrlKey: true });
    const box = w.get('[data-test="viewer-search"]');
    expect(document.activeElement).toBe(box.element);
    await box.setValue("PAGE");
    const count = () => w.get('[data-test="search-count"]').text();
    await vi.waitFor(() => expect(count()).toBe("第 1 / 6 处"));
    await vi.waitFor(() => expect(w.get('[data-test="pdf-page-1"] .highlight').text()).toBe("page"));
    await box.trigger("keydown", { key: "Enter" });
    expect(count()).toBe("第 2 / 6 处");
    expect(indicator(w)).toBe("第 2 / 6 页");
    await box.trigger("keydown", { key: "Enter", shiftKey: true });
    await box.trigger("keydown", { key: "Enter", shiftKey: true });
    expect(count()).toBe("第 6 / 6 处");
    expect(indicator(w)).toBe("第 6 / 6 页");
    await box.setValue("page 4");
    await vi.waitFor(() => expect(count()).toBe("第 1 / 1 处"));
    await box.setValue("absent");
    await vi.waitFor(() => expect(count()).toBe("未找到"));
    expect(w.find(".highlight").exists()).toBe(false);
    await box.trigger("keydown", { key: "Escape" });
    expect(w.find('[data-test="viewer-search"]').exists()).toBe(false);
    w.unmount();
  });

  it("cites the page in view and lets the document go when closed", async () => {
    const w = await mountViewer(2);
    await w.get('[data-test="cite"]').trigger("click");
    expect(w.emitted("cite")?.[0]).toEqual([doc, 2, undefined]);
    const before = destroyed.length;
    w.unmount();
    expect(destroyed.length).toBe(before + 1);
  });

  it("quotes text selected on a page, at that page, even when another is in view", async () => {
    const w = await mountViewer(2);
    await vi.waitFor(() => expect(w.find('[data-test="pdf-page-1"] .textLayer span').exists()).toBe(true));
    const range = document.createRange();
    range.selectNodeContents(w.get('[data-test="pdf-page-1"] .textLayer span').element);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
    const cite = w.get('[data-test="cite"]');
    // The pointer going down on the bar keeps the selection the click may clear.
    await cite.trigger("pointerdown");
    window.getSelection()!.removeAllRanges();
    await cite.trigger("click");
    expect(w.emitted("cite")?.[0]).toEqual([doc, 1, "LC-2026-001 page 1"]);
    w.unmount();
  });

  it("hands pdf.js the parts it asks for and says so when one cannot be read", async () => {
    const w = await mountViewer();
    expect(parts.opened).toEqual({ length: 4, ahead: [{ begin: 0, end: 4 }] });
    expect(new Uint8Array(await parts.read!.range(1, 3))).toEqual(new Uint8Array([80, 68]));
    const spans = [
      { begin: 0, end: 1 },
      { begin: 2, end: 4 },
    ];
    expect(new Uint8Array(await parts.read!.ranges(spans))).toEqual(new Uint8Array([37, 68, 70]));
    parts.failed!({
      code: "document-damaged",
      message: { zh: "文件无法读取。请重新导入该评审批次", en: "cannot be read. Import the batch again" },
    });
    await flushPromises();
    expect(w.text()).toContain("请重新导入该评审批次");
    expect(w.findAll(".pdf-page")).toHaveLength(0);
    w.unmount();
  });
});
