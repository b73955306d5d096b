import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { formatDomains } from '../cli/formatGovernance.js';
import { domainsReport, type DomainsReport } from '../instance/governance/domains.js';

export default class Domains extends CredCommand<DomainsReport> {
  static override summary =
    "Show cred per domain: each domain's own cred and its total with children.";
  static override description =
    'Domains are declared in cred.json (governance.domains), each claiming containers: repositories, forum ' +
    'categories, chats, task tables, contribution folders. Cred is attributed to the domain of the contributions ' +
    'it flowed from (CredRank flow decomposition) and counts in every parent domain. Run "cred score" first.';
  static override examples = [
    '<%= config.bin %> domains',
    '<%= config.bin %> domains --month 2026-10',
    '<%= config.bin %> domains --month 2026-10 --json',
  ];
  static override flags = {
    month: Flags.string({ description: 'Only this month, YYYY-MM (default: all weeks).' }),
    top: Flags.integer({ description: 'Contributors to list per domain.', default: 3, min: 0 }),
  };

  async run(): Promise<DomainsReport> {
    const { flags } = await this.parse(Domains);
    const report = await domainsReport(await this.openInstance(flags), this.runtime(flags), {
      ...(flags.month === undefined ? {} : { month: flags.month }),
    });
    this.log(formatDomains(report, flags.top));
    return report;
  }
}
