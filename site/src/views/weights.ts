/**
 * Weights: the weights in force, what each node key minted and how much cred flowed along each
 * edge key, and a what-if: edit values, rerun CredRank in the browser (the real algorithm, in
 * a worker), see how the ranking changes, and download the edited weight files for a pull
 * request. The edits are kept in the URL, so a what-if can be linked to.
 */
import type { SiteWeightKey, SiteWeights } from '../../../src/instance/site/format.js';
import { loadWeights } from '../data.js';
import { h, replace, table } from '../dom.js';
import { formatNumber, formatPercent } from '../format.js';
import type { Model } from '../model.js';
import { href, replaceState, type Route } from '../route.js';
import { runWhatIf } from '../whatif/client.js';
import { renderResults, whatIfInputs } from '../whatif/results.js';
import {
  editedWeightFiles,
  editedWeights,
  editsFromText,
  editsToText,
  type Edits,
} from '../weightsFile.js';
import { leaderboardModel } from './leaderboard.js';

const NO_WEIGHTS =
  'This site was built without weight data (cred site needs CredRank scores for it).';

export async function renderWeights(root: HTMLElement, route: Route): Promise<void> {
  const model = await leaderboardModel();
  if (!model.data.parts.weights) {
    replace(root, h('h1', {}, 'Weights'), h('p', { class: 'notice' }, NO_WEIGHTS));
    return;
  }
  const weights = await loadWeights();
  const edits = editsFromText(route.params.get('set') ?? '', weights);
  const status = h('p', { class: 'status', id: 'whatif-status' }, 'Change, then recompute.');
  const results = h('div', { id: 'whatif' });
  const downloads = h('div', { id: 'downloads' });
  const onChange = (): void => {
    replaceState(href('weights', undefined, { set: editsToText(edits) }));
    renderDownloads(downloads, weights, edits);
  };
  const recompute = async (): Promise<void> => {
    delete document.body.dataset.whatif;
    status.textContent = 'Computing CredRank with these weights…';
    try {
      const period = inputs.period();
      const result = await runWhatIf(
        model.count,
        editedWeights(weights, edits),
        inputs.fractions(),
      );
      status.textContent = `Recomputed in ${result.ms} ms (${result.iterations} iterations${result.converged ? '' : ', NOT converged'}).`;
      renderResults(results, model, result, period, inputs.pool());
      document.body.dataset.whatif = 'done';
    } catch (error) {
      status.textContent = `What-if failed: ${String(error)}`;
      document.body.dataset.whatif = 'failed';
    }
  };
  const inputs = whatIfInputs(model);
  const run = h('button', { id: 'run-whatif', type: 'button' }, 'Recompute leaderboard');
  run.addEventListener('click', () => void recompute());
  const reset = h('button', { type: 'button', id: 'reset' }, 'Reset');
  reset.addEventListener('click', () => {
    location.hash = href('weights');
  });
  replace(
    root,
    h('h1', {}, 'Weights'),
    h(
      'p',
      { class: 'summary' },
      `Weights in force, from ${weights.files.map((f) => f.file).join(', ') || 'the plugins’ defaults'}. A node mints its key’s weight times its own; an edge carries cred forwards (src → dst) and backwards in proportion to its weights.`,
    ),
    ...whatIfHeading(),
    h('div', { class: 'controls whatif-bar' }, ...inputs.elements, run, reset),
    status,
    results,
    downloads,
    h('h2', {}, 'Nodes: what each key minted'),
    nodeTable(model, weights, edits, onChange),
    h('h2', {}, 'Edges: cred that flowed along each key'),
    edgeTable(model, weights, edits, onChange),
    ...knobList(weights),
  );
  onChange();
  document.body.dataset.ready = 'weights';
  if (edits.nodes.size + edits.edges.size > 0) await recompute();
}

function whatIfHeading(): Node[] {
  return [
    h('h2', {}, 'What if'),
    h(
      'p',
      { class: 'status' },
      'Edit weights in the tables below; the bar with Recompute stays in view while you scroll. ',
      'Pick a month and a pool to see each person’s share and amount.',
    ),
  ];
}

/**
 * A weight field: fires `weight` when it holds a new number >= 0, and is marked while that
 * differs from the value in force. Anything else is not recorded (the field resets on blur).
 */
function weightInput(id: string, value: number, current: number): HTMLInputElement {
  const input = h('input', {
    class: value === current ? 'weight' : 'weight changed',
    type: 'number',
    min: 0,
    step: 'any',
    value,
    id,
    'aria-label': id,
  });
  let last = value;
  input.addEventListener('input', () => {
    const parsed = Number(input.value);
    if (input.value === '' || !Number.isFinite(parsed) || parsed < 0) return;
    last = parsed;
    input.classList.toggle('changed', parsed !== current);
    input.dispatchEvent(new Event('weight'));
  });
  input.addEventListener('blur', () => {
    input.value = String(last);
  });
  return input;
}

/** The anti-gaming knobs the weight files set; the what-if applies them as they are. */
function knobList(weights: SiteWeights): Node[] {
  const items: Node[] = [];
  for (const { file, budgets, containers, reactions } of weights.files) {
    for (const [key, value] of Object.entries(containers ?? {})) {
      items.push(h('li', {}, h('code', {}, key), ` mints × ${value} (container, ${file})`));
    }
    if (reactions?.capPerWeek !== undefined) {
      const what = reactions.nodes.join(', ') || 'no node prefix';
      items.push(
        h(
          'li',
          {},
          `reactions (${what}) mint at most ${reactions.capPerWeek} per identity and week (${file})`,
        ),
      );
    }
    for (const [key, value] of Object.entries(budgets ?? {})) {
      items.push(
        h('li', {}, h('code', {}, key), ` mints at most ${value} per week (budget, ${file})`),
      );
    }
  }
  if (items.length === 0) return [];
  return [
    h('h2', {}, 'Anti-gaming knobs'),
    h(
      'p',
      { class: 'summary' },
      'Set in the weight files and applied to mint after the weights; the what-if keeps them as they are.',
    ),
    h('ul', { id: 'knobs' }, ...items),
  ];
}

function source(weights: SiteWeights, file: number): string {
  return file >= 0 ? (weights.files[file]?.file ?? '') : 'plugin default';
}

/** The cells every key row starts with: key, type name, where it is set, how many it weighs. */
function keyCells(weights: SiteWeights, row: SiteWeightKey): HTMLElement[] {
  return [
    h('td', {}, h('code', {}, row.key)),
    h('td', { class: 'muted' }, row.name),
    h('td', { class: 'muted' }, source(weights, row.file)),
    h('td', { class: 'num' }, row.count),
  ];
}

const numberCell = (content: Node | string | number) => h('td', { class: 'num' }, content);

function nodeTable(
  model: Model,
  weights: SiteWeights,
  edits: Edits,
  onChange: () => void,
): HTMLElement {
  const totalMint = weights.nodes.reduce((sum, row) => sum + row.mint, 0) + weights.unmatched.mint;
  const rows = weights.nodes.map((row) => {
    const input = weightInput(
      `node:${row.key}`,
      edits.nodes.get(row.key) ?? row.weight,
      row.weight,
    );
    input.addEventListener('weight', () => {
      edits.nodes.set(row.key, Number(input.value));
      onChange();
    });
    return h(
      'tr',
      { 'data-key': row.key },
      ...keyCells(weights, row),
      numberCell(input),
      numberCell(formatNumber(row.mint, model.data.decimals)),
      numberCell(formatPercent(row.mint, totalMint)),
    );
  });
  const headers = ['key', 'type', 'set in', 'nodes', 'weight', 'minted', '% of mint'];
  return table('node-weights', headers, 3, rows);
}

function edgeTable(
  model: Model,
  weights: SiteWeights,
  edits: Edits,
  onChange: () => void,
): HTMLElement {
  const rows = weights.edges.map((row) => {
    const value = edits.edges.get(row.key) ?? { forwards: row.forwards, backwards: row.backwards };
    const forwards = weightInput(`forwards:${row.key}`, value.forwards, row.forwards);
    const backwards = weightInput(`backwards:${row.key}`, value.backwards, row.backwards);
    for (const input of [forwards, backwards]) {
      input.addEventListener('weight', () => {
        edits.edges.set(row.key, {
          forwards: Number(forwards.value),
          backwards: Number(backwards.value),
        });
        onChange();
      });
    }
    return h(
      'tr',
      { 'data-key': row.key },
      ...keyCells(weights, row),
      numberCell(forwards),
      numberCell(backwards),
      numberCell(formatNumber(row.forwardsCred, model.data.decimals)),
      numberCell(formatNumber(row.backwardsCred, model.data.decimals)),
    );
  });
  const headers = ['key', 'forwards / backwards', 'set in', 'edges', 'forwards', 'backwards'];
  return table('edge-weights', [...headers, 'cred forwards', 'cred backwards'], 3, rows);
}

function renderDownloads(root: HTMLElement, weights: SiteWeights, edits: Edits): void {
  const files = editedWeightFiles(weights, edits);
  if (files.length === 0) {
    replace(root);
    return;
  }
  replace(
    root,
    h(
      'p',
      {},
      'To propose these weights, replace these files in the instance and open a pull request:',
    ),
    h(
      'ul',
      {},
      ...files.map(({ file, text }) => {
        const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
        return h(
          'li',
          {},
          h(
            'a',
            { href: url, download: file.split('/').pop() ?? file, 'data-file': file },
            `Download ${file}`,
          ),
        );
      }),
    ),
  );
}
