import { describe, expect, it } from "vitest";
import {
  cacheText,
  cachedText,
  extractText,
  findHits,
  firstHitFrom,
  hitItemRanges,
  normalise,
  pageText,
  rawRange,
  snippet,
  stepHit,
  type PageText,
} from "./pdfSearch";

const page = (...strs: (string | [string, boolean])[]): PageText =>
  pageText(strs.map((s) => (typeof s === "string" ? { str: s } : { str: s[0], hasEOL: s[1] })));

describe("normalise", () => {
  it("ignores case, whitespace and full-width forms", () => {
    expect(normalise("LC-2026 Page\n1")).toBe("lc-2026page1");
    expect(normalise("ＡＢＣ　１２")).toBe("abc12");
    expect(normalise("技 术\t创新")).toBe("技术创新");
    expect(normalise("soft\u00adhy\u200bphen")).toBe("softhyphen");
  });
});

describe("pageText", () => {
  it("joins items, a space after each line end, and skips marked content", () => {
    const p = pageText([{ str: "聊城市", hasEOL: true }, { type: "beginMarkedContent" }, { str: "技术创新中心" }]);
    expect(p.raw).toBe("聊城市 技术创新中心");
    expect(p.starts).toEqual([0, 4]);
    expect(p.lens).toEqual([3, 6]);
    expect(p.norm).toBe("聊城市技术创新中心");
  });
});

describe("findHits", () => {
  const pages = [page("LC-2026-001 docs - page 1"), page("nothing here"), page("Page 3 ", "PAGE")];
  it("finds every match on every page, in order", () => {
    expect(findHits(pages, "page").map((h) => h.page)).toEqual([1, 3, 3]);
    expect(findHits(pages, "  ")).toEqual([]);
    expect(findHits(pages, "absent")).toEqual([]);
  });
  it("matches across whitespace, line ends and items (Chinese too)", () => {
    const cn = [page(["技术创", true], "新 中心")];
    expect(findHits(cn, "技术创新中心")).toEqual([{ page: 1, start: 0, end: 6 }]);
    expect(findHits([page("pa", "ge 2")], "page2")).toHaveLength(1);
  });
  it("does not count overlapping matches twice and skips pages not read yet", () => {
    expect(findHits([page("aaaa")], "aa")).toHaveLength(2);
    expect(findHits([undefined, page("x")], "x")).toEqual([{ page: 2, start: 0, end: 1 }]);
  });
});

describe("where a hit is", () => {
  it("maps back to the raw text and the items it covers", () => {
    const p = page(["技术创", true], "新 中心");
    const [hit] = findHits([p], "创新中");
    expect(rawRange(p, hit)).toEqual({ start: 2, end: 7 });
    expect(hitItemRanges(p, hit)).toEqual([
      { item: 0, start: 2, end: 3 },
      { item: 1, start: 0, end: 3 },
    ]);
  });
  it("maps a full-width character back to itself", () => {
    const p = page("型号：ＡＢＣ-1");
    const [hit] = findHits([p], "abc");
    expect(p.raw.slice(rawRange(p, hit).start, rawRange(p, hit).end)).toBe("ＡＢＣ");
  });
});

describe("snippet", () => {
  it("shows the match with some text either side", () => {
    const p = page("The quick brown fox", ["jumps over", true], "the lazy dog");
    const [hit] = findHits([p], "FOXJUMPS");
    expect(snippet(p, hit, 6)).toEqual({ before: "…brown ", match: "foxjumps", after: " over…" });
    expect(snippet(p, hit, 100)).toEqual({
      before: "The quick brown ",
      match: "foxjumps",
      after: " over the lazy dog",
    });
  });
});

describe("hit navigation", () => {
  it("goes round both ways", () => {
    expect(stepHit(-1, 3, 1)).toBe(0);
    expect(stepHit(-1, 3, -1)).toBe(2);
    expect(stepHit(2, 3, 1)).toBe(0);
    expect(stepHit(0, 3, -1)).toBe(2);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });
  it("starts from the page being read", () => {
    const hits = [1, 4, 4, 9].map((p) => ({ page: p, start: 0, end: 1 }));
    expect(firstHitFrom(hits, 1)).toBe(0);
    expect(firstHitFrom(hits, 3)).toBe(1);
    expect(firstHitFrom(hits, 10)).toBe(-1);
  });
});

describe("extractText", () => {
  const read = async (p: number) => ({ items: [{ str: `page ${p}` }] });
  it("reads every page in chunks, reporting progress", async () => {
    const seen: number[] = [];
    const pages = await extractText(7, read, { chunk: 3, onPages: (ps) => seen.push(ps.length) });
    expect(pages.map((p) => p.raw)).toEqual([1, 2, 3, 4, 5, 6, 7].map((p) => `page ${p}`));
    expect(seen).toEqual([3, 6, 7]);
  });
  it("stops when aborted", async () => {
    const ctl = new AbortController();
    const run = extractText(20, read, { chunk: 2, signal: ctl.signal, onPages: () => ctl.abort() });
    await expect(run).rejects.toBeDefined();
  });
  it("keeps a document's text by its hash", () => {
    const pages = [page("x")];
    cacheText("abc", pages);
    expect(cachedText("abc")).toBe(pages);
    expect(cachedText("other")).toBeUndefined();
  });
});
