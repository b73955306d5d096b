/** Terminal rendering of `cred site`: what was written and how large the data is. */
import type { SiteReport } from '../instance/site/site.js';
import { renderTable } from './table.js';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function formatSite(report: SiteReport): string {
  const table = renderTable(
    [...report.data, ...report.copies],
    [
      { header: 'data', value: (row) => row.file },
      { header: 'files', value: (row) => String(row.files), align: 'right' },
      { header: 'size', value: (row) => kib(row.bytes), align: 'right' },
      { header: 'gzipped', value: (row) => kib(row.gzipBytes), align: 'right' },
    ],
  );
  return [
    table,
    '',
    `${report.identities} identities, ${report.contributorPages} contributor pages; data ${kib(report.dataBytes)} (${kib(report.dataGzipBytes)} gzipped)`,
    ...(report.copies.length === 0
      ? []
      : [
          `copied as they are (ledger, payout reports): ${kib(report.copiesBytes)} (${kib(report.copiesGzipBytes)} gzipped)`,
        ]),
    `wrote ${report.directory} in ${report.seconds} s; serve it with "cred serve" or any static host`,
  ].join('\n');
}
