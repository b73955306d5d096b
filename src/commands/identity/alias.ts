import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { aliasIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityAlias extends CredCommand<IdentityChange> {
  static override summary = 'Attach an account (a plugin node address) to an identity.';
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
  static override examples = ['<%= config.bin %> identity alias mira discourse/user/42'];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityAlias);
    const instance = this.openInstanceSettings(flags);
    const change = await aliasIdentity(
      instance,
      this.runtime(flags),
      args.identity,
      args.account,
      false,
    );
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
