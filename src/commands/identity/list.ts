import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatIdentityTable } from '../../cli/formatLedger.js';
import { readLedgerForViewing } from '../../instance/ledgerStore.js';
import { identityRows, type IdentityRow } from '../../ledger/views.js';

export default class IdentityList extends CredCommand<{ identities: IdentityRow[] }> {
  static override summary = 'List identities with their accounts, cred and balances.';
  static override examples = [
    '<%= config.bin %> identity list',
    '<%= config.bin %> identity list --merged --json',
  ];
  static override flags = {
    merged: Flags.boolean({ description: 'Also list identities merged into others.' }),
  };

  async run(): Promise<{ identities: IdentityRow[] }> {
    const { flags } = await this.parse(IdentityList);
    const instance = this.openInstanceSettings(flags);
    const identities = identityRows(
      readLedgerForViewing(instance, this.runtime(flags)).state,
      flags.merged,
    );
    this.log(formatIdentityTable(identities, instance.config.currency));
    return { identities };
  }
}
