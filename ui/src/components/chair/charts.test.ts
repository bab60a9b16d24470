import { describe, expect, it } from "vitest";
import { boxOption, offsetLabel, radarOption } from "./charts";

const criteria = [
  { id: "foundation", title: "依托单位基础条件", max: "40" },
  { id: "plan", title: "建设方案", max: "60" },
];
const labels = { aggregate: "综合", percentOfMax: "% 满分" };

describe("chair charts", () => {
  it("draws the radar on a 0–100 scale in rubric order, clamped", () => {
    const o = radarOption(criteria, [75, 104], labels);
    expect(o.radar.indicator).toEqual([
      { name: "依托单位基础条件", max: 100 },
      { name: "建设方案", max: 100 },
    ]);
    expect(o.series[0].data[0].value).toEqual([75, 100]);
  });
  it("puts one box per criterion that has scores, as Rust computed it", () => {
    const o = boxOption(criteria, [{ criterion: "plan", min: 58.3, q1: 70, median: 75, q3: 83.3, max: 91.7 }], labels);
    expect(o.xAxis.data).toEqual(["建设方案"]);
    expect(o.series[0].data).toEqual([[58.3, 70, 75, 83.3, 91.7]]);
  });
  it("shows offsets with a real minus sign", () => {
    expect(offsetLabel("-15.83")).toBe("−15.83");
    expect(offsetLabel("+14.17")).toBe("+14.17");
    expect(offsetLabel(null)).toBe("—");
  });
});
