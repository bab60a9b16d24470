import { describe, expect, it } from "vitest";
import { highlight } from "./textHighlight";

function layer(...strs: string[]) {
  const textDivs = strs.map((s) => {
    const span = document.createElement("span");
    span.textContent = s;
    return span;
  });
  return { textDivs, textContentItemsStr: strs };
}

describe("highlight", () => {
  it("wraps the covered parts of the spans and puts them back", () => {
    const l = layer("技术创", "新 中心", "x");
    const { first, undo } = highlight(l, [
      { item: 0, start: 2, end: 3 },
      { item: 1, start: 0, end: 3 },
    ]);
    expect(l.textDivs[0].innerHTML).toBe('技术<span class="highlight appended selected">创</span>');
    expect(l.textDivs[1].innerHTML).toBe('<span class="highlight appended selected">新 中</span>心');
    expect(first?.textContent).toBe("创");
    expect(l.textDivs.map((d) => d.textContent)).toEqual(["技术创", "新 中心", "x"]);
    undo();
    expect(l.textDivs.map((d) => d.innerHTML)).toEqual(["技术创", "新 中心", "x"]);
  });
  it("ignores items the layer does not have", () => {
    expect(highlight(layer("a"), [{ item: 5, start: 0, end: 1 }]).first).toBeNull();
  });
});
