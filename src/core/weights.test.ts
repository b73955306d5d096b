import { describe, expect, it } from 'vitest';
import type { PluginDeclaration } from './plugin.js';
import { edge, node } from './testing/graphs.js';
import {
  combineWeights,
  declarationWeights,
  edgeTypeWeight,
  hasMintShaping,
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

  it('parseWeightsFile(json) reads budgets, container multipliers and reactions', () => {
    const weights = parseWeightsFile(
      file({
        budgets: { t: 150, 't/pull': 20 },
        containers: { 't/pull/o/r': 0.5 },
        reactions: { capPerWeek: 5, nodes: ['t/pull/x', 't/pull/x'], edges: ['t/authors'] },
      }),
      'w.json',
      declarations,
    );
    expect(weights.budgets).toEqual(
      new Map([
        ['t', 150],
        ['t/pull', 20],
      ]),
    );
    expect(weights.containers).toEqual(new Map([['t/pull/o/r', 0.5]]));
    expect(weights.reactions).toEqual({ capPerWeek: 5, nodes: ['t/pull/x'], edges: ['t/authors'] });
    expect(hasMintShaping(weights)).toBe(true);
    const plain = parseWeightsFile(
      file({ reactions: { edges: ['t/authors'] } }),
      'w',
      declarations,
    );
    expect(plain.reactions).toEqual({ capPerWeek: undefined, nodes: [], edges: ['t/authors'] });
    expect(hasMintShaping(plain)).toBe(false);
  });

  it('parseWeightsFile(json) rejects knob keys of unknown plugins or types, naming the section', () => {
    const expectError = (body: unknown, code: string, text: RegExp) => {
      expect(() => parseWeightsFile(body, 'weights/t.json', declarations)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(text) }),
      );
    };
    expectError(file({ budgets: { gitlab: 1 } }), 'WEIGHTS_UNKNOWN_PLUGIN', /in "budgets"/);
    expectError(file({ containers: { 't/repo/x': 1 } }), 'WEIGHTS_UNKNOWN_TYPE', /"containers"/);
    expectError(
      file({ reactions: { edges: ['t/pull'] } }),
      'WEIGHTS_UNKNOWN_TYPE',
      /in "reactions.edges" matches no edge type/,
    );
    expectError(file({ reactions: { cap: 1 } }), 'WEIGHTS_INVALID', /unknown field "cap"/);
    expectError(file({ budgets: { t: -1 } }), 'WEIGHTS_INVALID', /field "budgets.t"/);
  });

  it('combineWeights(defaults, files) merges reaction prefixes and rejects conflicting knobs', () => {
    const parse = (body: object, name: string) => ({
      file: name,
      weights: parseWeightsFile(file(body), name, declarations),
    });
    const combined = combineWeights(
      [declarationWeights(declaration)],
      [
        parse({ reactions: { capPerWeek: 3, nodes: ['t/pull/x'] } }, 'a.json'),
        parse({ reactions: { nodes: ['t/pull/a'], edges: ['t/authors'] } }, 'b.json'),
        parse({ budgets: { 't/pull': 2 }, containers: { 't/user/o': 0 } }, 'c.json'),
      ],
    );
    expect(combined.reactions).toEqual({
      capPerWeek: 3,
      nodes: ['t/pull/a', 't/pull/x'],
      edges: ['t/authors'],
    });
    expect(combined.budgets).toEqual(new Map([['t/pull', 2]]));
    expect(combined.containers).toEqual(new Map([['t/user/o', 0]]));
    const expectConflict = (bodies: object[], code: string, text: RegExp) =>
      expect(() =>
        combineWeights(
          [],
          bodies.map((body, k) => parse(body, `${k}.json`)),
        ),
      ).toThrow(expect.objectContaining({ code, message: expect.stringMatching(text) }));
    expectConflict(
      [{ reactions: { capPerWeek: 1 } }, { reactions: { capPerWeek: 2 } }],
      'WEIGHTS_CONFLICT',
      /1.json: "reactions.capPerWeek" is also set in 0.json/,
    );
    expectConflict([{ budgets: { t: 1 } }, { budgets: { t: 1 } }], 'WEIGHTS_CONFLICT', /budgets/);
    expectConflict(
      [{ budgets: { t: 10 } }, { budgets: { 't/pull': 1 } }],
      'WEIGHTS_BUDGET_OVERLAP',
      /1.json: budget "t\/pull" lies under budget "t" \(set in 0.json\)/,
    );
  });

  it('toWeightsJson(weights) writes knob sections only when set, sorted', () => {
    const plain = toWeightsJson(declarationWeights(declaration));
    expect(Object.keys(plain)).toEqual(['type', 'version', 'nodes', 'edges']);
    const json = toWeightsJson({
      ...declarationWeights(declaration),
      budgets: new Map([
        ['t/user', 1],
        ['t/pull', 2],
      ]),
      containers: new Map([
        ['t/pull/z', 1],
        ['t/pull/a', 0],
      ]),
      reactions: { capPerWeek: undefined, nodes: [], edges: ['t/authors'] },
    });
    expect(Object.keys(json.budgets ?? {})).toEqual(['t/pull', 't/user']);
    expect(Object.keys(json.containers ?? {})).toEqual(['t/pull/a', 't/pull/z']);
    expect(json.reactions).toEqual({ nodes: [], edges: ['t/authors'] });
  });
});
