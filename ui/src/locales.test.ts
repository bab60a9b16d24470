import { describe, expect, it } from "vitest";
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
});
