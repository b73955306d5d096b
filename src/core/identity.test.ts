import { describe, expect, it } from 'vitest';
import { identitiesFromProposals } from './identityIds.js';
import {
  coerceIdentityName,
  contractIdentities,
  freeIdentityName,
  identityAddress,
  IDENTITY_NAME_PATTERN,
  type IdentityProposal,
} from './identity.js';
import { identity, node } from './testing/graphs.js';

const proposal = (plugin: string, alias: string, name: string): IdentityProposal => ({
  plugin,
  alias: node(alias),
  name,
  type: 'user',
  description: `${plugin} account ${name}`,
});

describe('core/identity', () => {
  it('coerceIdentityName(raw) keeps letters in any script and replaces the rest', () => {
    expect(coerceIdentityName('octo cat!')).toBe('octo-cat-');
    expect(coerceIdentityName('张三')).toBe('张三');
    expect(coerceIdentityName('---')).toBe('anonymous');
    expect(IDENTITY_NAME_PATTERN.test(coerceIdentityName('a'.repeat(100)))).toBe(true);
  });

  it('freeIdentityName(proposal, taken) falls back to name-plugin and name-plugin-N', () => {
    const taken = new Set(['alice', 'alice-discourse']);
    expect(freeIdentityName({ name: 'Bob', plugin: 'github' }, taken)).toBe('Bob');
    expect(freeIdentityName({ name: 'Alice', plugin: 'discourse' }, taken)).toBe(
      'Alice-discourse-1',
    );
  });

  it('freeIdentityName tries name-plugin-1 to name-plugin-999, then gives up', () => {
    const taken = new Set(['x', 'x-github']);
    for (let index = 1; index < 999; index++) taken.add(`x-github-${index}`);
    expect(freeIdentityName({ name: 'X', plugin: 'github' }, taken)).toBe('X-github-999');
    taken.add('x-github-999');
    expect(() => freeIdentityName({ name: 'X', plugin: 'github' }, taken)).toThrow(
      /no free identity name/,
    );
  });

  it('identitiesFromProposals(proposals) makes one stable identity per alias', () => {
    const proposals = [
      proposal('github', 'github/user/alice', 'alice'),
      proposal('discourse', 'discourse/user/alice', 'alice'),
      proposal('github', 'github/user/alice', 'alice'),
    ];
    const identities = identitiesFromProposals(proposals);
    expect(identities).toHaveLength(2);
    expect(identities.map((i) => i.name).sort()).toEqual(['alice', 'alice-github']);
    expect(identitiesFromProposals([...proposals].reverse())).toEqual(identities);
  });

  it('contractIdentities(identities) maps aliases and innate addresses, and rejects shared aliases', () => {
    const a = identity('a', 'x/user/1', 'y/user/1');
    const owner = contractIdentities([a]);
    expect(owner.get('x/user/1')).toBe(0);
    expect(owner.get(identityAddress(a.id))).toBe(0);
    expect(() => contractIdentities([a, identity('b', 'y/user/1')])).toThrow(
      expect.objectContaining({ code: 'IDENTITY_ALIAS_CONFLICT' }),
    );
  });
});
