import { describe, expect, it } from "vitest";
import { clockTime, dateTime, groupDigits } from "./format";

describe("format", () => {
  it("groups digits without touching the decimals", () => {
    expect(groupDigits("1200")).toBe("1,200");
    expect(groupDigits("32280.5")).toBe("32,280.5");
    expect(groupDigits("860")).toBe("860");
    expect(groupDigits("-1234567.25")).toBe("-1,234,567.25");
    expect(groupDigits("n/a")).toBe("n/a");
  });
  it("shows the saved time as written (local wall clock)", () => {
    expect(clockTime("2026-05-10T09:30:07.123+08:00")).toBe("09:30:07");
    expect(dateTime("2026-06-30T17:00:00+08:00")).toBe("2026-06-30 17:00");
  });
});
