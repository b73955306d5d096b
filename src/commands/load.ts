import * as Args from '@oclif/core/args';
import { CredCommand } from '../cli/credCommand.js';
import { renderTable } from '../cli/table.js';
import { describeLoadReport } from '../core/loadReport.js';
import { loadInstance, type LoadReport } from '../instance/load.js';

export default class Load extends CredCommand<LoadReport> {
  static override summary =
    'Fetch what changed from each source into cache/, then rebuild the graphs.';
  static override description =
    'Loads are incremental and resumable: a second load asks only for what changed, and a load that was ' +
    'stopped continues where it left off. Secrets come from the environment (GITHUB_TOKEN, DISCOURSE_API_KEY, ...).';
  static override strict = false;
  static override args = {
    plugin: Args.string({ description: 'Load only these plugins (default: all).' }),
  };
  static override examples = ['<%= config.bin %> load', '<%= config.bin %> load github discourse'];

  async run(): Promise<LoadReport> {
    const { flags, argv } = await this.parse(Load);
    const instance = await this.openInstance(flags);
    const report = await loadInstance(instance, this.runtime(flags), argv as string[]);
    for (const { plugin, summary } of report.loaded) {
      const items = Object.entries(summary.items)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', ');
      this.log(`${plugin}: ${summary.requests} requests; ${items || 'nothing new'}`);
      const detail = summary.report === undefined ? [] : describeLoadReport(summary.report);
      for (const line of [...detail, ...summary.notes]) this.log(`  ${line}`);
    }
    this.log(
      renderTable(report.graphs, [
        { header: 'plugin', value: (row) => row.plugin },
        { header: 'nodes', value: (row) => String(row.nodes), align: 'right' },
        { header: 'edges', value: (row) => String(row.edges), align: 'right' },
      ]),
    );
    return report;
  }
}
