// The app as a whole against a simulated command layer: a restart shows the
// package list of the batch open when the app closed; the organiser's data
// folder opens on the workbench.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { i18n } from "./i18n";
import type { BatchDto } from "./bindings/BatchDto";
import type { IdentityStatus } from "./bindings/IdentityStatus";
import type { PackageRowDto } from "./bindings/PackageRowDto";
import App from "./App.vue";

// pdf.js needs a browser's DOMMatrix; no document is shown here.
vi.mock("./pdf", () => ({ loadPdf: async () => ({}), renderPage: async () => {} }));

const batch = (id: string): BatchDto => ({
  id,
  title: `批次 ${id}`,
  kind: "establishment",
  deadline: "2030-06-30T17:00:00+08:00",
  deadline_passed: false,
  imported_at: "2026-12-01T10:00:00+08:00",
  packages: 1,
  revision: 1,
  organizer: "聊城市科学技术局",
  signed: true,
  certificate_warning: null,
});
const pkg = (id: string): PackageRowDto => ({
  package_id: id,
  center_name: "聊城市高端轴承技术创新中心",
  lead_unit: "山东聊城精工轴承股份有限公司",
  verdict: "eligible",
  status: "draft",
  conflict_declared: false,
  saved_at: "2026-12-01T14:05:00+08:00",
});

const identity = (organizer: boolean): IdentityStatus => ({
  has_key: true,
  subject: organizer ? "CN=聊城市科学技术局, serialNumber=LCSTB" : "CN=张明, serialNumber=X02",
  self_signed: true,
  certificate_sha256: organizer ? "c0ffee" : "abcd",
  fingerprint: organizer ? "C0:FF:EE" : "AB:CD",
  not_before: null,
  not_after: null,
  has_signature_image: false,
  min_passphrase_chars: 8,
  organizer,
});

function start(batches: BatchDto[], audit: unknown = null) {
  mockWindows("main");
  const listed: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "check_audit") {
      if (audit) throw audit;
      return null;
    }
    if (cmd === "get_profile") return { expert_id: "X02", name: "张明", title: "教授", affiliation: "聊城大学" };
    if (cmd === "identity_status") return identity(false);
    if (cmd === "list_batches") return batches;
    if (cmd === "chair_batches") return [];
    if (cmd === "list_packages") {
      listed.push(args);
      return [pkg(`${(args as { batchId: string }).batchId}-001`)];
    }
    return null;
  });
  const w = mount(App, { global: { plugins: [i18n] }, attachTo: document.body });
  return { w, listed };
}

afterEach(() => {
  clearMocks();
  localStorage.clear();
});

describe("App", () => {
  it("remembers the batch opened, and shows its packages again on the next start", async () => {
    const first = start([batch("B-1"), batch("B-2")]);
    await flushPromises();
    expect(first.w.find('[data-test="package-list"]').exists()).toBe(false);
    await first.w.get('[data-test="batch-B-2"]').trigger("click");
    await flushPromises();
    expect(first.w.find('[data-test="row-B-2-001"]').exists()).toBe(true);
    first.w.unmount();
    clearMocks();

    const again = start([batch("B-1"), batch("B-2")]);
    await flushPromises();
    expect(again.listed).toEqual([{ batchId: "B-2" }]);
    expect(again.w.find('[data-test="row-B-2-001"]').exists()).toBe(true);
    again.w.unmount();
  });

  it("warns at start, and keeps warning, when the data file fails its audit check", async () => {
    const clean = start([batch("B-1")]);
    await flushPromises();
    expect(clean.w.find('[data-test="audit-warning"]').exists()).toBe(false);
    clean.w.unmount();
    clearMocks();

    const problem = {
      code: "audit-broken",
      message: { zh: "审计日志与本机签署文件中记录的日志状态不符：日志已被改写", en: "the log was rewritten" },
    };
    const { w } = start([batch("B-1")], problem);
    await flushPromises();
    const warning = w.get('[data-test="audit-warning"]');
    expect(warning.attributes("role")).toBe("alert");
    expect(warning.text()).toContain("数据文件校验未通过");
    expect(warning.text()).toContain("日志已被改写");
    expect(w.find('[data-test="batch-B-1"]').exists()).toBe(true);
    w.unmount();
  });

  it("shows the batch list alone when the last batch is gone", async () => {
    localStorage.setItem("paneldesk.lastBatch", "B-GONE");
    const { w, listed } = start([batch("B-1")]);
    await flushPromises();
    expect(listed).toEqual([]);
    expect(w.find('[data-test="package-list"]').exists()).toBe(false);
    expect(w.find('[data-test="batch-B-1"]').exists()).toBe(true);
    w.unmount();
  });

  it("opens the organiser's folder on the workbench, without the experts' links", async () => {
    i18n.global.locale.value = "zh-CN";
    mockWindows("main");
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "get_profile")
        return { expert_id: "LCSTB", name: "聊城市科学技术局", title: "评审组织单位", affiliation: "聊城市科学技术局" };
      if (cmd === "identity_status") return identity(true);
      return null;
    });
    const w = mount(App, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    // The workbench is loaded when first shown (App.vue).
    await vi.waitFor(() => expect(w.find('[data-test="organizer-view"]').exists()).toBe(true));
    expect(w.get('[data-test="organizer-header"]').text()).toBe("组织方：聊城市科学技术局（LCSTB）");
    expect(w.get('[data-test="org-fingerprint"]').text()).toBe("C0:FF:EE");
    expect(w.find('[data-test="expert"]').exists()).toBe(false);
    expect(w.find('[data-test="nav-cosign"]').exists()).toBe(false);
    expect(w.get("header").text()).not.toContain("修改专家信息");
    expect(calls).not.toContain("list_batches");
    w.unmount();
  });

  it("shows the workbench once the first start made the folder the bureau's", async () => {
    i18n.global.locale.value = "zh-CN";
    mockWindows("main");
    let created = false;
    mockIPC((cmd) => {
      if (cmd === "get_profile")
        return created
          ? { expert_id: "LCSTB", name: "聊城市科学技术局", title: "评审组织单位", affiliation: "聊城市科学技术局" }
          : null;
      if (cmd === "identity_status") return { ...identity(false), has_key: false };
      if (cmd === "organizer_create") {
        created = true;
        return identity(true);
      }
      return null;
    });
    const w = mount(App, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    await w.get('[data-test="organizer-start"]').trigger("click");
    await flushPromises();
    await w.get('[data-test="org-id"]').setValue("LCSTB");
    await w.get('[data-test="org-name"]').setValue("聊城市科学技术局");
    await w.get('[data-test="org-passphrase"]').setValue("bureau passphrase 2026");
    await w.get('[data-test="org-confirm"]').setValue("bureau passphrase 2026");
    await w.get('[data-test="org-create"]').trigger("submit");
    await flushPromises();
    // The workbench is loaded when first shown (App.vue).
    await vi.waitFor(() => expect(w.find('[data-test="organizer-view"]').exists()).toBe(true));
    expect(w.get('[data-test="organizer-header"]').text()).toBe("组织方：聊城市科学技术局（LCSTB）");
    w.unmount();
  });
});
