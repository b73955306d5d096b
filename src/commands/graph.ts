import * as Flags from '@oclif/core/flags';
import { CredCommand } from '../cli/credCommand.js';
import { renderTable } from '../cli/table.js';
import { buildPluginGraphs, graphFile, writePluginGraphs } from '../instance/graphs.js';

export interface GraphResult {
  readonly graphs: { plugin: string; file: string; nodes: number; edges: number; digest: string }[];
}

export default class Graph extends CredCommand<GraphResult> {
  static override summary = "Build each plugin's graph from its cache and records.";
  static override description =
    'Writes output/graphs/<plugin>.credgraph (compact columns, what "cred score" reads) and, with ' +
    '--graph-json, output/graphs/<plugin>.json for people. Reads no network: run "cred load" first.';
  static override flags = {
    'graph-json': Flags.boolean({ description: 'Also write each graph as readable JSON.' }),
  };

  async run(): Promise<GraphResult> {
    const { flags } = await this.parse(Graph);
    const instance = await this.openInstance(flags);
    const graphs = await buildPluginGraphs(instance, this.runtime(flags));
    await writePluginGraphs(instance, graphs, { json: flags['graph-json'] });
    const result = {
      graphs: graphs.map(({ plugin, graph, digest }) => ({
        plugin,
        file: graphFile(instance, plugin),
        nodes: graph.nodeCount,
        edges: graph.edgeCount,
        digest,
      })),
    };
    this.log(
      renderTable(result.graphs, [
        { header: 'plugin', value: (row) => row.plugin },
        { header: 'nodes', value: (row) => String(row.nodes), align: 'right' },
        { header: 'edges', value: (row) => String(row.edges), align: 'right' },
        { header: 'file', value: (row) => row.file },
      ]),
    );
    return result;
  }
}
