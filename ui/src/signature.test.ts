import { describe, expect, it } from "vitest";
import { hasInk, inkBox, padPoint, penWidth, placeStrokes, type Stroke } from "./signature";

const rect = { x: 100, y: 50, width: 500, height: 160 };

describe("signature pad geometry", () => {
  it("maps pointer positions into the pad and clamps them to its edges", () => {
    expect(padPoint(150, 80, rect, 0.7)).toEqual({ x: 50, y: 30, pressure: 0.7 });
    expect(padPoint(20, 400, rect, 0.5)).toEqual({ x: 0, y: 160, pressure: 0.5 });
    expect(padPoint(700, 10, rect, 0.5)).toEqual({ x: 500, y: 0, pressure: 0.5 });
  });
  it("treats a missing or odd pressure as a mouse's middle pressure", () => {
    expect(padPoint(100, 50, rect, 0).pressure).toBe(0.5);
    expect(padPoint(100, 50, rect, Number.NaN).pressure).toBe(0.5);
    expect(padPoint(100, 50, rect, 3).pressure).toBe(1);
  });
  it("widens the pen with pressure, within bounds", () => {
    expect(penWidth(0.5, 2)).toBe(2);
    expect(penWidth(0, 2)).toBe(1);
    expect(penWidth(1, 2)).toBe(3);
    expect(penWidth(7, 2)).toBe(3);
    expect(penWidth(Number.NaN, 2)).toBe(2);
  });
  it("does not count a tap or nothing as a signature", () => {
    expect(hasInk([])).toBe(false);
    expect(hasInk([[{ x: 1, y: 1, pressure: 0.5 }]])).toBe(false);
    expect(
      hasInk([
        [
          { x: 1, y: 1, pressure: 0.5 },
          { x: 2, y: 1, pressure: 0.5 },
        ],
      ]),
    ).toBe(false);
    expect(
      hasInk([
        [
          { x: 1, y: 1, pressure: 0.5 },
          { x: 40, y: 20, pressure: 0.5 },
        ],
      ]),
    ).toBe(true);
  });
  it("crops to the ink with a margin, inside the pad", () => {
    const strokes: Stroke[] = [
      [
        { x: 20, y: 30, pressure: 0.5 },
        { x: 120, y: 60, pressure: 0.5 },
      ],
      [
        { x: 200, y: 150, pressure: 0.5 },
        { x: 210, y: 158, pressure: 0.5 },
      ],
    ];
    expect(inkBox(strokes, 500, 160, 8)).toEqual({ x: 12, y: 22, width: 206, height: 138 });
    expect(inkBox([], 500, 160)).toBeNull();
    const edge: Stroke[] = [
      [
        { x: 0, y: 0, pressure: 0.5 },
        { x: 500, y: 160, pressure: 0.5 },
      ],
    ];
    expect(inkBox(edge, 500, 160, 8)).toEqual({ x: 0, y: 0, width: 500, height: 160 });
  });
  it("moves strokes into the cropped box at the export scale", () => {
    const s: Stroke[] = [[{ x: 20, y: 30, pressure: 0.4 }]];
    expect(placeStrokes(s, { x: 12, y: 22, width: 10, height: 10 }, 2)).toEqual([[{ x: 16, y: 16, pressure: 0.4 }]]);
  });
});
