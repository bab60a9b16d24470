import { describe, expect, it } from "vitest";
import { checkScore, formatMicros, parseMicros, sameFigure, validTotal } from "./score";

const c = { max: "40", step: "0.5" };

describe("score check", () => {
  it("reads decimals exactly as Rust does", () => {
    expect(parseMicros("18.5")).toBe(18_500_000n);
    expect(parseMicros("-0.5")).toBe(-500_000n);
    expect(parseMicros("0.000001")).toBe(1n);
    expect(parseMicros("1.50000000")).toBe(1_500_000n);
    for (const bad of ["", "+1", ".5", "5.", "1e2", "1,5", "0.0000001", "١٢"]) expect(parseMicros(bad)).toBeNull();
    expect(formatMicros(83_500_000n)).toBe("83.5");
    expect(formatMicros(-500_000n)).toBe("-0.5");
    expect(formatMicros(0n)).toBe("0");
  });

  it("accepts scores within 0–max on the step", () => {
    for (const s of ["0", "40", "35.5", " 12 ", "12.50"]) expect(checkScore(s, c).kind).toBe("valid");
    expect(checkScore("", c)).toEqual({ kind: "blank" });
    expect(checkScore("  ", c)).toEqual({ kind: "blank" });
  });

  it("says why a score is not valid, with no floating-point slip", () => {
    expect(checkScore("10.3", c)).toEqual({ kind: "invalid", problem: "step" });
    expect(checkScore("30.25", c)).toEqual({ kind: "invalid", problem: "step" });
    expect(checkScore("40.5", c)).toEqual({ kind: "invalid", problem: "max" });
    expect(checkScore("-0.5", c)).toEqual({ kind: "invalid", problem: "negative" });
    expect(checkScore("abc", c)).toEqual({ kind: "invalid", problem: "number" });
    // 0.1 steps: 0.3 is a multiple (in floats 0.3 % 0.1 is 0.0999…).
    expect(checkScore("0.3", { max: "1", step: "0.1" }).kind).toBe("valid");
    expect(checkScore("2.07", { max: "5", step: "0.01" }).kind).toBe("valid");
  });

  it("totals only the valid scores", () => {
    const checks = ["35.5", "10.3", "48", "", "x"].map((s) => checkScore(s, { max: "60", step: "0.5" }));
    expect(validTotal(checks)).toBe("83.5");
    expect(validTotal([])).toBe("0");
    expect(sameFigure("83.50", "83.5")).toBe(true);
    expect(sameFigure("83.5", "94")).toBe(false);
  });
});
