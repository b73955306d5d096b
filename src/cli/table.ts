/** Plain-text tables for the terminal: columns padded to their widest cell. */

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: 'left' | 'right';
}

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(width(column.header), ...cells.map((line) => width(line[index] ?? ''))),
  );
  const pad = (text: string, index: number) => {
    const gap = ' '.repeat((widths[index] ?? 0) - width(text));
    return columns[index]?.align === 'right' ? gap + text : text + gap;
  };
  const lines = [columns.map((column, index) => pad(column.header, index)).join('  ')];
  for (const line of cells) lines.push(line.map(pad).join('  '));
  return lines.map((line) => line.trimEnd()).join('\n');
}

/** Display width: East Asian wide characters take two columns. */
function width(text: string): number {
  let total = 0;
  for (const char of text)
    total +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return total;
}

/** A number with `digits` decimals, no locale. */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** Eight-level sparkline of a series, scaled to `max` (default: the series' own maximum). */
export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  const bars = '▁▂▃▄▅▆▇█';
  if (max === 0) return values.map(() => bars[0]).join('');
  return values.map((value) => bars[Math.min(7, Math.floor((value / max) * 7.999))]).join('');
}
