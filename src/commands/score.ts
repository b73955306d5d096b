import { Flags } from '@oclif/core';
import { CredCommand } from '../cli/credCommand.js';
import { formatScore } from '../cli/formatScore.js';
import { scoreInstance, type ScoreReport } from '../instance/score.js';

export default class Score extends CredCommand<ScoreReport> {
  static override summary =
    'Compute cred per identity per week (CredRank) and print a leaderboard.';
  static override description =
    'Builds the plugin graphs from caches and records, applies the weights and the identities, runs CredRank ' +
    'over calendar weeks (ISO, Monday 00:00 UTC) and writes output/cred.json.';
  static override examples = [
    '<%= config.bin %> score',
    '<%= config.bin %> score --limit 50',
    '<%= config.bin %> score --json',
  ];
  static override flags = {
    limit: Flags.integer({ description: 'Rows of the leaderboard to print.', default: 20, min: 1 }),
    'dry-run': Flags.boolean({ description: 'Compute and print, but write nothing.' }),
  };

  async run(): Promise<ScoreReport> {
    const { flags } = await this.parse(Score);
    const instance = await this.openInstance(flags);
    const report = await scoreInstance(instance, this.runtime(flags), { dryRun: flags['dry-run'] });
    this.log(formatScore(report, flags.limit));
    return report;
  }
}
