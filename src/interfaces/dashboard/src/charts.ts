import * as echarts from 'echarts';
import { empty } from './dom.js';

type Option = echarts.EChartsCoreOption;

const pending: { div: HTMLElement; option: Option }[] = [];
let live: echarts.ECharts[] = [];

/**
 * A chart, drawn once the page is in the document (`drawCharts`). `points` is how many values it
 * shows: none gives the empty state instead. `data-chart` and `data-points` let the browser test
 * see what was drawn.
 */
export function chart(
  name: string,
  option: Option,
  points: number,
  emptyText: string,
): HTMLElement {
  if (points === 0) return empty(name, emptyText);
  const div = document.createElement('div');
  div.className = 'chart';
  div.dataset.chart = name;
  div.dataset.points = String(points);
  // No animation: the figures are there at once, for people and for screenshots.
  pending.push({ div, option: { animation: false, ...option } });
  return div;
}

export function drawCharts(): void {
  for (const { div, option } of pending.splice(0)) {
    const instance = echarts.init(div, null, { renderer: 'canvas' });
    instance.setOption(option);
    live.push(instance);
  }
}

export function disposeCharts(): void {
  for (const instance of live) instance.dispose();
  live = [];
  pending.length = 0;
}

window.addEventListener('resize', () => {
  for (const instance of live) instance.resize();
});
