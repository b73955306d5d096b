/**
 * A row's weekly cred as a small line, with the chosen period shaded. Rows of one table share
 * `scaleMax` (the largest week among them), so a small spike looks small beside a large one.
 * The SVG is an image named by `label` (what a screen reader says instead of the line).
 */
import { line, scaleLinear } from 'd3';

const SVG = 'http://www.w3.org/2000/svg';

export function sparkline(
  weekly: Float64Array,
  highlight: Float64Array | null,
  scaleMax: number,
  label: string,
  width = 140,
  height = 22,
): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const n = weekly.length;
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain([0, scaleMax > 0 ? scaleMax : 1])
    .range([height - 2, 2]);
  if (highlight !== null) {
    let from = highlight.findIndex((value) => value > 0);
    let to = highlight.length - 1;
    while (to >= 0 && (highlight[to] as number) === 0) to--;
    if (from !== -1 && !(from === 0 && to === n - 1)) {
      from = Math.max(0, from);
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', String(x(from) - 1));
      rect.setAttribute('width', String(Math.max(2, x(to) - x(from) + 2)));
      rect.setAttribute('y', '0');
      rect.setAttribute('height', String(height));
      svg.appendChild(rect);
    }
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute(
    'd',
    line<number>(
      (_, i) => x(i),
      (value) => y(value),
    )(Array.from(weekly)) ?? '',
  );
  svg.appendChild(path);
  return svg;
}
