import { describe, expect, it } from "vitest";
import { byDistance, fractionOf, pageInView, pageTops, pagesAround, scrollTopFor } from "./layout";

// Three pages 100 px high: tops 8, 116, 224 (8 px padding, 8 px gaps).
const heights = [100, 100, 100];
const tops = pageTops(heights);

describe("page layout", () => {
  it("puts pages one under another", () => {
    expect(tops).toEqual([8, 116, 224]);
  });
  it("takes the page occupying most of the viewport's top half as the page in view", () => {
    expect(pageInView(tops, heights, 0, 200)).toBe(1);
    // Top half 60..160: page 1 has 48 px of it, page 2 44 px.
    expect(pageInView(tops, heights, 60, 200)).toBe(1);
    // Top half 70..170: page 1 has 38, page 2 54.
    expect(pageInView(tops, heights, 70, 200)).toBe(2);
    expect(pageInView(tops, heights, 1000, 200)).toBe(3);
    expect(pageInView([], [], 0, 200)).toBe(1);
  });
  it("works for many pages of different sizes", () => {
    const hs = Array.from({ length: 300 }, (_, i) => (i % 2 ? 800 : 1100));
    const ts = pageTops(hs);
    expect(pageInView(ts, hs, scrollTopFor(ts, hs, 211), 600)).toBe(211);
    expect(pageInView(ts, hs, scrollTopFor(ts, hs, 300), 600)).toBe(300);
  });
  it("scrolls to a page and keeps the place within it", () => {
    expect(scrollTopFor(tops, heights, 2)).toBe(108);
    expect(scrollTopFor(tops, heights, 2, 0.5)).toBe(158);
    expect(scrollTopFor(tops, heights, 9)).toBe(216);
    expect(fractionOf(tops, heights, 2, 158)).toBe(0.5);
    // Zooming to twice the size keeps the same place on page 2.
    const big = heights.map((h) => h * 2);
    const bigTops = pageTops(big);
    expect(scrollTopFor(bigTops, big, 2, fractionOf(tops, heights, 2, 158))).toBe(216 - 8 + 100);
  });
  it("draws the pages near those visible and lets the others go", () => {
    expect(pagesAround([10, 11], 300)).toEqual({ draw: [8, 13], keep: [7, 14] });
    expect(pagesAround([1], 3)).toEqual({ draw: [1, 3], keep: [1, 3] });
    expect(pagesAround([], 3)).toBeNull();
    expect(byDistance(8, 13, 10)).toEqual([10, 9, 11, 8, 12, 13]);
  });
});
