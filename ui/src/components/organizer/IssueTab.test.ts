// 签发 in the organiser's workbench: unavailable (saying why) without a
// package, the exact request it sends, and the passphrase never kept.
import { describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import type { IssuedDto } from "../../bindings/IssuedDto";
import { STORAGE_KEY } from "./workbench";
import { FP, args, line, mountView, pkg, type, workbenchHooks } from "./workbenchTest";

workbenchHooks();

describe("IssueTab", () => {
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
});
