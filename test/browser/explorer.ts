/** What the explorer's browser tests read off its pages. */
import type { Browser } from './chromium.js';

type Page = Awaited<ReturnType<Browser['page']>>;

/** Cred as the explorer shows it: 2 decimals, thousands separated. */
export const shown = (text: string | null | undefined): number =>
  Number((text ?? '').replace(/,/g, ''));

/** One display unit (0.01) plus rounding on both sides. */
export const CLOSE = 0.0101;

/** The rows of the what-if's ranking: name, cred now, cred with the edits, the change. */
export async function whatIfRows(page: Page) {
  return page.$$eval('#whatif-ranking tbody tr', (trs) =>
    trs.map((tr) => ({
      name: tr.children[1]?.textContent ?? '',
      now: tr.children[2]?.textContent ?? '',
      whatIf: tr.children[3]?.textContent ?? '',
      change: tr.children[4]?.textContent ?? '',
    })),
  );
}
