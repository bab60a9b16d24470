// The parts of ECharts the chair's charts use, registered once. Loaded on
// demand (a chunk of its own) so the rest of the window never waits for it.
import { init, use } from "echarts/core";
import { BoxplotChart, RadarChart } from "echarts/charts";
import { GridComponent, RadarComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([RadarChart, BoxplotChart, RadarComponent, GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
