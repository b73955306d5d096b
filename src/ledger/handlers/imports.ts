/**
 * Imported histories. `import.sourcecred` records where a SourceCred ledger came from (the
 * SHA-256 of its file, the version it looks like, counts of what it held) and opens each
 * identity's balances from it: lifetime paid adds to `paid`, currently owed to `owed`, and
 * both to what was distributed, so owed + pending = distributed - paid still holds. The
 * identities themselves were replayed as identity events just before. The same file imported
 * twice is refused.
 */
import type { IdentityId } from '../../core/identity.js';
import type { EventOf } from '../events.js';
import { addAmount, parseMinorUnits } from '../money.js';
import { reject } from '../rejection.js';
import { patchState, type LedgerState } from '../state.js';
import { liveIdentity } from './identities.js';

export function importSourcecred(
  state: LedgerState,
  event: EventOf<'import.sourcecred'>,
  timestampMs: number,
): LedgerState {
  const earlier = state.imports.get(event.sha256);
  if (earlier !== undefined) {
    reject(
      'import_exists',
      `the SourceCred ledger with SHA-256 ${event.sha256.slice(0, 12)}… was already imported`,
      ['Each ledger file is imported once; its identities and balances are already here.'],
    );
  }
  const opened = Object.entries(event.balances).map(([id, balance]) => {
    const identity = liveIdentity(state, id as IdentityId);
    const where = `import of ${event.file}, ${identity.name}`;
    return {
      id: identity.id,
      paid: parseMinorUnits(balance.paid, where),
      owed: parseMinorUnits(balance.owed, where),
    };
  });
  let { owed, paid, paidTotal, distributed } = state;
  for (const balance of opened) {
    owed = addAmount(owed, balance.id, balance.owed);
    paid = addAmount(paid, balance.id, balance.paid);
    paidTotal += balance.paid;
    distributed += balance.paid + balance.owed;
  }
  return patchState(state, {
    owed,
    paid,
    paidTotal,
    distributed,
    imports: state.imports.set(event.sha256, {
      sha256: event.sha256,
      source: 'sourcecred',
      version: event.version,
      timestampMs,
    }),
  });
}
