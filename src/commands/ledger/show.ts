import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../../cli/credCommand.js';
import { formatLedgerLines } from '../../cli/formatLedger.js';
import { showLedger } from '../../instance/ledger/jobs.js';
import type { LedgerLine } from '../../ledger/line.js';

export default class LedgerShow extends CredCommand<{ lines: LedgerLine[] }> {
  static override summary = 'Show the latest ledger events.';
  static override flags = {
    last: Flags.integer({ description: 'How many events.', default: 20, min: 1 }),
    type: Flags.string({
      description: 'Only events whose type starts with this (e.g. "identity", "expense").',
    }),
  };
  static override examples = [
    '<%= config.bin %> ledger show --last 50',
    '<%= config.bin %> ledger show --type expense --json',
  ];

  async run(): Promise<{ lines: LedgerLine[] }> {
    const { flags } = await this.parse(LedgerShow);
    const lines = showLedger(
      this.openInstanceSettings(flags),
      this.runtime(flags),
      flags.last,
      flags.type,
    );
    this.log(formatLedgerLines(lines));
    return { lines };
  }
}
