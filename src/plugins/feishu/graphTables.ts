/**
 * Task tables to graph (pure). Each row is a node whose intrinsic weight is its points (so the
 * table's type weight times the points is what it mints), dated by the row's date column. Each
 * person on the row is joined to it by an `assigned` edge, dated by the row too, whose intrinsic
 * weight is the person's share. `assigned` carries cred only backwards (row -> person) and
 * nothing else touches a row, so a row's cred reaches its people in proportion to their shares,
 * in the week of the row's date (docs/decisions/0201-feishu-points-graph.md).
 */
import { utcOffsetMs, type FeishuConfig } from './config.js';
import { recordAddress, tableAddress } from './addresses.js';
import { ASSIGNED_PREFIX } from './declaration.js';
import type { GraphBuild } from './graphBuild.js';
import { checkTableColumns, taskRows } from './rows.js';
import type { FeishuSnapshot } from './snapshot.js';

export function addTables(
  build: GraphBuild,
  snapshot: FeishuSnapshot,
  config: FeishuConfig,
  where: string,
): void {
  config.tables.forEach((table, index) => {
    const loaded = snapshot.tables[index];
    const container = tableAddress(table.appToken, table.tableId);
    const name = table.name ?? `table ${table.tableId}`;
    build.graph.addNode({ address: container, description: name, timestampMs: null });
    if (loaded?.fields === undefined) {
      build.warnings.push(`${name} has not been loaded yet: run "cred load feishu"`);
      return;
    }
    checkTableColumns(table, loaded.fields, `${where} (tables.${index})`);
    for (const row of taskRows(
      table,
      loaded.fields,
      loaded.records,
      utcOffsetMs(config.utcOffset),
    )) {
      const address = recordAddress(table.appToken, table.tableId, row.recordId);
      const points = row.points === undefined ? 'no points' : `${row.points} points`;
      build.graph.addNode({
        address,
        description: `${name}: ${row.title} (${points}${row.done ? '' : ', not done'})`,
        timestampMs: row.timeMs ?? null,
        container,
        weight: row.weight,
      });
      if (row.problems.length > 0) {
        build.warnings.push(
          `${name}, row ${row.recordId} ("${row.title}") mints nothing: ${row.problems.join('; ')}`,
        );
      }
      if (row.timeMs === undefined) continue;
      for (const person of row.people) {
        build.edge(
          ASSIGNED_PREFIX,
          build.account(person.id, 'user'),
          address,
          row.timeMs,
          person.share,
        );
      }
    }
  });
}
