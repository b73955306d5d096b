import * as Args from '@oclif/core/args';
import { CredCommand } from '../../cli/credCommand.js';
import { mergeLedgerFile } from '../../instance/ledger/jobs.js';
import type { MergeResult } from '../../ledger/merge.js';

export default class LedgerMerge extends CredCommand<Omit<MergeResult, 'text'>> {
  static override summary =
    'Combine another copy of the ledger into this one (after a git conflict).';
  static override description =
    "Keeps the lines both copies share and ours after them, then re-applies the other copy's later events through the ledger rules. " +
    'A conflict (an event the rules refuse now) stops the merge and writes nothing. Typical use after a conflicted git merge: ' +
    '"git show MERGE_HEAD:data/ledger.jsonl > /tmp/theirs.jsonl; git checkout --ours data/ledger.jsonl; cred ledger merge /tmp/theirs.jsonl".';
  static override args = {
    other: Args.string({ description: 'Path of the other copy.', required: true }),
  };
  static override examples = ['<%= config.bin %> ledger merge /tmp/theirs.jsonl'];

  async run(): Promise<Omit<MergeResult, 'text'>> {
    const { args, flags } = await this.parse(LedgerMerge);
    const { text: _text, ...result } = await mergeLedgerFile(
      this.openInstanceSettings(flags),
      this.runtime(flags),
      args.other,
    );
    this.log(
      `Merged: ${result.common} lines in common, ${result.applied} of theirs applied, ${result.skipped} already present.`,
    );
    return result;
  }
}
