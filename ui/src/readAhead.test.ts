import { describe, expect, it } from "vitest";
import { ReadAhead, partsToRead } from "./readAhead";

describe("partsToRead", () => {
  it("widens spans to whole parts, joins neighbours and stops at the limit", () => {
    const spans = [
      { begin: 0, end: 10 },
      { begin: 30, end: 35 },
      { begin: 41, end: 42 },
      { begin: 95, end: 103 },
    ];
    expect(partsToRead(spans, 103, 10, 1000)).toEqual([
      { begin: 0, end: 10 },
      { begin: 30, end: 50 },
      { begin: 90, end: 103 },
    ]);
    expect(partsToRead(spans, 103, 10, 30)).toEqual([
      { begin: 0, end: 10 },
      { begin: 30, end: 50 },
    ]);
    expect(partsToRead([], 103, 10, 30)).toEqual([]);
  });
});

describe("ReadAhead", () => {
  const file = Uint8Array.from({ length: 103 }, (_, i) => i);
  const ranges = partsToRead(
    [
      { begin: 30, end: 45 },
      { begin: 100, end: 103 },
    ],
    103,
    10,
    1000,
  );
  const bytes = () => new Uint8Array(ranges.flatMap(({ begin, end }) => [...file.slice(begin, end)])).buffer;

  it("gives out held parts once, exactly the bytes asked for", () => {
    const ahead = new ReadAhead(ranges, bytes(), 10);
    expect(ahead.take(30, 50)).toEqual(file.slice(30, 50));
    expect(ahead.take(30, 40)).toBeNull(); // given out already
    expect(ahead.take(100, 103)).toEqual(file.slice(100, 103));
  });

  it("gives nothing when any part asked for is not held", () => {
    const ahead = new ReadAhead(ranges, bytes(), 10);
    expect(ahead.take(20, 40)).toBeNull();
    expect(ahead.take(35, 40)).toBeNull(); // not a part's start
    expect(ahead.take(30, 40)).toEqual(file.slice(30, 40)); // still held
  });
});
