import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeAddress } from '../address.js';
import { nodeTypeWeight } from '../weights.js';
import { nodeTypeWeights } from './typeWeights.js';

/** Addresses from a few segments, and weight keys that are some of their prefixes. */
const case_ = fc
  .array(
    fc
      .array(fc.constantFrom('', 'a', 'b', 'é', 'x', '/'), { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('/')),
    { minLength: 1, maxLength: 30 },
  )
  .chain((addresses) =>
    fc.record({
      addresses: fc.constant(addresses),
      keys: fc.array(
        fc.record({
          k: fc.nat(),
          cut: fc.nat(),
          weight: fc.integer({ min: 0, max: 8 }),
        }),
        { maxLength: 6 },
      ),
    }),
  );

describe('core/credrank/typeWeights', () => {
  it('looks each address up as nodeTypeWeight does, keys under a parent included', () => {
    fc.assert(
      fc.property(case_, ({ addresses, keys }) => {
        const table = new Map(
          keys.map(({ k, cut, weight }) => {
            const address = addresses[k % addresses.length] as string;
            return [address.slice(0, address.length - (cut % 4)), weight] as const;
          }),
        );
        const weights = { nodes: table, edges: new Map() };
        const typeWeight = nodeTypeWeights(addresses, weights);
        addresses.forEach((address, k) =>
          expect(typeWeight(k)).toBe(nodeTypeWeight(weights, address as NodeAddress)),
        );
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
