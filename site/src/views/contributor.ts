/**
 * Contributor: one identity's weekly cred over time, where it came from (all weeks, and any
 * week one clicks: the contributions and people whose cred it banked, with "carried from" for
 * flow that reached it in a neighbouring week), who it worked with, and (once the ledger
 * exists) its payouts and what it is owed (contributorPayouts.ts).
 */
import type { SiteContributor, SiteShare } from '../../../src/instance/site/format.js';
import { isoWeekName, parseIsoWeek, WEEK_MS } from '../../../src/core/weeks.js';
import { loadContributor } from '../data.js';
import { externalLink, h, replace, table } from '../dom.js';
import { formatDate, formatNumber, formatPercent } from '../format.js';
import { rank, weekStart, weeklyUnits, type Model } from '../model.js';
import { href, replaceState, type Route } from '../route.js';
import { chartSection, type ChartSection } from './contributorChart.js';
import { payoutSection } from './contributorPayouts.js';
import { reactionsSection } from './contributorReactions.js';
import { modelWith, namesModel } from '../indexModel.js';
import { leaderboardModel } from './leaderboard.js';

/** What every part of the page needs. */
interface Page {
  readonly model: Model;
  readonly index: number;
  readonly id: string;
  readonly detail: SiteContributor | null;
  readonly weekly: Float64Array;
  readonly cred: (units: number) => string;
}

export async function renderContributor(root: HTMLElement, route: Route): Promise<void> {
  const id = route.arg ?? '';
  // The page's own file, fetched at once, while the names load.
  const pending = loadContributor(id);
  pending.catch(() => undefined);
  const names = await namesModel();
  const index = names.indexOf.get(id);
  if (index === undefined) {
    replace(root, h('h1', {}, 'Unknown identity'), h('p', {}, `No identity has the id "${id}".`));
    return;
  }
  const { model, detail } = await pageData(names, index, pending);
  const { data } = model;
  const page: Page = {
    model,
    index,
    id,
    detail,
    weekly: weeklyUnits(model, index),
    cred: (units) => formatNumber(units * data.quantum, data.decimals),
  };
  const weekSection = h('section', { id: 'week' });
  const payouts = h('section', { id: 'payout-section' }, h('p', { class: 'status' }, 'Loading…'));
  const select = (week: number): void => {
    replaceState(
      href('contributor', id, { week: isoWeekName(weekStart(model, week), model.weekStart) }),
    );
    const bars = root.querySelectorAll<SVGElement>('.chart .bar');
    if (![...bars].some((bar) => Number(bar.dataset.week) === week)) weekly?.show(week);
    for (const bar of root.querySelectorAll<SVGElement>('.chart .bar')) {
      bar.classList.toggle('selected', Number(bar.dataset.week) === week);
    }
    replace(weekSection, ...weekExplanation(page, week));
  };
  const weekly = chart(page, select);
  const selectedMs = parseIsoWeek(route.params.get('week') ?? '', model.weekStart);
  const selected =
    selectedMs === undefined ? undefined : Math.round((selectedMs - model.firstWeekMs) / WEEK_MS);
  replace(
    root,
    ...header(page),
    h('h2', {}, 'Weekly cred'),
    weekly === null ? h('p', { class: 'status' }, 'No weeks scored yet.') : weekly.element,
    weekSection,
    ...kindSection(page),
    h('h2', {}, 'Contributions that earned the most'),
    page.detail === null ? h('p', { class: 'status' }, 'No sources of cred.') : topTable(page),
    h('h2', {}, 'Worked with'),
    collaborators(page),
    ...reactionsSection(model, index, page.detail?.reactions),
    h('h2', {}, 'Payouts and amounts owed'),
    payouts,
  );
  const valid = selected !== undefined && selected >= 0 && selected < data.weekCount;
  weekly?.show(valid ? selected : undefined);
  if (valid) select(selected);
  performance.mark('cred:contributor-ready');
  document.body.dataset.ready = 'contributor';
  fillPayouts(payouts, model, index);
}

/**
 * The identity's page and a model with its weekly cred, from its contributor file and the
 * names; from data/leaderboard.json when the site has no contributor files.
 */
async function pageData(
  names: Model,
  index: number,
  pending: Promise<SiteContributor | null>,
): Promise<{ model: Model; detail: SiteContributor | null }> {
  if (names.data.parts.contributors === 0) return { model: await leaderboardModel(), detail: null };
  const detail = await pending;
  return { model: detail === null ? names : await modelWith(index, detail.cred), detail };
}

/** The payout section loads the ledger data after the page shows; `data-payouts` says when. */
function fillPayouts(section: HTMLElement, model: Model, index: number): void {
  payoutSection(model, index).then(
    (nodes) => {
      if (!section.isConnected) return;
      replace(section, ...nodes);
      document.body.dataset.payouts = 'ready';
      performance.mark('cred:payouts-ready');
    },
    (error: unknown) => {
      replace(section, h('p', { class: 'error' }, `Payouts could not be loaded: ${String(error)}`));
      document.body.dataset.payouts = 'failed';
    },
  );
}

function header(page: Page): (Node | null)[] {
  const { data } = page.model;
  const total = page.model.totals[page.index] as number;
  const place =
    page.detail?.rank ??
    rank(page.model, {
      period: { kind: 'all', name: 'all' },
      plugin: -1,
      type: -1,
      query: '',
    }).order.indexOf(page.index) + 1;
  const platforms = (data.identities.plugins[page.index] as number[]).map(
    (p) => data.plugins[p]?.title ?? '',
  );
  const byPlugin = Object.entries(page.detail?.credByPlugin ?? {}).sort(([, a], [, b]) => b - a);
  const excluded = page.model.excluded.get(page.index);
  return [
    h('h1', {}, data.identities.name[page.index] as string),
    excluded === undefined
      ? null
      : h('p', { class: 'flagged', id: 'excluded' }, `Excluded from payouts (${excluded}).`),
    h(
      'p',
      { class: 'summary' },
      `${data.identityTypes[data.identities.type[page.index] as number]} · `,
      platforms.length > 0 ? `${platforms.join(', ')} · ` : '',
      h('strong', { id: 'total-cred' }, page.cred(total)),
      ' cred in all weeks',
      total > 0 ? ` · #${place} of ${page.model.count}` : '',
    ),
    h(
      'p',
      { id: 'by-plugin' },
      ...byPlugin.map(([plugin, units]) =>
        h('span', { class: 'pill' }, `${plugin}: ${page.cred(units)}`),
      ),
    ),
  ];
}

function chart(page: Page, select: (week: number) => void): ChartSection | null {
  const { model } = page;
  if (model.data.weekCount === 0) return null;
  return chartSection({
    model,
    detail: page.detail,
    weekStartsMs: Array.from({ length: model.data.weekCount }, (_, t) => weekStart(model, t)),
    values: page.weekly.map((units) => units * model.data.quantum),
    onSelect: select,
    label: (t) =>
      `${isoWeekName(weekStart(model, t), model.weekStart)}: ${page.cred(page.weekly[t] as number)} cred`,
  });
}

/** All of the cred by kind of contribution: the rows add up to the total. */
function kindSection(page: Page): Node[] {
  const byKind = Object.entries(page.detail?.credByKind ?? {}).sort(([, a], [, b]) => b - a);
  if (byKind.length === 0) return [];
  const total = page.model.totals[page.index] as number;
  const rows = byKind.map(([kind, units]) =>
    h('tr', { 'data-kind': kind }, h('td', {}, kind), ...cells(page, units, total)),
  );
  const sum = byKind.reduce((a, [, units]) => a + units, 0);
  const together = cells(page, sum, total);
  together[0]?.setAttribute('id', 'kind-sum');
  rows.push(h('tr', { class: 'sum' }, h('td', {}, 'together'), ...together));
  return [
    h('h2', {}, 'Cred by kind of contribution'),
    table('by-kind', ['kind', 'cred', '% of cred'], 1, rows),
  ];
}

function sourceCell(page: Page, source: number): Node {
  const info = page.detail?.sources[source];
  if (info === undefined) return document.createTextNode('?');
  if (info.identity !== undefined) {
    const id = page.model.data.identities.id[info.identity] as string;
    return h('a', { href: href('contributor', id) }, `@${info.description}`);
  }
  return externalLink(info.description, info.url);
}

function cells(page: Page, units: number, whole: number): HTMLElement[] {
  return [
    h('td', { class: 'num' }, page.cred(units)),
    h('td', { class: 'num' }, formatPercent(units, whole)),
  ];
}

function topTable(page: Page): HTMLElement {
  const detail = page.detail as SiteContributor;
  const total = page.model.totals[page.index] as number;
  const rows = detail.total.shares.map(([source, units]) => {
    const info = detail.sources[source];
    return h(
      'tr',
      {},
      h('td', {}, sourceCell(page, source)),
      h('td', { class: 'muted' }, formatDate(info?.timestampMs ?? null)),
      h('td', {}, h('span', { class: 'pill' }, info?.plugin ?? '')),
      h('td', { class: 'muted' }, (info?.via ?? []).join(', ')),
      ...cells(page, units, total),
    );
  });
  if (detail.total.rest > 0) {
    const rest = detail.total.rest;
    rows.push(
      h(
        'tr',
        { class: 'rest' },
        h('td', { colspan: 4 }, 'other sources'),
        ...cells(page, rest, total),
      ),
    );
  }
  return table('top', ['contribution', 'date', 'platform', 'via', 'cred', '% of cred'], 4, rows);
}

function weekExplanation(page: Page, week: number): Node[] {
  const { model } = page;
  const units = page.weekly[week] as number;
  const name = isoWeekName(weekStart(model, week), model.weekStart);
  const heading = h(
    'h2',
    {},
    `Week ${name}: `,
    h('span', { id: 'week-cred' }, page.cred(units)),
    ' cred',
  );
  const entry = page.detail?.weeks.find(([t]) => t === week);
  if (entry === undefined) {
    const why = units > 0 ? 'Too little cred this week to list its sources.' : 'No cred this week.';
    return [heading, h('p', { class: 'status' }, why)];
  }
  const [, shares, rest] = entry;
  const rows = shares.map(([source, entryWeek, value]: SiteShare) => {
    const reached =
      entryWeek === week
        ? 'this week'
        : `carried from ${isoWeekName(weekStart(model, entryWeek), model.weekStart)}`;
    return h(
      'tr',
      {},
      h('td', {}, sourceCell(page, source)),
      h('td', { class: 'muted' }, reached),
      h('td', { class: 'muted' }, (page.detail?.sources[source]?.via ?? []).join(', ')),
      ...cells(page, value, units),
    );
  });
  if (rest > 0) {
    rows.push(
      h(
        'tr',
        { class: 'rest' },
        h('td', { colspan: 3 }, 'other sources'),
        ...cells(page, rest, units),
      ),
    );
  }
  const listed = shares.reduce((sum, share) => sum + share[2], 0) + rest;
  const sum = cells(page, listed, units);
  sum[0]?.setAttribute('id', 'week-sum');
  rows.push(h('tr', { class: 'sum' }, h('td', { colspan: 3 }, 'together'), ...sum));
  return [
    heading,
    table('week-sources', ['source', 'reached', 'via', 'cred', '% of week'], 3, rows),
  ];
}

function collaborators(page: Page): HTMLElement {
  const list = page.detail?.collaborators ?? [];
  if (list.length === 0) return h('p', { class: 'status' }, 'Nobody yet.');
  const { identities } = page.model.data;
  return h(
    'ul',
    { id: 'collaborators' },
    ...list.map(([other, shared]) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: href('contributor', identities.id[other]) },
          identities.name[other] as string,
        ),
        ` (${shared} shared)`,
      ),
    ),
  );
}
