import { describe, expect, it } from "vitest";
import { formatDate, groupDigits, parseDateInput, parseTimeInput } from "./format";

describe("format", () => {
  it("groups digits without touching the decimals", () => {
    expect(groupDigits("1200")).toBe("1,200");
    expect(groupDigits("32280.5")).toBe("32,280.5");
    expect(groupDigits("860")).toBe("860");
    expect(groupDigits("-1234567.25")).toBe("-1,234,567.25");
    expect(groupDigits("n/a")).toBe("n/a");
  });
  it("writes dates as the chosen language does, whatever the machine's locale", () => {
    const ts = "2026-12-01T14:05:09.123+08:00";
    expect(formatDate(ts, "zh-CN")).toBe("2026年12月1日");
    expect(formatDate(ts, "zh-CN", "datetime")).toBe("2026年12月1日 14:05");
    expect(formatDate(ts, "en")).toBe("2026-12-01");
    expect(formatDate(ts, "en", "datetime")).toBe("2026-12-01 14:05");
    expect(formatDate(ts, "zh-CN", "time")).toBe("14:05:09");
    expect(formatDate(ts, "en", "time")).toBe("14:05:09");
  });
  it("keeps the wall clock as written: no conversion to the machine's time zone", () => {
    expect(formatDate("2026-06-30T23:30:00Z", "zh-CN", "datetime")).toBe("2026年6月30日 23:30");
    expect(formatDate("2026-06-30T23:30:00-05:00", "en", "datetime")).toBe("2026-06-30 23:30");
  });
  it("takes plain dates and leaves anything else alone", () => {
    expect(formatDate("2026-05-09", "zh-CN")).toBe("2026年5月9日");
    expect(formatDate("2026-05-09", "zh-CN", "datetime")).toBe("2026年5月9日");
    expect(formatDate("2026-05-09", "en", "time")).toBe("2026-05-09");
    expect(formatDate("", "en")).toBe("");
    expect(formatDate("明天", "zh-CN")).toBe("明天");
  });
});

describe("typed dates and times", () => {
  it("reads the ways a date is written here, and only real calendar days", () => {
    for (const s of ["2026-12-01", "2026-12-1", "2026/12/1", "2026.12.1", "2026年12月1日", " 2026 年 12 月 1 日 "]) {
      expect(parseDateInput(s), s).toBe("2026-12-01");
    }
    for (const s of ["", "12/01/2026", "2026-02-30", "2026-13-01", "2026-12", "tomorrow"]) {
      expect(parseDateInput(s), s).toBeNull();
    }
    expect(parseDateInput("2028-02-29")).toBe("2028-02-29");
  });

  it("reads a 24-hour time of day", () => {
    expect(parseTimeInput("9:05")).toBe("09:05");
    expect(parseTimeInput("17：00")).toBe("17:00");
    expect(parseTimeInput("9点30")).toBe("09:30");
    for (const s of ["24:00", "5 PM", "17", "17:5"]) expect(parseTimeInput(s), s).toBeNull();
  });
});
