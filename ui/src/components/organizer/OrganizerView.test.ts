// The organiser's workbench against a simulated command layer: packages
// built and added (a refusal adds nothing), experts enrolled from their
// certificates, and the exact request 签发 sends; the lists survive a restart.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flushPromises, mount, type VueWrapper } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../../i18n";
import type { BuiltPackageDto } from "../../bindings/BuiltPackageDto";
import type { IdentityStatus } from "../../bindings/IdentityStatus";
import type { IssuedDto } from "../../bindings/IssuedDto";
import type { RosterLineDto } from "../../bindings/RosterLineDto";
import OrganizerView from "./OrganizerView.vue";
import { STORAGE_KEY } from "./workbench";

const FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
const status = (sha = "c0ffee"): IdentityStatus => ({
  has_key: true,
  subject: "CN=聊城市科学技术局, serialNumber=LCSTB",
  self_signed: true,
  certificate_sha256: sha,
  fingerprint: FP,
  not_before: "2026-12-01T00:00:00Z",
  not_after: "2031-12-01T00:00:00Z",
  has_signature_image: false,
  min_passphrase_chars: 8,
  organizer: true,
});

const pkg = (id: string, over: Partial<BuiltPackageDto> = {}): BuiltPackageDto => ({
  path: `/work/out/${id}.zip`,
  id,
  center_name: `中心 ${id}`,
  kind: "establishment",
  sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  verdict: "eligible",
  rules: [
    {
      id: "space",
      result: "pass",
      article: "第八条（组建条件）第（三）项",
      message: { zh: "研发用房达标", en: "space ok" },
    },
    {
      id: "staff",
      result: "warn",
      article: "第八条（组建条件）第（四）项",
      message: { zh: "人员偏少", en: "few staff" },
    },
  ],
  left_out: [],
  not_shown: [],
  replaced: null,
  ...over,
});

const line = (id: string, name: string, role = "member"): RosterLineDto => ({
  certificate: `/work/certs/${id}.pem`,
  expert_id: id,
  name,
  role,
  title: "教授",
  affiliation: "聊城大学",
  certificate_sha256: "ab".repeat(32),
  fingerprint: FP,
  not_after: "2028-12-01T00:00:00Z",
});

type Call = { cmd: string; args: Record<string, unknown> };
let calls: Call[] = [];

/** Mounts the workbench with `answer` as the command layer; records every call. */
function mountView(answer: (cmd: string, args: Record<string, unknown>) => unknown, sha = "c0ffee") {
  calls = [];
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    return answer(cmd, a);
  });
  return mount(OrganizerView, {
    props: { status: status(sha), organizerId: "LCSTB" },
    global: { plugins: [i18n] },
    attachTo: document.body,
  });
}

const args = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
const rows = (w: VueWrapper, test: string) => w.findAll(`[data-test="${test}"]`);
async function type(w: VueWrapper, test: string, value: string) {
  await w.get(`[data-test="${test}"]`).setValue(value);
}

beforeEach(() => {
  i18n.global.locale.value = "zh-CN";
  localStorage.clear();
});
afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("OrganizerView", () => {
  it("shows the bureau's fingerprint and moves between the tabs with the arrow keys", async () => {
    const w = mountView(() => null);
    await flushPromises();
    expect(w.get('[data-test="org-fingerprint"]').text()).toBe(FP);
    const tab = (k: string) => w.get(`[data-test="org-tab-${k}"]`);
    expect(tab("packages").attributes("aria-selected")).toBe("true");
    expect(tab("roster").attributes("tabindex")).toBe("-1");
    await tab("packages").trigger("keydown", { key: "ArrowRight" });
    expect(tab("roster").attributes("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("roster").element);
    expect(w.get('[data-test="org-panel-roster"]').isVisible()).toBe(true);
    expect(w.get('[data-test="org-panel-packages"]').isVisible()).toBe(false);
    await tab("roster").trigger("keydown", { key: "ArrowLeft" });
    await tab("packages").trigger("keydown", { key: "ArrowLeft" });
    expect(tab("issue").attributes("aria-selected")).toBe("true");
    expect(tab("issue").attributes("tabindex")).toBe("0");
    w.unmount();
  });

  it("builds a package: the result, its rules and the files left out, and lists it", async () => {
    const built = pkg("LC-2026-001", { left_out: ["未列出的说明.txt"] });
    const w = mountView((cmd) => (cmd === "organizer_build_package" ? built : null));
    await flushPromises();
    expect(w.get('[data-test="pkg-build"]').attributes("disabled")).toBeDefined();
    await type(w, "pkg-source", "/work/apply/form.xlsx");
    await type(w, "pkg-docs", "/work/apply/docs");
    await w.get('[data-test="pkg-build"]').trigger("submit");
    await flushPromises();

    expect(args("organizer_build_package")).toEqual([{ source: "/work/apply/form.xlsx", docs: "/work/apply/docs" }]);
    const result = w.get('[data-test="pkg-result"]');
    expect(result.get('[data-test="pkg-result-heading"]').text()).toContain("LC-2026-001");
    expect(document.activeElement).toBe(result.get('[data-test="pkg-result-heading"]').element);
    expect(result.text()).toContain("中心 LC-2026-001");
    expect(result.text()).toContain("组建申报");
    expect(result.text()).toContain(built.sha256);
    expect(result.get('[data-test="detail-verdict"]').text()).toBe("符合条件");
    expect(result.findAll('[data-test="rules"] tbody tr')).toHaveLength(2);
    const leftOut = result.get('[data-test="pkg-left-out"]');
    expect(leftOut.text()).toContain("文件夹中的以下文件未在清单中列出，未放入材料包");
    expect(leftOut.text()).toContain("未列出的说明.txt");

    expect(rows(w, "pkg-row")).toHaveLength(1);
    expect(rows(w, "pkg-row")[0].text()).toContain("/work/out/LC-2026-001.zip");
    await flushPromises();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}").packages[0].id).toBe("LC-2026-001");
    w.unmount();
  });

  it("shows a refusal in the error banner and lists nothing", async () => {
    const w = mountView((cmd) => {
      if (cmd === "organizer_build_package")
        throw { code: "unreadable-folder", message: { zh: "无法读取文件夹 /nowhere", en: "cannot read /nowhere" } };
      return null;
    });
    await flushPromises();
    await type(w, "pkg-source", "/work/apply/form.xlsx");
    await type(w, "pkg-docs", "/nowhere");
    await w.get('[data-test="pkg-build"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain("无法读取文件夹 /nowhere");
    expect(w.get('[data-test="error-code"]').text()).toBe("错误代码：unreadable-folder");
    expect(w.find('[data-test="pkg-result"]').exists()).toBe(false);
    expect(w.find('[data-test="pkg-list"]').exists()).toBe(false);
    expect(w.find('[data-test="pkg-empty"]').exists()).toBe(true);
    w.unmount();
  });

  it("adds existing packages, replaces one with the same id, orders and removes them", async () => {
    const answers = [pkg("P-1"), pkg("P-2", { verdict: "ineligible" }), pkg("P-1", { path: "/elsewhere/P-1.zip" })];
    const w = mountView((cmd) => (cmd === "organizer_add_package" ? answers.shift() : null));
    await flushPromises();
    for (const p of ["/a/P-1.zip", "/a/P-2.zip"]) {
      await type(w, "pkg-add-path", p);
      await w.get('[data-test="pkg-add"]').trigger("submit");
      await flushPromises();
    }
    expect(args("organizer_add_package")).toEqual([{ path: "/a/P-1.zip" }, { path: "/a/P-2.zip" }]);
    const ids = () => rows(w, "pkg-row").map((r) => r.get('[data-test="pkg-row-id"]').text());
    expect(ids()).toEqual(["P-1", "P-2"]);
    // An ineligible package stays listed, its verdict shown as it is.
    expect(rows(w, "pkg-row")[1].get('[data-test="pkg-row-verdict"]').text()).toBe("不符合条件");

    await type(w, "pkg-add-path", "/elsewhere/P-1.zip");
    await w.get('[data-test="pkg-add"]').trigger("submit");
    await flushPromises();
    expect(ids()).toEqual(["P-1", "P-2"]);
    expect(rows(w, "pkg-row")[0].text()).toContain("/elsewhere/P-1.zip");
    expect(w.get('[data-test="pkg-replaced-row"]').text()).toContain("P-1");

    const up = rows(w, "pkg-row")[1].get('[data-test="pkg-up"]');
    expect(up.attributes("aria-label")).toBe("上移材料包 P-2");
    await up.trigger("click");
    expect(ids()).toEqual(["P-2", "P-1"]);
    await rows(w, "pkg-row")[0].get('[data-test="pkg-remove"]').trigger("click");
    expect(ids()).toEqual(["P-1"]);
    w.unmount();
  });

  it("writes the empty form of a kind and says where", async () => {
    const w = mountView((cmd) =>
      cmd === "organizer_write_form"
        ? {
            path: "/work/out/申报数据表（筹建期满综合绩效评价）.xlsx",
            replaced: { zh: "已替换原有文件", en: "replaced" },
          }
        : null,
    );
    await flushPromises();
    await w.get('[data-test="form-kind"]').setValue("acceptance");
    await w.get('[data-test="form-template"]').trigger("click");
    await flushPromises();
    expect(args("organizer_write_form")).toEqual([{ kind: "acceptance", package: null }]);
    expect(w.get('[data-test="form-done"]').text()).toContain("/work/out/申报数据表（筹建期满综合绩效评价）.xlsx");
    expect(w.get('[data-test="form-replaced"]').text()).toBe("已替换原有文件");
    w.unmount();
  });

  it("enrols experts with the id and name the certificate gives, the same id replacing its line", async () => {
    const answers = [line("E02", "李红"), line("E01", "王建国", "chair"), line("E02", "李红", "deputy")];
    const w = mountView((cmd) => (cmd === "organizer_enrol" ? answers.shift() : null));
    await flushPromises();
    const enrol = async (cert: string, role: string) => {
      await type(w, "roster-cert", cert);
      await w.get('[data-test="roster-role"]').setValue(role);
      await type(w, "roster-title", "教授");
      await type(w, "roster-affiliation", "聊城大学");
      await w.get('[data-test="roster-add"]').trigger("submit");
      await flushPromises();
    };
    expect(w.get('[data-test="roster-add"]').attributes("disabled")).toBeDefined();
    await enrol("/certs/E02.pem", "member");
    expect(args("organizer_enrol")[0]).toEqual({
      certificate: "/certs/E02.pem",
      role: "member",
      title: "教授",
      affiliation: "聊城大学",
    });
    expect(rows(w, "roster-row")).toHaveLength(1);
    expect(rows(w, "roster-row")[0].get('[data-test="roster-row-name"]').text()).toBe("李红");
    expect(w.get('[data-test="roster-no-chair"]').text()).toBe("尚未指定组长。");
    expect(document.activeElement).toBe(w.get('[data-test="roster-result-heading"]').element);

    await enrol("/certs/E01.pem", "chair");
    expect(w.find('[data-test="roster-no-chair"]').exists()).toBe(false);
    const ids = () => rows(w, "roster-row").map((r) => r.get('[data-test="roster-row-id"]').text());
    expect(ids()).toEqual(["E02", "E01"]);
    expect(rows(w, "roster-row")[1].get('[data-test="roster-row-role"]').text()).toBe("组长");
    const fp = rows(w, "roster-row")[0].get('[data-test="roster-row-fingerprint"]');
    expect(fp.attributes("title")).toBe(FP);
    expect(fp.text()).toBe("AB:CD:EF:01:23:45:67:89…");

    await enrol("/certs/E02-new.pem", "deputy");
    expect(ids()).toEqual(["E02", "E01"]);
    expect(rows(w, "roster-row")[0].get('[data-test="roster-row-role"]').text()).toBe("副组长");
    expect(w.get('[data-test="roster-replaced"]').text()).toContain("E02");
    w.unmount();
  });

  it("keeps 签发 disabled, saying why, while there is no package", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ owner: "c0ffee", packages: [], roster: [line("E01", "王建国", "chair")] }),
    );
    const w = mountView(() => null);
    await flushPromises();
    await w.get('[data-test="org-tab-issue"]').trigger("click");
    await type(w, "issue-id", "LC-E2E-ORG");
    await type(w, "issue-title", "组建评审");
    await type(w, "issue-date", "2030-06-30");
    await type(w, "issue-pass", "bureau passphrase 2026");
    expect(w.get('[data-test="issue-sign"]').attributes("disabled")).toBeDefined();
    expect(w.get('[data-test="issue-why"]').text()).toBe("尚未添加材料包");
    await w.get('[data-test="issue-sign"]').trigger("submit");
    await flushPromises();
    expect(args("organizer_issue")).toEqual([]);
    w.unmount();
  });

  it("issues the exact request: deadline, revision, the panel and the packages in list order; the passphrase is cleared", async () => {
    const panel = [line("E01", "王建国", "chair"), line("E02", "李红")];
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ owner: "c0ffee", packages: [pkg("P-2"), pkg("P-1")], roster: panel }),
    );
    const issued: IssuedDto = {
      path: "/work/out/LC-E2E-ORG-第2版.zip",
      id: "LC-E2E-ORG",
      revision: 2,
      sha256: "5".repeat(64),
      fingerprint: FP,
      packages: 2,
      experts: 2,
      replaced: null,
    };
    const w = mountView((cmd) => (cmd === "organizer_issue" ? issued : null));
    await flushPromises();
    await w.get('[data-test="org-tab-issue"]').trigger("click");
    expect(w.get('[data-test="issue-summary-packages"]').text()).toBe("2 个材料包：P-2、P-1");
    expect(w.get('[data-test="issue-summary-experts"]').text()).toBe("专家 2 人，组长：王建国");
    expect(w.get('[data-test="issue-why"]').text()).toContain("请填写：批次编号、批次标题、截止日期、签发口令");
    await type(w, "issue-id", "LC-E2E-ORG");
    await type(w, "issue-title", "2030年度组建评审");
    await w.get('[data-test="issue-kind"]').setValue("acceptance");
    expect((w.get('[data-test="issue-rubric"]').element as HTMLSelectElement).value).toBe("evaluation");
    await w.get('[data-test="issue-kind"]').setValue("establishment");
    expect((w.get('[data-test="issue-rubric"]').element as HTMLSelectElement).value).toBe("establishment");
    await type(w, "issue-date", "2030-06-30");
    expect((w.get('[data-test="issue-time"]').element as HTMLInputElement).value).toBe("17:00");
    await type(w, "issue-revision", "2");
    await type(w, "issue-pass", "bureau passphrase 2026");
    expect(w.find('[data-test="issue-why"]').exists()).toBe(false);
    await w.get('[data-test="issue-sign"]').trigger("submit");
    await flushPromises();

    expect(args("organizer_issue")).toEqual([
      {
        request: {
          id: "LC-E2E-ORG",
          title: "2030年度组建评审",
          kind: "establishment",
          deadline: "2030-06-30T17:00",
          revision: 2,
          rubric: "establishment",
          panel,
          packages: ["/work/out/P-2.zip", "/work/out/P-1.zip"],
        },
        passphrase: "bureau passphrase 2026",
      },
    ]);
    expect((w.get('[data-test="issue-pass"]').element as HTMLInputElement).value).toBe("");
    const result = w.get('[data-test="issue-result"]');
    expect(result.get("h3").text()).toBe("已签发评审批次 LC-E2E-ORG 第 2 版：2 个材料包，专家 2 人");
    expect(document.activeElement).toBe(result.get("h3").element);
    expect(result.get('[data-test="issue-path"]').text()).toBe(issued.path);
    expect(result.get('[data-test="issue-fingerprint"]').text()).toBe(FP);
    expect(result.get('[data-test="issue-send"]').text()).toContain("发送给每位专家");
    // No passphrase is ever stored.
    await flushPromises();
    expect(localStorage.getItem(STORAGE_KEY)).not.toContain("bureau passphrase");
    w.unmount();
  });

  it("sends a rubric file's path as the rubric, and the evaluations' rubric for an evaluation", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        owner: "c0ffee",
        packages: [pkg("P-1", { kind: "periodic" })],
        roster: [line("E01", "王建国", "chair")],
        issue: { id: "B", title: "T", date: "2030-06-30" },
      }),
    );
    const w = mountView(() => null);
    await flushPromises();
    await w.get('[data-test="org-tab-issue"]').trigger("click");
    await w.get('[data-test="issue-kind"]').setValue("periodic");
    expect((w.get('[data-test="issue-rubric"]').element as HTMLSelectElement).value).toBe("evaluation");
    await w.get('[data-test="issue-rubric"]').setValue("file");
    await type(w, "issue-pass", "bureau passphrase 2026");
    expect(w.get('[data-test="issue-why"]').text()).toBe("请填写：评分细则文件（.json）");
    await type(w, "issue-rubric-file", "/work/rubrics/评价细则.json");
    await w.get('[data-test="issue-sign"]').trigger("submit");
    await flushPromises();
    const sent = args("organizer_issue")[0].request as { kind: string; rubric: string };
    expect([sent.kind, sent.rubric]).toEqual(["periodic", "/work/rubrics/评价细则.json"]);
    // A null answer: the save dialog was cancelled, nothing issued.
    expect(w.get('[data-test="issue-cancelled"]').text()).toBe("未选择保存位置，未签发。");
    expect(w.find('[data-test="issue-result"]').exists()).toBe(false);
    w.unmount();
  });

  it("clears the passphrase after a refused issue too", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        owner: "c0ffee",
        packages: [pkg("P-1")],
        roster: [line("E01", "王建国", "chair")],
        issue: { id: "B", title: "T", date: "2030-06-30" },
      }),
    );
    const w = mountView((cmd) => {
      if (cmd === "organizer_issue") throw { code: "wrong-passphrase", message: { zh: "口令错误", en: "wrong" } };
      return null;
    });
    await flushPromises();
    await w.get('[data-test="org-tab-issue"]').trigger("click");
    expect((w.get('[data-test="issue-id"]').element as HTMLInputElement).value).toBe("B");
    await type(w, "issue-pass", "not it");
    await w.get('[data-test="issue-sign"]').trigger("submit");
    await flushPromises();
    expect(w.get('[data-test="error"]').text()).toContain("口令错误");
    expect((w.get('[data-test="issue-pass"]').element as HTMLInputElement).value).toBe("");
    expect(w.find('[data-test="issue-result"]').exists()).toBe(false);
    w.unmount();
  });

  it("keeps the lists for the same certificate only, and 清空 asks first", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ owner: "c0ffee", packages: [pkg("P-1")], roster: [line("E01", "王建国", "chair")] }),
    );
    const other = mountView(() => null, "another-certificate");
    await flushPromises();
    expect(rows(other, "pkg-row")).toHaveLength(0);
    other.unmount();

    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ owner: "c0ffee", packages: [pkg("P-1")], roster: [line("E01", "王建国", "chair")] }),
    );
    const w = mountView(() => null);
    await flushPromises();
    expect(rows(w, "pkg-row")).toHaveLength(1);
    await w.get('[data-test="pkg-clear"]').trigger("click");
    await w.get('[data-test="pkg-clear-no"]').trigger("click");
    expect(rows(w, "pkg-row")).toHaveLength(1);
    await w.get('[data-test="pkg-clear"]').trigger("click");
    await w.get('[data-test="pkg-clear-yes"]').trigger("click");
    expect(rows(w, "pkg-row")).toHaveLength(0);
    expect(rows(w, "roster-row")).toHaveLength(1);
    await flushPromises();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}").packages).toEqual([]);
    w.unmount();
  });

  it("fills a path from the open dialog", async () => {
    const w = mountView((cmd) => (cmd === "plugin:dialog|open" ? "/home/bureau/申报材料" : null));
    await flushPromises();
    await w.get('[data-test="pkg-docs-pick"]').trigger("click");
    await flushPromises();
    expect((w.get('[data-test="pkg-docs"]').element as HTMLInputElement).value).toBe("/home/bureau/申报材料");
    const opts = args("plugin:dialog|open")[0].options as { directory: boolean };
    expect(opts.directory).toBe(true);
    w.unmount();
  });
});
