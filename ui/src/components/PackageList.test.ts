import { describe, expect, it } from "vitest";
import { mount } from "@vue/test-utils";
import { i18n } from "../i18n";
import type { PackageRowDto } from "../bindings/PackageRowDto";
import type { PackageStatus } from "../bindings/PackageStatus";
import type { Verdict } from "../bindings/Verdict";
import PackageList from "./PackageList.vue";

// Rust reports a recused package as "conflict" (api::batches::PackageStatus).
const row = (id: string, center: string, verdict: Verdict, status: PackageStatus = "not_started"): PackageRowDto => ({
  package_id: id,
  center_name: center,
  lead_unit: "山东聊城精工轴承股份有限公司",
  verdict,
  status,
  conflict_declared: status === "conflict",
  saved_at: null,
});
const XSS = "<img src=x onerror=alert(1)>";
const rows = [
  row("LC-001", "聊城市高端轴承技术创新中心", "eligible", "draft"),
  row("LC-002", XSS, "eligible_with_warnings"),
  row("LC-003", "聊城市新能源汽车零部件技术创新中心", "ineligible", "conflict"),
];
const mountList = () => mount(PackageList, { props: { rows }, global: { plugins: [i18n] } });

describe("PackageList", () => {
  it("shows a hostile centre name as text, never as markup", () => {
    const w = mountList();
    expect(w.find("img").exists()).toBe(false);
    expect(w.find('[data-test="row-LC-002"] [data-test="center-name"]').text()).toBe(XSS);
  });
  it("labels verdicts and statuses in Chinese", () => {
    const w = mountList();
    expect(w.findAll('[data-test="verdict"]').map((b) => b.text())).toEqual([
      "符合条件",
      "符合条件（有提示）",
      "不符合条件",
    ]);
    expect(w.findAll('[data-test="status"]').map((b) => b.text())).toEqual(["草稿", "未开始", "已回避"]);
  });
  it("filters by verdict and status", async () => {
    const w = mountList();
    await w.find('[data-test="filter-verdict"]').setValue("ineligible");
    expect(w.findAll(".package-row").length).toBe(1);
    await w.find('[data-test="filter-verdict"]').setValue("");
    await w.find('[data-test="filter-status"]').setValue("draft");
    expect(w.findAll(".package-row").map((r) => r.attributes("data-test"))).toEqual(["row-LC-001"]);
  });
  it("moves with the arrow keys and opens with Enter", async () => {
    const w = mountList();
    const list = w.find('[data-test="package-list"]');
    await list.trigger("keydown", { key: "ArrowDown" });
    await list.trigger("keydown", { key: "ArrowDown" });
    await list.trigger("keydown", { key: "ArrowDown" });
    await list.trigger("keydown", { key: "ArrowUp" });
    await list.trigger("keydown", { key: "Enter" });
    expect(w.emitted("open")).toEqual([["LC-002"]]);
  });
});

describe("PackageList's open buttons", () => {
  it("are named for screen readers, the symbol hidden", () => {
    const w = mountList();
    const open = w.get('[data-test="open-LC-001"]');
    expect(open.attributes("aria-label")).toBe("打开材料包 LC-001");
    expect(open.get("span").attributes("aria-hidden")).toBe("true");
  });
});
