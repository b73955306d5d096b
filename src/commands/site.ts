import { CredCommand } from '../cli/credCommand.js';
import { formatSite } from '../cli/formatSite.js';
import { buildSite, type SiteReport } from '../instance/site/site.js';

export default class Site extends CredCommand<SiteReport> {
  static override summary = 'Build the explorer: a static site in output/site/.';
  static override description =
    'Writes the explorer (leaderboard, contributors, weights with a what-if, ledger) and the JSON it reads, ' +
    'from the scores (output/cred.credscores) and the graphs and weights it came from. The site works from any static host ' +
    '(copy output/site/) or from "cred serve". Run "cred score" first.';
  static override examples = ['<%= config.bin %> site', '<%= config.bin %> site --json'];

  async run(): Promise<SiteReport> {
    const { flags } = await this.parse(Site);
    const instance = await this.openInstance(flags);
    const report = await buildSite(instance, this.runtime(flags));
    this.log(formatSite(report));
    return report;
  }
}
