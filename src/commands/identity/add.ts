import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatChange } from '../../cli/formatLedger.js';
import { IDENTITY_TYPES } from '../../core/identity.js';
import { addIdentity, type IdentityChange } from '../../instance/identities.js';

export default class IdentityAdd extends CredCommand<IdentityChange> {
  static override summary = 'Create an identity (a person, bot, organization or project).';
  static override description =
    'Accounts seen by plugins become identities on "cred load"; use this for anyone else, then "cred identity alias" to attach accounts.';
  static override args = {
    name: Args.string({ description: 'Name: letters, digits, ".", "_" or "-".', required: true }),
  };
  static override flags = {
    type: Flags.string({
      description: 'Kind of identity.',
      options: [...IDENTITY_TYPES],
      default: 'user',
    }),
    alias: Flags.string({
      description: 'An account address to attach (repeatable).',
      multiple: true,
      default: [],
    }),
  };
  static override examples = [
    '<%= config.bin %> identity add mira',
    '<%= config.bin %> identity add infra-team --type project',
  ];

  async run(): Promise<IdentityChange> {
    const { args, flags } = await this.parse(IdentityAdd);
    const instance = this.openInstanceSettings(flags);
    const change = await addIdentity(
      instance,
      this.runtime(flags),
      args.name,
      flags.type as (typeof IDENTITY_TYPES)[number],
      flags.alias,
    );
    this.log(formatChange(change, instance.config.currency));
    return change;
  }
}
