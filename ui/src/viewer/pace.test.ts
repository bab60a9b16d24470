import { describe, expect, it } from "vitest";
import { ScrollPace, WINDOW_MS } from "./pace";

/** One screen (600 px) every `frame` ms: fast by the `n`th step? */
function fling(frame: number, steps: number): boolean[] {
  const p = new ScrollPace();
  return Array.from({ length: steps }, (_, i) => p.note(i * frame, i * 600, 600));
}

describe("ScrollPace", () => {
  it("calls a fling fast, at 60 frames a second or at 15", () => {
    expect(fling(16, 4)).toEqual([false, false, true, true]);
    expect(fling(66, 4)).toEqual([false, false, true, true]);
  });

  it("does not call reading fast: wheel notches, a PageDown now and then", () => {
    const p = new ScrollPace();
    const moves: [number, number][] = [
      [0, 0],
      [16, 120],
      [32, 240],
      [400, 780],
      [1400, 1320],
      [1416, 1440],
    ];
    expect(moves.map(([t, y]) => p.note(t, y, 600))).toEqual(moves.map(() => false));
  });

  it("is slow again once the view has stopped, and after a jump the app made", () => {
    const p = new ScrollPace();
    for (let t = 0, y = 0; t <= 64; t += 16, y += 600) p.note(t, y, 600);
    expect(p.note(80, 3600, 600)).toBe(true);
    expect(p.note(80 + WINDOW_MS + 1, 3600, 600)).toBe(false);
    const q = new ScrollPace();
    q.note(0, 0, 600);
    q.reset(50_000, 20);
    expect(q.note(36, 50_010, 600)).toBe(false);
  });
});
