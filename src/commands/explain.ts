import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { formatExplain } from '../cli/formatExplain.js';
import { explainIdentity, type ExplainReport } from '../instance/explain/explain.js';

export default class Explain extends CredCommand<ExplainReport> {
  static override summary = "Show where an identity's cred came from, for one week or all weeks.";
  static override description =
    'Decomposes the CredRank flow behind the scores (output/cred.credscores): the contributions and people whose cred the ' +
    'identity banked, with their shares and the edges that carried it. Flow that reached the identity in a ' +
    'neighbouring week is shown as carried from that week. The shares add up to the cred of the scores. ' +
    'Run "cred score" first.';
  static override examples = [
    '<%= config.bin %> explain mira',
    '<%= config.bin %> explain mira --week 2026-W42',
    '<%= config.bin %> explain mira --week 2026-10-15 --limit 5',
    '<%= config.bin %> explain mira --json',
  ];
  static override args = {
    identity: Args.string({
      description: 'Identity name, id or account address.',
      required: true,
    }),
  };
  static override flags = {
    week: Flags.string({
      description: 'ISO week ("2026-W42") or a date in it (default: all weeks).',
    }),
    limit: Flags.integer({
      description: 'Sources to list; the rest are summed.',
      default: 20,
      min: 1,
    }),
  };

  async run(): Promise<ExplainReport> {
    const { args, flags } = await this.parse(Explain);
    const instance = await this.openInstance(flags);
    const report = await explainIdentity(instance, this.runtime(flags), {
      identity: args.identity,
      ...(flags.week === undefined ? {} : { week: flags.week }),
      // --json reports every source; the table describes only those it lists.
      ...(this.jsonEnabled() ? {} : { limit: flags.limit }),
    });
    this.log(formatExplain(report, flags.limit));
    return report;
  }
}
