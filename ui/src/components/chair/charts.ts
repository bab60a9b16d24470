// ECharts options for the chair's charts, from figures the Rust side
// computed (percentages of each criterion's max, box-plot quartiles). Pure,
// so it is unit-tested; the component only hands these to ECharts.
import type { BoxDto } from "../../bindings/BoxDto";
import type { ChairCriterion } from "../../bindings/ChairCriterion";

export interface ChartLabels {
  aggregate: string;
  percentOfMax: string;
}

/** A radar of the package's criterion aggregates, each as % of its max. */
export function radarOption(criteria: ChairCriterion[], radar: number[], labels: ChartLabels) {
  return {
    animation: false,
    tooltip: {},
    radar: {
      indicator: criteria.map((c) => ({ name: c.title, max: 100 })),
      radius: "65%",
    },
    series: [
      {
        type: "radar",
        name: labels.aggregate,
        data: [{ value: radar.map((v) => Math.max(0, Math.min(100, v))), name: labels.aggregate }],
        areaStyle: { opacity: 0.25 },
      },
    ],
  };
}

/** One box per criterion: the experts' scores as % of its max. */
export function boxOption(criteria: ChairCriterion[], boxes: BoxDto[], labels: ChartLabels) {
  const byId = new Map(boxes.map((b) => [b.criterion, b]));
  const shown = criteria.filter((c) => byId.has(c.id));
  return {
    animation: false,
    tooltip: { trigger: "item" },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: "category", data: shown.map((c) => c.title), axisLabel: { interval: 0 } },
    yAxis: { type: "value", min: 0, max: 100, name: labels.percentOfMax },
    series: [
      {
        type: "boxplot",
        name: labels.percentOfMax,
        data: shown.map((c) => {
          const b = byId.get(c.id) as BoxDto;
          return [b.min, b.q1, b.median, b.q3, b.max];
        }),
      },
    ],
  };
}

/** "+3.5" stays, "-2" becomes "−2" (a real minus sign), "0" stays. */
export function offsetLabel(offset: string | null): string {
  if (offset === null) return "—";
  return offset.startsWith("-") ? `−${offset.slice(1)}` : offset;
}
