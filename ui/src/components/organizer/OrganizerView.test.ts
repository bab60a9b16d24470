// The organiser's workbench against a simulated command layer: packages
// built and added (a refusal adds nothing), experts enrolled from their
// certificates; the lists survive a restart. 签发 is in IssueTab.test.ts.
import { describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { STORAGE_KEY } from "./workbench";
import { FP, args, line, mountView, pkg, rows, type, workbenchHooks } from "./workbenchTest";

workbenchHooks();

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
