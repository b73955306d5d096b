import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressParts,
  addressPlugin,
  edgeAddress,
  edgeAddressBetween,
  extendAddress,
  hasPrefix,
  nodeAddress,
  prefixesOf,
} from './address.js';

describe('core/address', () => {
  it('nodeAddress(parts) round-trips any non-empty parts, including "/" and "%"', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 6 }),
        (parts) => {
          expect(addressParts(nodeAddress(parts))).toEqual(parts);
        },
      ),
      { seed: 1, numRuns: 300 },
    );
    expect(nodeAddress(['discourse', 'topic', 'https://forum.example/x', '7'])).toBe(
      'discourse/topic/https:%2F%2Fforum.example%2Fx/7',
    );
  });

  it('nodeAddress(parts) rejects empty parts and empty addresses', () => {
    expect(() => nodeAddress([])).toThrow(/at least one part/);
    expect(() => edgeAddress(['github', ''])).toThrow(/must not be empty/);
  });

  it('hasPrefix(address, prefix) matches whole parts only', () => {
    expect(hasPrefix('github/pull/o/r/1', 'github/pull')).toBe(true);
    expect(hasPrefix('github/pull', 'github/pull')).toBe(true);
    expect(hasPrefix('github/pulls/o', 'github/pull')).toBe(false);
    expect(hasPrefix('github', 'github/pull')).toBe(false);
  });

  it('prefixesOf(address) lists every whole-part prefix, shortest first', () => {
    expect(prefixesOf('a/b/c')).toEqual(['a', 'a/b', 'a/b/c']);
    expect(addressPlugin('files/contribution/x')).toBe('files');
    expect(addressPlugin('solo')).toBe('solo');
  });

  it('edgeAddressBetween(prefix, nodes) embeds endpoints so that distinct endpoints give distinct edges', () => {
    const prefix = edgeAddress(['github', 'authors']);
    const a = edgeAddressBetween(
      prefix,
      nodeAddress(['github', 'user', 'a/b']),
      nodeAddress(['github', 'pull', '1']),
    );
    const b = edgeAddressBetween(
      prefix,
      nodeAddress(['github', 'user', 'a']),
      nodeAddress(['b', 'github', 'pull', '1']),
    );
    expect(a).not.toBe(b);
    expect(a).toBe('github/authors/3/github/user/a%2Fb/3/github/pull/1');
    expect(extendAddress(prefix, [])).toBe(prefix);
  });
});
