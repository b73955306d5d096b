/** Terminal rendering of `cred explain`: the sources of an identity's cred with their shares. */
import type { ExplainReport, ExplainedSource } from '../instance/explain/explain.js';
import { fixed, renderTable } from './table.js';

export function formatExplain(report: ExplainReport, limit: number): string {
  const { identity, sources } = report;
  const shown = sources.slice(0, limit);
  const rest = sources.slice(limit);
  // Sources the report did not describe (ExplainOptions.limit) follow those it did.
  const restCount = rest.length + (report.unlisted?.count ?? 0);
  const restCred = rest.reduce((total, source) => total + source.cred, report.unlisted?.cred ?? 0);
  const rows: { source: ExplainedSource | null; cred: number }[] = shown.map((source) => ({
    source,
    cred: source.cred,
  }));
  if (restCount > 0) rows.push({ source: null, cred: restCred });
  const share = (cred: number) => `${fixed(report.cred > 0 ? (100 * cred) / report.cred : 0, 1)}%`;
  const table = renderTable(rows, [
    { header: 'cred', value: (row) => fixed(row.cred, 4), align: 'right' },
    { header: 'share', value: (row) => share(row.cred), align: 'right' },
    {
      header: 'source',
      value: (row) => (row.source === null ? `${restCount} more` : label(row.source)),
    },
    { header: 'via', value: (row) => (row.source === null ? '' : via(row.source)) },
    { header: 'reached', value: (row) => (row.source === null ? '' : reached(row.source)) },
  ]);
  const listed = rows.reduce((total, row) => total + row.cred, 0);
  const head = `${identity.name} (${identity.type}, ${identity.id}): ${fixed(report.cred, 4)} cred in ${report.period}`;
  if (sources.length === 0 && restCount === 0) return `${head}\nno cred to explain`;
  return [
    head,
    '',
    table,
    '',
    `shares add up to ${fixed(listed, 4)} of ${fixed(report.cred, 4)} cred` +
      (report.fromWeek === null || report.fromWeek === report.toWeek
        ? ''
        : ` (weeks ${report.fromWeek} .. ${report.toWeek})`),
  ].join('\n');
}

function label(source: ExplainedSource): string {
  const text =
    source.description.length > 60 ? `${source.description.slice(0, 57)}...` : source.description;
  return source.kind === 'identity' ? `@${text}` : `${text} [${source.plugin}]`;
}

function via(source: ExplainedSource): string {
  return [...new Set(source.edges.map((edge) => edge.relation))].join(', ');
}

function reached(source: ExplainedSource): string {
  return source.carried
    ? `carried from week of ${source.entryWeek}`
    : `week of ${source.entryWeek}`;
}
