/**
 * Where the published contracts live: `contracts/` at the project's root (see its README), in
 * a clone and in the installed package alike. `src/replay/` and `dist/replay/` are both two
 * folders below the root, so one relative step serves the sources under test and the build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The path of a file under `contracts/`, e.g. `contractFile('discourse', 'openapi.json')`. */
export function contractFile(...parts: string[]): string {
  return path.join(PROJECT, 'contracts', ...parts);
}
