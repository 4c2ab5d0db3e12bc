import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the report draws: bars and lines on a grid, with a legend and tooltips.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An Apache ECharts chart, drawn on a canvas that follows its box's width.
 * The canvas is an image to assistive technology, named by `label`; the
 * figures themselves are in the report's tables.
 */
export function Chart({ option, label, testId, height = 300 }: { option: ChartOption; label: string; testId: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current!;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    echarts.getInstanceByDom(box.current!)?.setOption({ animation: !reduced, ...option }, true);
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-testid={testId} className="stats-chart" style={{ height }} />;
}
