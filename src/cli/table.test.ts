import { describe, expect, it } from 'vitest';
import { fixed, renderTable, sparkline } from './table.js';

describe('cli/table', () => {
  it('sparkline(values, max) scales to a shared maximum, so dust stays flat', () => {
    expect(sparkline([0, 1, 2, 4])).toBe('▁▂▄█');
    expect(sparkline([1e-17, 2e-17], 4)).toBe('▁▁');
    expect(sparkline([0, 0])).toBe('▁▁');
  });

  it('renderTable(rows, columns) pads columns, counting wide characters twice', () => {
    const text = renderTable(
      [
        { name: '陈晓雨', cred: 1.5 },
        { name: 'kim', cred: 12 },
      ],
      [
        { header: 'name', value: (row) => row.name },
        { header: 'cred', value: (row) => fixed(row.cred), align: 'right' },
      ],
    );
    expect(text.split('\n')).toEqual(['name     cred', '陈晓雨   1.50', 'kim     12.00']);
  });
});
