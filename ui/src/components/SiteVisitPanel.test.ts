// The site-visit form: each claim reads once as claimed ("申报 1820 m²"),
// never "申报情况：申报 1820 m²" nor "Claimed: claimed 1820 m²".
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { SiteVisitView } from "../bindings/SiteVisitView";
import SiteVisitPanel from "./SiteVisitPanel.vue";

const claim = (id: string, zh: string, en: string) => ({
  id,
  title: { zh: "标题", en: "title" },
  claim: { zh, en },
});
const view: SiteVisitView = {
  items: [
    claim("claim-rd-space", "申报 1820 m²", "claimed 1820 m²"),
    claim("claim-pilot", "申报不具备", "not claimed"),
    claim("claim-agreement-1", "共建协议（聊城大学）", "共建协议（聊城大学）"),
  ],
  visit: {
    date: "",
    items: ["claim-rd-space", "claim-pilot", "claim-agreement-1"].map((id) => ({ id, verdict: null, note: "" })),
    photos: [],
    recommendation: "",
    opinion: "",
  },
  recommendation_options: [],
  discrepancies: [],
  unassessed: 3,
  revision: null,
  saved_at: null,
  signed: false,
  problems: [],
};

afterEach(() => {
  clearMocks();
  i18n.global.locale.value = "zh-CN";
});

describe("SiteVisitPanel", () => {
  it("shows each claim once, labelled only where Rust's text does not say 申报 / claimed", async () => {
    mockIPC((cmd) => (cmd === "get_site_visit" ? view : null));
    const w = mount(SiteVisitPanel, { props: { batchId: "B", packageId: "P" }, global: { plugins: [i18n] } });
    await flushPromises();
    const line = (id: string) => w.get(`[data-test="claim-line-${id}"]`).text();
    expect(line("claim-rd-space")).toBe("申报 1820 m²");
    expect(line("claim-pilot")).toBe("申报不具备");
    expect(line("claim-agreement-1")).toBe("申报情况：共建协议（聊城大学）");
    i18n.global.locale.value = "en";
    await flushPromises();
    expect(line("claim-rd-space")).toBe("Claimed 1820 m²");
    expect(line("claim-pilot")).toBe("Not claimed");
    expect(line("claim-agreement-1")).toBe("Claimed: 共建协议（聊城大学）");
  });
});
