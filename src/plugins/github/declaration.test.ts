import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declarationWeights, parseWeightsFile } from '../../core/weights.js';
import { githubDeclaration } from './declaration.js';

describe('plugins/github/declaration', () => {
  it('weights/github.json lists exactly the declared types with their default weights', () => {
    const file = new URL('../../../weights/github.json', import.meta.url);
    const parsed = parseWeightsFile(
      JSON.parse(readFileSync(file, 'utf8')),
      'weights/github.json',
      new Map([['github', githubDeclaration]]),
    );
    const declared = declarationWeights(githubDeclaration);
    expect(Object.fromEntries(parsed.nodes)).toEqual(Object.fromEntries(declared.nodes));
    expect(Object.fromEntries(parsed.edges)).toEqual(Object.fromEntries(declared.edges));
  });

  it("githubDeclaration keeps SourceCred's mint: merged pull requests 4, reviews 1, the rest 0", () => {
    const mint = Object.fromEntries(
      githubDeclaration.nodeTypes.map((t) => [t.prefix, t.defaultWeight]),
    );
    expect(mint).toMatchObject({ 'github/pull': 4, 'github/review': 1, 'github/issue': 0 });
    expect(githubDeclaration.userTypes).toEqual(['github/user', 'github/bot', 'github/org']);
  });
});
