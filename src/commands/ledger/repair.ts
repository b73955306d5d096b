import { CredCommand } from '../../cli/credCommand.js';
import { formatRepair } from '../../cli/formatLedger.js';
import { repairLedger } from '../../instance/ledger/jobs.js';
import type { RepairResult } from '../../ledger/store.js';

export default class LedgerRepair extends CredCommand<RepairResult> {
  static override summary =
    'Repair what accidents do: an incomplete last line, blank lines, Windows line endings.';
  static override description =
    'The old file is kept beside the ledger; the repaired ledger must replay, or nothing is written.';
  static override examples = ['<%= config.bin %> ledger repair'];

  async run(): Promise<RepairResult> {
    const { flags } = await this.parse(LedgerRepair);
    const result = await repairLedger(this.openInstanceSettings(flags), this.runtime(flags));
    this.log(formatRepair(result));
    return result;
  }
}
