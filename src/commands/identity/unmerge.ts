import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { unmergeIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityUnmerge extends CredCommand<IdentityChange> {
  static override summary =
    'Undo a merge: the merged identity gets back its accounts and balances.';
  static override args = {
    merged: Args.string({
      description: 'The identity that was merged into another.',
      required: true,
    }),
  };
  static override examples = ['<%= config.bin %> identity unmerge mira-discourse'];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityUnmerge);
    const instance = this.openInstanceSettings(flags);
    const change = await unmergeIdentity(instance, this.runtime(flags), args.merged);
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
