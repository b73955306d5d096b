/**
 * Weekly cred of one identity as bars over calendar time (d3), with axes, drawn at the width
 * it is shown at (labels keep their size on a phone). With `stacks` each bar is split by a key
 * (platform, kind of contribution) in the key's colour. `from`/`to` show a window of the weeks
 * (zoom). A bar is selected by a click, or from the keyboard: the chart is one tab stop, and
 * the arrow keys, Home and End move the selected week.
 */
import {
  axisBottom,
  axisLeft,
  max,
  scaleBand,
  scaleLinear,
  select,
  utcFormat,
  type ScaleBand,
} from 'd3';

export interface WeeklyStacks {
  readonly keys: readonly string[];
  readonly colors: readonly string[];
  /** Cred per key, for weeks whose split is known. */
  readonly byWeek: ReadonlyMap<number, readonly number[]>;
}

export interface WeeklyChartOptions {
  readonly weekStartsMs: readonly number[];
  readonly values: Float64Array;
  readonly selected: number | undefined;
  readonly onSelect: (week: number) => void;
  readonly label: (week: number) => string;
  readonly width: number;
  readonly stacks?: WeeklyStacks;
  /** First and last week shown (inclusive); all weeks by default. */
  readonly from?: number;
  readonly to?: number;
}

const SVG = 'http://www.w3.org/2000/svg';

export function weeklyChart(options: WeeklyChartOptions): SVGSVGElement {
  const width = Math.max(300, Math.round(options.width));
  const height = width < 500 ? 180 : 220;
  const margin = { top: 10, right: 40, bottom: 26, left: 52 };
  const from = options.from ?? 0;
  const to = options.to ?? options.values.length - 1;
  const weeks = Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
  const svg = select(document.createElementNS(SVG, 'svg'))
    .attr('class', 'chart')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('tabindex', 0)
    .attr(
      'aria-label',
      'Weekly cred. Left and right arrow keys choose a week to explain; Home and End the first and last.',
    );
  const x = scaleBand<number>()
    .domain(weeks)
    .range([margin.left, width - margin.right])
    .paddingInner(weeks.length > 80 ? 0 : 0.15);
  const y = scaleLinear()
    .domain([0, max(weeks, (t) => options.values[t] as number) || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(2, Math.floor(width / 100))));
  const format = utcFormat('%Y-%m-%d');
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      axisBottom(x)
        .tickValues(weeks.filter((t) => (t - from) % every === 0))
        .tickFormat((t) => format(new Date(options.weekStartsMs[t] as number))),
    );
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(5));
  if (options.stacks !== undefined) drawStacks(svg.node() as SVGSVGElement, options, x, y, weeks);
  svg
    .append('g')
    .selectAll('rect')
    .data(weeks.map((week) => ({ value: options.values[week] as number, week })))
    .join('rect')
    .attr('class', (d) => {
      const kind = options.stacks === undefined ? 'bar' : 'bar overlay';
      return d.week === options.selected ? `${kind} selected` : kind;
    })
    .attr('data-week', (d) => d.week)
    .attr('x', (d) => x(d.week) as number)
    .attr('width', Math.max(1, x.bandwidth()))
    .attr('y', (d) => y(d.value))
    .attr('height', (d) => Math.max(d.value > 0 ? 1 : 0, y(0) - y(d.value)))
    .on('click', (_, d) => options.onSelect(d.week))
    .append('title')
    .text((d) => options.label(d.week));
  const node = svg.node() as SVGSVGElement;
  listenKeys(node, options, to);
  return node;
}

/** Arrow keys, Home and End move the selected week. */
function listenKeys(node: SVGSVGElement, options: WeeklyChartOptions, to: number): void {
  node.addEventListener('keydown', (event) => {
    const chosen = node.querySelector<SVGElement>('.bar.selected')?.dataset.week;
    const current = chosen === undefined ? (options.selected ?? to) : Number(chosen);
    const next: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: options.values.length - 1,
    };
    const week = next[event.key];
    if (week === undefined || week < 0 || week >= options.values.length) return;
    event.preventDefault();
    options.onSelect(week);
  });
}

function drawStacks(
  svg: SVGSVGElement,
  options: WeeklyChartOptions,
  x: ScaleBand<number>,
  y: (value: number) => number,
  weeks: readonly number[],
): void {
  const stacks = options.stacks as WeeklyStacks;
  const group = document.createElementNS(SVG, 'g');
  group.setAttribute('class', 'stacks');
  const bandwidth = String(Math.max(1, x.bandwidth()));
  for (const week of weeks) {
    const parts = stacks.byWeek.get(week);
    const total = options.values[week] as number;
    const segments = parts ?? [];
    let base = 0;
    const draw = (value: number, color: string | null): void => {
      if (value <= 0) return;
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', String(x(week)));
      rect.setAttribute('width', bandwidth);
      rect.setAttribute('y', String(y(base + value)));
      rect.setAttribute('height', String(Math.max(0, y(base) - y(base + value))));
      if (color === null) rect.setAttribute('class', 'other');
      else rect.setAttribute('fill', color);
      group.appendChild(rect);
      base += value;
    };
    segments.forEach((value, k) => draw(value, stacks.colors[k] as string));
    if (total - base > 1e-9) draw(total - base, null);
  }
  svg.appendChild(group);
}
