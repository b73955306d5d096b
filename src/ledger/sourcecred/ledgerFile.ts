/**
 * Reading a SourceCred (0.8-0.11) ledger file, data/ledger.json: newline-delimited JSON, one
 * `{action, ledgerTimestamp, uuid, version: "1"}` event per line (an older JSON array of the
 * same events is accepted too). Every line is checked before anything is imported: it parses,
 * its action is one of SourceCred's sixteen with the fields SourceCred writes, and timestamps
 * never go backwards (SourceCred refuses such a file too). A failure names the line.
 */
import * as z from 'zod';
import { LedgerError } from '../../core/errors.js';
import { describeIssue } from '../../core/validation.js';

const scId = z.string().min(1).max(200);
const grain = z.string().regex(/^-?\d+$/, { message: 'expected an integer amount of atto-grain' });
/** A SourceCred node address: parts separated and ended by NUL, "N\0part\0...\0". */
const scAddress = z.string().regex(/^N\0([^\0]+\0)+$/, { message: 'expected a node address' });
const subtype = z.enum(['USER', 'BOT', 'ORGANIZATION', 'PROJECT']);
const currency = z.union([
  z.object({ type: z.literal('EVM'), chainId: z.string(), tokenAddress: z.string() }),
  z.object({ type: z.literal('PROTOCOL'), chainId: z.string() }),
]);
const alias = z.object({ address: scAddress, description: z.string() });
const receipt = z.object({ id: scId, amount: grain });
const allocation = z.object({
  id: scId,
  policy: z.object({ policyType: z.string() }).loose(),
  receipts: z.array(receipt),
});

const actionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('CREATE_IDENTITY'),
    identity: z.object({
      id: scId,
      name: z.string().min(1),
      subtype,
      address: scAddress,
      aliases: z.array(alias),
    }),
  }),
  z.object({ type: z.literal('RENAME_IDENTITY'), identityId: scId, newName: z.string().min(1) }),
  z.object({ type: z.literal('CHANGE_IDENTITY_TYPE'), identityId: scId, newType: subtype }),
  z.object({ type: z.literal('ADD_ALIAS'), identityId: scId, alias }),
  z.object({ type: z.literal('MERGE_IDENTITIES'), base: scId, target: scId }),
  z.object({ type: z.literal('TOGGLE_ACTIVATION'), identityId: scId }),
  z.object({
    type: z.literal('DISTRIBUTE_GRAIN'),
    distribution: z.object({
      id: scId,
      credTimestamp: z.number(),
      allocations: z.array(allocation),
    }),
  }),
  z.object({
    type: z.literal('TRANSFER_GRAIN'),
    from: scId,
    to: scId,
    amount: grain,
    memo: z.string().nullable().optional(),
  }),
  z.object({
    type: z.literal('SET_PAYOUT_ADDRESS'),
    id: scId,
    currency,
    payoutAddress: z.string().nullable(),
  }),
  z.object({ type: z.literal('ENABLE_GRAIN_INTEGRATION') }),
  z.object({ type: z.literal('DISABLE_GRAIN_INTEGRATION') }),
  z.object({ type: z.literal('MARK_DISTRIBUTION_EXECUTED'), id: scId }),
  z.object({ type: z.literal('ENABLE_ACCOUNTING') }),
  z.object({ type: z.literal('DISABLE_ACCOUNTING') }),
  z.object({ type: z.literal('SET_EXTERNAL_CURRENCY'), currency }),
  z.object({ type: z.literal('REMOVE_EXTERNAL_CURRENCY') }),
]);

export const SOURCECRED_ACTION_TYPES = actionSchema.options.map(
  (option) => option.shape.type.value,
);

const eventSchema = z.object({
  action: z.object({ type: z.string() }).loose(),
  ledgerTimestamp: z.number().finite(),
  uuid: z.string().min(1),
  version: z.literal('1', { message: 'expected event version "1"' }),
});

export type ScAction = z.infer<typeof actionSchema>;
export type ScActionType = ScAction['type'];
export type ScCurrency = z.infer<typeof currency>;

export interface ScEvent {
  readonly action: ScAction;
  readonly timestampMs: number;
  readonly uuid: string;
  /** 1-based line of the event in the file (its index + 1 in a JSON-array file). */
  readonly line: number;
}

export function scLineError(file: string, line: number, problem: string): LedgerError {
  return new LedgerError('sourcecred_ledger_invalid', `${file}: line ${line} ${problem}`, {
    ref: `${file}:${line}`,
    suggestions: [
      'Check the file against the SourceCred instance it came from ("git log data/ledger.json"); nothing was imported.',
    ],
  });
}

/** Parses and checks every event of a SourceCred ledger file; `file` names it in errors. */
export function parseSourcecredLedger(text: string, file: string): ScEvent[] {
  const rows = splitRows(text, file);
  const events: ScEvent[] = [];
  let latestMs = Number.NEGATIVE_INFINITY;
  for (const { value, line } of rows) {
    const envelope = eventSchema.safeParse(value);
    if (!envelope.success) {
      const { problem } = describeIssue(envelope.error.issues[0] as z.core.$ZodIssue);
      throw scLineError(file, line, `is not a SourceCred ledger event (${problem})`);
    }
    const type = envelope.data.action.type;
    if (!(SOURCECRED_ACTION_TYPES as readonly string[]).includes(type)) {
      throw scLineError(
        file,
        line,
        `has an unknown action type "${type}" (SourceCred 0.8-0.11 writes ${SOURCECRED_ACTION_TYPES.join(', ')})`,
      );
    }
    const action = actionSchema.safeParse(envelope.data.action);
    if (!action.success) {
      const { problem } = describeIssue(action.error.issues[0] as z.core.$ZodIssue);
      throw scLineError(file, line, `holds a malformed ${type} action (${problem})`);
    }
    const timestampMs = envelope.data.ledgerTimestamp;
    if (timestampMs < latestMs) {
      throw scLineError(
        file,
        line,
        `is out of order: its timestamp ${timestampMs} is before the previous line's ${latestMs}`,
      );
    }
    latestMs = timestampMs;
    events.push({ action: action.data, timestampMs, uuid: envelope.data.uuid, line });
  }
  return events;
}

function splitRows(text: string, file: string): { value: unknown; line: number }[] {
  if (text.trimStart().startsWith('[')) {
    let array: unknown;
    try {
      array = JSON.parse(text);
    } catch {
      throw scLineError(file, 1, 'starts a JSON array that does not parse (is the file cut off?)');
    }
    if (!Array.isArray(array)) throw scLineError(file, 1, 'is not a JSON array of events');
    return array.map((value, index) => ({ value, line: index + 1 }));
  }
  const lines = text.split('\n');
  const last = lines.length;
  const rows: { value: unknown; line: number }[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      rows.push({ value: JSON.parse(raw), line: index + 1 });
    } catch {
      const cut = index + 1 === last && !text.endsWith('\n');
      throw scLineError(
        file,
        index + 1,
        cut ? 'is cut off (the file ends mid-event: truncated?)' : 'is not valid JSON',
      );
    }
  });
  return rows;
}
