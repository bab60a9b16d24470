// Every button that shows only a symbol (›, ×, ←, + …) carries an
// accessible name, read from the templates themselves so a new one is caught.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob<string>(["./**/*.vue"], { query: "?raw", import: "default", eager: true });

/** The buttons whose visible content has no letter or CJK character. */
function symbolOnlyButtons(vue: string): string[] {
  const template = vue.slice(vue.indexOf("<template>"));
  return [...template.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/g)]
    .filter(([, , inner]) => {
      const text = inner.replace(/\{\{[\s\S]*?\}\}/g, "T").replace(/<[^>]+>/g, "");
      return !/[\p{L}]/u.test(text);
    })
    .map(([, attrs]) => attrs);
}

describe("icon-only buttons", () => {
  it("are found by the check", () => {
    expect(symbolOnlyButtons('<template><button type="button">×</button><button>{{ t("x") }}</button>')).toEqual([
      ' type="button"',
    ]);
  });
  it("each have an aria-label", () => {
    const unnamed = Object.entries(sources).flatMap(([file, vue]) =>
      symbolOnlyButtons(vue)
        .filter((attrs) => !/aria-label/.test(attrs))
        .map((attrs) => `${file}: <button${attrs}>`),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(unnamed).toEqual([]);
  });
});
