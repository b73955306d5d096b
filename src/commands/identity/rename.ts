import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { renameIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityRename extends CredCommand<IdentityChange> {
  static override summary = 'Rename an identity (its id and accounts stay).';
  static override args = {
    identity: Args.string({ description: 'Name, id or account address.', required: true }),
    name: Args.string({ description: 'The new name.', required: true }),
  };
  static override examples = ['<%= config.bin %> identity rename mira-github mira'];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityRename);
    const instance = this.openInstanceSettings(flags);
    const change = await renameIdentity(instance, this.runtime(flags), args.identity, args.name);
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
