import { describe, expect, it } from "vitest";
import { fitFactor, outputScale, percent, zoomFactor, zoomIn, zoomOut } from "./zoom";

describe("zoom", () => {
  it("fits an A4 page (595 pt) to the viewer's width", () => {
    expect(fitFactor(793.33, 595)).toBeCloseTo(1, 2);
    expect(fitFactor(396.67, 595)).toBeCloseTo(0.5, 2);
    expect(fitFactor(0, 595)).toBe(1);
    expect(zoomFactor("fit", 0.87)).toBe(0.87);
    expect(zoomFactor(1.5, 0.87)).toBe(1.5);
  });
  it("steps through the menu's percentages from wherever it is", () => {
    expect(zoomIn(0.87)).toBe(1);
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomIn(2)).toBeNull();
    expect(zoomOut(0.87)).toBe(0.75);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomOut(0.5)).toBeNull();
    expect(zoomOut(0.3)).toBeNull();
    expect(zoomIn(0.3)).toBe(0.5);
  });
  it("labels the factor as a percentage", () => {
    expect(percent(0.874)).toBe("87%");
    expect(percent(1.25)).toBe("125%");
  });
  it("draws at the screen's pixel ratio unless the canvas would be too big", () => {
    expect(outputScale(800, 1100, 2)).toBe(2);
    expect(outputScale(800, 1100, 0)).toBe(1);
    const s = outputScale(2000, 2800, 2, 2 ** 22);
    expect(2000 * 2800 * s * s).toBeLessThanOrEqual(2 ** 22 + 1);
  });
});
