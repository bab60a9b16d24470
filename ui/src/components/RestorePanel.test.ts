// 从备份恢复 on the first start: the file from the open dialog (pick_backup) and the
// passphrase go to Rust; the passphrase leaves the screen; once staged the
// panel says it takes effect at the next start and offers the restart.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import RestorePanel from "./RestorePanel.vue";

afterEach(() => clearMocks());

describe("RestorePanel", () => {
  it("restores the chosen backup, then offers to restart", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "pick_backup") return "/media/usb/PanelDesk-备份-20261201.pdbak";
      if (cmd === "restore_backup") return { files: 7, audit_rows: 42 };
      return null;
    });
    const w = mount(RestorePanel, { global: { plugins: [i18n] } });
    expect(w.get('[data-test="restore-run"]').attributes("disabled")).toBeDefined();
    await w.get('[data-test="restore-pick"]').trigger("click");
    await flushPromises();
    expect(w.get('[data-test="restore-file"]').text()).toBe("/media/usb/PanelDesk-备份-20261201.pdbak");
    await w.get('[data-test="restore-pass"]').setValue("口令 12345678");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({
      path: "/media/usb/PanelDesk-备份-20261201.pdbak",
      passphrase: "口令 12345678",
    });
    expect(w.get('[data-test="restore-done"]').text()).toContain("7 个文件");
    expect(w.get('[data-test="restore-done"]').text()).toContain("重新启动本程序后生效");
    await w.get('[data-test="restore-restart"]').trigger("click");
    await flushPromises();
    expect(calls.some((c) => c.cmd === "restart_app")).toBe(true);
  });

  it("says why a backup is refused and clears the passphrase", async () => {
    mockIPC((cmd) => {
      if (cmd === "pick_backup") return "/tmp/b.pdbak";
      if (cmd === "restore_backup") {
        throw { code: "backup-wrong-passphrase", message: { zh: "备份文件口令不正确", en: "wrong passphrase" } };
      }
      return null;
    });
    const w = mount(RestorePanel, { global: { plugins: [i18n] } });
    await w.get('[data-test="restore-pick"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="restore-pass"]').setValue("wrong");
    await w.get("form").trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain("备份文件口令不正确");
    expect((w.get('[data-test="restore-pass"]').element as HTMLInputElement).value).toBe("");
    expect(w.find('[data-test="restore-done"]').exists()).toBe(false);
  });
});
