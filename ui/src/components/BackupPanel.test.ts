// 备份数据 and 导出全部已签署意见 against a simulated command layer: what is
// sent, what is said after, and that the passphrase does not stay on screen.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import BackupPanel from "./BackupPanel.vue";
import ExportSigned from "./ExportSigned.vue";

afterEach(() => clearMocks());

describe("backup", () => {
  it("sends the passphrase once, says where the backup went, and clears the field", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { path: "/home/x/PanelDesk-备份-20261202.pdbak", files: 7, file_bytes: 3 * 1024 * 1024 };
    });
    const w = mount(BackupPanel, { global: { plugins: [i18n] } });
    expect(w.get('[data-test="backup-run"]').attributes("disabled")).toBeDefined();
    await w.get('[data-test="backup-pass"]').setValue("correct horse 2026");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(calls).toEqual([["backup_data", { passphrase: "correct horse 2026" }]]);
    expect(w.get('[data-test="backup-done"]').text()).toBe(
      "已备份 7 个文件（3.0 MB）到 /home/x/PanelDesk-备份-20261202.pdbak",
    );
    expect((w.get('[data-test="backup-pass"]').element as HTMLInputElement).value).toBe("");
  });

  it("shows a wrong passphrase as Rust words it", async () => {
    mockIPC(() => {
      throw { code: "wrong-passphrase", message: { zh: "口令不正确", en: "wrong passphrase" } };
    });
    const w = mount(BackupPanel, { global: { plugins: [i18n] } });
    await w.get('[data-test="backup-pass"]').setValue("nope nope");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(w.text()).toContain("口令不正确");
    expect(w.find('[data-test="backup-done"]').exists()).toBe(false);
  });
});

describe("export of signed reviews", () => {
  it("is disabled until something is signed, then names the file for the chair", async () => {
    mockIPC((cmd, args) => {
      expect(cmd).toBe("export_signed");
      expect(args).toEqual({ batchId: "B1" });
      return { path: "/tmp/B1-已签署评审意见.zip", files: ["a.pdf", "b.pdf"] };
    });
    const none = mount(ExportSigned, { global: { plugins: [i18n] }, props: { batchId: "B1", anySigned: false } });
    expect(none.get('[data-test="export-signed"]').attributes("disabled")).toBeDefined();
    const w = mount(ExportSigned, { global: { plugins: [i18n] }, props: { batchId: "B1", anySigned: true } });
    await w.get('[data-test="export-signed"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="export-signed-done"]').text()).toContain(
      "已导出 2 份已签署的评审意见到 /tmp/B1-已签署评审意见.zip",
    );
  });
});
