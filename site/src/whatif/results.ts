/**
 * The what-if's results: the ranking with the edited weights beside the one in force, over all
 * time or a month, each person's cred, share of the period's cred (now and what-if) and, for a
 * month and a pool of money, the amount that share is of the pool. A payout also applies its
 * policy, minimum and balances: `cred weights diff --month --revenue` plans the real payment.
 */
import { h, replace } from '../dom.js';
import { formatNumber, formatPercent } from '../format.js';
import {
  parsePeriod,
  periodChoices,
  periodCred,
  periodFractions,
  rank,
  type Model,
  type Period,
} from '../model.js';
import { href } from '../route.js';
import type { WhatIfResult } from './client.js';

const SHOWN = 25;

/** The period and pool inputs; read them when recomputing. */
export function whatIfInputs(model: Model) {
  const months = periodChoices(model).month;
  const month = h(
    'select',
    { id: 'whatif-period', 'aria-label': 'Period of the what-if' },
    h('option', { value: 'all' }, 'All time'),
    ...months.map((name) => h('option', { value: name }, name)),
  );
  const pool = h('input', {
    id: 'whatif-pool',
    type: 'number',
    min: 0,
    step: 'any',
    placeholder: 'e.g. 5000',
    'aria-label': `Money to split for the month, in ${model.data.instance.currency}`,
  });
  const label = h('label', { for: 'whatif-pool' }, `Pool (${model.data.instance.currency})`);
  return {
    elements: [month, label, pool],
    period: (): Period => parsePeriod(month.value),
    pool: (): number | null => {
      const value = Number(pool.value);
      return pool.value === '' || !Number.isFinite(value) || value <= 0 ? null : value;
    },
    fractions: (): Float64Array | undefined => {
      const period = parsePeriod(month.value);
      return period.kind === 'all' ? undefined : periodFractions(model, period);
    },
  };
}

export function renderResults(
  root: HTMLElement,
  model: Model,
  result: WhatIfResult,
  period: Period,
  pool: number | null,
): void {
  const { data } = model;
  const { decimals, quantum } = data;
  const filter = { period, plugin: -1, type: -1, query: '' };
  const before = rank(model, filter, periodCred(model, period));
  const rankBefore = new Map(Array.from(before.order, (identity, r) => [identity, r + 1]));
  const credAfter = period.kind === 'all' ? result.totals : (result.periodTotals ?? result.totals);
  const after = rank(
    model,
    filter,
    credAfter.map((value) => value / quantum),
  );
  const money = pool !== null && period.kind === 'month';
  const amount = (units: number, total: number) =>
    total > 0 ? formatNumber((pool as number) * (units / total), 2) : '–';
  const rows = Array.from(after.order.slice(0, SHOWN), (i, r) => {
    const moved = (rankBefore.get(i) ?? 0) - (r + 1);
    const now = before.cred[i] as number;
    const then = after.cred[i] as number;
    return h(
      'tr',
      { 'data-id': data.identities.id[i] as string },
      h('td', { class: 'num' }, r + 1),
      h(
        'td',
        {},
        h('a', { href: href('contributor', data.identities.id[i]) }, data.identities.name[i]),
      ),
      h('td', { class: 'num' }, formatNumber(now * quantum, decimals)),
      h('td', { class: 'num whatif-cred' }, formatNumber((credAfter[i] as number) ?? 0, decimals)),
      h(
        'td',
        { class: moved > 0 ? 'up' : moved < 0 ? 'down' : 'muted' },
        moved > 0 ? `▲ ${moved}` : moved < 0 ? `▼ ${-moved}` : '=',
      ),
      h('td', { class: 'num' }, formatPercent(now, before.total)),
      h('td', { class: 'num whatif-percent' }, formatPercent(then, after.total)),
      money ? h('td', { class: 'num' }, amount(now, before.total)) : null,
      money ? h('td', { class: 'num whatif-amount' }, amount(then, after.total)) : null,
    );
  });
  const currency = data.instance.currency;
  replace(
    root,
    h(
      'p',
      { class: 'summary' },
      period.kind === 'all' ? 'All time' : period.name,
      money
        ? `: ${formatNumber(pool as number, 2)} ${currency} split in proportion to cred. A payout also applies its policy, minimum and balances; "cred weights diff --month ${period.name} --revenue R" plans it exactly.`
        : '',
    ),
    h(
      'table',
      { id: 'whatif-ranking' },
      h('thead', {}, h('tr', {}, ...headers(money, currency))),
      h('tbody', {}, rows),
    ),
  );
}

function headers(money: boolean, currency: string): HTMLElement[] {
  const columns = [
    ['#', 'num'],
    ['identity', ''],
    ['cred now', 'num'],
    ['what-if cred', 'num'],
    ['rank change', ''],
    ['% now', 'num'],
    ['% what-if', 'num'],
    ...(money
      ? [
          [`amount now (${currency})`, 'num'],
          [`what-if amount (${currency})`, 'num'],
        ]
      : []),
  ];
  return columns.map(([text, kind]) => h('th', { class: kind === '' ? null : kind }, text));
}
