import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { setIdentityActive, type IdentityChange } from '../../instance/identities.js';

export default class IdentityDeactivate extends CredCommand<IdentityChange> {
  static override summary = 'Stop payouts to an identity (its cred still counts in the graph).';
  static override args = {
    identity: Args.string({ description: 'Name, id or account address.', required: true }),
  };
  static override examples = ['<%= config.bin %> identity deactivate mira'];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityDeactivate);
    const instance = this.openInstanceSettings(flags);
    const change = await setIdentityActive(instance, this.runtime(flags), args.identity, false);
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
