import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonicalJson.js';
import { ledgerEventSchema } from './events.js';
import { checkEvent, checkLine } from './lineCheck.js';
import { readLine, readParsedLine } from './line.js';

const FC = { seed: 740740, numRuns: 3000 };
const HASH = 'ab'.repeat(32);
const TX = `0x${'cd'.repeat(32)}`;
const ETH = `0x${'Ef'.repeat(20)}`;
const TALLY = { members: 2, equalWeights: false, weight: 3.5, uphold: 1, dismiss: 0 };

/** One valid event of every type (several shapes for the unions and optional fields). */
const VALID: Record<string, unknown>[] = [
  { type: 'identity.create', identityId: 'id-a', name: 'Ana', kind: 'user', aliases: ['x/1'] },
  { type: 'identity.create', identityId: '7', name: 'bö.t', kind: 'bot' },
  { type: 'identity.rename', identityId: 'id-a', name: 'ana_2' },
  { type: 'identity.retype', identityId: 'id-a', kind: 'project' },
  { type: 'identity.addAlias', identityId: 'id-a', alias: 'github/user/1' },
  { type: 'identity.removeAlias', identityId: 'id-a', alias: 'github/user/1' },
  { type: 'identity.merge', baseId: 'id-a', targetId: 'id-b' },
  { type: 'identity.unmerge', targetId: 'id-b' },
  { type: 'identity.activate', identityId: 'id-a' },
  { type: 'identity.deactivate', identityId: 'id-a' },
  { type: 'identity.setPayoutAddress', identityId: 'a', method: 'ethereum', value: null },
  { type: 'identity.setPayoutAddress', identityId: 'a', method: 'opencollective', value: 'x' },
  {
    type: 'cred.weeks',
    algorithm: 'credrank',
    graphDigest: 'sha256:g',
    weightsDigest: 'sha256:w',
    weeks: { '2026-10-05': { 'id-a': 1.5, '12': 0, '3': 2 }, '2026-10-12': {} },
  },
  {
    type: 'grain.distribute',
    distributionId: 'd1',
    month: '2026-10',
    currency: 'USD',
    amounts: { 'id-a': '100', '10': '0', '2': '7' },
  },
  { type: 'grain.transfer', from: 'id-a', to: 'id-b', amount: '5', memo: 'thanks' },
  {
    type: 'expense.file',
    reference: 'r1',
    identityId: 'id-a',
    amount: '5',
    distributionId: 'd1',
    platform: 'manual',
    externalId: null,
  },
  { type: 'expense.settle', reference: 'r1', outcome: 'expired', externalId: 'oc-1' },
  {
    type: 'expense.skip',
    reference: 'r2',
    identityId: 'id-b',
    distributionId: 'd1',
    reason: 'no Open Collective account and no email',
  },
  { type: 'exclusion.set', identityId: 'id-a', month: '2026-10', reason: 'spam' },
  { type: 'exclusion.clear', identityId: 'id-a', month: '2026-10' },
  {
    type: 'payout.propose',
    proposalId: 'payout-2026-10-1',
    month: '2026-10',
    currency: 'EUR',
    revenue: '1000',
    ratio: '0.5',
    pool: '500',
    minimum: '0',
    policy: { type: 'recent', halfLifeDays: 30 },
    algorithm: 'credrank',
    graphDigest: 'g',
    weightsDigest: 'w',
    reviewEndsMs: 5,
    lines: [
      {
        identityId: 'id-a',
        cred: 2,
        share: '500',
        owedBefore: '0',
        payment: '500',
        status: 'paid',
        domains: { code: { cred: 2, share: '500' } },
      },
      {
        identityId: 'id-b',
        cred: 0,
        share: '0',
        owedBefore: '0',
        payment: '0',
        status: 'excluded',
        reason: 'spam',
      },
    ],
    split: { type: 'fixed', domains: { code: { weight: 1, amount: '500' } } },
  },
  {
    type: 'payout.propose',
    proposalId: 'payout-2026-10-2',
    month: '2026-10',
    currency: 'EUR',
    revenue: '0',
    ratio: '1',
    pool: '0',
    minimum: '0',
    policy: { type: 'balanced', lookbackMonths: 3 },
    algorithm: 'openrank',
    graphDigest: 'g',
    weightsDigest: 'w',
    reviewEndsMs: 0,
    lines: [],
  },
  { type: 'payout.withdraw', proposalId: 'payout-2026-10-1', reason: 'wrong weights' },
  { type: 'payout.finalize', proposalId: 'payout-2026-10-2', payments: { 'id-a': '5' } },
  {
    type: 'ktoken.quota',
    cycle: '2026-10',
    amount: '1000',
    approvedBy: ['ana'],
    reference: null,
  },
  {
    type: 'ktoken.plan',
    batchId: 'ktoken-2026-10',
    month: '2026-10',
    payoutId: 'payout-2026-10-1',
    chainId: 1,
    token: ETH,
    decimals: 18,
    method: 'mint',
    mode: 'safe',
    safe: ETH,
    basis: { type: 'rate', ratePerCred: '1.5' },
    lines: [{ identityId: 'id-a', cred: 1, amount: '3', status: 'eligible' }],
    entries: [{ identityId: 'id-a', address: ETH, amount: '3' }],
  },
  {
    type: 'ktoken.send',
    batchId: 'ktoken-2026-10',
    identityId: 'id-a',
    hash: TX,
    from: ETH,
    nonce: 0,
    raw: '0x02f8',
  },
  {
    type: 'ktoken.confirm',
    batchId: 'ktoken-2026-10',
    identityId: 'id-a',
    hash: TX,
    outcome: 'mined',
    blockNumber: 12,
  },
  {
    type: 'objection.raise',
    objectionId: 'payout-2026-10-1-o1',
    proposalId: 'payout-2026-10-1',
    by: 'id-a',
    line: null,
    reason: 'weights',
  },
  { type: 'objection.vote', objectionId: 'payout-2026-10-1-o1', voter: 'id-b', vote: 'uphold' },
  {
    type: 'objection.decide',
    objectionId: 'payout-2026-10-1-o1',
    maintainers: ['id-a'],
    funders: [],
    blockingShare: '0.25',
    outcome: 'blocked',
    blockedBy: ['funders'],
    majority: { uphold: 1, dismiss: 0.5 },
    groups: { maintainers: TALLY, contributors: TALLY, funders: TALLY },
  },
  {
    type: 'budget.vote',
    month: '2026-10',
    voter: 'id-a',
    pairs: [{ prefer: 'code', over: 'docs' }],
  },
  {
    type: 'import.sourcecred',
    sha256: HASH,
    version: '0.11',
    file: 'ledger.json',
    counts: { IDENTITY_ADD: 3, __proto__x: 1 },
    currency: 'USD',
    rule: 'owed = balance',
    balances: { 'id-a': { paid: '1', owed: '2', paidAttoGrain: '10', owedAttoGrain: '20' } },
  },
];

function lineOf(event: unknown, seq = 3): Record<string, unknown> {
  return { version: 1, event, id: 'f'.repeat(24), prev: HASH, seq, timestampMs: 7 };
}

/** A JSON copy of `value` with one change at a random place: a value replaced, a key dropped or added. */
const mutated = (value: unknown): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('replace', 'drop', 'add'),
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(-1, 0, 1.5, 2 ** 60, '', 'x', 'id-A', '2026-13', null, [], {}),
      ),
      fc.constantFrom('extra', 'type', '__proto__', 'aliases', 'reason', 'discount'),
    )
    .map(([pick, how, replacement, key]) => {
      const copy = JSON.parse(JSON.stringify(value)) as unknown;
      const places: [Record<string, unknown> | unknown[], string][] = [];
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        for (const k of Object.keys(node)) {
          places.push([node as Record<string, unknown>, k]);
          walk((node as Record<string, unknown>)[k]);
        }
      };
      walk(copy);
      const [holder, k] = places[pick % places.length] as [Record<string, unknown>, string];
      if (how === 'replace') holder[k] = replacement;
      else if (how === 'drop') delete holder[k];
      else if (!Array.isArray(holder))
        Object.defineProperty(holder, key, {
          value: replacement,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return copy;
    });

/** A JSON copy of `value` with the keys of every object in an order drawn from `seed`. */
function shuffledKeys(value: unknown, seed: number): unknown {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    for (let k = keys.length - 1; k > 0; k--) {
      const j = next() % (k + 1);
      [keys[k], keys[j]] = [keys[j] as string, keys[k] as string];
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = walk((node as Record<string, unknown>)[key]);
    return out;
  };
  return walk(value);
}

/** Fast check vouches for `event` only when zod accepts it with the same output, key order included. */
function expectSound(event: unknown): void {
  const fast = checkEvent(event);
  const zod = ledgerEventSchema().safeParse(event);
  if (fast !== undefined) {
    expect(zod.success).toBe(true);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  }
  const line = lineOf(event);
  const fastLine = checkLine(line);
  if (fastLine !== undefined) {
    expect(zod.success).toBe(true);
    expect(JSON.stringify(fastLine.line.event)).toBe(JSON.stringify(zod.data));
    if (fastLine.exact) expect(canonicalJson(line)).toBe(canonicalJson(fastLine.line));
  }
}

describe('ledger/lineCheck', () => {
  it('checkLine(json) vouches for a valid line of every event type, as zod reads it', () => {
    for (const event of VALID) {
      expect(ledgerEventSchema().safeParse(event).success).toBe(true);
      const checked = checkLine(lineOf(event));
      expect(checked, String(event.type)).toBeDefined();
      expectSound(event);
    }
    expect(new Set(VALID.map((event) => event.type)).size).toBe(ledgerEventSchema().options.length);
  });

  it('checkEvent(event) vouches only for what zod accepts, with the same output (mutations)', () => {
    const anyMutation = fc.constantFrom(...VALID).chain((event) => mutated(event));
    fc.assert(fc.property(anyMutation, expectSound), FC);
  });

  it('checkLine(json) leaves a filled-in default to the canonical check, as zod did', () => {
    const event = { type: 'identity.create', identityId: 'a', name: 'a', kind: 'user' };
    const checked = checkLine(lineOf(event));
    expect(checked?.exact).toBe(false);
    const text = canonicalJson(lineOf(event));
    expect(readLine(text, true)).toBe('is not in canonical form (it was edited by hand?)');
    expect(readLine(text, false)).toMatchObject({ event: { aliases: [] } });
  });

  it('checkLine(json, true) finds keys in canonical order only when stringify is canonical', () => {
    const anyLine = fc
      .constantFrom(...VALID)
      .chain((event) => fc.oneof(fc.constant(lineOf(event)), mutated(lineOf(event))));
    const order = fc.oneof(fc.constant(null), fc.nat());
    fc.assert(
      fc.property(anyLine, order, (line, seed) => {
        const text = seed === null ? canonicalJson(line) : JSON.stringify(shuffledKeys(line, seed));
        const json = JSON.parse(text) as unknown;
        const checked = checkLine(json, true);
        if (checked === undefined) return;
        if (checked.ordered) expect(JSON.stringify(json)).toBe(canonicalJson(json));
        // A canonical text is found in order, unless JSON.parse moved integer-like keys first.
        else expect(seed !== null || /"\d+":/.test(text)).toBe(true);
        expect(checkLine(json)?.ordered).toBe(false);
      }),
      FC,
    );
  });

  it('readLine(text, strict) reads every line exactly as the zod schema alone does', () => {
    const anyLine = fc
      .constantFrom(...VALID)
      .chain((event) => fc.oneof(fc.constant(lineOf(event)), mutated(lineOf(event))));
    fc.assert(
      fc.property(anyLine, fc.nat(2), fc.nat(), fc.boolean(), (line, how, seed, strict) => {
        const order = [canonicalJson(line), JSON.stringify(line)];
        const text = order[how] ?? JSON.stringify(shuffledKeys(line, seed));
        const expected = readParsedLine(JSON.parse(text), text, strict);
        const actual = readLine(text, strict);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
      FC,
    );
  });
});
