import { describe, expect, it } from 'vitest';
import type { PluginDeclaration } from './plugin.js';
import { edge, node } from './testing/graphs.js';
import {
  combineWeights,
  declarationWeights,
  edgeTypeWeight,
  nodeTypeWeight,
  parseWeightsFile,
  toWeightsJson,
} from './weights.js';

const declaration: PluginDeclaration = {
  name: 't',
  title: 'Test',
  nodeTypes: [
    {
      name: 'Pull',
      pluralName: 'Pulls',
      prefix: node('t/pull'),
      defaultWeight: 4,
      description: '',
    },
    {
      name: 'User',
      pluralName: 'Users',
      prefix: node('t/user'),
      defaultWeight: 0,
      description: '',
    },
  ],
  edgeTypes: [
    {
      forwardName: 'authors',
      backwardName: 'is authored by',
      prefix: edge('t/authors'),
      defaultWeight: { forwards: 0.5, backwards: 1 },
      description: '',
    },
  ],
  userTypes: [node('t/user')],
};
const declarations = new Map([['t', declaration]]);
const file = (body: object) => ({ type: 'cred/weights', version: 1, ...body });

describe('core/weights', () => {
  it('nodeTypeWeight(weights, address) takes the most specific key, 1 when none matches', () => {
    const weights = combineWeights(
      [declarationWeights(declaration)],
      [
        {
          file: 'weights/t.json',
          weights: parseWeightsFile(
            file({ nodes: { 't/pull/o/r': 2, 't/pull/o/r/7': 0 } }),
            'weights/t.json',
            declarations,
          ),
        },
      ],
    );
    expect(nodeTypeWeight(weights, node('t/pull/o/r/7'))).toBe(0);
    expect(nodeTypeWeight(weights, node('t/pull/o/r/8'))).toBe(2);
    expect(nodeTypeWeight(weights, node('t/pull/other/r/8'))).toBe(4);
    expect(nodeTypeWeight(weights, node('t/pullx/1'))).toBe(1);
    expect(nodeTypeWeight(weights, node('u/unknown'))).toBe(1);
    expect(edgeTypeWeight(weights, 't/authors/x')).toEqual({ forwards: 0.5, backwards: 1 });
    expect(edgeTypeWeight(weights, 't/other')).toEqual({ forwards: 1, backwards: 1 });
  });

  it('parseWeightsFile(json) rejects negative weights, unknown fields, plugins and types, naming file and field', () => {
    const expectError = (body: unknown, code: string, text: RegExp) => {
      expect(() => parseWeightsFile(body, 'weights/t.json', declarations)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(text) }),
      );
    };
    expectError(
      file({ edges: { 't/authors': { forwards: -1, backwards: 1 } } }),
      'WEIGHTS_INVALID',
      /weights\/t.json: field "edges.t\/authors.forwards": expected a weight >= 0/,
    );
    expectError(file({ nodes: {}, extra: 1 }), 'WEIGHTS_INVALID', /unknown field "extra"/);
    expectError(
      file({ nodes: { 'gitlab/pull': 1 } }),
      'WEIGHTS_UNKNOWN_PLUGIN',
      /names plugin "gitlab"/,
    );
    expectError(file({ nodes: { 't/pul': 1 } }), 'WEIGHTS_UNKNOWN_TYPE', /matches no node type/);
    expectError(
      file({ edges: { 't/pull': { forwards: 1, backwards: 1 } } }),
      'WEIGHTS_UNKNOWN_TYPE',
      /matches no edge type/,
    );
    expectError({ type: 'cred/weights', version: 2 }, 'WEIGHTS_INVALID', /version/);
    expect(parseWeightsFile(file({ nodes: { t: 0 } }), 'w.json', declarations).nodes.get('t')).toBe(
      0,
    );
  });

  it('combineWeights(defaults, files) rejects one key set by two files', () => {
    const one = parseWeightsFile(file({ nodes: { 't/pull': 1 } }), 'a.json', declarations);
    expect(() =>
      combineWeights(
        [],
        [
          { file: 'a.json', weights: one },
          { file: 'b.json', weights: one },
        ],
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'WEIGHTS_CONFLICT',
        message: 'b.json: "nodes.t/pull" is also set in a.json',
      }),
    );
  });

  it('toWeightsJson(weights) is sorted and versioned', () => {
    const json = toWeightsJson(declarationWeights(declaration));
    expect(Object.keys(json.nodes)).toEqual(['t/pull', 't/user']);
    expect(json).toMatchObject({ type: 'cred/weights', version: 1 });
  });
});
