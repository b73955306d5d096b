/**
 * Community plugins return plain data: `graph()` resolves to `{ nodes, edges }` arrays (or a
 * cred Graph) and `identities()` to proposals. This adapter validates what they return, so a
 * faulty package fails with a message naming it instead of corrupting scores.
 */
import * as z from 'zod';
import type { EdgeAddress, NodeAddress } from '../core/address.js';
import { ConfigError } from '../core/errors.js';
import { Graph } from '../core/graph.js';
import { IDENTITY_TYPES, type IdentityProposal } from '../core/identity.js';
import type { Plugin } from '../core/plugin.js';
import { describeIssue } from '../core/validation.js';

const address = z.string().min(1);

const plainGraphSchema = z.object({
  nodes: z.array(
    z.object({
      address,
      description: z.string(),
      timestampMs: z.number().finite().nullable(),
      url: z.string().optional(),
      weight: z.number().nonnegative().finite().optional(),
      container: address.optional(),
    }),
  ),
  edges: z.array(
    z.object({
      address,
      src: address,
      dst: address,
      timestampMs: z.number().finite(),
      weight: z.number().nonnegative().finite().optional(),
    }),
  ),
});

const proposalsSchema = z.array(
  z.object({
    plugin: z.string(),
    alias: address,
    name: z.string().min(1),
    type: z.enum(IDENTITY_TYPES),
    description: z.string(),
  }),
);

function invalid(name: string, what: string, error: z.ZodError): ConfigError {
  const { problem } = describeIssue(error.issues[0] as z.core.$ZodIssue);
  return new ConfigError(
    'PLUGIN_INVALID_OUTPUT',
    `plugin "${name}" returned an invalid ${what}: ${problem}`,
    {
      suggestions: [
        `Report it to the maintainers of the "${name}" plugin; docs/plugins.md describes the expected shape.`,
      ],
    },
  );
}

export function adaptExternalPlugin(plugin: Plugin<unknown>): Plugin<unknown> {
  const name = plugin.declaration.name;
  return {
    ...plugin,
    graph: async (context) => {
      const output: unknown = await plugin.graph(context);
      if (output instanceof Graph) return output;
      const parsed = plainGraphSchema.safeParse(output);
      if (!parsed.success) throw invalid(name, 'graph', parsed.error);
      const graph = new Graph();
      for (const node of parsed.data.nodes) {
        graph.addNode({
          ...node,
          address: node.address as NodeAddress,
          container: node.container as NodeAddress | undefined,
        });
      }
      for (const edge of parsed.data.edges) {
        graph.addEdge({
          ...edge,
          address: edge.address as EdgeAddress,
          src: edge.src as NodeAddress,
          dst: edge.dst as NodeAddress,
        });
      }
      return graph;
    },
    identities: async (context) => {
      const parsed = proposalsSchema.safeParse(await plugin.identities(context));
      if (!parsed.success) throw invalid(name, 'identity proposal list', parsed.error);
      return parsed.data as IdentityProposal[];
    },
  };
}
