/**
 * The verification box of the ledger views: "Verifying…" with a progress bar (the worker
 * streams the ledger; the status line is a live region that speaks at each tenth), then what
 * this browser found: how many lines verified and the head hash, or the first line that failed
 * and why; the figures of the page that the verified lines do not give; a torn final line; and
 * whether the head matches the heads this site and the payout reports were written with.
 * `body[data-chain]` says the outcome (verified, failed, unavailable) for tests.
 */
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { h, replace, type Child } from '../dom.js';
import { formatNumber } from '../format.js';
import type { FigureMismatch } from '../ledger/check.js';
import { lineOfHead, type DerivedLedger } from '../ledger/derive.js';
import { onProgress, verdict, type HeadCheck, type Verification } from '../ledger/verify.js';

/** Checks a view adds to the chain's: its own figures against what the verified lines say. */
export type FigureCheck = (derived: DerivedLedger) => readonly FigureMismatch[];

const MISMATCHES_SHOWN = 5;

export function chainSection(
  ledger: SiteLedger,
  verification: Promise<Verification>,
  check?: FigureCheck,
): Node {
  const total = ledger.chain.lines;
  const status = h(
    'p',
    { id: 'chain-status', role: 'status', 'aria-live': 'polite' },
    `Verifying the hash chain of ${ledger.chain.file} (${formatNumber(total, 0)} lines) in this browser…`,
  );
  const bar = h('progress', {
    id: 'chain-progress',
    max: Math.max(total, 1),
    value: 0,
    'aria-label': `Lines of ${ledger.chain.file} verified`,
  });
  const section = h('section', { id: 'chain', class: 'notice', 'aria-busy': 'true' }, status, bar);
  let announced = 0;
  const stop = onProgress(({ lines, bytes }) => {
    bar.value = lines;
    // The live region speaks at each tenth, not at every report.
    const tenth = Math.floor((10 * lines) / Math.max(total, 1));
    if (tenth === announced || lines === 0) return;
    announced = tenth;
    replace(
      status,
      `Verifying ${ledger.chain.file} in this browser: ${formatNumber(lines, 0)} of `,
      `${formatNumber(total, 0)} lines (${(bytes / 1e6).toFixed(1)} MB read)…`,
    );
  });
  void verification.then((found) => {
    stop();
    const result = withCheck(found, check);
    bar.remove();
    section.removeAttribute('aria-busy');
    const [statusChildren, rest] = describe(ledger, result);
    replace(status, ...statusChildren);
    section.append(...rest.filter((node): node is Node => node !== null));
    section.classList.add(`chain-${result.kind}`);
    document.body.dataset.chain = result.kind;
    performance.mark(`cred:chain-${result.kind}`);
  });
  return section;
}

/** The verification with the view's own mismatches added (only once the chain verified). */
function withCheck(result: Verification, check: FigureCheck | undefined): Verification {
  if (result.kind === 'unavailable' || check === undefined || result.chain.failure !== null)
    return result;
  const mismatches = [...result.mismatches, ...check(result.derived)];
  return { ...result, mismatches, kind: verdict(result.chain, result.heads, mismatches) };
}

/** The status line's children, and what follows it. */
function describe(ledger: SiteLedger, result: Verification): [Child[], (Node | null)[]] {
  const link = h('a', { href: `data/${ledger.chain.file}` }, ledger.chain.file);
  if (result.kind === 'unavailable') {
    return [['Could not verify ', link, `: ${result.reason}.`], []];
  }
  const { chain } = result;
  const head = h('code', { id: 'chain-head' }, chain.headHash);
  const status: Child[] =
    chain.failure !== null
      ? [
          h('strong', {}, '✗ Verification failed'),
          ` at line ${chain.failure.line} of `,
          link,
          `: line ${chain.failure.line} ${chain.failure.problem}. Lines 1–${chain.lines} verify.`,
        ]
      : result.mismatches.length > 0
        ? mismatchStatus(result, link)
        : result.kind === 'verified'
          ? [
              h('strong', {}, 'Verified ✓'),
              ` in this browser: ${chain.lines} lines of `,
              link,
              `, each hashing to the next line’s prev (${result.ms} ms). Head: `,
              head,
            ]
          : [
              h('strong', {}, '✗ Verification failed'),
              `: the ${chain.lines} lines of `,
              link,
              ' chain up, but the head does not match the one printed when it was written (below). Head: ',
              head,
            ];
  return [
    status,
    [
      chain.torn === null
        ? null
        : h(
            'p',
            { id: 'chain-torn' },
            `Line ${chain.torn.line} is incomplete (a write was cut off) and is not counted.`,
          ),
      h('ul', { id: 'chain-heads' }, ...result.heads.map((item) => headItem(item, chain.lines))),
      headFinder(chain.hashes),
      h(
        'p',
        { class: 'status' },
        'A payout report prints the ledger’s head when it is written: the hash of its last line ',
        'then. If any line up to there had been changed, that line would hash differently. ',
        'Compare the head above with "cred ledger verify" on a copy you trust.',
      ),
    ],
  ];
}

function headItem(head: HeadCheck, verified: number): Node {
  const what = `${head.source}: line ${head.line}, head ${head.headHash.slice(0, 16)}…`;
  if (head.matches === true) return h('li', { class: 'up' }, `✓ ${what} matches.`);
  if (head.matches === null) {
    return h('li', { class: 'status' }, `${what}: not checked (verification stopped earlier).`);
  }
  return h(
    'li',
    { class: 'down' },
    head.line > verified
      ? `✗ ${what} does not match: this ledger has only ${verified} lines.`
      : `✗ ${what} does not match: line ${head.line} of this ledger is not the line written then.`,
  );
}

function mismatchStatus(
  result: Extract<Verification, { kind: 'failed' | 'verified' }>,
  link: Node,
): Child[] {
  const { mismatches } = result;
  const listed = mismatches
    .slice(0, MISMATCHES_SHOWN)
    .map((m) => `${m.figure} is shown as ${m.shown}, the verified lines give ${m.derived}`);
  const more = mismatches.length - MISMATCHES_SHOWN;
  return [
    h('strong', {}, '✗ Verification failed'),
    `: the ${result.chain.lines} lines of `,
    link,
    ' chain up, but figures shown here do not follow from them: ',
    listed.join('; '),
    more > 0 ? `; and ${more} more` : '',
    '. Do not trust the figures on this page.',
  ];
}

/** A box to paste a head hash (from a report, an announcement, an expense) and find its line. */
function headFinder(hashes: readonly string[]): Node {
  const answer = h('p', { id: 'head-answer', class: 'status' });
  const input = h('input', {
    id: 'head-query',
    type: 'text',
    size: '70',
    placeholder: 'Paste a head hash (64 hex digits) to find it in the verified chain',
  }) as HTMLInputElement;
  input.addEventListener('input', () => {
    const pasted = input.value.trim();
    if (pasted === '') return void replace(answer);
    const line = lineOfHead(hashes, pasted);
    answer.className = line === null ? 'down' : 'up';
    answer.dataset.found = String(line !== null);
    replace(
      answer,
      line === null
        ? `✗ ${pasted.slice(0, 16)}… is not the hash of any of the ${hashes.length} verified lines: the history it was published with is not this one.`
        : `✓ line ${line} of the verified chain has this hash: the history published with it is contained in this ledger.`,
    );
  });
  return h('div', { id: 'head-finder' }, h('label', {}, 'Check a published head: ', input), answer);
}
