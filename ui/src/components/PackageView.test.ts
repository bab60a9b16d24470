// One package against a simulated command layer: what the expert reads
// (facts, formal review) in the chosen language, and where focus goes after 预览.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { PackageDetail } from "../bindings/PackageDetail";
import type { UnitDto } from "../bindings/UnitDto";
import PackageView from "./PackageView.vue";

vi.mock("../pdf", () => ({
  loadPdf: async () => ({ numPages: 1, destroy: async () => {} }),
  viewerWorker: () => ({}),
  loadPdfInParts: async () => ({ numPages: 1, destroy: async () => {} }),
  renderPage: async () => {},
}));

const unit: UnitDto = {
  name: "山东聊城精工轴承股份有限公司",
  credit_code: "91371500MA3C000000",
  kind_label: { zh: "企业", en: "enterprise" },
  in_liaocheng: true,
  independent_legal_person: true,
  high_tech_enterprise: true,
  tech_based_enterprise: false,
  finance: [],
  rd_total_wan: "0",
  revenue_total_wan: "0",
  conversion_cases_3y: 2,
};
const detail: PackageDetail = {
  batch_id: "B",
  package_id: "LC-001",
  sha256: "0".repeat(64),
  verdict: "eligible",
  facts: {
    center_name: "聊城市高端轴承技术创新中心",
    field: "高端装备",
    kind: "establishment",
    kind_label: { zh: "组建申报", en: "establishment application" },
    submitted_at: "2026-12-01T14:05:00+08:00",
    software_industry: false,
    strategic_priority: false,
    competent_department: "聊城市工业和信息化局",
    lead_unit: unit,
    co_builders: [],
    lead_share_percent: "70",
    rd_space_m2: "1820",
    equipment_value_wan: "1200",
    pilot_capability: true,
    director_name: "李华",
    director_title: "研究员",
    director_senior_title: true,
    full_time_rd_staff: 30,
    committee_size: 7,
    committee_external: 4,
  },
  rules: [
    { id: "lead-type", result: "pass", article: "第七条", message: { zh: "企业", en: "an enterprise" } },
    {
      id: "space",
      result: "pass",
      article: "第八条（组建条件）第（三）项",
      message: { zh: "1820 m²", en: "1820 m²" },
    },
    { id: "annual-reports", result: "pass", article: "第十九条第（一）项", message: { zh: "齐", en: "filed" } },
  ],
  documents: [],
  targets: [],
  annual_reports: [],
  committee_advice: [],
};
const sheet = {
  rubric: { id: "r", title: "t", max_total: "100", pass_line: null, recommendation_options: [], criteria: [] },
  conflict: { declared: false, statement: "" },
  sheet: { scores: [], recommendation: "", opinion: "" },
  revision: 1,
  saved_at: null,
  signed: false,
  total: "0",
  standing: null,
  problems: [],
  history: [],
  reexamination: false,
};
const identity = { has_key: false, min_passphrase_chars: 8, has_signature_image: false };

afterEach(() => {
  clearMocks();
  i18n.global.locale.value = "zh-CN";
});

function mountView(shown: PackageDetail = detail) {
  mockIPC((cmd) => {
    if (cmd === "package_detail") return shown;
    if (cmd === "get_sheet") return sheet;
    if (cmd === "identity_status") return identity;
    if (cmd === "preview_review") return new Uint8Array([37, 80, 68, 70]).buffer;
    return null;
  });
  return mount(PackageView, {
    props: { batchId: "B", packageId: "LC-001" },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

describe("PackageView", () => {
  it("takes focus to the preview's heading after 预览, not to <body>", async () => {
    const w = mountView();
    await flushPromises();
    const button = w.get('[data-test="preview-button"]');
    (button.element as HTMLButtonElement).focus();
    await button.trigger("click");
    await flushPromises();
    const heading = w.get('[data-test="preview-form"]');
    expect(document.activeElement).toBe(heading.element);
    expect(heading.attributes("tabindex")).toBe("-1");
    w.unmount();
  });

  it("shows dates and labels as the chosen language writes them", async () => {
    const w = mountView();
    await flushPromises();
    expect(w.get('[data-test="facts"]').text()).toContain("2026年12月1日 14:05");
    expect(w.get('[data-test="unit-kind"]').text()).toBe("企业");
    i18n.global.locale.value = "en";
    await flushPromises();
    expect(w.get('[data-test="facts"]').text()).toContain("2026-12-01 14:05");
    expect(w.get('[data-test="unit-kind"]').text()).toBe("Enterprise");
    expect(w.get('[data-test="package-verdict"]').text()).toBe("Eligible");
    w.unmount();
  });

  it("cites the articles in English, and as written in Chinese", async () => {
    const w = mountView();
    await flushPromises();
    await w.get('[data-test="tab-formal"]').trigger("click");
    const articles = () => w.findAll('[data-test="rule-article"]').map((a) => a.text());
    expect(articles()).toEqual(["第七条", "第八条（组建条件）第（三）项", "第十九条第（一）项"]);
    i18n.global.locale.value = "en";
    await flushPromises();
    expect(articles()).toEqual(["Art. 7", "Art. 8 (3), conditions for establishment", "Art. 19 (1)"]);
    expect(w.find('[data-test="committee-advice"]').exists()).toBe(false);
    w.unmount();
  });

  it("shows an evaluation's 第十二条 findings after its formal review, as advice that leaves the verdict alone", async () => {
    const advice = {
      id: "committee-share",
      result: "fail" as const,
      article: "第十二条",
      message: { zh: "专家委员会 6 人，其中牵头和参与单位人员 3 人，超过 1/3", en: "3 of the 6 members" },
    };
    const w = mountView({ ...detail, committee_advice: [advice] });
    await flushPromises();
    await w.get('[data-test="tab-formal"]').trigger("click");
    expect(w.get('[data-test="committee-advice-intro"]').text()).toContain("结论不受影响");
    const rows = w.get('[data-test="committee-advice"]').findAll("tbody tr");
    expect(rows.map((r) => r.text())).toEqual([expect.stringContaining("超过 1/3")]);
    expect(w.get('[data-test="rules"]').findAll("tbody tr")).toHaveLength(3);
    expect(w.get('[data-test="detail-verdict"]').text()).toBe("符合条件");
    w.unmount();
  });
});
