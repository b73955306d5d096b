/**
 * What every table of the explorer gets, whichever view drew it: each cell is labelled with its
 * column's header (`data-label`), which narrow screens show beside the value when a row becomes
 * a stacked card (style.css), and columns sort when their header is pressed (a button, so the
 * keyboard reaches it; `aria-sort` says the order). Views call nothing: app.ts watches the page
 * and enhances tables as they appear. A table with `data-sorted="external"` (the leaderboard,
 * which ranks all identities, not the rows on screen) keeps its own order.
 */

/** Labels the cells of every table under `root` and makes their headers sort the rows. */
export function enhanceTables(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    for (const row of table.querySelectorAll<HTMLTableRowElement>(
      'tbody tr:not([data-labelled])',
    )) {
      let column = 0;
      for (const cell of row.cells) {
        const label = headers[column];
        if (label !== undefined && label !== '' && cell.colSpan === 1) cell.dataset.label = label;
        column += cell.colSpan;
      }
      row.dataset.labelled = '';
    }
    if (table.dataset.sortable === undefined && table.dataset.sorted !== 'external') {
      makeSortable(table);
    }
  }
}

function makeSortable(table: HTMLTableElement): void {
  table.dataset.sortable = '';
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
  headers.forEach((th, column) => {
    const text = th.textContent ?? '';
    if (text === '') return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = text;
    button.title = `Sort by ${text}`;
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const numeric = th.classList.contains('num');
      const current = th.getAttribute('aria-sort');
      const descending = current === null || current === 'none' ? numeric : current === 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      sortRows(table, column, numeric, descending);
    });
  });
}

/** A cell's value to sort by: `data-sort` if given, else its number or its text. */
function sortKey(cell: HTMLTableCellElement | undefined, numeric: boolean): number | string {
  const text = cell?.dataset.sort ?? cell?.textContent ?? '';
  if (!numeric) return text.toLowerCase();
  const match = /-?[\d,]*\.?\d+/.exec(text);
  return match === null ? Number.NEGATIVE_INFINITY : Number(match[0].replace(/,/g, ''));
}

/** Sorts the body rows by a column; rows summing others up (`rest`, `sum`) stay last. */
function sortRows(table: HTMLTableElement, column: number, numeric: boolean, descending: boolean) {
  const body = table.tBodies[0];
  if (body === undefined) return;
  const rows = [...body.rows];
  const fixed = rows.filter(
    (row) => row.classList.contains('rest') || row.classList.contains('sum'),
  );
  const sorted = rows
    .filter((row) => !fixed.includes(row))
    .map((row, k) => ({ row, k, key: sortKey(row.cells[column], numeric) }))
    .sort((a, b) => {
      const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (descending ? -order : order) || a.k - b.k;
    });
  body.replaceChildren(...sorted.map(({ row }) => row), ...fixed);
}
