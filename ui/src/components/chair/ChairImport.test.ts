// The chair's import against a simulated command layer: reviews signed with
// a certificate the roster does not give are set aside, their fingerprints
// shown, and confirming them imports the same sources again.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { ChairImportReport } from "../../bindings/ChairImportReport";
import type { UnconfirmedCertificate } from "../../bindings/UnconfirmedCertificate";
import ChairImport from "./ChairImport.vue";

const cert = (id: string, fp: string): UnconfirmedCertificate => ({
  expert_id: id,
  certificate_sha256: fp.replace(/:/g, "").toLowerCase(),
  fingerprint: fp,
});
const unconfirmed = [cert("LCEXP-2026E-02", "AB:CD:EF:01"), cert("LCEXP-2026E-03", "12:34:56:78")];
const report = (accepted: string[], pending: UnconfirmedCertificate[]): ChairImportReport => ({
  files: 4,
  accepted,
  superseded: [],
  duplicates: [],
  already_imported: [],
  rejected: [{ file: "会议安排.txt", reason: { zh: "不是 PDF 文件", en: "not a PDF file" } }],
  pinned: [],
  unconfirmed: pending,
  sources: ["/inbox"],
});

afterEach(() => clearMocks());

describe("ChairImport", () => {
  it("shows the unconfirmed fingerprints, confirms them, then imports the sources again", async () => {
    mockWindows("main");
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      if (cmd === "chair_import_dialog") return report([], unconfirmed);
      if (cmd === "chair_confirm_certificates") return ["LCEXP-2026E-02", "LCEXP-2026E-03"];
      if (cmd === "chair_import") return report(["a.pdf", "b.pdf", "c.pdf"], []);
      return null;
    });
    const w = mount(ChairImport, { props: { batchId: "B" }, global: { plugins: [i18n] } });
    await flushPromises();
    await w.get('[data-test="chair-import-folder"]').trigger("click");
    await flushPromises();

    const section = w.get('[data-test="chair-unconfirmed"]');
    expect(section.get("h4").text()).toBe("待确认的专家证书");
    expect(section.attributes("aria-labelledby")).toBe(section.get("h4").attributes("id"));
    expect(section.findAll('[data-test="chair-cert-fingerprint"]').map((c) => c.text())).toEqual([
      "AB:CD:EF:01",
      "12:34:56:78",
    ]);
    expect(section.text()).toContain("LCEXP-2026E-03");
    expect(w.get('[data-test="chair-report"]').text()).toContain("接受 0 份");

    await w.get('[data-test="chair-confirm-certs"]').trigger("click");
    await flushPromises();
    const confirm = calls.findIndex((c) => c.cmd === "chair_confirm_certificates");
    const again = calls.findIndex((c) => c.cmd === "chair_import");
    expect(confirm).toBeGreaterThan(-1);
    expect(again).toBeGreaterThan(confirm);
    expect(calls[confirm].args).toEqual({ batchId: "B", confirmed: unconfirmed });
    expect(calls[again].args).toEqual({ batchId: "B", paths: ["/inbox"] });

    expect(w.find('[data-test="chair-unconfirmed"]').exists()).toBe(false);
    expect(w.get('[data-test="chair-report"]').text()).toContain("接受 3 份");
    expect(w.get('[data-test="chair-confirmed"]').text()).toContain("LCEXP-2026E-02、LCEXP-2026E-03");
    expect(w.get('[data-test="chair-rejections"]').text()).toContain("会议安排.txt");
    expect(w.emitted("imported")).toHaveLength(2);
  });

  it("shows a refused confirmation in the error banner and does not import again", async () => {
    mockWindows("main");
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "chair_import_dialog") return report([], unconfirmed);
      if (cmd === "chair_confirm_certificates")
        throw { code: "certificate-refused", message: { zh: "证书被拒绝", en: "certificate refused" } };
      return null;
    });
    const w = mount(ChairImport, { props: { batchId: "B" }, global: { plugins: [i18n] } });
    await flushPromises();
    await w.get('[data-test="chair-import-folder"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="chair-confirm-certs"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="error-code"]').text()).toBe("错误代码：certificate-refused");
    expect(calls).not.toContain("chair_import");
    expect(w.find('[data-test="chair-unconfirmed"]').exists()).toBe(true);
  });
});
