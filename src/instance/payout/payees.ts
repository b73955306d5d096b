/**
 * payees.json: the instance's private list of how to reach payees who have no Open Collective
 * account in the ledger, by email (git-ignored; never copied into the ledger, a report, a log
 * or an error). Keys are identity names (any case) or ids:
 *
 *   { "river-kim": { "email": "river@example.org", "name": "River Kim" } }
 *
 * `name` is the name Open Collective's invitation addresses (default: the identity's name).
 * Errors about this file name the entry and the field, never the value.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import type { IdentityId } from '../../core/identity.js';
import { describeIssue } from '../../core/validation.js';
import type { LedgerState } from '../../ledger/state.js';
import type { Instance } from '../instance.js';
import { jsonErrorOffset } from '../jsonErrorOffset.js';

export interface PayeeContact {
  readonly email: string;
  readonly name: string | undefined;
}

const entrySchema = z.strictObject({
  email: z.email({ message: 'expected an email address' }),
  name: z.string().min(1).max(200).optional(),
});

const payeesSchema = z.record(z.string().min(1), entrySchema);

const SHOWN = 'payees.json';

export interface Payees {
  /** Contacts by identity id. */
  readonly byIdentity: ReadonlyMap<IdentityId, PayeeContact>;
  /** Keys of payees.json that name no identity (a rename since?). */
  readonly unknownKeys: readonly string[];
}

/** Reads payees.json (absent: no contacts) and matches its keys to the ledger's identities. */
export function readPayees(instance: Instance, state: LedgerState): Payees {
  const file = instance.paths.payees;
  if (!existsSync(file)) return { byIdentity: new Map(), unknownKeys: [] };
  const entries = parsePayees(readFileSync(file, 'utf8'));
  const byIdentity = new Map<IdentityId, PayeeContact>();
  const unknownKeys: string[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    const id = (
      state.identities.has(key as IdentityId) ? key : state.names.get(key.toLowerCase())
    ) as IdentityId | undefined;
    if (id === undefined) {
      unknownKeys.push(key);
      continue;
    }
    if (byIdentity.has(id)) {
      throw new ConfigError(
        'PAYEES_INVALID',
        `${SHOWN}: "${key}" names an identity that another entry names too`,
        { ref: SHOWN, suggestions: ['Keep one entry per identity.'] },
      );
    }
    byIdentity.set(id, { email: entry.email, name: entry.name });
  }
  return { byIdentity, unknownKeys: unknownKeys.sort() };
}

/** Parses the text of payees.json; errors give the place, never the content. */
export function parsePayees(text: string): z.infer<typeof payeesSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text) ?? 0;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ConfigError(
      'PAYEES_INVALID',
      `${SHOWN}: not valid JSON at line ${line}, column ${column}`,
      {
        ref: SHOWN,
        suggestions: [`Fix the JSON syntax of ${SHOWN} (docs/payouts.md shows its format).`],
      },
    );
  }
  const result = payeesSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const { field, problem } = describeIssue(issue);
  throw new ConfigError('PAYEES_INVALID', `${SHOWN}: ${problem}`, {
    ref: `${SHOWN}#${field}`,
    suggestions: [
      `Each entry is "<identity name>": { "email": "...", "name": "..." } (docs/payouts.md).`,
    ],
  });
}
