import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { setExclusion } from '../../instance/payout/actions.js';
import type { LedgerEvent } from '../../ledger/events.js';

export default class PayoutExclude extends CredCommand<LedgerEvent> {
  static override summary =
    "Exclude an identity from a month's payout (cred set to zero), with a public reason.";
  static override description =
    'Use --clear to lift an exclusion. Record it before proposing the month.';
  static override args = {
    identity: Args.string({ description: 'Name, id or account address.', required: true }),
  };
  static override flags = {
    month: Flags.string({ description: 'The month, YYYY-MM.', required: true }),
    reason: Flags.string({ description: 'Why (shown in the public report).' }),
    clear: Flags.boolean({ description: 'Lift the exclusion instead.' }),
  };
  static override examples = [
    '<%= config.bin %> payout exclude spam-account --month 2026-10 --reason "reaction ring with alt accounts"',
  ];

  async run(): Promise<LedgerEvent> {
    const { args, flags } = await this.parse(PayoutExclude);
    if (!flags.clear && flags.reason === undefined)
      this.error('Give --reason (it is shown in the public report), or --clear.', { exit: 2 });
    const event = await setExclusion(
      await this.openInstance(flags),
      this.runtime(flags),
      args.identity,
      flags.month,
      flags.clear ? null : (flags.reason as string),
    );
    this.log(`Recorded ${event.type} for ${args.identity} in ${flags.month}.`);
    return event;
  }
}
