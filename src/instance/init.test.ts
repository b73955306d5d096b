import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KTOKEN_OPENRANK_PARAMS,
  OPEN_DIGGER_OPENRANK_PARAMS,
  type OpenRankParams,
} from '../core/openrank/params.js';
import { openRankParams, parseInstanceConfig } from './config.js';
import { initInstance, type InitOptions } from './init.js';

const made: string[] = [];

function init(options: InitOptions) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cred-init-'));
  made.push(dir);
  const report = initInstance(dir, { bare: true, ...options });
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  return { report, read, dir };
}

const paramsOf = (json: unknown) => openRankParams(parseInstanceConfig(json, 'cred.json').cred);

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('instance/init', () => {
  it('initInstance(dir, { algorithm: "openrank" }) writes the ktoken preset: parameters and weights', () => {
    const { read } = init({ algorithm: 'openrank' });
    const config = read('cred.json');
    expect(config.cred.algorithm).toBe('openrank');
    expect(Object.keys(config.cred).sort()).toEqual([
      'algorithm',
      'maxIterations',
      'openrank',
      'tolerance',
    ]);
    expect(config.cred.openrank).toMatchObject({
      preset: 'ktoken',
      attenuationPerMonth: { developer: 0.85, contribution: 0.5, container: 0.85 },
      minimumValue: 0.1,
      reactions: { combine: 'kinds', ceiling: 9 },
    });
    expect(paramsOf(config)).toEqual(KTOKEN_OPENRANK_PARAMS);
    const github = read('weights/github.json');
    expect(github.nodes).toMatchObject({ 'github/issue': 1, 'github/pull': 5 });
    expect(github.edges['github/reacts/heart'].forwards).toBe(3);
    expect(github.reactions.edges).toEqual(['github/reacts']);
    expect(read('weights/discourse.json').reactions.nodes).toEqual(['discourse/like']);
    expect(read('weights/feishu.json').reactions.nodes).toEqual(['feishu/reaction']);
    // Weight files the preset does not change are the defaults.
    expect(read('weights/files.json').nodes['files/contribution']).toBe(1);
  });

  it('initInstance(dir, { preset: "open-digger" }) writes open-digger documentation preset', () => {
    const { read } = init({ algorithm: 'openrank', preset: 'open-digger' });
    const config = read('cred.json');
    expect(config.cred.openrank.attenuationPerMonth).toEqual({
      developer: 0.8,
      contribution: 0.8,
      container: 0.8,
    });
    expect(paramsOf(config)).toEqual(OPEN_DIGGER_OPENRANK_PARAMS);
    expect(read('weights/github.json').nodes['github/issue']).toBe(2);
  });

  it('initInstance(dir) without an algorithm stays CredRank with the default weights', () => {
    const { read } = init({});
    expect(read('cred.json').cred.algorithm).toBe('credrank');
    expect(read('weights/github.json').nodes['github/issue']).toBe(0);
  });

  it('initInstance(dir, options) rejects an unknown algorithm or preset, or a preset for CredRank', () => {
    const fails = (options: InitOptions, text: RegExp) =>
      expect(() => init(options)).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(text) }),
      );
    fails({ algorithm: 'pagerank' }, /--algorithm: expected one of credrank, openrank/);
    fails({ algorithm: 'openrank', preset: 'kt' }, /--preset: expected one of ktoken, open-digger/);
    fails({ preset: 'ktoken' }, /--preset.*--algorithm credrank/);
  });
});

describe('instance/config', () => {
  const config = (openrank: unknown) => ({
    type: 'cred/instance',
    version: 1,
    name: 'x',
    currency: 'USD',
    plugins: {},
    cred: { algorithm: 'openrank', ...(openrank === undefined ? {} : { openrank }) },
  });

  it('openRankParams(cred) is the ktoken preset without settings, the preset under overrides', () => {
    expect(paramsOf(config(undefined))).toEqual(KTOKEN_OPENRANK_PARAMS);
    const params: OpenRankParams = paramsOf(
      config({ preset: 'open-digger', attenuationPerMonth: { developer: 0.5 }, minimumValue: 0 }),
    );
    expect(params.attenuationPerMonth).toEqual({
      developer: 0.5,
      contribution: 0.8,
      container: 0.8,
    });
    expect(params.minimumValue).toBe(0);
    expect(params.reactions).toEqual(OPEN_DIGGER_OPENRANK_PARAMS.reactions);
    // One number is the factor for every node kind.
    expect(paramsOf(config({ attenuationPerMonth: 0.7 })).attenuationPerMonth).toEqual({
      developer: 0.7,
      contribution: 0.7,
      container: 0.7,
    });
    expect(paramsOf(config({ reactions: { combine: 'each' } })).reactions).toEqual({
      combine: 'each',
      ceiling: 9,
    });
  });

  it('parseInstanceConfig(json) names the OpenRank setting that is wrong', () => {
    const fails = (openrank: unknown, text: RegExp) =>
      expect(() => parseInstanceConfig(config(openrank), 'cred.json')).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(text) }),
      );
    fails({ preset: 'kToken' }, /cred.openrank.preset.*"ktoken", "open-digger"/);
    fails({ attenuationPerMonth: { issue: 0.5 } }, /cred.openrank.attenuationPerMonth/);
    fails({ attenuationPerMonth: 1.5 }, /cred.openrank.attenuationPerMonth/);
    fails({ reactions: { ceiling: 0.5 } }, /cred.openrank.reactions.ceiling/);
    fails({ reactions: { combine: 'max' } }, /cred.openrank.reactions.combine/);
    fails({ reactionFactor: 0.1 }, /reactionFactor/);
    fails({ partOf: ['has-parent'] }, /cred.openrank.partOf/);
  });
});
