/**
 * Ledger events: what can happen to a community's public record. Each has a `type` and a
 * payload validated here; `apply` validates it again against the state. Amounts are decimal
 * strings of minor units. Contact details that are not public (emails) never appear here: they
 * live in the instance's private payees.json.
 */
import * as z from 'zod';
import { IDENTITY_NAME_PATTERN, IDENTITY_TYPES } from '../core/identity.js';

const identityId = z
  .string()
  .regex(/^[0-9a-z][0-9a-z-]{0,63}$/, { message: 'expected an identity id' });
const amount = z
  .string()
  .regex(/^(0|[1-9]\d*)$/, { message: 'expected an integer amount in minor units' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month YYYY-MM' });
const address = z.string().min(1);
const name = z
  .string()
  .regex(IDENTITY_NAME_PATTERN, { message: 'expected letters, digits, ".", "_" or "-"' });
const text = z.string().min(1).max(2000);

export const OPEN_COLLECTIVE_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
export const ETHEREUM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const identityEvents = () =>
  [
    z.strictObject({
      type: z.literal('identity.create'),
      identityId,
      name,
      kind: z.enum(IDENTITY_TYPES),
      aliases: z.array(address).default([]),
    }),
    z.strictObject({ type: z.literal('identity.rename'), identityId, name }),
    z.strictObject({
      type: z.literal('identity.retype'),
      identityId,
      kind: z.enum(IDENTITY_TYPES),
    }),
    z.strictObject({ type: z.literal('identity.addAlias'), identityId, alias: address }),
    z.strictObject({ type: z.literal('identity.removeAlias'), identityId, alias: address }),
    z.strictObject({ type: z.literal('identity.merge'), baseId: identityId, targetId: identityId }),
    z.strictObject({ type: z.literal('identity.unmerge'), targetId: identityId }),
    z.strictObject({ type: z.literal('identity.activate'), identityId }),
    z.strictObject({ type: z.literal('identity.deactivate'), identityId }),
    z.strictObject({
      type: z.literal('identity.setPayoutAddress'),
      identityId,
      method: z.enum(['opencollective', 'ethereum']),
      value: z.string().nullable(),
    }),
  ] as const;

const credEvents = () =>
  [
    z.strictObject({
      type: z.literal('cred.weeks'),
      algorithm: z.string(),
      graphDigest: z.string(),
      weightsDigest: z.string(),
      /** Week start (YYYY-MM-DD) -> identity id -> cred; only values that changed. */
      weeks: z.record(
        z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        z.record(identityId, z.number().nonnegative().finite()),
      ),
    }),
  ] as const;

const grainEvents = () =>
  [
    z.strictObject({
      type: z.literal('grain.distribute'),
      distributionId: z.string().min(1),
      month,
      currency: z.string().length(3),
      amounts: z.record(identityId, amount),
    }),
    z.strictObject({
      type: z.literal('grain.transfer'),
      from: identityId,
      to: identityId,
      amount,
      memo: text,
    }),
    z.strictObject({
      type: z.literal('expense.file'),
      reference: z.string().min(1).max(100),
      identityId,
      amount,
      distributionId: z.string().min(1),
      platform: z.enum(['opencollective', 'ktoken', 'manual']),
      externalId: z.string().nullable(),
    }),
    z.strictObject({
      type: z.literal('expense.settle'),
      reference: z.string().min(1),
      outcome: z.enum(['paid', 'declined', 'rejected', 'expired']),
      externalId: z.string().nullable(),
    }),
    /** A payment that submission could not file (no way to reach the payee); it stays owed. */
    z.strictObject({
      type: z.literal('expense.skip'),
      reference: z.string().min(1).max(100),
      identityId,
      distributionId: z.string().min(1),
      reason: text,
    }),
  ] as const;

const exclusionEvents = () =>
  [
    z.strictObject({ type: z.literal('exclusion.set'), identityId, month, reason: text }),
    z.strictObject({ type: z.literal('exclusion.clear'), identityId, month }),
  ] as const;

export const PAYOUT_POLICY_SCHEMA = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('proportional') }),
  z
    .strictObject({
      type: z.literal('recent'),
      discount: z.number().min(0).max(1).optional(),
      halfLifeDays: z.number().positive().finite().optional(),
    })
    .refine((policy) => (policy.discount === undefined) !== (policy.halfLifeDays === undefined), {
      message: 'expected exactly one of "discount" (per week) and "halfLifeDays"',
    }),
  z.strictObject({ type: z.literal('balanced'), lookbackMonths: z.number().int().nonnegative() }),
]);

const domainId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'expected a domain id' });
const credValue = z.number().nonnegative().finite();

const payoutLine = z.strictObject({
  identityId,
  cred: credValue,
  share: amount,
  owedBefore: amount,
  payment: amount,
  status: z.enum(['paid', 'carried', 'excluded', 'inactive']),
  reason: z.string().optional(),
  /** With a domain split: cred and share in each domain (docs/governance.md). */
  domains: z.record(domainId, z.strictObject({ cred: credValue, share: amount })).optional(),
});

/** With a domain split: each domain's weight and its part of the pool. */
const payoutSplit = z.strictObject({
  type: z.enum(['fixed', 'budget']),
  domains: z.record(domainId, z.strictObject({ weight: credValue, amount })),
});

const proposalId = z
  .string()
  .regex(/^payout-\d{4}-\d{2}-\d+$/, { message: 'expected payout-YYYY-MM-N' });

const payoutEvents = () =>
  [
    z.strictObject({
      type: z.literal('payout.propose'),
      proposalId,
      month,
      currency: z.string().length(3),
      revenue: amount,
      ratio: z.string().regex(/^\d+(\.\d+)?$/),
      pool: amount,
      minimum: amount,
      policy: PAYOUT_POLICY_SCHEMA,
      algorithm: z.string(),
      graphDigest: z.string(),
      weightsDigest: z.string(),
      reviewEndsMs: z.number().int().nonnegative(),
      lines: z.array(payoutLine),
      split: payoutSplit.optional(),
    }),
    z.strictObject({ type: z.literal('payout.withdraw'), proposalId, reason: text }),
    z.strictObject({
      type: z.literal('payout.finalize'),
      proposalId,
      payments: z.record(identityId, amount),
    }),
  ] as const;

/*
 * KToken: the optional on-chain side of a payout (docs/ktoken.md, decisions 0450-0455). Token
 * amounts are decimal strings of the token's smallest unit, kept apart from money: a quota the
 * committee approved for a cycle (a month), a month's batch (what each identity earned and
 * what each recipient is sent, owed tokens included), and each transaction: signed and
 * recorded before it is broadcast, then confirmed (mined, reverted or dropped).
 */
const ethereumAddress = z
  .string()
  .regex(ETHEREUM_ADDRESS, { message: 'expected 0x and 40 hex digits' });
const ktokenBatchId = z
  .string()
  .regex(/^ktoken-\d{4}-\d{2}$/, { message: 'expected ktoken-YYYY-MM' });
const txHash = z.string().regex(/^0x[0-9a-f]{64}$/, { message: 'expected a transaction hash' });

export const KTOKEN_BASIS_SCHEMA = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rate'), ratePerCred: z.string().regex(/^\d+(\.\d+)?$/) }),
  z.strictObject({ type: z.literal('quota'), quota: amount }),
]);

const ktokenLine = z.strictObject({
  identityId,
  cred: z.number().nonnegative().finite(),
  amount,
  status: z.enum(['eligible', 'excluded', 'inactive']),
  reason: z.string().optional(),
});

const ktokenEvents = () =>
  [
    z.strictObject({
      type: z.literal('ktoken.quota'),
      cycle: month,
      amount,
      approvedBy: z.array(z.string().min(1).max(100)).min(1).max(50),
      reference: text.nullable(),
    }),
    z.strictObject({
      type: z.literal('ktoken.plan'),
      batchId: ktokenBatchId,
      month,
      payoutId: proposalId,
      chainId: z.number().int().positive(),
      token: ethereumAddress,
      decimals: z.number().int().min(0).max(36),
      method: z.enum(['transfer', 'mint']),
      mode: z.enum(['batch', 'safe', 'direct']),
      safe: ethereumAddress.nullable(),
      basis: KTOKEN_BASIS_SCHEMA,
      lines: z.array(ktokenLine),
      entries: z.array(z.strictObject({ identityId, address: ethereumAddress, amount })),
    }),
    z.strictObject({
      type: z.literal('ktoken.send'),
      batchId: ktokenBatchId,
      identityId,
      hash: txHash,
      from: ethereumAddress,
      nonce: z.number().int().nonnegative(),
      raw: z
        .string()
        .regex(/^0x[0-9a-f]+$/)
        .max(4000),
    }),
    z.strictObject({
      type: z.literal('ktoken.confirm'),
      batchId: ktokenBatchId,
      identityId,
      hash: txHash,
      outcome: z.enum(['mined', 'reverted', 'dropped']),
      blockNumber: z.number().int().nonnegative().nullable(),
    }),
  ] as const;

/*
 * Governance (docs/governance.md): objections to a payout under review, the votes on them and
 * their decision; and members' pairwise votes for the budget box.
 */
const objectionId = z
  .string()
  .regex(/^payout-\d{4}-\d{2}-\d+-o\d+$/, { message: 'expected payout-YYYY-MM-N-oK' });
export const GOVERNANCE_GROUPS = ['maintainers', 'contributors', 'funders'] as const;
const groupTally = z.strictObject({
  members: z.number().int().nonnegative(),
  /** True when nobody in the group has cred, so each member weighs 1. */
  equalWeights: z.boolean(),
  weight: credValue,
  uphold: credValue,
  dismiss: credValue,
});

const governanceEvents = () =>
  [
    z.strictObject({
      type: z.literal('objection.raise'),
      objectionId,
      proposalId,
      by: identityId,
      /** The line objected to, or null for an objection to the weights (the whole proposal). */
      line: identityId.nullable(),
      reason: text,
    }),
    z.strictObject({
      type: z.literal('objection.vote'),
      objectionId,
      voter: identityId,
      vote: z.enum(['uphold', 'dismiss']),
    }),
    z.strictObject({
      type: z.literal('objection.decide'),
      objectionId,
      /** The declared groups at the decision (cred.json governance.maintainers / funders). */
      maintainers: z.array(identityId),
      funders: z.array(identityId),
      /** Share of a group's weight whose votes to uphold block the line (Kriya's quarter). */
      blockingShare: z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/),
      outcome: z.enum(['upheld', 'blocked', 'dismissed']),
      blockedBy: z.array(z.enum(GOVERNANCE_GROUPS)),
      majority: z.strictObject({ uphold: credValue, dismiss: credValue }),
      groups: z.strictObject({
        maintainers: groupTally,
        contributors: groupTally,
        funders: groupTally,
      }),
    }),
    z.strictObject({
      type: z.literal('budget.vote'),
      month,
      voter: identityId,
      /** Each pair once: `prefer` mattered more than `over` this month. */
      pairs: z.array(z.strictObject({ prefer: domainId, over: domainId })).max(1000),
    }),
  ] as const;

/*
 * Imports (docs/import.md): another system's history, brought in once. The event records the
 * SHA-256 of the file it came from, so anyone holding the old repository can check it and the
 * same file cannot be imported twice, and opens each identity's balances from that history:
 * lifetime paid and currently owed, in minor units, with the source amounts they came from.
 */
const importEvents = () =>
  [
    z.strictObject({
      type: z.literal('import.sourcecred'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected a SHA-256 in hex' }),
      /** The SourceCred version the ledger looks like ("0.10.3 or later"). */
      version: z.string().min(1).max(100),
      file: z.string().min(1).max(500),
      counts: z.record(z.string().regex(/^[a-zA-Z_]+$/), z.number().int().nonnegative()),
      currency: z.string().length(3),
      rule: text,
      balances: z.record(
        identityId,
        z.strictObject({
          paid: amount,
          owed: amount,
          paidAttoGrain: amount,
          owedAttoGrain: amount,
        }),
      ),
    }),
  ] as const;

function buildLedgerEventSchema() {
  return z.discriminatedUnion('type', [
    ...identityEvents(),
    ...credEvents(),
    ...grainEvents(),
    ...exclusionEvents(),
    ...payoutEvents(),
    ...ktokenEvents(),
    ...governanceEvents(),
    ...importEvents(),
  ]);
}

let ledgerEventSchemaBuilt: ReturnType<typeof buildLedgerEventSchema> | undefined;

/**
 * The schema of every event, built on its first use. Replay and append check lines with the
 * plain checks of lineCheck.ts, and zod reads only what those cannot vouch for, so a command
 * that reads a sound ledger never builds the ~60 event schemas (a tenth of `cred ledger
 * verify`'s start).
 */
export function ledgerEventSchema(): ReturnType<typeof buildLedgerEventSchema> {
  return (ledgerEventSchemaBuilt ??= buildLedgerEventSchema());
}

export type PayoutLineJson = z.infer<typeof payoutLine>;
export type KtokenLineJson = z.infer<typeof ktokenLine>;
export type KtokenBasis = z.infer<typeof KTOKEN_BASIS_SCHEMA>;
export type GroupTally = z.infer<typeof groupTally>;
export type GovernanceGroup = (typeof GOVERNANCE_GROUPS)[number];

export type LedgerEvent = z.infer<ReturnType<typeof buildLedgerEventSchema>>;
export type LedgerEventType = LedgerEvent['type'];
export type EventOf<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>;
