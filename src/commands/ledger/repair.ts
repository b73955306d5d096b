import { CredCommand } from '../../cli/credCommand.js';
import { repairLedger } from '../../instance/ledgerJobs.js';

export default class LedgerRepair extends CredCommand<{
  removedBytes: number;
  backup: string | null;
}> {
  static override summary =
    'Remove an incomplete last line left by a crash (a copy is kept beside the ledger).';
  static override examples = ['<%= config.bin %> ledger repair'];

  async run(): Promise<{ removedBytes: number; backup: string | null }> {
    const { flags } = await this.parse(LedgerRepair);
    const result = await repairLedger(await this.openInstance(flags), this.runtime(flags));
    this.log(
      result.backup === null
        ? 'Nothing to repair: the ledger ends with a complete line.'
        : `Removed ${result.removedBytes} bytes; the incomplete line is kept in ${result.backup}.`,
    );
    return result;
  }
}
