/**
 * Where an instance is: the nearest folder up from a working folder that holds cred.json. Kept
 * apart from instance.ts (which validates cred.json with its schemas) so the launcher can find
 * the instance before anything heavy is loaded.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function nearestInstanceRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'cred.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
