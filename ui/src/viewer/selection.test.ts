import { describe, expect, it } from "vitest";
import { selectionOnPage } from "./selection";

function pages(): HTMLElement {
  document.body.innerHTML = `
    <div id="viewer"><div data-page="1"><span id="a">研发投入 1,250 万元</span></div>
      <div data-page="2"><span id="b">共建协议</span></div></div>
    <p id="outside">评语</p>`;
  return document.getElementById("viewer")!;
}

function select(id: string): Selection {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id)!);
  const s = window.getSelection()!;
  s.removeAllRanges();
  s.addRange(range);
  return s;
}

describe("the selection 引用此页 quotes", () => {
  it("is the selected text and the page it starts on", () => {
    const root = pages();
    expect(selectionOnPage(root, select("b"))).toEqual({ text: "共建协议", page: 2 });
    expect(selectionOnPage(root, select("a"))).toEqual({ text: "研发投入 1,250 万元", page: 1 });
  });
  it("is nothing when the selection is empty or outside the document's pages", () => {
    const root = pages();
    expect(selectionOnPage(root, select("outside"))).toBeNull();
    const s = select("a");
    s.collapseToStart();
    expect(selectionOnPage(root, s)).toBeNull();
    expect(selectionOnPage(null, select("a"))).toBeNull();
  });
});
