import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDRANK_PARAMS, type CredRankParams } from './params.js';
import { processRows, type ProcessEdges, type WeekLayout } from './processRows.js';
import { TransitionBuilder } from './transitionBuilder.js';

/** The rows a TransitionBuilder gives for the transitions processRows documents, in order. */
function builderRows(
  nodeCount: number,
  edges: ProcessEdges,
  { epochStart, accStart, weekCount, participantCount }: WeekLayout,
  params: CredRankParams,
) {
  const builder = new TransitionBuilder(nodeCount, 2 * edges.count + 3 * accStart);
  for (let e = 0; e < edges.count; e++) {
    builder.add(edges.src[e]!, edges.dst[e]!, edges.forwards[e]!);
    builder.add(edges.dst[e]!, edges.src[e]!, edges.backwards[e]!);
  }
  for (let p = 0; p < participantCount; p++) {
    for (let t = 0; t < weekCount; t++) {
      // Week-major: week t's participants sit together.
      const x = epochStart + t * participantCount + p;
      builder.add(x, accStart + t, params.beta);
      builder.add(x, t + 1 < weekCount ? x + participantCount : x, params.gammaForward);
      builder.add(x, t > 0 ? x - participantCount : x, params.gammaBackward);
    }
  }
  return builder.toCsr();
}

const shapes = fc
  .record({
    baseCount: fc.integer({ min: 1, max: 6 }),
    participantCount: fc.integer({ min: 0, max: 3 }),
    weekCount: fc.integer({ min: 1, max: 4 }),
    beta: fc.constantFrom(0, 0.4),
    gammaForward: fc.constantFrom(0, 0.1),
  })
  .chain((shape) => {
    const accStart = shape.baseCount + shape.participantCount * shape.weekCount;
    const node = fc.integer({ min: 0, max: accStart - 1 });
    const probability = fc.constantFrom(0, 0.25, 0.5, 1);
    const edge = fc.tuple(node, node, probability, probability);
    return fc.record({ shape: fc.constant({ ...shape, accStart }), edges: fc.array(edge) });
  });

describe('processRows', () => {
  it('gives the rows a TransitionBuilder gives for the same transitions, order within rows included', () => {
    fc.assert(
      fc.property(shapes, ({ shape, edges: list }) => {
        const edges: ProcessEdges = {
          count: list.length,
          src: Int32Array.from(list, ([src]) => src),
          dst: Int32Array.from(list, ([, dst]) => dst),
          forwards: Float64Array.from(list, ([, , forwards]) => forwards),
          backwards: Float64Array.from(list, ([, , , backwards]) => backwards),
        };
        const layout = { ...shape, epochStart: shape.baseCount };
        const nodeCount = shape.accStart + shape.weekCount + 1;
        const params = { ...DEFAULT_CREDRANK_PARAMS, ...shape };
        expect(processRows(nodeCount, edges, layout, params)).toEqual(
          builderRows(nodeCount, edges, layout, params),
        );
      }),
    );
  });
});
