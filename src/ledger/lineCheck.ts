/**
 * The line schema (src/ledger/line.ts, src/ledger/events.ts) as plain checks, for replay's hot
 * path: zod spends more time per line than JSON.parse, and a long ledger is almost all valid
 * lines. `checkLine` returns the line exactly as zod would (a new object per object, keys in
 * the schema's order, `aliases` defaulted), or undefined when it cannot vouch for it: then the
 * caller asks zod, which decides and names the problem. So this check need only be sound (what
 * it accepts, zod accepts with the same result); a property test (lineCheck.test.ts) holds it
 * to that, on valid and mutated lines of every event type. Decision 0740.
 */
import { IDENTITY_NAME_PATTERN, IDENTITY_TYPES } from '../core/identity.js';
import type { LedgerLine } from './line.js';
import {
  array,
  bool,
  byType,
  type Check,
  literal,
  NO,
  nullable,
  num,
  object,
  oneOf,
  optional,
  record,
  startWalk,
  str,
  walk,
} from './schemaChecks.js';

export interface CheckedLine {
  readonly line: LedgerLine;
  /** True when the line holds exactly what its JSON held (no default filled in). */
  readonly exact: boolean;
  /**
   * True when `keyOrder` was asked for and every object of the JSON has its keys in canonical
   * order: `JSON.stringify` of the JSON is then its canonical text.
   */
  readonly ordered: boolean;
}

/**
 * `json` (a parsed line) as the line schema reads it, or undefined to let zod decide.
 * `keyOrder` also notes, in the same walk, whether its keys are in canonical order.
 */
export function checkLine(json: unknown, keyOrder = false): CheckedLine | undefined {
  startWalk(keyOrder);
  const line = LINE(json);
  if (line === NO) return undefined;
  return { line: line as LedgerLine, exact: !walk.defaults, ordered: keyOrder && walk.ordered };
}

/** An event as the event schema reads it, or undefined to let zod decide. */
export function checkEvent(event: unknown): CheckedLine['line']['event'] | undefined {
  startWalk(false);
  const read = EVENT(event);
  return read === NO ? undefined : (read as LedgerLine['event']);
}

const IDENTITY_ID = /^[0-9a-z][0-9a-z-]{0,63}$/;
const DOMAIN_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const identityId = str({ pattern: IDENTITY_ID });
const amount = str({ pattern: /^(0|[1-9]\d*)$/ });
const month = str({ pattern: /^\d{4}-(0[1-9]|1[0-2])$/ });
const address = str({ min: 1 });
const name = str({ pattern: IDENTITY_NAME_PATTERN });
const text = str({ min: 1, max: 2000 });
const nonEmpty = str({ min: 1 });
const currency = str({ min: 3, max: 3 });
const anyString = str();
const identityKind = oneOf(IDENTITY_TYPES);
const credValue = num({ min: 0 });
const domainId = str({ pattern: DOMAIN_ID });
const proposalId = str({ pattern: /^payout-\d{4}-\d{2}-\d+$/ });
const ethereumAddress = str({ pattern: /^0x[0-9a-fA-F]{40}$/ });
const ktokenBatchId = str({ pattern: /^ktoken-\d{4}-\d{2}$/ });
const txHash = str({ pattern: /^0x[0-9a-f]{64}$/ });
const objectionId = str({ pattern: /^payout-\d{4}-\d{2}-\d+-o\d+$/ });
const decimal = str({ pattern: /^\d+(\.\d+)?$/ });
const nonNegativeInt = num({ int: true, min: 0 });

const identityEvents: Record<string, Check> = {
  'identity.create': object({
    type: anyString,
    identityId,
    name,
    kind: identityKind,
    aliases: { check: array(address), fallback: () => [] },
  }),
  'identity.rename': object({ type: anyString, identityId, name }),
  'identity.retype': object({ type: anyString, identityId, kind: identityKind }),
  'identity.addAlias': object({ type: anyString, identityId, alias: address }),
  'identity.removeAlias': object({ type: anyString, identityId, alias: address }),
  'identity.merge': object({ type: anyString, baseId: identityId, targetId: identityId }),
  'identity.unmerge': object({ type: anyString, targetId: identityId }),
  'identity.activate': object({ type: anyString, identityId }),
  'identity.deactivate': object({ type: anyString, identityId }),
  'identity.setPayoutAddress': object({
    type: anyString,
    identityId,
    method: oneOf(['opencollective', 'ethereum']),
    value: nullable(anyString),
  }),
};

const moneyEvents: Record<string, Check> = {
  'cred.weeks': object({
    type: anyString,
    algorithm: anyString,
    graphDigest: anyString,
    weightsDigest: anyString,
    weeks: record(/^\d{4}-\d{2}-\d{2}$/, record(IDENTITY_ID, credValue)),
  }),
  'grain.distribute': object({
    type: anyString,
    distributionId: nonEmpty,
    month,
    currency,
    amounts: record(IDENTITY_ID, amount),
  }),
  'grain.transfer': object({
    type: anyString,
    from: identityId,
    to: identityId,
    amount,
    memo: text,
  }),
  'expense.file': object({
    type: anyString,
    reference: str({ min: 1, max: 100 }),
    identityId,
    amount,
    distributionId: nonEmpty,
    platform: oneOf(['opencollective', 'ktoken', 'manual']),
    externalId: nullable(anyString),
  }),
  'expense.settle': object({
    type: anyString,
    reference: nonEmpty,
    outcome: oneOf(['paid', 'declined', 'rejected', 'expired']),
    externalId: nullable(anyString),
  }),
  'expense.skip': object({
    type: anyString,
    reference: str({ min: 1, max: 100 }),
    identityId,
    distributionId: nonEmpty,
    reason: text,
  }),
  'exclusion.set': object({ type: anyString, identityId, month, reason: text }),
  'exclusion.clear': object({ type: anyString, identityId, month }),
};

const payoutPolicy = byType({
  proportional: object({ type: anyString }),
  recent: object(
    {
      type: anyString,
      discount: optional(num({ min: 0, max: 1 })),
      halfLifeDays: optional(num({ above: 0 })),
    },
    (policy) => (policy.discount === undefined) !== (policy.halfLifeDays === undefined),
  ),
  balanced: object({ type: anyString, lookbackMonths: nonNegativeInt }),
});

const payoutEvents: Record<string, Check> = {
  'payout.propose': object({
    type: anyString,
    proposalId,
    month,
    currency,
    revenue: amount,
    ratio: decimal,
    pool: amount,
    minimum: amount,
    policy: payoutPolicy,
    algorithm: anyString,
    graphDigest: anyString,
    weightsDigest: anyString,
    reviewEndsMs: nonNegativeInt,
    lines: array(
      object({
        identityId,
        cred: credValue,
        share: amount,
        owedBefore: amount,
        payment: amount,
        status: oneOf(['paid', 'carried', 'excluded', 'inactive']),
        reason: optional(anyString),
        domains: optional(record(DOMAIN_ID, object({ cred: credValue, share: amount }))),
      }),
    ),
    split: optional(
      object({
        type: oneOf(['fixed', 'budget']),
        domains: record(DOMAIN_ID, object({ weight: credValue, amount })),
      }),
    ),
  }),
  'payout.withdraw': object({ type: anyString, proposalId, reason: text }),
  'payout.finalize': object({
    type: anyString,
    proposalId,
    payments: record(IDENTITY_ID, amount),
  }),
};

const ktokenEvents: Record<string, Check> = {
  'ktoken.quota': object({
    type: anyString,
    cycle: month,
    amount,
    approvedBy: array(str({ min: 1, max: 100 }), 1, 50),
    reference: nullable(text),
  }),
  'ktoken.plan': object({
    type: anyString,
    batchId: ktokenBatchId,
    month,
    payoutId: proposalId,
    chainId: num({ int: true, above: 0 }),
    token: ethereumAddress,
    decimals: num({ int: true, min: 0, max: 36 }),
    method: oneOf(['transfer', 'mint']),
    mode: oneOf(['batch', 'safe', 'direct']),
    safe: nullable(ethereumAddress),
    basis: byType({
      rate: object({ type: anyString, ratePerCred: decimal }),
      quota: object({ type: anyString, quota: amount }),
    }),
    lines: array(
      object({
        identityId,
        cred: credValue,
        amount,
        status: oneOf(['eligible', 'excluded', 'inactive']),
        reason: optional(anyString),
      }),
    ),
    entries: array(object({ identityId, address: ethereumAddress, amount })),
  }),
  'ktoken.send': object({
    type: anyString,
    batchId: ktokenBatchId,
    identityId,
    hash: txHash,
    from: ethereumAddress,
    nonce: nonNegativeInt,
    raw: str({ pattern: /^0x[0-9a-f]+$/, max: 4000 }),
  }),
  'ktoken.confirm': object({
    type: anyString,
    batchId: ktokenBatchId,
    identityId,
    hash: txHash,
    outcome: oneOf(['mined', 'reverted', 'dropped']),
    blockNumber: nullable(nonNegativeInt),
  }),
};

const groupTally = object({
  members: nonNegativeInt,
  equalWeights: bool,
  weight: credValue,
  uphold: credValue,
  dismiss: credValue,
});

const governanceEvents: Record<string, Check> = {
  'objection.raise': object({
    type: anyString,
    objectionId,
    proposalId,
    by: identityId,
    line: nullable(identityId),
    reason: text,
  }),
  'objection.vote': object({
    type: anyString,
    objectionId,
    voter: identityId,
    vote: oneOf(['uphold', 'dismiss']),
  }),
  'objection.decide': object({
    type: anyString,
    objectionId,
    maintainers: array(identityId),
    funders: array(identityId),
    blockingShare: str({ pattern: /^(0(\.\d+)?|1(\.0+)?)$/ }),
    outcome: oneOf(['upheld', 'blocked', 'dismissed']),
    blockedBy: array(oneOf(['maintainers', 'contributors', 'funders'])),
    majority: object({ uphold: credValue, dismiss: credValue }),
    groups: object({ maintainers: groupTally, contributors: groupTally, funders: groupTally }),
  }),
  'budget.vote': object({
    type: anyString,
    month,
    voter: identityId,
    pairs: array(object({ prefer: domainId, over: domainId }), 0, 1000),
  }),
  'import.sourcecred': object({
    type: anyString,
    sha256: str({ pattern: /^[0-9a-f]{64}$/ }),
    version: str({ min: 1, max: 100 }),
    file: str({ min: 1, max: 500 }),
    counts: record(/^[a-zA-Z_]+$/, nonNegativeInt),
    currency,
    rule: text,
    balances: record(
      IDENTITY_ID,
      object({ paid: amount, owed: amount, paidAttoGrain: amount, owedAttoGrain: amount }),
    ),
  }),
};

const EVENT = byType({
  ...identityEvents,
  ...moneyEvents,
  ...payoutEvents,
  ...ktokenEvents,
  ...governanceEvents,
});

const LINE = object({
  version: literal(1),
  seq: num({ int: true, above: 0 }),
  timestampMs: nonNegativeInt,
  id: str({ pattern: /^[0-9a-f]{24}$/ }),
  prev: str({ pattern: /^[0-9a-f]{64}$/ }),
  event: EVENT,
});
