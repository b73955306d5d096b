import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { formatScore } from '../cli/formatScore.js';
import { formatWeightsDiff } from '../cli/formatWeightsDiff.js';
import { scoreInstance, type ScoreReport } from '../instance/score/score.js';
import { diffWeights, type WeightsDiffReport } from '../instance/weights/diff.js';

export default class Score extends CredCommand<ScoreReport | WeightsDiffReport> {
  static override summary =
    'Compute cred per identity per week (CredRank or OpenRank) and print a leaderboard.';
  static override description =
    'Reads the graphs "cred graph" wrote when they are newer than cred.json, the caches and the records ' +
    '(else builds them; run "cred graph" again after upgrading a plugin), applies the weights and the identities, runs the ' +
    'algorithm of cred.json (CredRank by default, OpenRank with "algorithm": "openrank") over calendar weeks ' +
    '(ISO, Monday 00:00 UTC) and writes output/cred.credscores (compact; ' +
    'with --json-scores also output/cred.json for people). With --weights, writes nothing and shows instead ' +
    'what the given weight files would change (as "cred weights diff").';
  static override examples = [
    '<%= config.bin %> score',
    '<%= config.bin %> score --limit 50',
    '<%= config.bin %> score --json',
    '<%= config.bin %> score --weights proposal/github.json',
  ];
  static override flags = {
    limit: Flags.integer({ description: 'Rows of the leaderboard to print.', default: 20, min: 1 }),
    'dry-run': Flags.boolean({ description: 'Compute and print, but write nothing.' }),
    'json-scores': Flags.boolean({
      description:
        'Also write output/cred.json, the scores as readable JSON (kept up to date once it exists).',
    }),
    weights: Flags.string({
      description:
        'Weight file or folder to try in place of the instance file of the same name (repeatable); ' +
        'prints the change per identity and writes nothing.',
      multiple: true,
    }),
  };

  async run(): Promise<ScoreReport | WeightsDiffReport> {
    const { flags } = await this.parse(Score);
    const instance = await this.openInstance(flags);
    if (flags.weights !== undefined) {
      const diff = await diffWeights(instance, this.runtime(flags), {
        before: null,
        after: flags.weights,
      });
      this.log(formatWeightsDiff(diff, flags.limit));
      return diff;
    }
    const report = await scoreInstance(instance, this.runtime(flags), {
      dryRun: flags['dry-run'],
      jsonScores: flags['json-scores'],
    });
    this.log(formatScore(report, flags.limit));
    return report;
  }
}
