// ECharts for the knowledge-graph views: the graph series (force layout) and the heat map, drawn
// by the shared ChartHost (which also reports clicks). Registered here, so only the graph page's
// chunk carries them.
import * as echarts from 'echarts/core';
import { GraphChart, HeatmapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ChartHost, type ChartHostProps } from '../ChartHost.tsx';

export type { ChartClick } from '../ChartHost.tsx';

echarts.use([GraphChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

export default function GraphEChart(props: ChartHostProps) {
  return <ChartHost {...props} height={props.height ?? 420} />;
}
