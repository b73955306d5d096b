/**
 * The instance the explorer's end-to-end tests run on: `cred init`'s example records plus a
 * synthetic community loaded as a plugin package (src/bench/syntheticPlugin.ts), scored and
 * built with the real commands. Set CRED_SITE_INSTANCE to a folder holding an instance to run
 * the same tests on it instead (e.g. the demo instance, once it exists): it is copied, scored
 * and built, never changed in place.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cred, PROJECT, scratchDir } from './cli.js';

export const SYNTHETIC_PLUGIN = path.join(PROJECT, 'dist', 'bench', 'syntheticPlugin.js');

/** A small community: 40 people over 20 weeks, besides the three of the example records. */
export const FIXTURE_SHAPE = { edges: 1500, weeks: 20, users: 40, seed: 7 };

async function run(args: readonly string[], cwd: string): Promise<string> {
  const result = await cred(args, cwd);
  if (result.code !== 0) {
    throw new Error(`cred ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  }
  return result.stdout;
}

/** Creates, scores and builds the site of the fixture instance; returns its folder. */
export async function buildSiteFixture(): Promise<string> {
  const dir = path.join(scratchDir('cred-site-'), 'community');
  const source = process.env.CRED_SITE_INSTANCE;
  if (source !== undefined && source !== '') {
    cpSync(source, dir, { recursive: true });
  } else {
    await run(['init', dir, '--name', 'Fixture community'], path.dirname(dir));
    const configFile = path.join(dir, 'cred.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.plugins.bench = { package: SYNTHETIC_PLUGIN, ...FIXTURE_SHAPE };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
  }
  await run(['score', '-q'], dir);
  await run(['site', '-q'], dir);
  return dir;
}
