/**
 * Weekly cred of one identity as bars over calendar time (d3), with axes. Clicking a bar
 * selects its week (the contributor view then explains it).
 */
import { axisBottom, axisLeft, max, scaleBand, scaleLinear, select, utcFormat } from 'd3';

export interface WeeklyChartOptions {
  readonly weekStartsMs: readonly number[];
  readonly values: Float64Array;
  readonly selected: number | undefined;
  readonly onSelect: (week: number) => void;
  readonly label: (week: number) => string;
}

export function weeklyChart(options: WeeklyChartOptions): SVGSVGElement {
  const width = 900;
  const height = 220;
  const margin = { top: 10, right: 10, bottom: 26, left: 56 };
  const weeks = options.values.length;
  const svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'))
    .attr('class', 'chart')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('role', 'img')
    .attr('aria-label', 'Weekly cred');
  const x = scaleBand<number>()
    .domain(Array.from({ length: weeks }, (_, t) => t))
    .range([margin.left, width - margin.right])
    .paddingInner(weeks > 80 ? 0 : 0.15);
  const y = scaleLinear()
    .domain([0, max(options.values) || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const every = Math.max(1, Math.ceil(weeks / 10));
  const format = utcFormat('%Y-%m-%d');
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      axisBottom(x)
        .tickValues(x.domain().filter((t) => t % every === 0))
        .tickFormat((t) => format(new Date(options.weekStartsMs[t] as number))),
    );
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5));
  svg
    .append('g')
    .selectAll('rect')
    .data(Array.from(options.values, (value, week) => ({ value, week })))
    .join('rect')
    .attr('class', (d) => (d.week === options.selected ? 'bar selected' : 'bar'))
    .attr('data-week', (d) => d.week)
    .attr('x', (d) => x(d.week) as number)
    .attr('width', Math.max(1, x.bandwidth()))
    .attr('y', (d) => y(d.value))
    .attr('height', (d) => Math.max(d.value > 0 ? 1 : 0, y(0) - y(d.value)))
    .on('click', (_, d) => options.onSelect(d.week))
    .append('title')
    .text((d) => options.label(d.week));
  return svg.node() as SVGSVGElement;
}
