// Opening a batch against a simulated command layer: the first batch of an
// organiser is imported only once the user has seen its fingerprint and
// trusted it; the notice then says who issued it and what a correction changed.
import { afterEach, describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { BatchDto } from "../bindings/BatchDto";
import type { IssuerDto } from "../bindings/IssuerDto";
import type { OpenedBatch } from "../bindings/OpenedBatch";
import BatchList from "./BatchList.vue";

const PATH = "/home/x/LC-2026.zip";
const SHA = "ab".repeat(32);
const issuer = (pin: IssuerDto["pin"]): IssuerDto => ({
  batch_id: "LC-2026",
  title: "2026 年组建申报",
  organizer: "聊城市科学技术局",
  organizer_id: "LCKJJ",
  certificate_sha256: pin === "unsigned" ? null : SHA,
  fingerprint: pin === "unsigned" ? null : "AB:AB:AB",
  revision: 2,
  signed_at: null,
  pin,
  panel: [],
});
const opened = (pin: IssuerDto["pin"], extra: Partial<OpenedBatch> = {}): OpenedBatch => ({
  id: "LC-2026",
  title: "2026 年组建申报",
  packages: 3,
  newly_imported: true,
  issuer: issuer(pin),
  newly_pinned: false,
  changed: [],
  withdrawn: [],
  not_on_panel: null,
  certificate_warning: null,
  ...extra,
});
const unconfirmed = { code: "organizer-unconfirmed", message: { zh: "首次收到", en: "first batch" } };

afterEach(() => clearMocks());

const mountList = () =>
  mount(BatchList, { props: { openRequest: PATH }, global: { plugins: [i18n] }, attachTo: document.body });

describe("BatchList", () => {
  it("asks to compare a new organiser's fingerprint, then opens trusting exactly that certificate", async () => {
    mockWindows("main");
    const opens: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_batches") return [];
      if (cmd === "inspect_batch") return issuer("new");
      if (cmd === "open_batch") {
        opens.push(args as Record<string, unknown>);
        if (!(args as { trustOrganizer: string | null }).trustOrganizer) throw unconfirmed;
        return opened("new", { newly_pinned: true });
      }
      return null;
    });
    const w = mountList();
    await flushPromises();
    const panel = w.get('[data-test="organizer-confirm"]');
    expect(panel.attributes("role")).toBe("alertdialog");
    expect(panel.get("h3").attributes("id")).toBe(panel.attributes("aria-labelledby"));
    expect(panel.text()).toContain("聊城市科学技术局");
    expect(panel.text()).toContain("LCKJJ");
    expect(w.get('[data-test="organizer-fingerprint"]').text()).toBe("AB:AB:AB");
    expect(w.find('[data-test="error"]').exists()).toBe(false);
    expect(opens).toEqual([{ path: PATH, trustOrganizer: null }]);

    await w.get('[data-test="organizer-trust"]').trigger("click");
    await flushPromises();
    expect(opens[1]).toEqual({ path: PATH, trustOrganizer: SHA });
    expect(w.find('[data-test="organizer-confirm"]').exists()).toBe(false);
    expect(w.get('[data-test="notice"]').text()).toContain("已导入评审批次");
    expect(w.get('[data-test="batch-issuer"]').text()).toContain("签发单位 聊城市科学技术局（LCKJJ）· 第 2 版");
    expect(w.get('[data-test="batch-pinned"]').text()).toContain("已记住该单位的证书");
    expect(w.emitted("choose")).toEqual([["LC-2026"]]);
    w.unmount();
  });

  it("imports nothing when the user cancels", async () => {
    mockWindows("main");
    let opens = 0;
    mockIPC((cmd) => {
      if (cmd === "list_batches") return [];
      if (cmd === "inspect_batch") return issuer("new");
      if (cmd === "open_batch") {
        opens++;
        throw unconfirmed;
      }
      return null;
    });
    const w = mountList();
    await flushPromises();
    await w.get('[data-test="organizer-cancel"]').trigger("click");
    await flushPromises();
    expect(opens).toBe(1);
    expect(w.find('[data-test="organizer-confirm"]').exists()).toBe(false);
    expect(w.emitted("choose")).toBeUndefined();
    w.unmount();
  });

  it("marks an unsigned batch and lists what a corrected batch changed", async () => {
    mockWindows("main");
    const changed = {
      package_id: "LC-2026-002",
      old_sha256: "0123456789abcdef".repeat(4),
      new_sha256: "fedcba9876543210".repeat(4),
      facts: [{ path: "facilities.rd_space_m2", old: "1200", new: "1500" }],
      more: 3,
    };
    mockIPC((cmd) =>
      cmd === "list_batches"
        ? []
        : cmd === "open_batch"
          ? opened("unsigned", { changed: [changed], withdrawn: ["LC-2026-003"] })
          : null,
    );
    const w = mountList();
    await flushPromises();
    const line = w.get('[data-test="batch-issuer"]');
    expect(line.text()).toBe("未签发：该批次没有签发单位的签名");
    expect(line.classes()).toContain("warn");
    const item = w.get('[data-test="batch-changed"]');
    expect(item.text()).toContain("LC-2026-002");
    expect(item.text()).toContain("材料包已更正，此前的评审记录转入历史，需重新评审");
    expect(item.text()).toContain("0123456789ab… → fedcba987654…");
    expect(item.text()).toContain("facilities.rd_space_m2：1200 → 1500");
    expect(item.text()).toContain("另有 3 项变化未列出");
    expect(w.get('[data-test="batch-withdrawn"]').text()).toContain("LC-2026-003");
    w.unmount();
  });

  it("marks each batch in the list as issued (organiser, revision) or 未签发", async () => {
    mockWindows("main");
    const listed = [row("B-SIGNED", { revision: 2 }), row("B-OLD", { revision: 2, signed: false })];
    mockIPC((cmd) => (cmd === "list_batches" ? listed : null));
    const w = mount(BatchList, { props: { openRequest: null }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.get('[data-test="issued-B-SIGNED"]').text()).toBe("聊城市科学技术局 签发 · 第 2 版");
    expect(w.get('[data-test="unsigned-B-OLD"]').text()).toBe("未签发");
    expect(w.find('[data-test="unsigned-B-SIGNED"]').exists()).toBe(false);
    w.unmount();
  });

  it("warns, in the chosen language, when the roster enrols another certificate than this computer's", async () => {
    mockWindows("main");
    const warning = {
      zh: "名单为您登记的签名证书不是本机的证书：将被组长拒收",
      en: "the roster enrols another certificate",
    };
    const listed = [row("B-MINE"), row("B-OTHER", { certificate_warning: warning })];
    mockIPC((cmd) => (cmd === "list_batches" ? listed : null));
    const w = mount(BatchList, { props: { openRequest: null }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.find('[data-test="certificate-warning-B-MINE"]').exists()).toBe(false);
    expect(w.get('[data-test="certificate-warning-B-OTHER"]').text()).toBe(warning.zh);
    i18n.global.locale.value = "en";
    await flushPromises();
    expect(w.get('[data-test="certificate-warning-B-OTHER"]').text()).toBe("The roster enrols another certificate");
    i18n.global.locale.value = "zh-CN";
    w.unmount();
  });

  it("cancels a running import from its progress bar and says nothing was imported", async () => {
    mockWindows("main");
    let finish: (() => void) | null = null;
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "list_batches") return [];
      if (cmd === "cancel_import") finish?.();
      if (cmd === "open_batch") {
        // Rust stops at its next read once cancel_import has been called.
        return new Promise((_, reject) => {
          finish = () => reject({ code: "import-cancelled", message: { zh: "已取消导入", en: "cancelled" } });
        });
      }
      return null;
    });
    const w = mountList();
    await flushPromises();
    const cancel = w.get('[data-test="import-cancel"]');
    expect(cancel.text()).toBe("取消导入");
    await cancel.trigger("click");
    await flushPromises();
    expect(calls).toContain("cancel_import");
    expect(w.find('[data-test="progress"]').exists()).toBe(false);
    expect(w.find('[data-test="error"]').exists()).toBe(false);
    expect(w.get('[data-test="notice"]').text()).toBe("已取消，未导入该评审批次。");
    expect(w.emitted("choose")).toBeUndefined();
    w.unmount();
  });

  it("reopens the batch open when the app closed, if it is still listed", async () => {
    mockWindows("main");
    mockIPC((cmd) => (cmd === "list_batches" ? [row("B-1"), row("B-2")] : null));
    const w = mount(BatchList, { props: { openRequest: null, resume: "B-2" }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.emitted("choose")).toEqual([["B-2"]]);
    w.unmount();
  });

  it("does not reopen a batch no longer listed", async () => {
    mockWindows("main");
    mockIPC((cmd) => (cmd === "list_batches" ? [row("B-1")] : null));
    const w = mount(BatchList, { props: { openRequest: null, resume: "B-GONE" }, global: { plugins: [i18n] } });
    await flushPromises();
    expect(w.emitted("choose")).toBeUndefined();
    w.unmount();
  });

  it("an expert not on the panel is told once, at the opening, with the panel's ids", async () => {
    i18n.global.locale.value = "zh-CN";
    mockWindows("main");
    const offPanel = {
      zh: "专家 张明（工号 X99）不在评审批次“2026 年组建申报”的专家组名单（X01、X02）中，不能评分",
      en: "not on the panel",
    };
    mockIPC((cmd) => {
      if (cmd === "list_batches") return [];
      if (cmd === "inspect_batch") return issuer("unsigned");
      if (cmd === "open_batch") return opened("unsigned", { not_on_panel: offPanel });
      return null;
    });
    const w = mountList();
    await flushPromises();
    expect(w.text()).toContain("X01、X02");
    expect(w.text().split("不能评分").length - 1).toBe(1);
    expect(w.emitted("choose")).toBeUndefined();
  });
});

function row(id: string, extra: Partial<BatchDto> = {}): BatchDto {
  return {
    id,
    title: id,
    kind: "establishment",
    deadline: "2030-06-30T17:00:00+08:00",
    deadline_passed: false,
    imported_at: "2026-12-01T10:00:00+08:00",
    packages: 3,
    revision: 1,
    organizer: "聊城市科学技术局",
    signed: true,
    certificate_warning: null,
    ...extra,
  };
}
