// Apache ECharts for the app's bar, line, scatter and radar charts (tree-shaken: grid, legend,
// tooltip, mark lines/areas, aria; canvas renderer), drawn by ChartHost. Loaded lazily with the
// pages that show a chart, so the first screen never downloads it.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ChartHost, type ChartHostProps } from './ChartHost.tsx';

echarts.use([BarChart, LineChart, RadarChart, ScatterChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, RadarComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export default function EChart(props: ChartHostProps) {
  return <ChartHost {...props} />;
}
