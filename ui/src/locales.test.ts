import { describe, expect, it } from "vitest";
import type { Kind } from "./bindings/Kind";
import type { Method } from "./bindings/Method";
import type { Outcome } from "./bindings/Outcome";
import type { Phase } from "./bindings/Phase";
import type { SiteVerdict } from "./bindings/SiteVerdict";
import { STATUSES, VERDICTS } from "./format";
import en from "./locales/en";
import zh from "./locales/zh-CN";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("locales", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
  it("use the verdict labels of docs/formats.md §2 exactly", () => {
    expect(zh.verdict).toEqual({
      eligible: "符合条件",
      eligible_with_warnings: "符合条件（有提示）",
      needs_judgment: "需专家判断",
      ineligible: "不符合条件",
      revoke: "应予撤销",
    });
    expect(zh.status).toMatchObject({ not_started: "未开始", draft: "草稿", signed: "已签署" });
  });

  it("label every value of Rust's closed sets in both languages, never showing the raw value", () => {
    // Records make the type checker refuse a list that misses a value.
    const kinds: Record<Kind, 1> = { establishment: 1, acceptance: 1, periodic: 1 };
    const phases: Record<Phase, 1> = { desk: 1, site_visit: 1 };
    const outcomes: Record<Outcome, 1> = { pass: 1, fail: 1, warn: 1, relaxed: 1 };
    const site: Record<SiteVerdict, 1> = { meets: 1, partly: 1, fails: 1 };
    const methods: Record<Method, 1> = { mean: 1, trimmed_mean: 1, median: 1 };
    for (const l of [zh, en]) {
      expect(Object.keys(l.verdict).sort()).toEqual([...VERDICTS].sort());
      expect(Object.keys(l.status).sort()).toEqual([...STATUSES].sort());
      expect(Object.keys(l.kinds).sort()).toEqual(Object.keys(kinds).sort());
      expect(Object.keys(l.sign.forms).sort()).toEqual(Object.keys(phases).sort());
      for (const o of Object.keys(outcomes)) expect(l.rules).toHaveProperty(o);
      expect(Object.keys(l.site.verdicts).sort()).toEqual(Object.keys(site).sort());
      expect(Object.keys(l.chair.methods).sort()).toEqual(Object.keys(methods).sort());
    }
    expect(en.verdict.eligible).toBe("Eligible");
    expect(en.grades["优秀"]).toBe("Excellent");
  });
  it("keep the package search placeholder within its field (22em, style.css)", () => {
    // A CJK character is about 1em wide, a Latin one about 0.55em.
    const width = (s: string) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.55), 0);
    for (const l of [zh, en]) expect(width(l.packages.search)).toBeLessThan(21);
  });
});
