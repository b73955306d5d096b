import { describe, expect, it } from 'vitest';
import { closestCommands, editDistance } from './closestCommands.js';

const COMMANDS = ['load', 'score', 'site', 'serve', 'payout', 'payout submit', 'ledger verify'];

describe('cli/closestCommands', () => {
  it('editDistance(a, b) counts insertions, deletions and substitutions', () => {
    expect(editDistance('lod', 'load')).toBe(1);
    expect(editDistance('scroe', 'score')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('closestCommands(typed, commands) suggests the nearest commands, nearest first', () => {
    expect(closestCommands('lod', COMMANDS)).toEqual(['load']);
    expect(closestCommands('scroe', COMMANDS)).toEqual(['score', 'serve']);
    expect(closestCommands('ledger verfy', COMMANDS)).toEqual(['ledger verify']);
    expect(closestCommands('payout sumbit', COMMANDS)[0]).toBe('payout submit');
  });

  it('closestCommands(typed, commands) suggests nothing for what is far from every command', () => {
    expect(closestCommands('xyzzy', COMMANDS)).toEqual([]);
  });
});
