// The chair's 签署 button says why it is off, in the words Rust gives, and a
// signing click reports the signing's outcome alone (not 草稿已保存 too).
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { ChairPackage } from "../../bindings/ChairPackage";
import ChairPackageView from "./ChairPackageView.vue";

const nothing = {
  zh: "还没有可计入的专家评审意见，暂无可签署的内容。请先导入专家签署的评审意见",
  en: "no review counts yet, so there is nothing to sign. Import the experts' signed reviews first",
};

const pkg = (over: Partial<ChairPackage>): ChairPackage => ({
  package_id: "P-1",
  center_name: "聊城市高端轴承技术创新中心",
  criteria: [],
  rows: [],
  criterion_aggregates: [],
  method: null,
  aggregate: null,
  recommendation: null,
  grade: null,
  rank: null,
  set_apart: null,
  flags: [],
  opinion: "",
  opinion_edited: false,
  draft_saved_at: null,
  blockers: [{ zh: "没有可计入的专家评审意见", en: "there is no review that counts" }],
  cannot_sign: nothing,
  signed_at: null,
  radar: [],
  boxes: [],
  process: { votes: [], site_visit: null, targets: [], annual_reports: [], revocation: [], consequence: null },
  ...over,
});

afterEach(() => clearMocks());

function mountWith(p: ChairPackage, onSign?: () => unknown) {
  mockWindows("main");
  mockIPC((cmd) => {
    if (cmd === "chair_package" || cmd === "chair_save_draft") return p;
    if (cmd === "chair_sign" && onSign) return onSign();
    return null;
  });
  return mount(ChairPackageView, { props: { batchId: "B", packageId: "P-1" }, global: { plugins: [i18n] } });
}

describe("ChairPackageView signing", () => {
  it("with nothing to sign, the button is off and says what is missing", async () => {
    i18n.global.locale.value = "zh-CN";
    const w = mountWith(pkg({}));
    await flushPromises();
    const button = w.get('[data-test="chair-sign"]');
    expect(button.attributes("disabled")).toBeDefined();
    const reason = w.get('[data-test="chair-sign-off"]');
    expect(reason.text()).toBe(nothing.zh);
    expect(button.attributes("aria-describedby")).toBe(reason.attributes("id"));
    // No advice about flags when there are none.
    expect(w.text()).not.toContain("分歧提示");
  });

  it("a refused signing shows its reason alone, not that the draft was saved", async () => {
    i18n.global.locale.value = "zh-CN";
    const ready = pkg({ aggregate: "82", blockers: [], cannot_sign: null });
    const w = mountWith(ready, () => {
      throw { code: "wrong-passphrase", message: { zh: "口令不正确", en: "wrong passphrase" } };
    });
    await flushPromises();
    const button = w.get('[data-test="chair-sign"]');
    expect(button.attributes("disabled")).toBeUndefined();
    expect(w.find('[data-test="chair-sign-off"]').exists()).toBe(false);
    await button.trigger("click");
    await flushPromises();
    expect(w.text()).toContain("口令不正确");
    expect(w.find('[data-test="chair-notice"]').exists()).toBe(false);
  });
});
