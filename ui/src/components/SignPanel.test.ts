// The sign panel and identity panel against a simulated command layer:
// the reason 签署并导出 is unavailable comes from what Rust reports.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { IdentityStatus } from "../bindings/IdentityStatus";
import IdentityPanel from "./IdentityPanel.vue";
import SignPanel from "./SignPanel.vue";

const status = (has_key: boolean): IdentityStatus => ({
  has_key, subject: has_key ? "CN=张明, serialNumber=X02" : null, self_signed: true,
  fingerprint: has_key ? "AB:CD" : null, not_before: null, not_after: null, has_signature_image: false, min_passphrase_chars: 8,
});
const sheet = (problems: number) => ({
  rubric: { id: "r", title: "t", max_total: "100", pass_line: null, recommendation_options: [], criteria: [] },
  conflict: { declared: false, statement: "" }, sheet: { scores: [], recommendation: "", opinion: "" },
  revision: 2, saved_at: null, signed: false, total: "0",
  problems: Array.from({ length: problems }, () => ({ zh: "缺", en: "missing" })),
});

afterEach(() => clearMocks());

describe("sign panel", () => {
  it("says why signing is unavailable: no key, then an invalid sheet", async () => {
    let key = false;
    mockIPC((cmd) => (cmd === "get_sheet" ? sheet(key ? 2 : 0) : cmd === "identity_status" ? status(key) : null));
    const w = mount(SignPanel, { props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("尚无签名证书");
    expect(w.get('[data-test="sign-button"]').attributes("disabled")).toBeDefined();
    key = true;
    await w.setProps({ refresh: 1 });
    await flushPromises();
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("2 处问题");
  });
});

describe("identity panel", () => {
  it("offers to make a key, then shows the fingerprint", async () => {
    let made = false;
    mockIPC((cmd) => {
      if (cmd === "create_identity") made = true;
      return cmd === "identity_status" || cmd === "create_identity" ? status(made) : null;
    });
    const w = mount(IdentityPanel, { global: { plugins: [i18n] } });
    await flushPromises();
    await w.get('[data-test="identity-passphrase"]').setValue("12345678");
    await w.get('[data-test="identity-confirm"]').setValue("12345678");
    await w.get('[data-test="identity-create-form"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="fingerprint"]').text()).toBe("AB:CD");
  });
});
