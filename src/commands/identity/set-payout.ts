import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { setPayoutAddress, type IdentityChange } from '../../instance/identities.js';

export default class IdentitySetPayout extends CredCommand<IdentityChange> {
  static override summary =
    'Set (or clear) where an identity is paid: an Open Collective account or an Ethereum address.';
  static override description =
    'Both are public and recorded in the ledger. Private contact details (emails) go in payees.json instead.';
  static override args = {
    identity: Args.string({ description: 'Name, id or account address.', required: true }),
    address: Args.string({ description: 'The slug or address; "none" clears it.', required: true }),
  };
  static override flags = {
    method: Flags.string({
      description: 'Which payout address.',
      options: ['opencollective', 'ethereum'],
      default: 'opencollective',
    }),
  };
  static override examples = [
    '<%= config.bin %> identity set-payout mira mira-oc',
    '<%= config.bin %> identity set-payout mira 0x0000000000000000000000000000000000000001 --method ethereum',
  ];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentitySetPayout);
    const instance = this.openInstanceSettings(flags);
    const value = args.address === 'none' ? null : args.address;
    const change = await setPayoutAddress(
      instance,
      this.runtime(flags),
      args.identity,
      flags.method as 'opencollective' | 'ethereum',
      value,
    );
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
