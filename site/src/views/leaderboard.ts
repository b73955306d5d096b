/**
 * Leaderboard: identities ranked by cred over a period (all time, a year, a month, a week),
 * filtered by platform and identity type, searched by name, each with a sparkline of its
 * weekly cred. The state lives in the URL. Rows render a page at a time, so 10,000 identities
 * cost one sort, not 10,000 table rows.
 */
import { sparkline } from '../charts/sparkline.js';
import type { SiteIndex } from '../../../src/instance/site/format.js';
import { loadIndex, loadLeaderboard } from '../data.js';
import { topModel } from '../indexModel.js';
import { h, replace } from '../dom.js';
import { formatNumber, formatPercent } from '../format.js';
import {
  buildModel,
  lastCompletedPeriod,
  parsePeriod,
  periodChoices,
  periodCred,
  periodFractions,
  rank,
  weeklyUnits,
  type Model,
  type Period,
} from '../model.js';
import { href, replaceState, type Route } from '../route.js';

const PAGE = 100;
const KINDS = { all: 'All time', year: 'Year', month: 'Month', week: 'Week' } as const;
type Kind = keyof typeof KINDS;

let cachedModel: Promise<Model> | undefined;

export function leaderboardModel(): Promise<Model> {
  cachedModel ??= loadLeaderboard().then(buildModel);
  cachedModel.catch(() => (cachedModel = undefined));
  return cachedModel;
}

/**
 * The full leaderboard once data/leaderboard.json is in. On a first visit to the default view
 * (all time, no filter), its first rows show before, from data/index.json (the same rows,
 * figures and scale), with the controls disabled until the full data arrives.
 */
export async function renderLeaderboard(root: HTMLElement, route: Route): Promise<void> {
  const full = leaderboardModel();
  const filtered = ['period', 'plugin', 'type', 'q'].some((name) => route.params.has(name));
  const preview = previewOf().catch(() => null);
  const first = filtered ? null : await Promise.race([full.then(() => null), preview]);
  if (first !== null) {
    const rows = new LeaderboardView(first.model, route, first.index);
    replace(root, ...rows.elements());
    rows.update(true);
    performance.mark('cred:leaderboard-content');
  }
  const view = new LeaderboardView(await full, route);
  replace(root, ...view.elements());
  view.update(true);
  if (first === null) performance.mark('cred:leaderboard-content');
  performance.mark('cred:leaderboard-ready');
  document.body.dataset.ready = 'leaderboard';
}

async function previewOf(): Promise<{ model: Model; index: SiteIndex }> {
  const index = await loadIndex();
  return { model: topModel(index), index };
}

function select(id: string, label: string, options: [string, string, boolean][]) {
  return h(
    'select',
    { id, 'aria-label': label },
    ...options.map(([value, text, selected]) => h('option', { value, selected }, text)),
  );
}

class LeaderboardView {
  private period: Period;
  private plugin: number;
  private type: number;
  private query: string;
  private shown = PAGE;
  private cred: Float64Array = new Float64Array(0);
  private highlight: Float64Array | null = null;
  private readonly choices;
  private readonly kind;
  private readonly which;
  private readonly search;
  private readonly summary = h('p', { class: 'summary', id: 'summary' });
  private readonly body = h('tbody');
  private readonly more = h('button', { id: 'more', type: 'button' }, `Show ${PAGE} more`);

  /** `preview`: the model holds the index's top rows only; the figures come from the index. */
  constructor(
    private readonly model: Model,
    route: Route,
    private readonly preview?: SiteIndex,
  ) {
    const { data } = model;
    this.choices = periodChoices(model);
    this.period = parsePeriod(route.params.get('period'), this.model.weekStart);
    this.plugin = data.plugins.findIndex((p) => p.name === route.params.get('plugin'));
    this.type = data.identityTypes.indexOf(route.params.get('type') ?? '');
    this.query = route.params.get('q') ?? '';
    const kinds = Object.entries(KINDS).map(([kind, text]): [string, string, boolean] => [
      kind,
      text,
      kind === this.period.kind,
    ]);
    this.kind = select('period-kind', 'Period', kinds);
    this.which = select('period', 'Which period', []);
    this.search = h('input', {
      id: 'search',
      type: 'search',
      placeholder: 'Search names',
      value: this.query,
      autocomplete: 'off',
    });
    if (preview !== undefined) {
      for (const control of [this.kind, this.which, this.search]) control.disabled = true;
    }
    this.fillPeriods();
    this.listen();
  }

  elements(): Node[] {
    const { data } = this.model;
    const plugins = select('plugin', 'Platform', [
      ['', 'All platforms', false],
      ...data.plugins.map((p, i): [string, string, boolean] => [
        p.name,
        p.title,
        i === this.plugin,
      ]),
    ]);
    plugins.addEventListener('change', () => {
      this.plugin = data.plugins.findIndex((p) => p.name === plugins.value);
      this.update(false);
    });
    const types = select('type', 'Identity type', [
      ['', 'All types', false],
      ...data.identityTypes.map((t, i): [string, string, boolean] => [t, t, i === this.type]),
    ]);
    types.addEventListener('change', () => {
      this.type = data.identityTypes.indexOf(types.value);
      this.update(false);
    });
    plugins.disabled = types.disabled = this.preview !== undefined;
    const headers = ['#', 'identity', 'type', 'platforms', 'cred', '% of cred', 'weekly cred'];
    const numeric = new Set(['#', 'cred', '% of cred']);
    return [
      h('h1', {}, 'Leaderboard'),
      h(
        'div',
        { class: 'controls' },
        this.kind,
        this.which,
        plugins,
        types,
        h('label', { for: 'search', class: 'visually-hidden' }, 'Search names'),
        this.search,
      ),
      this.summary,
      h(
        'table',
        { id: 'leaderboard', 'data-sorted': 'external' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...headers.map((text) =>
              h(
                'th',
                {
                  class: numeric.has(text) ? 'num' : null,
                  'aria-sort': text === 'cred' ? 'descending' : null,
                },
                text,
              ),
            ),
          ),
        ),
        this.body,
      ),
      this.more,
    ];
  }

  private listen(): void {
    this.kind.addEventListener('change', () => {
      this.fillPeriods();
      this.shown = PAGE;
      this.update(true);
    });
    this.which.addEventListener('change', () => {
      this.period = parsePeriod(this.which.value, this.model.weekStart);
      this.shown = PAGE;
      this.update(true);
    });
    this.search.addEventListener('input', () => {
      this.query = this.search.value;
      this.shown = PAGE;
      this.update(false);
      performance.mark('cred:leaderboard-searched');
      document.body.dataset.searched = this.query;
    });
    this.more.addEventListener('click', () => {
      this.shown += PAGE;
      this.update(false);
    });
  }

  /** Lists the periods of the chosen kind, keeping the current one when it is of that kind. */
  private fillPeriods(): void {
    const kind = this.kind.value as Kind;
    const names = kind === 'all' ? [] : this.choices[kind];
    const keep = names.includes(this.period.name)
      ? this.period.name
      : lastCompletedPeriod(this.model, names);
    replace(
      this.which,
      ...names.map((name) => h('option', { value: name, selected: name === keep }, name)),
    );
    this.which.hidden = kind === 'all';
    this.period = parsePeriod(kind === 'all' ? 'all' : (keep ?? 'all'), this.model.weekStart);
  }

  update(periodChanged: boolean): void {
    const { model } = this;
    const { data } = model;
    if (periodChanged) {
      this.cred = periodCred(model, this.period);
      this.highlight = this.period.kind === 'all' ? null : periodFractions(model, this.period);
    }
    const filter = { period: this.period, plugin: this.plugin, type: this.type, query: this.query };
    const ranking = rank(model, filter, this.cred);
    const { preview } = this;
    const count = preview?.identities ?? ranking.order.length;
    const total = preview?.totalUnits ?? ranking.total;
    this.renderRows(ranking.order, total);
    const earning =
      preview?.earning ?? ranking.order.filter((i) => (this.cred[i] as number) > 0).length;
    replace(
      this.summary,
      `${count} identities (${earning} with cred), `,
      h('span', { id: 'period-total' }, formatNumber(total * data.quantum, data.decimals)),
      ` cred in ${this.period.kind === 'all' ? 'all weeks' : this.period.name}`,
    );
    this.more.hidden = preview !== undefined || ranking.order.length <= this.shown;
    replaceState(
      href('leaderboard', undefined, {
        period: this.period.kind === 'all' ? undefined : this.period.name,
        plugin: data.plugins[this.plugin]?.name,
        type: data.identityTypes[this.type],
        q: this.query,
      }),
    );
  }

  private renderRows(order: Int32Array, total: number): void {
    const { model } = this;
    const { data } = model;
    const rows: HTMLElement[] = [];
    const count = Math.min(this.shown, order.length);
    const weekly = Array.from({ length: count }, (_, r) => weeklyUnits(model, order[r] as number));
    const scaleMax = weekly.reduce(
      (most, weeks) => weeks.reduce((a, b) => Math.max(a, b), most),
      0,
    );
    for (let r = 0; r < count; r++) {
      const i = order[r] as number;
      const id = data.identities.id[i] as string;
      const name = data.identities.name[i] as string;
      const platforms = (data.identities.plugins[i] as number[]).map((p) =>
        h('span', { class: 'pill' }, data.plugins[p]?.name ?? ''),
      );
      const units = this.cred[i] as number;
      rows.push(
        h(
          'tr',
          { 'data-id': id },
          h('td', { class: 'num' }, r + 1),
          h('td', {}, h('a', { href: href('contributor', id) }, name), ...badges(model, i)),
          h('td', { class: 'muted' }, data.identityTypes[data.identities.type[i] as number] ?? ''),
          h('td', {}, platforms),
          h('td', { class: 'num cred' }, formatNumber(units * data.quantum, data.decimals)),
          h('td', { class: 'num' }, formatPercent(units, total)),
          h(
            'td',
            {},
            sparkline(
              weekly[r] as Float64Array,
              this.highlight,
              scaleMax,
              sparkLabel(weekly[r] as Float64Array, data, name),
            ),
          ),
        ),
      );
    }
    replace(this.body, rows);
  }
}

/** What a sparkline says to a screen reader: the weeks with cred and the largest one. */
function sparkLabel(weekly: Float64Array, data: Model['data'], name: string): string {
  let peak = 0;
  let active = 0;
  for (const units of weekly) {
    if (units > 0) active++;
    peak = Math.max(peak, units);
  }
  const most = formatNumber(peak * data.quantum, data.decimals);
  return `Weekly cred of ${name}: ${active} of ${weekly.length} weeks with cred, at most ${most} in a week`;
}

/** Marks beside a name: a bot, an identity excluded from payouts. */
function badges(model: Model, i: number): Node[] {
  const { data } = model;
  const marks: Node[] = [];
  if (data.identityTypes[data.identities.type[i] as number] === 'bot') {
    marks.push(h('span', { class: 'badge', title: 'An automated account' }, 'bot'));
  }
  const reason = model.excluded.get(i);
  if (reason !== undefined) {
    marks.push(
      h('span', { class: 'badge flag', title: `Excluded from payouts: ${reason}` }, 'excluded'),
    );
  }
  return marks;
}
