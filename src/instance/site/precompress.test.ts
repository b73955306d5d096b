import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliQuality, gzipLevel, precompressSite } from './precompress.js';

describe('instance/site/precompress', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cred-precompress-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('brotliQuality(file, bytes) keeps the best quality for the front end and small data', () => {
    expect(brotliQuality('app.js', 2_000_000)).toBe(11);
    expect(brotliQuality(path.join('data', 'ledger.json'), 64 * 1024)).toBe(11);
    expect(brotliQuality(path.join('data', 'leaderboard.json'), 64 * 1024 + 1)).toBe(5);
    expect(brotliQuality(path.join('payouts', '2026-10.json'), 1_000_000)).toBe(5);
    expect(brotliQuality('datasheet.json', 1_000_000)).toBe(11);
  });

  it('gzipLevel(file, bytes) keeps gzip -9 except for data files above 4 MB', () => {
    const limit = 4 * 2 ** 20;
    expect(gzipLevel('app.js', 10 * limit)).toBe(9);
    expect(gzipLevel(path.join('data', 'whatif.json'), limit)).toBe(9);
    expect(gzipLevel(path.join('data', 'whatif.json'), limit + 1)).toBe(6);
    expect(gzipLevel(path.join('payouts', '2026-10.json'), limit + 1)).toBe(6);
    expect(gzipLevel('datasheet.json', limit + 1)).toBe(9);
  });

  it('precompressSite(root) writes .gz and .br that decompress to each file, at any quality', () => {
    mkdirSync(path.join(root, 'data'));
    const big = JSON.stringify(Array.from({ length: 20_000 }, (_, k) => ({ k, name: `user${k}` })));
    const huge = `[${Array.from({ length: 10 }, () => big).join(',')}]`; // above 4 MB: gzip -6
    const files = {
      'app.js': 'const x = 1;\n'.repeat(200),
      [path.join('data', 'big.json')]: big,
      [path.join('data', 'huge.json')]: huge,
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
    const report = precompressSite(root);
    expect(huge.length).toBeGreaterThan(4 * 2 ** 20);
    expect(report.files).toBe(3);
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(root, file);
      expect(brotliDecompressSync(readFileSync(`${full}.br`)).toString()).toBe(text);
      expect(gunzipSync(readFileSync(`${full}.gz`)).toString()).toBe(text);
    }
    expect(report.brotliBytes).toBeLessThan(report.gzipBytes);
  });
});
