import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { formatIdentity } from '../../cli/formatLedger.js';
import { readLedgerForViewing } from '../../instance/ledgerStore.js';
import { findIdentity, identityRow, type IdentityRow } from '../../ledger/views.js';

export default class IdentityShow extends CredCommand<IdentityRow> {
  static override summary = 'Show one identity: accounts, payout addresses, cred, owed and paid.';
  static override args = {
    identity: Args.string({ description: 'Name, id or account address.', required: true }),
  };
  static override examples = [
    '<%= config.bin %> identity show mira',
    '<%= config.bin %> identity show github/user/1234',
  ];

  async run(): Promise<IdentityRow> {
    const { args, flags } = await this.parse(IdentityShow);
    const instance = this.openInstanceSettings(flags);
    const { state } = readLedgerForViewing(instance, this.runtime(flags));
    const row = identityRow(state, findIdentity(state, args.identity));
    this.log(formatIdentity(row, instance.config.currency));
    return row;
  }
}
