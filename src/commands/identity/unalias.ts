import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { aliasIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityUnalias extends CredCommand<IdentityChange> {
  static override summary =
    'Detach an account from an identity (it becomes its own identity on the next load).';
  static override args = {
    identity: Args.string({
      description: 'Name, id or account address of the identity.',
      required: true,
    }),
    account: Args.string({
      description: 'Account node address, e.g. discourse/user/42.',
      required: true,
    }),
  };
  static override examples = ['<%= config.bin %> identity unalias mira discourse/user/42'];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityUnalias);
    const instance = this.openInstanceSettings(flags);
    const change = await aliasIdentity(
      instance,
      this.runtime(flags),
      args.identity,
      args.account,
      true,
    );
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
