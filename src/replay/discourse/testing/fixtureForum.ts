/** The recorded-style test forum (`test/fixtures/discourse/forum.json`), fresh on each call. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseForum, type Forum } from '../forum.js';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const FIXTURE_FORUM_FILE = path.join(PROJECT, 'test', 'fixtures', 'discourse', 'forum.json');

export function fixtureForum(): Forum {
  return parseForum(JSON.parse(readFileSync(FIXTURE_FORUM_FILE, 'utf8')));
}
