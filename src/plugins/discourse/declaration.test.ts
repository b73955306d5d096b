import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declarationWeights, parseWeightsFile } from '../../core/weights.js';
import { discourseDeclaration, trustLevelWeight } from './declaration.js';

const WEIGHTS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../weights/discourse.json',
);

describe('plugins/discourse/declaration', () => {
  it('weights/discourse.json states exactly the declared defaults', () => {
    const declarations = new Map([[discourseDeclaration.name, discourseDeclaration]]);
    const file = parseWeightsFile(
      JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8')),
      'weights/discourse.json',
      declarations,
    );
    expect(file).toEqual(declarationWeights(discourseDeclaration));
  });

  it('parseWeightsFile accepts a category under a node type and rejects an unknown type', () => {
    const declarations = new Map([[discourseDeclaration.name, discourseDeclaration]]);
    const weights = (nodes: Record<string, number>) => ({
      type: 'cred/weights',
      version: 1,
      nodes,
    });
    expect(
      parseWeightsFile(weights({ 'discourse/like/dev/infra': 0 }), 'w.json', declarations).nodes,
    ).toEqual(new Map([['discourse/like/dev/infra', 0]]));
    expect(() =>
      parseWeightsFile(weights({ 'discourse/likes/memes': 0 }), 'w.json', declarations),
    ).toThrow(expect.objectContaining({ code: 'WEIGHTS_UNKNOWN_TYPE' }));
  });

  it('trustLevelWeight(level) follows SourceCred: new users mint nothing, unknown is 0', () => {
    expect([0, 1, 2, 3, 4, 5, null].map(trustLevelWeight)).toEqual([0, 0.1, 1, 1.25, 1.5, 0, 0]);
  });
});
