import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { mergeIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityMerge extends CredCommand<IdentityChange> {
  static override summary =
    'Merge one identity into another: accounts, cred history and balances move.';
  static override description =
    'The merge is recorded with what it moved, so "cred identity unmerge" can undo it exactly.';
  static override args = {
    kept: Args.string({
      description: "The identity that stays, with its name (a person's main identity).",
      required: true,
    }),
    merged: Args.string({
      description: 'The identity merged into KEPT: its accounts, cred and balances move there.',
      required: true,
    }),
  };
  static override examples = [
    '<%= config.bin %> identity merge mira mira-discourse   # mira-discourse joins mira',
  ];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityMerge);
    const instance = this.openInstanceSettings(flags);
    const change = await mergeIdentity(instance, this.runtime(flags), args.kept, args.merged);
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
