/**
 * Ledger (for funders): the ledger's hash chain verified in this browser, payouts per month
 * with their public reports and the status of their expenses, what the collective still owes
 * each identity, and exclusions with their reasons. `#/ledger/<month>` opens a month's payout
 * (ledgerMonth.ts). Until the instance keeps a ledger, `cred site` emits no ledger data and
 * this view says so.
 */
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { loadIndex, loadLedger } from '../data.js';
import { namesModel } from '../indexModel.js';
import { h, replace, table } from '../dom.js';
import { formatNumber } from '../format.js';
import { refCell } from '../ledger/identities.js';
import { addAmounts, formatAmount, minorUnits } from '../ledger/money.js';
import { verifyLedger } from '../ledger/verify.js';
import type { Model } from '../model.js';
import type { Route } from '../route.js';
import { describePolicy, payoutHref, reportLinks } from '../ledger/payouts.js';
import { chainSection } from './ledgerChain.js';
import { renderLedgerMonth } from './ledgerMonth.js';

const BALANCES_SHOWN = 100;

export async function renderLedger(root: HTMLElement, route: Route): Promise<void> {
  // Names come from data/names.json, fetched with the ledger data: no weekly cred is needed.
  const { summary } = await loadIndex();
  if (!summary.parts.ledger) {
    replace(
      root,
      h('h1', {}, 'Ledger'),
      h(
        'p',
        { class: 'notice', id: 'no-ledger' },
        'No ledger yet. Once this instance records cred and payouts in data/ledger.jsonl, ',
        'this page lists payouts per month with their reports, expenses and their status, ',
        'balances owed, exclusions with reasons, and verifies the ledger’s hash chain.',
      ),
    );
    document.body.dataset.ready = 'ledger';
    return;
  }
  const [model, ledger] = await Promise.all([namesModel(), loadLedger()]);
  if (route.arg !== undefined) {
    await renderLedgerMonth(root, model, ledger, route.arg);
    return;
  }
  // The worker (and its download of the whole ledger) starts once the page has painted.
  const chain = chainSection(
    ledger,
    afterPaint().then(() => verifyLedger(ledger)),
  );
  replace(
    root,
    h('h1', {}, 'Ledger'),
    h(
      'p',
      { class: 'summary', id: 'ledger-totals' },
      `All amounts in ${ledger.currency}. Distributed by cred: `,
      h('strong', { id: 'total-distributed' }, formatAmount(ledger.totals.distributed)),
      '; paid: ',
      h('strong', { id: 'total-paid' }, formatAmount(ledger.totals.paid)),
      '; still owed: ',
      h(
        'strong',
        { id: 'total-owed' },
        formatAmount(addAmounts(ledger.totals.owed, ledger.totals.pending)),
      ),
      ` (${formatAmount(ledger.totals.pending)} of it filed as expenses).`,
    ),
    chain,
    h('h2', {}, 'Payouts per month'),
    payoutsTable(ledger),
    h('h2', {}, 'Balances owed'),
    balancesTable(model, ledger),
    h('h2', {}, 'Exclusions'),
    exclusionsTable(model, ledger),
    ...otherExpenses(model, ledger),
  );
  performance.mark('cred:ledger-ready');
  document.body.dataset.ready = 'ledger';
}

/** Resolves after the next frame is painted (or soon, in a tab that paints no frames). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
}

function expenseSummary(expenses: Readonly<Record<string, number>>): string {
  const entries = Object.entries(expenses);
  if (entries.length === 0) return 'none filed';
  return entries.map(([status, count]) => `${count} ${status}`).join(', ');
}

function payoutsTable(ledger: SiteLedger): Node {
  if (ledger.payouts.length === 0) return h('p', { class: 'status' }, 'No payouts yet.');
  const rows = ledger.payouts.map((payout) =>
    h(
      'tr',
      { 'data-payout': payout.id },
      h('td', {}, h('a', { href: payoutHref(ledger, payout) }, payout.month)),
      h('td', {}, h('span', { class: `pill status-${payout.status}` }, payout.status)),
      h('td', { class: 'num' }, formatAmount(payout.revenue)),
      h('td', { class: 'num' }, payout.ratio),
      h('td', { class: 'num' }, formatAmount(payout.pool)),
      h('td', { class: 'muted' }, describePolicy(payout.policy)),
      h('td', { class: 'num' }, formatAmount(payout.minimum)),
      h('td', { class: 'num' }, formatAmount(payout.totals.payments), ` to ${payout.paidCount}`),
      h('td', { class: 'num' }, formatAmount(payout.totals.carried)),
      h('td', { class: 'muted' }, expenseSummary(payout.expenses)),
      h('td', {}, ...reportLinks(payout)),
    ),
  );
  const headers = ['month', 'status', 'revenue R', 'ratio p', 'pool', 'policy', 'minimum'];
  return table(
    'payouts',
    [...headers, 'payments', 'carried', 'expenses', 'public report'],
    [2, 3, 4, 6, 7, 8],
    rows,
  );
}

function balancesTable(model: Model, ledger: SiteLedger): Node {
  const { balances } = ledger;
  const quantum = model.data.quantum;
  const rows = balances.identity
    .map((ref, k) => ({
      ref,
      k,
      owed: addAmounts(balances.owed[k] as string, balances.pending[k] as string),
    }))
    .filter((row) => minorUnits(row.owed) !== 0n)
    .sort((a, b) => {
      const difference = minorUnits(b.owed) - minorUnits(a.owed);
      return difference > 0n ? 1 : difference < 0n ? -1 : a.ref - b.ref;
    });
  if (rows.length === 0) return h('p', { class: 'status' }, 'Nobody is owed anything.');
  const body = rows
    .slice(0, BALANCES_SHOWN)
    .map(({ ref, k, owed }) =>
      h(
        'tr',
        { 'data-ref': ref },
        h('td', {}, refCell(model, ledger, ref)),
        h('td', { class: 'num' }, formatAmount(owed)),
        h('td', { class: 'num' }, formatAmount(balances.pending[k] as string)),
        h('td', { class: 'num' }, formatAmount(balances.paid[k] as string)),
        h(
          'td',
          { class: 'num' },
          formatNumber((balances.lifetimeCred[k] as number) * quantum, model.data.decimals),
        ),
      ),
    );
  return h(
    'div',
    {},
    table(
      'balances',
      ['identity', 'owed', 'of which filed', 'paid out to date', 'lifetime cred'],
      1,
      body,
    ),
    rows.length > BALANCES_SHOWN
      ? h('p', { class: 'status' }, `The ${BALANCES_SHOWN} largest of ${rows.length} balances.`)
      : null,
  );
}

function exclusionsTable(model: Model, ledger: SiteLedger): Node {
  if (ledger.exclusions.length === 0) return h('p', { class: 'status' }, 'No exclusions.');
  const rows = ledger.exclusions.map((exclusion) =>
    h(
      'tr',
      {},
      h('td', {}, exclusion.month),
      h('td', {}, refCell(model, ledger, exclusion.identity)),
      h('td', {}, exclusion.reason),
    ),
  );
  return table('exclusions', ['month', 'identity', 'reason'], 3, rows);
}

function otherExpenses(model: Model, ledger: SiteLedger): Node[] {
  if (ledger.otherExpenses.length === 0) return [];
  const rows = ledger.otherExpenses.map((expense) =>
    h(
      'tr',
      {},
      h('td', {}, expense.distribution),
      h('td', {}, refCell(model, ledger, expense.identity)),
      h('td', { class: 'num' }, formatAmount(expense.amount)),
      h('td', {}, `${expense.status} (${expense.platform})`),
      h('td', { class: 'muted' }, expense.externalId ?? ''),
    ),
  );
  return [
    h('h2', {}, 'Other distributions’ expenses'),
    table(
      'other-expenses',
      ['distribution', 'identity', 'amount', 'status', 'external id'],
      2,
      rows,
    ),
  ];
}
