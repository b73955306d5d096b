/**
 * The cred explorer: a static site over the JSON `cred site` emits. Four views (leaderboard,
 * contributor, weights, ledger), each at a stable hash URL; d3 draws the charts; no framework.
 */
import { loadIndex } from './data.js';
import { h, replace } from './dom.js';
import { parseRoute, type Route } from './route.js';
import { renderContributor } from './views/contributor.js';
import { renderLeaderboard } from './views/leaderboard.js';
import { renderLedger } from './views/ledger.js';
import { renderWeights } from './views/weights.js';
import { enhanceTables } from './tables.js';

type View = (root: HTMLElement, route: Route) => Promise<void>;

const VIEWS: Record<string, View> = {
  leaderboard: renderLeaderboard,
  contributor: renderContributor,
  weights: renderWeights,
  ledger: renderLedger,
};

let generation = 0;

async function show(): Promise<void> {
  const route = parseRoute(location.hash);
  const root = document.getElementById('view') as HTMLElement;
  const view = VIEWS[route.view];
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const active =
      link.dataset.view === route.view ||
      (route.view === 'contributor' && link.dataset.view === 'leaderboard');
    link.classList.toggle('active', active);
  }
  const current = ++generation;
  document.body.dataset.view = route.view;
  delete document.body.dataset.ready;
  delete document.body.dataset.chain;
  delete document.body.dataset.payouts;
  try {
    if (view === undefined) {
      replace(root, h('h1', {}, 'Not found'), h('p', {}, `There is no view "${route.view}".`));
    } else {
      await view(root, route);
    }
  } catch (error) {
    if (current !== generation) return;
    replace(root, h('h1', {}, 'Something went wrong'), h('p', { class: 'error' }, String(error)));
  }
}

async function header(): Promise<void> {
  const data = (await loadIndex()).summary;
  document.title = `${data.instance.name} · cred`;
  (document.getElementById('instance-name') as HTMLElement).textContent = data.instance.name;
  const { iterations, converged } = data.convergence;
  replace(
    document.getElementById('footer') as HTMLElement,
    `${data.algorithm} over ${data.weekCount} weeks from ${data.firstWeek ?? '–'}, `,
    `${converged ? 'converged' : 'NOT converged'} after ${iterations} iterations; `,
    `scores ${data.credDigest.slice(0, 19)}… (output/cred.credscores)`,
  );
}

/** Tables get labelled cells (stacked rows on phones) and sortable columns as they appear. */
function watchTables(): void {
  const root = document.getElementById('view') as HTMLElement;
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      enhanceTables(root);
    });
  }).observe(root, { childList: true, subtree: true });
}

watchTables();
window.addEventListener('hashchange', () => void show());
void header().catch(() => undefined);
void show();
