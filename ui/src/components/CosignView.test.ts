// 专家组成员签字 against a simulated command layer: what cosign_open reports
// is shown (signers, missing members, blockers), and 会签 sends the file
// and the passphrase, then shows the saved copy's view.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { CosignView as Opinion } from "../bindings/CosignView";
import type { SignerDto } from "../bindings/SignerDto";
import CosignView from "./CosignView.vue";

// pdf.js does not run in jsdom; the viewer only needs a page count here.
vi.mock("../pdf", () => ({
  loadPdf: async () => ({ numPages: 2, destroy: async () => {} }),
  viewerWorker: () => ({}),
  loadPdfInParts: async () => ({ numPages: 2, destroy: async () => {} }),
  renderPage: async () => {},
}));

const chair: SignerDto = {
  expert_id: "LCEXP-2026E-01",
  name: "王立新",
  role: "chair",
  certificate_sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  signed_at: "2026-06-30T17:05:09+08:00",
};
const member: SignerDto = {
  expert_id: "LCEXP-2026E-02",
  name: "李静",
  role: "member",
  certificate_sha256: "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
  signed_at: "2026-07-01T09:30:00+08:00",
};
const opinion = (over: Partial<Opinion> = {}): Opinion => ({
  path: "/in/LC2026-E01.pdf",
  batch_id: "LC-2026-E",
  package_id: "LC2026-E01",
  valid: true,
  problems: [],
  signers: [chair],
  missing: ["LCEXP-2026E-02", "LCEXP-2026E-03"],
  blockers: [],
  ...over,
});

afterEach(() => clearMocks());

function mountWith(handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === "cosign_pdf") return new Uint8Array([37, 80, 68, 70]).buffer;
    return handler(cmd, a);
  });
  const w = mount(CosignView, { global: { plugins: [i18n] } });
  return { w, calls };
}

describe("co-signing the panel opinion (专家组成员签字)", () => {
  it("opens a 专家组意见 and shows its verification, signers and missing members", async () => {
    const { w, calls } = mountWith((cmd) => (cmd === "cosign_open" ? opinion() : null));
    expect(w.find('[data-test="cosign-signers"]').exists()).toBe(false);
    await w.get('[data-test="cosign-open"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="cosign-batch"]').text()).toBe("LC-2026-E");
    expect(w.get('[data-test="cosign-package"]').text()).toBe("LC2026-E01");
    expect(w.get('[data-test="cosign-valid"]').text()).toBe("有效");
    const rows = w.findAll('[data-test="cosign-signers"] tbody tr');
    expect(rows).toHaveLength(1);
    const cells = rows[0].findAll("td").map((c) => c.text());
    expect(cells).toEqual(["组长", "王立新", "LCEXP-2026E-01", "2026年6月30日 17:05", "0123456789abcdef"]);
    expect(w.get('[data-test="cosign-missing"]').text()).toBe("尚未签字的成员：LCEXP-2026E-02、LCEXP-2026E-03");
    expect(w.find('[data-test="cosign-blockers"]').exists()).toBe(false);
    expect(w.get('[data-test="cosign-passphrase"]').attributes("type")).toBe("password");
    expect(w.get('[data-test="cosign-sign"]').attributes("disabled")).toBeDefined();
    expect(calls.find((c) => c.cmd === "cosign_pdf")?.args).toEqual({ path: "/in/LC2026-E01.pdf" });
    expect(w.get('[data-test="cosign-pdf-page"]').text()).toBe("第 1 / 2 页");
  });

  it("lists the blockers and the problems, and offers no way to sign", async () => {
    const { w } = mountWith((cmd) =>
      cmd === "cosign_open"
        ? opinion({
            valid: false,
            problems: [{ zh: "签名之后文件被改动", en: "changed after signing" }],
            missing: [],
            blockers: [{ zh: "您不是本批次专家组成员", en: "you are not on this panel" }],
          })
        : null,
    );
    await w.get('[data-test="cosign-open"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="cosign-valid"]').text()).toBe("无效");
    expect(w.get('[data-test="cosign-problems"]').text()).toContain("签名之后文件被改动");
    expect(w.get('[data-test="cosign-missing"]').text()).toBe("全部成员已签字");
    expect(w.get('[data-test="cosign-blockers"]').text()).toContain("您不是本批次专家组成员");
    expect(w.find('[data-test="cosign-passphrase"]').exists()).toBe(false);
    expect(w.find('[data-test="cosign-sign"]').exists()).toBe(false);
  });

  it("does nothing when the dialog is cancelled", async () => {
    const { w, calls } = mountWith(() => null);
    await w.get('[data-test="cosign-open"]').trigger("click");
    await flushPromises();
    expect(w.find('[data-test="cosign-signers"]').exists()).toBe(false);
    expect(calls.some((c) => c.cmd === "cosign_pdf")).toBe(false);
    expect(w.find('[data-test="error"]').exists()).toBe(false);
  });

  it("co-signs with the passphrase and shows the saved copy with the member among the signers", async () => {
    const savedPath = "/out/LC2026-E01-专家组意见-LCEXP-2026E-02会签.pdf";
    const { w, calls } = mountWith((cmd) =>
      cmd === "cosign_open"
        ? opinion()
        : cmd === "cosign_sign"
          ? opinion({ path: savedPath, signers: [chair, member], missing: ["LCEXP-2026E-03"] })
          : null,
    );
    await w.get('[data-test="cosign-open"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="cosign-passphrase"]').setValue("成员口令 2026");
    expect(w.get('[data-test="cosign-sign"]').attributes("disabled")).toBeUndefined();
    await w.get('[data-test="cosign-form"]').trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "cosign_sign")?.args).toEqual({
      path: "/in/LC2026-E01.pdf",
      passphrase: "成员口令 2026",
    });
    const done = w.get('[data-test="cosign-done"]');
    expect(done.attributes("role")).toBe("status");
    expect(done.text()).toContain(savedPath);
    expect(w.findAll('[data-test="cosign-signers"] tbody tr')).toHaveLength(2);
    expect(w.get('[data-test="signer-LCEXP-2026E-02"]').text()).toContain("成员");
    expect(w.get('[data-test="cosign-missing"]').text()).toBe("尚未签字的成员：LCEXP-2026E-03");
    expect(calls.filter((c) => c.cmd === "cosign_pdf").map((c) => c.args.path)).toEqual([
      "/in/LC2026-E01.pdf",
      savedPath,
    ]);
    // The passphrase is not kept.
    expect((w.get('[data-test="cosign-passphrase"]').element as HTMLInputElement).value).toBe("");
  });

  it("shows a refused signature through the error banner", async () => {
    const { w } = mountWith((cmd) => {
      if (cmd === "cosign_open") return opinion();
      if (cmd === "cosign_sign")
        throw { code: "bad-passphrase", message: { zh: "签名口令不正确", en: "wrong passphrase" } };
      return null;
    });
    await w.get('[data-test="cosign-open"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="cosign-passphrase"]').setValue("wrong");
    await w.get('[data-test="cosign-form"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain("签名口令不正确");
    expect(w.find('[data-test="cosign-done"]').exists()).toBe(false);
  });
});
