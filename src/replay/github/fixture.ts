/**
 * The recorded-style GitHub fixture (test/fixtures/github/lantern-labs.json): two pseudonymous
 * repositories of a fictional organization, used by the tests and the replay instance.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGithubDataset, type GithubDataset } from './dataset.js';

/** Path of the fixture file (the same from src/ under vitest and from dist/). */
export const GITHUB_FIXTURE = fileURLToPath(
  new URL('../../../test/fixtures/github/lantern-labs.json', import.meta.url),
);

/** A fresh, validated copy of the fixture (tests may change it). */
export function fixtureDataset(file = GITHUB_FIXTURE): GithubDataset {
  return parseGithubDataset(JSON.parse(readFileSync(file, 'utf8')), file);
}
