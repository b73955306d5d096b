/**
 * One month's payout (`#/ledger/2026-10`, or `#/ledger/payout-2026-10-1` for an earlier,
 * withdrawn proposal): revenue R, ratio p, pool, policy and minimum, the published report,
 * and every line as the report has it (cred, share, owed before, paid, carried, status or
 * reason) with the expenses filed for it, their status and external id. Lines are listed by
 * amount (largest payment first) and render a page at a time; a search box narrows them by name.
 */
import type {
  SiteExpense,
  SiteLedger,
  SitePayout,
  SitePayoutSummary,
} from '../../../src/instance/site/ledgerFormat.js';
import { loadPayout } from '../data.js';
import { h, replace, table, type Child } from '../dom.js';
import { formatNumber } from '../format.js';
import { refCell, refId, refName } from '../ledger/identities.js';
import { formatAmount, minorUnits } from '../ledger/money.js';
import { verifyLedger } from '../ledger/verify.js';
import type { Model } from '../model.js';
import { href } from '../route.js';
import {
  describePolicy,
  LINE_HEADERS,
  lineCells,
  payoutHref,
  reportLinks,
} from '../ledger/payouts.js';
import { lineMismatches } from '../ledger/check.js';
import type { DerivedLedger } from '../ledger/derive.js';
import { chainSection } from './ledgerChain.js';

const PAGE = 200;

export async function renderLedgerMonth(
  root: HTMLElement,
  model: Model,
  ledger: SiteLedger,
  which: string,
): Promise<void> {
  const ofMonth = ledger.payouts.filter((p) => p.month === which);
  const summary = ledger.payouts.find((p) => p.id === which) ?? ofMonth.at(-1);
  if (summary === undefined) {
    replace(
      root,
      h('h1', {}, 'No such payout'),
      h(
        'p',
        {},
        `The ledger has no payout for "${which}". `,
        h('a', { href: href('ledger') }, 'All payouts'),
      ),
    );
    document.body.dataset.ready = 'ledger';
    return;
  }
  const payout = await loadPayout(summary.file);
  const lines = h('div', { id: 'lines' });
  const search = h('input', { id: 'line-search', type: 'search', placeholder: 'Search names' });
  let shown = PAGE;
  const draw = (): void => replace(lines, ...lineTable(model, ledger, payout, search.value, shown));
  search.addEventListener('input', () => {
    shown = PAGE;
    draw();
  });
  lines.addEventListener('click', (event) => {
    if ((event.target as Element).id !== 'more-lines') return;
    shown += PAGE;
    draw();
  });
  draw();
  replace(
    root,
    h('p', {}, h('a', { href: href('ledger') }, '← Ledger')),
    h('h1', {}, `Payout ${summary.month}`),
    details(summary),
    ...siblings(ledger, summary),
    chainSection(ledger, verifyLedger(ledger), (derived) =>
      checkLines(model, ledger, payout, derived),
    ),
    h('h2', {}, `Lines (${summary.lineCount})`),
    h('div', { class: 'controls' }, search),
    lines,
  );
  document.body.dataset.ready = 'ledger';
}

function details(payout: SitePayoutSummary): Node {
  const money = (amount: string) => `${formatAmount(amount)} ${payout.currency}`;
  const item = (term: string, ...value: Child[]) =>
    h('div', {}, h('dt', {}, term), h('dd', {}, ...value));
  const report = payout.report;
  return h(
    'dl',
    { id: 'payout-details', class: 'details' },
    item('status', h('span', { id: 'payout-status' }, payout.status)),
    item('revenue R', h('span', { id: 'payout-revenue' }, money(payout.revenue))),
    item('payout ratio p', h('span', { id: 'payout-ratio' }, payout.ratio)),
    item('pool (R × p, split by cred)', h('span', { id: 'payout-pool' }, money(payout.pool))),
    item('policy', describePolicy(payout.policy)),
    item('minimum payment', h('span', { id: 'payout-minimum' }, money(payout.minimum))),
    item(
      'payments this month',
      h('span', { id: 'payout-payments' }, money(payout.totals.payments)),
      ` to ${payout.paidCount} of ${payout.lineCount}`,
    ),
    item(
      'carried to later months',
      h('span', { id: 'payout-carried' }, money(payout.totals.carried)),
    ),
    item('review ends', payout.reviewEnds),
    item(
      'cred from',
      `${payout.inputs.algorithm}; graph ${payout.inputs.graphDigest}; weights ${payout.inputs.weightsDigest}`,
    ),
    item('public report', ...reportLinks(payout)),
    report === null
      ? null
      : item(
          'ledger when the report was written',
          `${report.lines} lines, head ${report.headHash}`,
        ),
  );
}

function siblings(ledger: SiteLedger, payout: SitePayoutSummary): Node[] {
  const others = ledger.payouts.filter((p) => p.month === payout.month && p.id !== payout.id);
  if (others.length === 0) return [];
  return [
    h(
      'p',
      { class: 'status' },
      'Other proposals this month: ',
      ...others.flatMap((other, k) => [
        k > 0 ? ', ' : '',
        h('a', { href: payoutHref(ledger, other) }, `${other.id} (${other.status})`),
      ]),
    ),
  ];
}

function lineTable(
  model: Model,
  ledger: SiteLedger,
  payout: SitePayout,
  query: string,
  shown: number,
): Child[] {
  const { lines } = payout;
  const reasons = new Map(lines.reason);
  const expenses = new Map<number, SiteExpense[]>();
  for (const [row, expense] of payout.expenses) {
    expenses.set(row, [...(expenses.get(row) ?? []), expense]);
  }
  const needle = query.trim().toLowerCase();
  const rows: HTMLElement[] = [];
  let matching = 0;
  for (const row of byAmount(payout)) {
    const ref = lines.identity[row] as number;
    if (needle !== '' && !refName(model, ledger, ref).toLowerCase().includes(needle)) continue;
    if (matching++ >= shown) continue;
    const units = lines.cred[row] as number;
    const cells = lineCells({
      cred: formatNumber(units * model.data.quantum, model.data.decimals),
      share: lines.share[row] as string,
      owedBefore: lines.owedBefore[row] as string,
      payment: lines.payment[row] as string,
      owedAfter: lines.owedAfter[row] as string,
      status: lines.status[row] as string,
      reason: reasons.get(row),
      expenses: expenses.get(row) ?? [],
    });
    rows.push(h('tr', { 'data-ref': ref }, h('td', {}, refCell(model, ledger, ref)), ...cells));
  }
  const more = Math.min(PAGE, matching - shown);
  return [
    table('payout-lines', ['identity', ...LINE_HEADERS], [1, 2, 3, 4, 5], rows),
    more > 0 ? h('button', { id: 'more-lines', type: 'button' }, `Show ${more} more`) : null,
  ];
}

/** Line indices, largest payment first, then largest amount earned, then as the report has them. */
function byAmount(payout: SitePayout): number[] {
  const { lines } = payout;
  const compare = (a: string, b: string): number => {
    const difference = minorUnits(b) - minorUnits(a);
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  };
  return lines.identity
    .map((_, row) => row)
    .sort(
      (a, b) =>
        compare(lines.payment[a] as string, lines.payment[b] as string) ||
        compare(lines.share[a] as string, lines.share[b] as string) ||
        a - b,
    );
}

/** Every line of the month's table against the verified ledger lines. */
function checkLines(model: Model, ledger: SiteLedger, payout: SitePayout, derived: DerivedLedger) {
  const { lines } = payout;
  const units = (cred: number) => Math.round(cred / model.data.quantum);
  return lines.identity.flatMap((ref, row) =>
    lineMismatches(
      payout.id,
      {
        id: refId(model, ledger, ref),
        name: refName(model, ledger, ref),
        credUnits: lines.cred[row] as number,
        share: lines.share[row] as string,
        payment: lines.payment[row] as string,
      },
      derived,
      units,
    ),
  );
}
