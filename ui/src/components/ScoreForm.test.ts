// The score form against a simulated command layer (mockIPC): what Rust
// returns is what the form shows; the form itself decides nothing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { i18n } from "../i18n";
import type { SheetView } from "../bindings/SheetView";
import ScoreForm from "./ScoreForm.vue";

const view = (conflict: SheetView["conflict"]): SheetView => ({
  rubric: {
    id: "r",
    title: "测试评审指标",
    max_total: "100",
    pass_line: "70",
    recommendation_options: ["recommend", "not_recommend"],
    criteria: [
      {
        id: "foundation",
        title: "依托单位基础条件",
        max: "40",
        step: "0.5",
        guidance: "看基础",
        comment_required_below: "24",
      },
      { id: "plan", title: "建设方案", max: "60", step: "0.5", guidance: "", comment_required_below: null },
    ],
  },
  conflict,
  sheet: {
    scores: [
      { criterion: "foundation", score: "", comment: "" },
      { criterion: "plan", score: "", comment: "" },
    ],
    recommendation: "",
    opinion: "",
  },
  revision: conflict ? 1 : null,
  saved_at: null,
  signed: false,
  total: "0",
  standing: null,
  problems: [],
  history: [],
  reexamination: false,
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

const mountForm = () =>
  mount(ScoreForm, { props: { batchId: "B", packageId: "P", documents: [] }, global: { plugins: [i18n] } });

describe("ScoreForm", () => {
  it("asks the conflict question before any score field", async () => {
    mockIPC((cmd) => (cmd === "get_sheet" ? view(null) : null));
    const w = mountForm();
    await flushPromises();
    expect(w.find('[data-test="coi"]').exists()).toBe(true);
    expect(w.find('[data-test="score-foundation"]').exists()).toBe(false);
  });

  it("autosaves after typing and shows Rust's problems, total and save time", async () => {
    vi.useFakeTimers();
    const saves: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_sheet") return view({ declared: false, statement: "" });
      if (cmd === "save_sheet") {
        saves.push(args);
        return {
          revision: 2,
          saved_at: "2026-05-10T09:30:07.123+08:00",
          total: "30.5",
          standing: { zh: "未达到推荐线（70 分）", en: "below the pass line (70)" },
          problems: [{ zh: "缺少 “建设方案” 的评分", en: 'no score for "plan"' }],
        };
      }
      return null;
    });
    const w = mountForm();
    await flushPromises();
    await w.find('[data-test="score-foundation"]').setValue("30.5");
    expect(saves.length).toBe(0);
    await vi.advanceTimersByTimeAsync(700);
    await flushPromises();
    expect(saves.length).toBe(1);
    expect(w.find('[data-test="save-state"]').text()).toBe("已保存 09:30:07");
    expect(w.find('[data-test="total"]').text()).toContain("合计 30.5 / 100");
    expect(w.find('[data-test="standing"]').text()).toContain("未达到推荐线（70 分）");
    expect(w.find('[data-test="problems"]').text()).toContain("缺少 “建设方案” 的评分");
    // The to-do list names the criterion by its title in English too.
    i18n.global.locale.value = "en";
    await flushPromises();
    expect(w.find('[data-test="problems"]').text()).toContain('no score for "建设方案"');
    expect(w.find('[data-test="problems"]').text()).not.toContain('"plan"');
    i18n.global.locale.value = "zh-CN";
  });

  it("marks an invalid score at its field, says why, and leaves it out of the total", async () => {
    mockIPC((cmd) => (cmd === "get_sheet" ? view({ declared: false, statement: "" }) : null));
    const w = mountForm();
    await flushPromises();
    const field = w.get('[data-test="score-foundation"]');
    await w.get('[data-test="score-plan"]').setValue("48");
    expect(w.get('[data-test="total"]').text()).toContain("合计 48 / 100");
    const cases: [string, string][] = [
      ["10.3", "得分须为 0.5 的整数倍"],
      ["40.5", "得分不能超过满分 40"],
      ["-1", "得分不能为负数"],
      ["十", "请输入数字"],
    ];
    for (const [typed, reason] of cases) {
      await field.setValue(typed);
      expect(field.attributes("aria-invalid")).toBe("true");
      expect(field.classes()).toContain("invalid");
      const error = w.get('[data-test="score-error-foundation"]');
      expect(error.text()).toContain(reason);
      expect(error.text()).toContain("未计入合计");
      expect(field.attributes("aria-describedby")).toBe(error.attributes("id"));
      expect(w.get('[data-test="total"]').text()).toContain("合计 48 / 100");
    }
    i18n.global.locale.value = "en";
    await field.setValue("10.3");
    expect(w.get('[data-test="score-error-foundation"]').text()).toBe(
      "A score must be a multiple of 0.5; not counted in the total",
    );
    i18n.global.locale.value = "zh-CN";
    await field.setValue("10.5");
    expect(field.attributes("aria-invalid")).toBeUndefined();
    expect(field.attributes("aria-describedby")).toBeUndefined();
    expect(w.find('[data-test="score-error-foundation"]').exists()).toBe(false);
    expect(w.get('[data-test="total"]').text()).toContain("合计 58.5 / 100");
  });

  it("hides Rust's standing while it describes a total other than the one shown", async () => {
    const saved = {
      ...view({ declared: false, statement: "" }),
      total: "40.25",
      standing: { zh: "达到", en: "reaches" },
    };
    saved.sheet.scores[0].score = "40.25";
    mockIPC((cmd) => (cmd === "get_sheet" ? saved : null));
    const w = mountForm();
    await flushPromises();
    expect(w.get('[data-test="total"]').text()).toContain("合计 0 / 100");
    expect(w.find('[data-test="standing"]').exists()).toBe(false);
  });

  it("moves focus to the first score field once no conflict is declared", async () => {
    mockIPC((cmd) =>
      cmd === "get_sheet" ? view(null) : cmd === "declare_conflict" ? view({ declared: false, statement: "" }) : null,
    );
    const w = mount(ScoreForm, {
      props: { batchId: "B", packageId: "P", documents: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    (w.get('[data-test="coi-no"]').element as HTMLButtonElement).focus();
    await w.get('[data-test="coi-no"]').trigger("click");
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-test="score-foundation"]').element);
    w.unmount();
  });

  it("moves focus to the recusal notice once a conflict is declared", async () => {
    mockIPC((cmd) =>
      cmd === "get_sheet"
        ? view(null)
        : cmd === "declare_conflict"
          ? view({ declared: true, statement: "曾任顾问" })
          : null,
    );
    const w = mount(ScoreForm, {
      props: { batchId: "B", packageId: "P", documents: [] },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    await w.get('[data-test="coi-yes"]').trigger("click");
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-test="coi-statement"]').element);
    await w.get('[data-test="coi-statement"]').setValue("曾任顾问");
    await w.get('[data-test="coi-confirm"]').trigger("submit");
    await flushPromises();
    expect(document.activeElement).toBe(w.get('[data-test="coi-declared"]').element);
    w.unmount();
  });

  it("shows a declared conflict and offers no scoring", async () => {
    mockIPC((cmd) => (cmd === "get_sheet" ? view({ declared: true, statement: "曾任顾问" }) : null));
    const w = mountForm();
    await flushPromises();
    expect(w.find('[data-test="coi-declared"]').text()).toContain("曾任顾问");
    expect(w.find('[data-test="score-foundation"]').exists()).toBe(false);
  });

  it("reopens a signed sheet for 复议 after a confirmation, then shows an editable draft", async () => {
    const calls: string[] = [];
    const history = [
      {
        revision: 3,
        signed_at: "2026-05-10T09:30:07+08:00",
        pdf_sha256: "0123456789abcdef" + "0".repeat(48),
        revision_reason: null,
      },
    ];
    const signed: SheetView = { ...view({ declared: false, statement: "" }), revision: 3, signed: true, history };
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "get_sheet") return signed;
      if (cmd === "reopen_review") return { ...signed, revision: 4, signed: false, reexamination: true };
      return null;
    });
    const w = mountForm();
    await flushPromises();
    expect(w.get('[data-test="score-foundation"]').element.closest("fieldset")?.disabled).toBe(true);
    expect(w.get('[data-test="history"]').text()).toContain(
      "第 3 版 · 签署于 2026年5月10日 09:30 · SHA-256 0123456789ab…",
    );
    expect(w.get('[data-test="reopen"]').text()).toContain("签署的意见表保持不变");
    // Nothing is reopened before the expert confirms.
    await w.get('[data-test="reopen-button"]').trigger("click");
    expect(calls).not.toContain("reopen_review");
    await w.get('[data-test="reopen-confirm"]').trigger("click");
    await flushPromises();
    expect(calls).toContain("reopen_review");
    expect(w.emitted("saved")).toHaveLength(1);
    expect(w.find('[data-test="reopen"]').exists()).toBe(false);
    expect(w.get('[data-test="reexamination"]').text()).toContain("复议稿：签署时须说明复议理由");
    expect(w.get('[data-test="score-foundation"]').element.closest("fieldset")?.disabled).toBe(false);
    // The earlier signature stays on record.
    expect(w.get('[data-test="history"]').text()).toContain("第 3 版");
  });
});
