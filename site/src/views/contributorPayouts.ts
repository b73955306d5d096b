/**
 * The payout part of a contributor page: what the collective owes the identity (owed, and of
 * that what is filed as an expense awaiting payment), what it was paid to date, its lifetime
 * cred in the ledger, its exclusions, and its line of every payout with the expenses filed for
 * it. Loaded only on this page (data/ledger.json and one data/ledger/accounts/<n>.json).
 * The lines are checked against the verified ledger (the chain box of the ledger views, with
 * this page's lines added to its check): at once when the ledger is small, on request when
 * verifying means downloading a large one (decision 0760).
 */
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { loadAccount, loadLedger } from '../data.js';
import { h, table, type Child } from '../dom.js';
import { formatNumber } from '../format.js';
import { addAmounts, formatAmount } from '../ledger/money.js';
import { LINE_HEADERS, lineCells, payoutHref } from '../ledger/payouts.js';
import { lineMismatches } from '../ledger/check.js';
import type { DerivedLedger } from '../ledger/derive.js';
import { refName } from '../ledger/identities.js';
import { verifyLedger } from '../ledger/verify.js';
import type { Model } from '../model.js';
import { chainSection } from './ledgerChain.js';

/** Up to this many ledger lines the page checks its payout lines without being asked. */
export const AUTO_CHECK_LINES = 20_000;

type AccountLines = NonNullable<Awaited<ReturnType<typeof loadAccount>>>['lines'];

export async function payoutSection(model: Model, index: number): Promise<Child[]> {
  if (!model.data.parts.ledger) {
    return [
      h(
        'p',
        { class: 'notice', id: 'payouts' },
        'No ledger yet: payouts and amounts owed will show here once the instance keeps a ledger.',
      ),
    ];
  }
  const ledger = await loadLedger();
  const account = await loadAccount(ledger, index);
  const k = ledger.balances.identity.indexOf(index);
  const exclusions = ledger.exclusions.filter((exclusion) => exclusion.identity === index);
  const cred = (units: number) => formatNumber(units * model.data.quantum, model.data.decimals);
  const zero = ledger.totals.distributed.replace(/^-?\d+/, '0').replace(/[1-9]/g, '0');
  const amount = (column: readonly string[]) => (k === -1 ? zero : (column[k] as string));
  const owed = addAmounts(amount(ledger.balances.owed), amount(ledger.balances.pending));
  return [
    h(
      'p',
      { class: 'summary', id: 'payouts' },
      `Owed: `,
      h('strong', { id: 'owed' }, formatAmount(owed)),
      ` ${ledger.currency} (of which ${formatAmount(amount(ledger.balances.pending))} filed as expenses, awaiting payment)`,
      ' · paid out to date: ',
      h('strong', { id: 'paid' }, formatAmount(amount(ledger.balances.paid))),
      ` ${ledger.currency} · lifetime cred in the ledger: `,
      h(
        'span',
        { id: 'lifetime-cred' },
        cred(k === -1 ? 0 : (ledger.balances.lifetimeCred[k] as number)),
      ),
    ),
    exclusions.length === 0
      ? null
      : h(
          'ul',
          { id: 'exclusions' },
          ...exclusions.map((e) => h('li', {}, `Excluded from ${e.month}: ${e.reason}`)),
        ),
    account === null
      ? h('p', { class: 'status', id: 'no-payouts' }, 'No payout lines yet.')
      : historyTable(ledger, account.lines, cred),
    account === null ? null : lineCheck(model, ledger, index, account.lines),
  ];
}

/** The verification box, checking this identity's lines; behind a button for large ledgers. */
function lineCheck(model: Model, ledger: SiteLedger, index: number, lines: AccountLines): Node {
  const units = (value: number) => Math.round(value / model.data.quantum);
  const check = (derived: DerivedLedger) =>
    lines.flatMap(([p, credUnits, share, , payment]) =>
      lineMismatches(
        ledger.payouts[p]?.id ?? `payout #${p}`,
        {
          id: model.data.identities.id[index] as string,
          name: refName(model, ledger, index),
          credUnits,
          share,
          payment,
        },
        derived,
        units,
      ),
    );
  const start = () => chainSection(ledger, verifyLedger(ledger), check);
  if (ledger.chain.lines <= AUTO_CHECK_LINES) return h('div', { id: 'payout-check' }, start());
  const box = h('div', { id: 'payout-check' });
  const button = h(
    'button',
    { id: 'check-payouts', type: 'button' },
    `Check these lines against the ledger (${ledger.chain.lines} lines to download and verify)`,
  );
  button.addEventListener('click', () => box.replaceChildren(start()));
  box.append(button);
  return box;
}

function historyTable(
  ledger: SiteLedger,
  lines: AccountLines,
  cred: (units: number) => string,
): Node {
  const rows = lines.map(
    ([p, units, share, owedBefore, payment, owedAfter, status, reason, expenses]) => {
      const payout = ledger.payouts[p];
      const month =
        payout === undefined ? '?' : h('a', { href: payoutHref(ledger, payout) }, payout.month);
      return h(
        'tr',
        { 'data-payout': payout?.id ?? '' },
        h('td', {}, month),
        h('td', { class: 'muted' }, payout?.status ?? ''),
        ...lineCells({
          cred: cred(units),
          share,
          owedBefore,
          payment,
          owedAfter,
          status,
          reason,
          expenses,
        }),
      );
    },
  );
  return table('payout-history', ['month', 'payout', ...LINE_HEADERS], [2, 3, 4, 5, 6], rows);
}
