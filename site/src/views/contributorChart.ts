/**
 * The contributor page's weekly chart: bars stacked by platform or by kind of contribution
 * (a switch), with a legend, drawn at the content's width (again when it changes); a long
 * history shows its last two years unless one asks for all of it (zoom); the selected week is
 * always in view.
 */
import { schemeTableau10 } from 'd3';
import type { SiteContributor } from '../../../src/instance/site/format.js';
import { weeklyChart, type WeeklyStacks } from '../charts/weekly.js';
import { h, replace } from '../dom.js';
import type { Model } from '../model.js';

/** Weeks shown at first when there are more. */
const WINDOW = 104;

export interface ChartOptions {
  readonly model: Model;
  readonly detail: SiteContributor | null;
  readonly weekStartsMs: readonly number[];
  readonly values: Float64Array;
  readonly label: (week: number) => string;
  readonly onSelect: (week: number) => void;
}

export interface ChartSection {
  readonly element: HTMLElement;
  /** Draws the chart with `week` selected (and in view). */
  show(week: number | undefined): void;
}

function stacksOf(model: Model, detail: SiteContributor, by: 'plugin' | 'kind'): WeeklyStacks {
  const keys = by === 'plugin' ? detail.weekly.plugins : detail.weekly.kinds;
  const column = by === 'plugin' ? 1 : 2;
  const byWeek = new Map(
    detail.weekly.weeks.map((row) => [
      row[0],
      (row[column] as readonly number[]).map((units) => units * model.data.quantum),
    ]),
  );
  const colors = keys.map((_, k) => schemeTableau10[k % schemeTableau10.length] as string);
  return { keys, colors, byWeek };
}

export function chartSection(options: ChartOptions): ChartSection {
  const weeks = options.values.length;
  const holder = h('div', { class: 'chart-holder' });
  const legend = h('ul', { class: 'legend', id: 'chart-legend' });
  const colour = h(
    'select',
    { id: 'chart-colour', 'aria-label': 'Colour the bars by' },
    h('option', { value: 'plugin' }, 'Colour by platform'),
    h('option', { value: 'kind' }, 'Colour by kind of contribution'),
  );
  const range = h(
    'select',
    { id: 'chart-range', 'aria-label': 'Weeks shown', hidden: weeks <= WINDOW },
    h('option', { value: String(WINDOW) }, `Last ${WINDOW} weeks`),
    h('option', { value: 'all' }, `All ${weeks} weeks`),
  );
  let selected: number | undefined;
  let drawnWidth = 0;
  const draw = (): void => {
    const shown = range.value === 'all' || weeks <= WINDOW ? weeks : WINDOW;
    let to = weeks - 1;
    if (selected !== undefined && selected < to - shown + 1) to = selected + shown - 1;
    const from = Math.max(0, to - shown + 1);
    const stacks =
      options.detail === null
        ? undefined
        : stacksOf(options.model, options.detail, colour.value as 'plugin' | 'kind');
    // The content's width (the holder is a block as wide as the page's text).
    const width = holder.clientWidth || document.body.clientWidth - 32 || 900;
    drawnWidth = width;
    replace(
      holder,
      weeklyChart({ ...options, selected, width, from, to, ...(stacks ? { stacks } : {}) }),
    );
    replace(
      legend,
      ...(stacks?.keys ?? []).map((key, k) =>
        h('li', {}, h('span', { class: 'swatch', 'data-color': stacks?.colors[k] }), key),
      ),
    );
    for (const swatch of legend.querySelectorAll<HTMLElement>('.swatch')) {
      swatch.style.background = swatch.dataset.color ?? '';
    }
  };
  colour.addEventListener('change', draw);
  range.addEventListener('change', draw);
  // Drawn again when the page's width changes (a phone turned, a window resized).
  let frame = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (holder.isConnected && Math.abs(holder.clientWidth - drawnWidth) > 8) draw();
    });
  }).observe(holder);
  const element = h(
    'section',
    { id: 'weekly-chart' },
    h('div', { class: 'controls' }, colour, range),
    holder,
    legend,
    h('p', { class: 'status' }, 'Click a bar, or focus the chart and use ← →, to explain a week.'),
  );
  return {
    element,
    show(week) {
      selected = week;
      draw();
    },
  };
}
