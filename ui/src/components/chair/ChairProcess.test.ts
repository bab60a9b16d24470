// The panel's process beside the matrix (formats.md §7): votes, the site
// visits, and for evaluations the targets, reports and conclusion.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { PackageProcessDto } from "../../bindings/PackageProcessDto";
import ChairProcess from "./ChairProcess.vue";

const base: PackageProcessDto = {
  votes: [],
  site_visit: null,
  targets: [],
  annual_reports: [],
  revocation: [],
  consequence: null,
};

afterEach(() => clearMocks());

describe("ChairProcess", () => {
  it("shows votes, site-visit counts, shortfalls and missing reports", () => {
    i18n.global.locale.value = "zh-CN";
    const w = mount(ChairProcess, {
      global: { plugins: [i18n] },
      props: {
        process: {
          ...base,
          votes: [
            { option: "pass", count: 4 },
            { option: "fail", count: 1 },
          ],
          site_visit: {
            experts: ["E03", "E04"],
            date: "2026-06-02",
            items: [{ id: "space", title: "研发用房", meets: 1, partly: 1, fails: 0, notes: ["E03：部分在装修"] }],
            discrepancies: ["E03：研发用房 基本符合"],
            photos: [],
          },
          targets: [
            { indicator: "研发投入", unit: "万元", target: "3000", achieved: "2400", percent: "80", below: true },
          ],
          annual_reports: [
            { year: 2024, filed: true },
            { year: 2025, filed: false },
          ],
          consequence: {
            zh: "合格（含）以上：纳入技术创新中心体系管理（第二十条、第二十二条）",
            en: "pass or better: kept in the Technology Innovation Center system (第二十条、第二十二条)",
          },
        },
      },
    });
    const text = w.text();
    expect(w.find('[data-test="chair-votes"]').text()).toContain("通过 4 票");
    expect(w.find('[data-test="chair-site-visit"]').text()).toContain("E03：部分在装修");
    expect(w.find('[data-test="chair-targets"]').text()).toContain("80%");
    expect(text).toContain("未达标");
    expect(w.find('[data-test="chair-reports"]').text()).toContain("2025 年：未报送");
    expect(text).toContain("纳入技术创新中心体系管理");
  });

  it("a package to be revoked reads 建议撤销 with the items, no consequence", () => {
    i18n.global.locale.value = "zh-CN";
    const w = mount(ChairProcess, {
      global: { plugins: [i18n] },
      props: {
        process: {
          ...base,
          revocation: [
            { zh: "第十九条：连续 2 年未报送年度报告", en: "第十九条: no annual report for 2 consecutive years" },
          ],
          consequence: null,
        },
      },
    });
    expect(w.find('[data-test="chair-revocation"]').text()).toContain("建议撤销");
    expect(w.find('[data-test="chair-consequence"]').exists()).toBe(false);
  });

  it("in English: the visit's date and the revocation's articles as English readers write them", () => {
    i18n.global.locale.value = "en";
    const w = mount(ChairProcess, {
      global: { plugins: [i18n] },
      props: {
        process: {
          ...base,
          site_visit: { experts: ["E03", "E04"], date: "2026-06-02", items: [], discrepancies: [], photos: [] },
          revocation: [
            {
              zh: "第十九条第（三）项：弄虚作假，出现违法或科研失信问题",
              en: "第十九条第（三）项: fraud, illegality or research misconduct",
            },
          ],
        },
      },
    });
    expect(w.text()).toContain("Visited by E03, E04 on 2026-06-02");
    expect(w.get('[data-test="chair-revocation"]').text()).toContain("Art. 19 (3): fraud");
    i18n.global.locale.value = "zh-CN";
    const zh = mount(ChairProcess, {
      global: { plugins: [i18n] },
      props: {
        process: {
          ...base,
          site_visit: { experts: ["E03", "E04"], date: "2026-06-02", items: [], discrepancies: [], photos: [] },
        },
      },
    });
    expect(zh.text()).toContain("2026年6月2日");
  });

  it("shows the signed site photos under their expert's name, and why one is missing", async () => {
    i18n.global.locale.value = "zh-CN";
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "chair_photo") return null;
      asked.push(args);
      if ((args as { sha256: string }).sha256 === "b".repeat(64))
        throw { code: "photo-damaged", message: { zh: "现场照片未通过校验", en: "failed its check" } };
      return new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer;
    });
    const photo = (sha: string) => ({ expert_id: "E03", name: "赵强", sha256: sha });
    const w = mount(ChairProcess, {
      global: { plugins: [i18n] },
      props: {
        source: { batchId: "B", packageId: "P-1" },
        process: {
          ...base,
          site_visit: {
            experts: ["E03"],
            date: "2026-06-02",
            items: [],
            discrepancies: [],
            photos: [photo("a".repeat(64)), photo("b".repeat(64))],
          },
        },
      },
    });
    await flushPromises();
    expect(asked).toEqual([
      { batchId: "B", packageId: "P-1", sha256: "a".repeat(64) },
      { batchId: "B", packageId: "P-1", sha256: "b".repeat(64) },
    ]);
    const imgs = w.findAll('[data-test="chair-photo"]');
    expect(imgs.length).toBe(1);
    expect(imgs[0].attributes("alt")).toBe("赵强 拍摄");
    expect(w.get('[data-test="chair-photos"]').text()).toContain("现场照片未通过校验");
  });
});
