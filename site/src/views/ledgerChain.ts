/**
 * The verification box of the ledger views: "Verifying…", then what this browser found: how
 * many lines verified and the head hash, or the first line that failed and why; a torn final
 * line; and whether the head matches the heads this site and the payout reports were written
 * with. `body[data-chain]` says the outcome (verified, failed, unavailable) for tests.
 */
import type { SiteLedger } from '../../../src/instance/site/ledgerFormat.js';
import { h, replace, type Child } from '../dom.js';
import { lineOfHead } from '../ledger/derive.js';
import { fromMinorUnits } from '../ledger/money.js';
import type { HeadCheck, Verification } from '../ledger/verify.js';

export function chainSection(ledger: SiteLedger, verification: Promise<Verification>): Node {
  const section = h(
    'section',
    { id: 'chain', class: 'notice' },
    h(
      'p',
      { id: 'chain-status' },
      `Verifying the hash chain of ${ledger.chain.file} (${ledger.chain.lines} lines) in this browser…`,
    ),
  );
  void verification.then((result) => {
    if (!section.isConnected) return;
    replace(section, ...describe(ledger, result));
    section.classList.add(`chain-${result.kind}`);
    document.body.dataset.chain = result.kind;
    performance.mark(`cred:chain-${result.kind}`);
  });
  return section;
}

function describe(ledger: SiteLedger, result: Verification): Child[] {
  const link = h('a', { href: `data/${ledger.chain.file}` }, ledger.chain.file);
  if (result.kind === 'unavailable') {
    return [h('p', { id: 'chain-status' }, 'Could not verify ', link, `: ${result.reason}.`)];
  }
  const { chain } = result;
  const head = h('code', { id: 'chain-head' }, chain.headHash);
  const status =
    chain.failure !== null
      ? h(
          'p',
          { id: 'chain-status' },
          h('strong', {}, 'Verification failed'),
          ` at line ${chain.failure.line} of `,
          link,
          `: line ${chain.failure.line} ${chain.failure.problem}. Lines 1–${chain.lines} verify.`,
        )
      : result.mismatches.length > 0
        ? mismatchStatus(result, link)
        : result.kind === 'verified'
          ? h(
              'p',
              { id: 'chain-status' },
              h('strong', {}, 'Verified'),
              ` in this browser: ${chain.lines} lines of `,
              link,
              `, each hashing to the next line’s prev (${result.ms} ms). Head: `,
              head,
            )
          : h(
              'p',
              { id: 'chain-status' },
              h('strong', {}, 'Verification failed'),
              `: the ${chain.lines} lines of `,
              link,
              ' chain up, but the head does not match the one printed when it was written (below). Head: ',
              head,
            );
  return [
    status,
    chain.torn === null
      ? null
      : h(
          'p',
          { id: 'chain-torn' },
          `Line ${chain.torn.line} is incomplete (a write was cut off) and is not counted.`,
        ),
    h('ul', { id: 'chain-heads' }, ...result.heads.map((head) => headItem(head, chain.lines))),
    headFinder(chain.hashes),
    h(
      'p',
      { class: 'status' },
      'A payout report prints the ledger’s head when it is written: the hash of its last line ',
      'then. If any line up to there had been changed, that line would hash differently. ',
      'Compare the head above with "cred ledger verify" on a copy you trust.',
    ),
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
): Node {
  return h(
    'p',
    { id: 'chain-status' },
    h('strong', {}, 'Verification failed'),
    `: the ${result.chain.lines} lines of `,
    link,
    ' chain up, but the totals shown here do not follow from them: ',
    result.mismatches
      .map(
        (m) =>
          `${m.figure} is shown as ${m.shown}, the verified lines give ${fromMinorUnits(m.derived, decimalsOf(m.shown))}`,
      )
      .join('; '),
    '. Do not trust the figures on this page.',
  );
}

function decimalsOf(text: string): number {
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
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
