/**
 * A SourceCred ledger that uses all sixteen of its actions, built with SourceCred's own Ledger:
 * renames, type changes, aliases on GitHub, the configured forum, another forum and Discord,
 * merges, distributions (with accounting on and off), transfers, payout addresses, integration
 * tracking and external currencies. Test-only.
 */
import {
  scDistribution,
  ScLedgerClass,
  scNodeAddress,
  type ScLedgerApi,
} from './sourcecredLibrary.js';

export const GRAIN = 10n ** 18n;
export const TOKEN = '0x' + 'cd'.repeat(20);
export const FORUM = 'https://forum.example.org';

/** A ledger that uses all sixteen SourceCred actions. */
export function everyAction(): ScLedgerApi {
  const l = new ScLedgerClass();
  const alice = l.createIdentity('USER', 'alice');
  const bob = l.createIdentity('USER', 'bob');
  const carol = l.createIdentity('USER', 'carol');
  const bot = l.createIdentity('BOT', 'helper');
  l.renameIdentity(bob, 'bobby').changeIdentityType(bot, 'PROJECT');
  l.addAlias(alice, {
    address: scNodeAddress(['sourcecred', 'github', 'USERLIKE', 'USER', 'Alice']),
    description: 'gh',
  });
  l.addAlias(bob, {
    address: scNodeAddress(['sourcecred', 'discourse', 'user', FORUM, 'bob']),
    description: 'forum',
  });
  l.addAlias(carol, {
    address: scNodeAddress(['sourcecred', 'discord', 'MEMBER', 'user', '123']),
    description: 'discord',
  });
  l.addAlias(bot, {
    address: scNodeAddress(['sourcecred', 'discourse', 'user', 'https://other.example', 'h']),
    description: 'x',
  });
  for (const id of [alice, bob, carol, bot]) l.activate(id);
  l.enableIntegrationTracking();
  const first = scDistribution(
    [
      [alice, (15n * GRAIN) / 10n + 7n],
      [bob, 3n * GRAIN + 123_456_789n],
      [carol, GRAIN],
    ],
    1,
  );
  l.distributeGrain(first).markDistributionExecuted(first.id);
  l.transferGrain({ from: bob, to: alice, amount: (GRAIN / 3n).toString(), memo: 'thanks' });
  l.setPayoutAddress(alice, '0x' + 'ab'.repeat(20), '1', TOKEN);
  l.setPayoutAddress(bob, '0x' + 'ef'.repeat(20), '100', TOKEN);
  l.mergeIdentities({ base: alice, target: carol });
  l.distributeGrain(
    scDistribution(
      [
        [carol, 2n * GRAIN],
        [bot, 5n],
      ],
      2,
    ),
  );
  l.setExternalCurrency('1', TOKEN).disableAccounting();
  l.distributeGrain(scDistribution([[alice, 7n * GRAIN]], 3));
  l.enableAccounting().distributeGrain(scDistribution([[alice, GRAIN + 1n]], 4));
  l.removeExternalCurrency().disableIntegrationTracking();
  l.activate(bob);
  l.transferGrain({ from: alice, to: bob, amount: '999', memo: null }).deactivate(bob);
  return l;
}
