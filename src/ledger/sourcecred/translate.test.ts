import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../core/errors.js';
import { applyEvent } from '../apply.js';
import { assertLedgerInvariants } from '../invariants.js';
import { EMPTY_STATE, type LedgerState } from '../state.js';
import { convertGrain, parseGrainRate } from './grain.js';
import { parseSourcecredLedger, SOURCECRED_ACTION_TYPES } from './ledgerFile.js';
import { everyAction, FORUM } from './testing/everyAction.js';
import { scDistribution, ScLedgerClass, type ScLedgerApi } from './testing/sourcecredLibrary.js';
import { credIdFor, translateSourcecred } from './translate.js';

function translate(ledger: ScLedgerApi, currency = 'USD', digits = 2) {
  const events = parseSourcecredLedger(ledger.serialize(), 'data/ledger.json');
  return translateSourcecred(events, {
    file: 'data/ledger.json',
    sha256: 'a'.repeat(64),
    currency,
    digits,
    rate: parseGrainRate('1'),
    discourseServerUrl: FORUM,
    configVersion: null,
  });
}

function replayed(translation: ReturnType<typeof translate>): LedgerState {
  let state = EMPTY_STATE;
  translation.events.forEach(({ event, timestampMs }, k) => {
    state = applyEvent(state, event, timestampMs ?? 10 ** 13 + k);
    assertLedgerInvariants(state);
  });
  return state;
}

/** Every SourceCred account's paid and balance equal cred's lifetime paid and owed. */
function expectBalancesMatch(ledger: ScLedgerApi, state: LedgerState, digits: number) {
  const rate = parseGrainRate('1');
  for (const account of new Set(ledger.accounts())) {
    const id = credIdFor(account.identity.id);
    expect(state.identities.get(id)?.mergedInto).toBeNull();
    expect(state.paid.get(id) ?? 0n).toBe(convertGrain(BigInt(account.paid), rate, digits).minor);
    expect(state.owed.get(id) ?? 0n).toBe(
      convertGrain(BigInt(account.balance), rate, digits).minor,
    );
    expect(state.identities.get(id)?.active).toBe(account.active);
  }
}

describe('ledger/sourcecred/translate', () => {
  it('translateSourcecred(every action type) opens the balances SourceCred computes, to the atto-grain', () => {
    const l = everyAction();
    const types = new Set(
      l
        .serialize()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).action.type),
    );
    expect([...types].sort()).toEqual([...SOURCECRED_ACTION_TYPES].sort());
    const translation = translate(l);
    const state = replayed(translation);
    expectBalancesMatch(l, state, 2);
    for (const account of new Set(l.accounts())) {
      const balance = translation.closing.balances[credIdFor(account.identity.id)];
      expect(balance?.paidAttoGrain ?? '0').toBe(account.paid);
      expect(balance?.owedAttoGrain ?? '0').toBe(account.balance);
    }
    const alice = state.identities.get(credIdFor(l.accounts()[0]!.identity.id))!;
    expect(alice.aliases).toContain('github/login/alice');
    expect(alice.ethereum).toBe('0x' + 'ab'.repeat(20));
    expect([...state.aliasOwner.keys()].sort()).toEqual([
      'discourse/login/bob',
      'foreign/discord/MEMBER/user/123',
      'foreign/discourse/other.example/h',
      'github/login/alice',
    ]);
    expect(state.identities.find((identity) => identity.name === 'bobby')).toBeDefined();
    expect(state.identities.find((identity) => identity.name === 'helper')?.kind).toBe('project');
    expect(translation.closing.version).toBe('0.10.3 or later');
  });

  it('translateSourcecred(random histories) agrees with SourceCred on every identity', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('pay' as const),
        who: fc.nat(5),
        amount: fc.bigInt(0n, 10n ** 21n),
      }),
      fc.record({
        kind: fc.constant('move' as const),
        who: fc.nat(5),
        to: fc.nat(5),
        share: fc.nat(100),
      }),
      fc.record({ kind: fc.constant('merge' as const), who: fc.nat(5), to: fc.nat(5) }),
      fc.record({ kind: fc.constant('toggle' as const), who: fc.nat(5) }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 25 }),
        fc.constantFrom(['USD', 2], ['JPY', 0]),
        (ops, [currency, digits]) => {
          const l = new ScLedgerClass();
          const ids = [0, 1, 2, 3, 4, 5].map((n) => l.createIdentity('USER', `p${n}`));
          ids.forEach((id) => l.activate(id));
          const live = () => [...new Set(l.accounts())];
          ops.forEach((o, k) => {
            const pick = (n: number) => live()[n % live().length]!;
            const who = pick(o.who);
            if (o.kind === 'pay' && who.active)
              l.distributeGrain(scDistribution([[who.identity.id, o.amount]], k));
            if (o.kind === 'move' && who.active && pick(o.to).active) {
              const amount = (BigInt(who.balance) * BigInt(o.share)) / 100n;
              l.transferGrain({
                from: who.identity.id,
                to: pick(o.to).identity.id,
                amount: amount.toString(),
                memo: null,
              });
            }
            if (o.kind === 'merge' && pick(o.to) !== who)
              l.mergeIdentities({ base: who.identity.id, target: pick(o.to).identity.id });
            if (o.kind === 'toggle' && who.active) l.deactivate(who.identity.id);
            else if (o.kind === 'toggle') l.activate(who.identity.id);
          });
          expectBalancesMatch(
            l,
            replayed(translate(l, currency as string, digits as number)),
            digits as number,
          );
        },
      ),
      { seed: 20, numRuns: 40 },
    );
  });

  it('parseSourcecredLedger(bad files) names the line: out of order, unknown type, truncated', () => {
    const lines = everyAction().serialize().trim().split('\n');
    const swapped = [lines[0]!, lines[1]!.replace(/"ledgerTimestamp":\d+/, '"ledgerTimestamp":1')];
    const cases: [string, RegExp][] = [
      [`${swapped.join('\n')}\n`, /line 2 is out of order/],
      [
        `${lines[0]}\n${lines[1]!.replace('"RENAME_IDENTITY"', '"REMOVE_ALIAS"').replace('"CREATE_IDENTITY"', '"REMOVE_ALIAS"')}\n`,
        /line 2 has an unknown action type "REMOVE_ALIAS"/,
      ],
      [`${lines[0]}\n${lines[1]!.slice(0, 40)}`, /line 2 is cut off/],
    ];
    for (const [text, message] of cases) {
      const error = (() => {
        try {
          parseSourcecredLedger(text, 'data/ledger.json');
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).code).toBe('sourcecred_ledger_invalid');
      expect((error as LedgerError).message).toMatch(message);
    }
  });

  it('applyEvent(import.sourcecred) refuses the same file twice without changing the state', () => {
    const translation = translate(everyAction());
    const state = replayed(translation);
    expect(state.imports.has('a'.repeat(64))).toBe(true);
    expect(() => applyEvent(state, translation.closing, 10 ** 14)).toThrow(
      expect.objectContaining({ code: 'import_exists' }),
    );
  });
});
