// The sign panel (for the desk sheet and the site-visit record) and the
// identity panel against a simulated command layer: the reason 签署并导出 is
// unavailable comes from what Rust reports.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { IdentityStatus } from "../bindings/IdentityStatus";
import IdentityPanel from "./IdentityPanel.vue";
import SignPanel from "./SignPanel.vue";

const status = (has_key: boolean): IdentityStatus => ({
  has_key,
  subject: has_key ? "CN=张明, serialNumber=X02" : null,
  self_signed: true,
  certificate_sha256: has_key ? "abcd" : null,
  fingerprint: has_key ? "AB:CD" : null,
  not_before: null,
  not_after: null,
  has_signature_image: false,
  min_passphrase_chars: 8,
  organizer: false,
});
const sheet = (problems: number, reexamination = false) => ({
  rubric: { id: "r", title: "t", max_total: "100", pass_line: null, recommendation_options: [], criteria: [] },
  conflict: { declared: false, statement: "" },
  sheet: { scores: [], recommendation: "", opinion: "" },
  revision: 2,
  saved_at: null,
  signed: false,
  total: "0",
  standing: null,
  problems: Array.from({ length: problems }, () => ({ zh: "缺", en: "missing" })),
  history: [],
  reexamination,
});

afterEach(() => clearMocks());

describe("sign panel", () => {
  it("says why signing is unavailable: no key, then an invalid sheet", async () => {
    let key = false;
    mockIPC((cmd) => (cmd === "get_sheet" ? sheet(key ? 2 : 0) : cmd === "identity_status" ? status(key) : null));
    const w = mount(SignPanel, {
      props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("尚无签名证书");
    expect(w.get('[data-test="sign-button"]').attributes("disabled")).toBeDefined();
    key = true;
    await w.setProps({ refresh: 1 });
    await flushPromises();
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("2 处问题");
  });
});

const siteView = (revision: number | null, problems: number, signed = false) => ({
  items: [],
  visit: { date: "", items: [], photos: [], recommendation: "", opinion: "" },
  recommendation_options: [],
  discrepancies: [],
  unassessed: 0,
  revision,
  saved_at: null,
  signed,
  problems: Array.from({ length: problems }, () => ({ zh: "缺", en: "missing" })),
});

describe("sign panel for the site visit (phase site_visit)", () => {
  it("reads the site-visit record, says why it cannot be signed yet, then signs that phase", async () => {
    let view = siteView(null, 0);
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "get_site_visit") return view;
      if (cmd === "identity_status") return status(true);
      if (cmd === "preview_review") return new Uint8Array([37, 80, 68, 70]).buffer;
      if (cmd === "sign_and_export") {
        view = siteView(1, 0, true);
        return { path: "/out/LC-1-X02-现场考察意见表.pdf", again: false, bytes: 4 };
      }
      return null;
    });
    const props = { batchId: "B", packageId: "P", refresh: 0, flush: async () => {}, phase: "site_visit" as const };
    const w = mount(SignPanel, { props, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.get("h3").text()).toBe("签署现场考察意见");
    // Nothing recorded yet: neither preview nor signing.
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("请先填写现场考察记录");
    expect(w.get('[data-test="preview-button"]').attributes("disabled")).toBeDefined();
    view = siteView(3, 2);
    await w.setProps({ refresh: 1 });
    await flushPromises();
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("现场考察记录尚有 2 处问题");
    expect(w.get('[data-test="sign-button"]').attributes("disabled")).toBeDefined();

    // The preview is the site-visit form's.
    await w.get('[data-test="preview-button"]').trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "preview_review")?.args).toMatchObject({
      batchId: "B",
      packageId: "P",
      phase: "site_visit",
    });
    expect(w.emitted("preview")?.[0]?.[1]).toBe("site_visit");

    view = siteView(4, 0);
    await w.setProps({ refresh: 2 });
    await flushPromises();
    expect(w.find('[data-test="sign-blocked"]').exists()).toBe(false);
    await w.get('[data-test="sign-button"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="sign-form"]').text()).toContain("签署后现场考察记录不能再修改");
    await w.get('[data-test="sign-passphrase"]').setValue("口令 12345678");
    await w.get('[data-test="sign-form"]').trigger("submit");
    await flushPromises();
    const signed = calls.find((c) => c.cmd === "sign_and_export");
    expect(signed?.args).toMatchObject({
      batchId: "B",
      packageId: "P",
      phase: "site_visit",
      passphrase: "口令 12345678",
    });
    expect(w.emitted("signed")).toHaveLength(1);
    expect(w.get('[data-test="signed-path"]').text()).toContain("现场考察意见表.pdf");
    expect(w.get('[data-test="sign-signed"]').text()).toBe("该现场考察意见已签署。");
    expect(w.get('[data-test="sign-button"]').text()).toBe("再次导出已签署文件");
    // The desk sheet is not what this panel reads.
    expect(calls.some((c) => c.cmd === "get_sheet")).toBe(false);
    expect(w.find('[data-test="sign-form"]').exists()).toBe(false);
  });

  it("passes phase desk by default", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "get_sheet") return sheet(0);
      if (cmd === "identity_status") return status(true);
      if (cmd === "preview_review") return new Uint8Array([37, 80, 68, 70]).buffer;
      return null;
    });
    const w = mount(SignPanel, {
      props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(w.get("h3").text()).toBe("签署评审意见");
    await w.get('[data-test="preview-button"]').trigger("click");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "preview_review")?.args).toMatchObject({ phase: "desk" });
    expect(calls.some((c) => c.cmd === "get_site_visit")).toBe(false);
  });
});

describe("sign panel for a 复议 draft", () => {
  it("asks for the reason, keeps signing unavailable until it is given, and passes it on", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "get_sheet") return sheet(0, true);
      if (cmd === "identity_status") return status(true);
      if (cmd === "sign_and_export") return { path: "/out/P-X02-专家评审意见表.pdf", again: false, bytes: 4 };
      return null;
    });
    const w = mount(SignPanel, {
      props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    const field = w.get('[data-test="sign-reason"]');
    expect(field.attributes("maxlength")).toBe("2000");
    expect(field.attributes("aria-describedby")).toBe("sign-reason-hint");
    expect(w.get("#sign-reason-hint").text()).toContain("最多 2000 字");
    expect(w.get('[data-test="sign-blocked"]').text()).toContain("请先填写复议理由");
    expect(w.get('[data-test="sign-button"]').attributes("disabled")).toBeDefined();
    await field.setValue("   ");
    expect(w.get('[data-test="sign-button"]').attributes("disabled")).toBeDefined();

    await field.setValue("  专家组讨论后，依托单位的配套条件已核实  ");
    expect(w.find('[data-test="sign-blocked"]').exists()).toBe(false);
    await w.get('[data-test="sign-button"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="sign-passphrase"]').setValue("口令 12345678");
    await w.get('[data-test="sign-form"]').trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "sign_and_export")?.args).toMatchObject({
      batchId: "B",
      packageId: "P",
      phase: "desk",
      passphrase: "口令 12345678",
      revisionReason: "专家组讨论后，依托单位的配套条件已核实",
    });
  });

  it("sends no reason with a first signature", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "get_sheet") return sheet(0);
      if (cmd === "identity_status") return status(true);
      if (cmd === "sign_and_export") return { path: "/out/P.pdf", again: false, bytes: 4 };
      return null;
    });
    const w = mount(SignPanel, {
      props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    expect(w.find('[data-test="sign-reason"]').exists()).toBe(false);
    await w.get('[data-test="sign-button"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="sign-passphrase"]').setValue("口令 12345678");
    await w.get('[data-test="sign-form"]').trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "sign_and_export")?.args).toMatchObject({ revisionReason: null });
    expect(w.find('[data-test="sign-certificate-warning"]').exists()).toBe(false);
  });

  it("says after signing that the chair will refuse a file signed with a certificate the roster does not enrol", async () => {
    const warning = { zh: "名单为您登记的签名证书不是本机的证书：将被组长拒收", en: "another certificate is enrolled" };
    mockIPC((cmd) => {
      if (cmd === "get_sheet") return sheet(0);
      if (cmd === "identity_status") return status(true);
      if (cmd === "sign_and_export")
        return { path: "/out/P.pdf", again: false, bytes: 4, certificate_warning: warning };
      return null;
    });
    const w = mount(SignPanel, {
      props: { batchId: "B", packageId: "P", refresh: 0, flush: async () => {} },
      global: { plugins: [i18n] },
    });
    await flushPromises();
    await w.get('[data-test="sign-button"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="sign-passphrase"]').setValue("口令 12345678");
    await w.get('[data-test="sign-form"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="signed-path"]').text()).toContain("/out/P.pdf");
    expect(w.get('[data-test="sign-certificate-warning"]').text()).toBe(warning.zh);
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

  it("asks for a new passphrase, typed twice, when the .p12's PIN is too short", async () => {
    const calls: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "plugin:dialog|open") return "/home/x/expert.p12";
      if (cmd === "import_identity") {
        const a = args as Record<string, unknown>;
        calls.push(a);
        if (!a.newPassphrase)
          throw { code: "new-passphrase-required", message: { zh: "证书文件口令少于 8 个字符", en: "too short" } };
        return status(true);
      }
      return cmd === "identity_status" ? status(false) : null;
    });
    const w = mount(IdentityPanel, { global: { plugins: [i18n] } });
    await flushPromises();
    await w.get('[data-test="identity-mode-import"]').trigger("click");
    await w.get('[data-test="identity-pick"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="identity-p12-passphrase"]').setValue("123456");
    await w.get('[data-test="identity-import-form"]').trigger("submit");
    await flushPromises();
    expect(w.find('[data-test="identity-new-hint"]').exists()).toBe(true);
    expect(w.get('[data-test="identity-import"]').attributes("disabled")).toBeDefined();
    await w.get('[data-test="identity-p12-passphrase"]').setValue("123456");
    await w.get('[data-test="identity-new-passphrase"]').setValue("长城 correct horse");
    await w.get('[data-test="identity-new-confirm"]').setValue("长城 correct horse");
    await w.get('[data-test="identity-import-form"]').trigger("submit");
    await flushPromises();
    expect(calls.map((c) => [c.passphrase, c.newPassphrase, c.newConfirm])).toEqual([
      ["123456", null, null],
      ["123456", "长城 correct horse", "长城 correct horse"],
    ]);
    expect(w.get('[data-test="fingerprint"]').text()).toBe("AB:CD");
  });
});
