// 在全部材料中搜索 against a simulated command layer and pdf.js: each PDF's
// pages say which document and page they are; a spreadsheet is skipped.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { DocumentDto } from "../bindings/DocumentDto";
import PackageSearch from "./PackageSearch.vue";

vi.mock("../pdf", () => ({
  loadPdf: async (bytes: ArrayBuffer) => {
    const [label, pages] = new TextDecoder().decode(bytes).split("|");
    return {
      numPages: Number(pages),
      getPage: async (n: number) => ({
        getTextContent: async () => ({ items: [{ str: `${label} - page ${n}` }] }),
      }),
      destroy: async () => {},
    };
  },
  newWorker: () => ({ destroy: () => {} }),
  textContent: (p: { getTextContent(): unknown }) => p.getTextContent(),
}));

const doc = (path: string, title: string): DocumentDto => ({
  path,
  title,
  kind: "x",
  kind_label: { zh: "材料", en: "document" },
  sha256: path.length.toString().repeat(64).slice(0, 64),
  shown: path.endsWith(".pdf") ? "pdf" : "table",
});
const documents = [
  doc("docs/application.pdf", "技术创新中心建设申报书"),
  doc("docs/form.xlsx", "申报表"),
  doc("docs/agreement-1.pdf", "共建协议（聊城大学）"),
];
const files: Record<string, string> = {
  "docs/application.pdf": "%PDF LC-2026-001 application|3",
  "docs/form.xlsx": "PK LC-2026-001 not a pdf|1",
  "docs/agreement-1.pdf": "%PDF LC-2026-001 agreement|5",
};

afterEach(() => clearMocks());

describe("PackageSearch", () => {
  it("lists the hits of every PDF by document and page, and opens one", async () => {
    const read: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "read_document") return null;
      const path = (args as { path: string }).path;
      read.push(path);
      return new TextEncoder().encode(files[path]).buffer;
    });
    const w = mount(PackageSearch, {
      props: { batchId: "B", packageId: "LC-2026-001", documents },
      global: { plugins: [i18n] },
    });
    await w.get('[data-test="search-all"]').setValue("lc-2026-001   AGREEMENT");
    await w.get("form").trigger("submit");
    await vi.waitFor(() => expect(w.get('[data-test="search-all-status"]').text()).toBe("共 5 处，分布在 1 份材料中"));
    const hits = w.findAll('[data-test="search-all-hit"]');
    expect(hits.map((h) => h.attributes("data-page"))).toEqual(["1", "2", "3", "4", "5"]);
    expect(w.get('[data-test="search-all-results"]').text()).toContain("共建协议（聊城大学）");
    expect(hits[3].get("mark").text()).toBe("LC-2026-001 agreement");
    expect(hits[3].text()).toContain("第 4 页");
    // The spreadsheet (Rust: shown as a table, not a PDF) is not even read.
    expect(read).toEqual(["docs/application.pdf", "docs/agreement-1.pdf"]);
    await hits[3].trigger("click");
    expect(w.emitted("open")?.[0]).toEqual([documents[2], 4]);

    // A second search reads nothing again: the text is kept.
    await w.get('[data-test="search-all"]').setValue("page 2");
    await w.get("form").trigger("submit");
    await vi.waitFor(() => expect(w.get('[data-test="search-all-status"]').text()).toBe("共 2 处，分布在 2 份材料中"));
    expect(read).toHaveLength(2);
    expect(w.findAll('[data-test="search-all-results"] > li').map((li) => li.attributes("data-doc"))).toEqual([
      "docs/application.pdf",
      "docs/agreement-1.pdf",
    ]);
    w.unmount();
  });

  it("says when nothing is found, and what could not be read", async () => {
    mockIPC((cmd) => {
      if (cmd === "read_document") throw { code: "io", message: { zh: "读取失败", en: "read failed" } };
      return null;
    });
    const w = mount(PackageSearch, {
      props: { batchId: "B", packageId: "P", documents: [documents[0]] },
      global: { plugins: [i18n] },
    });
    await w.get('[data-test="search-all"]').setValue("zzz");
    await w.get("form").trigger("submit");
    await flushPromises();
    await vi.waitFor(() => expect(w.get('[data-test="search-all-status"]').text()).toBe("全部材料中均未找到"));
    expect(w.get('[data-test="search-all-failed"]').text()).toBe("无法搜索《技术创新中心建设申报书》：读取失败");
    w.unmount();
  });
});
