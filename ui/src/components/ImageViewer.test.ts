// Documents that are not PDFs: a JPEG/PNG scan shown as an image with zoom
// and 引用此页, anything else named with its hash and "cannot be shown".
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { DocumentDto } from "../bindings/DocumentDto";
import DocumentViewer from "./DocumentViewer.vue";

// pdf.js does not load under jsdom, and must not be reached for these documents.
vi.mock("../pdf", () => {
  const never = () => {
    throw new Error("pdf.js was reached for a document that is not a PDF");
  };
  return { loadPdf: never, newWorker: never, textContent: never, TextLayer: class {}, renderPage: never };
});

const doc = (path: string, shown: DocumentDto["shown"]): DocumentDto => ({
  path,
  shown,
  title: "设备清单",
  kind: "equipment_list",
  kind_label: { zh: "设备清单", en: "equipment list" },
  sha256: "ab".repeat(32),
});

beforeAll(() => {
  // jsdom has no blob URLs.
  URL.createObjectURL = vi.fn(() => "blob:scan");
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => clearMocks());

describe("documents that are not PDFs", () => {
  it("a scan is shown as an image, zooms, and cites page 1", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return new Uint8Array([0xff, 0xd8, 0xff]).buffer;
    });
    const w = mount(DocumentViewer, {
      global: { plugins: [i18n] },
      props: { batchId: "B", packageId: "P", doc: doc("scans/site.jpg", "image"), page: 1 },
    });
    await flushPromises();
    expect(asked).toEqual([["read_document", { batchId: "B", packageId: "P", path: "scans/site.jpg" }]]);
    expect(w.get('[data-test="image"]').attributes("src")).toBe("blob:scan");
    expect(w.get('[data-test="image-zoom"]').text()).toBe("适合宽度");
    await w.get('[data-test="image-zoom-in"]').trigger("click");
    expect(w.get('[data-test="image-zoom"]').text()).toBe("125%");
    await w.get('[data-test="cite"]').trigger("click");
    expect(w.emitted("cite")?.[0]?.[1]).toBe(1);
  });

  it("anything else is named with its hash, and nothing is read", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd) => asked.push(cmd));
    const w = mount(DocumentViewer, {
      global: { plugins: [i18n] },
      props: { batchId: "B", packageId: "P", doc: doc("lists/equipment.docx", "not_shown"), page: 1 },
    });
    await flushPromises();
    const box = w.get('[data-test="doc-unsupported"]');
    expect(box.text()).toContain("“设备清单”不是 PDF、图片或 .xlsx 电子表格，无法在此显示");
    expect(box.text()).toContain("ab".repeat(32));
    expect(asked).toEqual([]);
  });
});

describe("a spreadsheet document", () => {
  it("shows every sheet as a table, merged cells spanning their range", async () => {
    mockIPC((cmd, args) => {
      expect(cmd).toBe("read_table");
      expect(args).toEqual({ batchId: "B", packageId: "P", path: "lists/equipment.xlsx" });
      return [
        {
          name: "设备清单",
          rows: [
            ["仪器设备清单", "", ""],
            ["电子显微镜", "694.3", "12"],
          ],
          merged: [{ row: 0, col: 0, rows: 1, cols: 3 }],
          truncated: false,
        },
        { name: "人员", rows: [["张三"]], merged: [], truncated: true },
      ];
    });
    const w = mount(DocumentViewer, {
      global: { plugins: [i18n] },
      props: { batchId: "B", packageId: "P", doc: doc("lists/equipment.xlsx", "table"), page: 1 },
    });
    await flushPromises();
    const rows = w.findAll('[data-test="sheet-table"] tr');
    expect(rows[0].findAll("td").map((td) => [td.text(), td.attributes("colspan")])).toEqual([["仪器设备清单", "3"]]);
    expect(rows[1].findAll("td").map((td) => td.text())).toEqual(["电子显微镜", "694.3", "12"]);
    expect(w.find('[data-test="sheet-truncated"]').exists()).toBe(false);
    await w.get('[data-test="sheet-tab-1"]').trigger("click");
    expect(w.get('[data-test="sheet-table"]').text()).toBe("张三");
    expect(w.find('[data-test="sheet-truncated"]').exists()).toBe(true);
  });
});
