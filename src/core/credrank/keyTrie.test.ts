import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringTableBuilder } from '../graphColumns.js';
import { mostSpecific } from '../weights.js';
import { keyTrie, mostSpecificKeys, mostSpecificKeysOf } from './keyTrie.js';

/** Strings from a few segments (non-ASCII, empty and "/" among them), so keys and addresses meet. */
const text = fc
  .array(fc.constantFrom('', 'a', 'b', 'ab', 'é', '名', '😀', 'edge', '/'), { maxLength: 5 })
  .map((parts) => parts.join('/'));

describe('core/credrank/keyTrie', () => {
  it('finds for packed and string addresses the key mostSpecific finds', () => {
    // Graphs have no empty address (an empty key matches only one in mostSpecific).
    const address = text.filter((value) => value !== '');
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 12 }), fc.array(address), (keys, addresses) => {
        const builder = new StringTableBuilder();
        addresses.forEach((address) => builder.push(address));
        const packed = mostSpecificKeys(builder.finish(), keyTrie(keys, 'utf8'));
        const strings = mostSpecificKeysOf(addresses, keyTrie(keys, 'utf16'));
        const table = new Map(keys.map((key, index) => [key, index]));
        addresses.forEach((address, k) => {
          const expected = mostSpecific(table, address) ?? -1;
          expect([packed[k], strings[k]]).toEqual([expected, expected]);
        });
      }),
      { numRuns: 500 },
    );
  });
});
