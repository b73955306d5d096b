/**
 * Tidiness checks over the whole tree (TigerBeetle's tidy.zig idea): no import cycles in src/,
 * no stop-ship markers, no real-looking secrets. eslint checks layering and sizes; these are the
 * checks that need the whole picture.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './e2e/cli.js';

function trackedFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT,
    encoding: 'utf8',
  });
  return output.split('\n').filter((file) => file !== '');
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(PROJECT, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
    if (/^import\s+type\s/.test(match[0]) || /^export\s+type\s/.test(match[0])) continue;
    found.push(match[1] as string);
  }
  return found.map((source) => path.join(path.dirname(file), source).replace(/\.js$/, '.ts'));
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const result: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) result.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return result;
}

describe('test/tidy', () => {
  const files = trackedFiles();

  it('src/ has no import cycles (type-only imports excepted)', () => {
    const sources = files.filter((file) => file.startsWith('src/') && file.endsWith('.ts'));
    const graph = new Map(sources.map((file) => [file, importsOf(file)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('no file carries a stop-ship marker', () => {
    const marker = ['STOP', 'SHIP'].join('');
    const offenders = files.filter(
      (file) =>
        /\.(ts|js|md|json|yaml|yml|sh)$/.test(file) &&
        !file.startsWith('node_modules/') &&
        readFileSync(path.join(PROJECT, file), 'utf8').includes(marker),
    );
    expect(offenders).toEqual([]);
  });

  it('every test that starts Chromium is skipped loudly without it (describeInChromium)', () => {
    const offenders = files.filter((file) => {
      if (!file.endsWith('.test.ts')) return false;
      const text = readFileSync(path.join(PROJECT, file), 'utf8');
      return text.includes('launchChromium(') && !text.includes('describeInChromium');
    });
    expect(offenders).toEqual([]);
  });

  it('no source, test, tool or site file reaches for the shared folder beside the clone', () => {
    const outside = ['..', 'shared'].join('/');
    const offenders = files.filter(
      (file) =>
        /^(src|test|tools|site|bin|templates)\//.test(file) &&
        /\.(ts|js|json|sh|md|html|css)$/.test(file) &&
        readFileSync(path.join(PROJECT, file), 'utf8').includes(outside),
    );
    expect(offenders).toEqual([]);
  });

  it('what the CLI runs imports only production dependencies (a packed install has no others)', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const runtime = files.filter(
      (file) =>
        /^(src\/.*\.ts|bin\/.*\.js)$/.test(file) &&
        !file.endsWith('.test.ts') &&
        !file.includes('/testing/') &&
        !file.startsWith('src/bench/'),
    );
    const offenders: string[] = [];
    for (const file of runtime) {
      const text = readFileSync(path.join(PROJECT, file), 'utf8');
      const specifiers = text.matchAll(
        /(?:^import\s(?!type\s)[^;]*?from\s+|import\()'([^'.][^']*)'/gms,
      );
      for (const [, specifier] of specifiers) {
        if (specifier === undefined || specifier.startsWith('node:')) continue;
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] as string);
        if (!(name in pkg.dependencies)) offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no file holds something that looks like a real token or private key', () => {
    const patterns = [
      /ghp_[A-Za-z0-9]{20,}/,
      /github_pat_[A-Za-z0-9_]{20,}/,
      /xox[bp]-[A-Za-z0-9-]{10,}/,
      /-----BEGIN (RSA |EC )?PRIVATE KEY-----/,
    ];
    const offenders = files.filter((file) => {
      if (file.endsWith('package-lock.json') || /\.(png|jpg|gz|sqlite)$/.test(file)) return false;
      const text = readFileSync(path.join(PROJECT, file), 'utf8');
      return patterns.some((pattern) => pattern.test(text));
    });
    expect(offenders).toEqual([]);
  });
});
