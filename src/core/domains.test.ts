import { describe, expect, it } from 'vitest';
import {
  buildDomainTree,
  domainIndex,
  domainOf,
  isWithin,
  rollUp,
  ROOT_DOMAIN,
} from './domains.js';

const SPECS = [
  {
    id: 'media',
    name: 'Media group',
    containers: ['files/folder/media', 'discourse/category/media'],
  },
  { id: 'infra', containers: ['github/repo/lantern/infra'] },
  {
    id: 'backend',
    parent: 'infra',
    containers: ['github/repo/lantern/infra/api', 'feishu/chat/oc_b'],
  },
  { id: 'frontend', parent: 'infra', containers: ['github/repo/lantern/web'] },
];

describe('core/domains', () => {
  it('buildDomainTree(specs, name) lays the tree out in pre-order under the root', () => {
    const tree = buildDomainTree(SPECS, 'Lantern');
    expect(tree.ids).toEqual([ROOT_DOMAIN, 'infra', 'backend', 'frontend', 'media']);
    expect(tree.names).toEqual(['Lantern', 'infra', 'backend', 'frontend', 'Media group']);
    expect(tree.parent).toEqual([-1, 0, 1, 1, 0]);
    expect(tree.depth).toEqual([0, 1, 2, 2, 1]);
    expect(isWithin(tree, 2, 1)).toBe(true);
    expect(isWithin(tree, 2, 0)).toBe(true);
    expect(isWithin(tree, 4, 1)).toBe(false);
    expect(domainIndex(tree, 'media', 'x')).toBe(4);
    expect(() => domainIndex(tree, 'sales', 'governance.split')).toThrowError(
      expect.objectContaining({ code: 'DOMAIN_UNKNOWN' }),
    );
  });

  it('domainOf(tree, address, container) takes the most specific prefix, then the address, then the root', () => {
    const tree = buildDomainTree(SPECS, 'Lantern');
    const of = (address: string, container?: string) =>
      tree.ids[domainOf(tree, address, container)];
    expect(of('github/pull/lantern/infra/3', 'github/repo/lantern/infra')).toBe('infra');
    expect(of('github/pull/lantern/infra/api/3', 'github/repo/lantern/infra/api')).toBe('backend');
    expect(of('github/repo/lantern/web')).toBe('frontend');
    expect(of('files/contribution/talk/x', 'files/folder/media/2026')).toBe('media');
    expect(of('files/contribution/talk/x', 'files/folder/mediation')).toBe(ROOT_DOMAIN);
    expect(of('discourse/topic/9', 'discourse/category/media')).toBe('media');
    expect(of('feishu/message/1', 'feishu/chat/oc_a')).toBe(ROOT_DOMAIN);
  });

  it('rollUp(tree, own) adds every domain into its ancestors', () => {
    const tree = buildDomainTree(SPECS, 'Lantern');
    // own: root 1, infra 2, backend 4, frontend 8, media 16
    expect([...rollUp(tree, [1, 2, 4, 8, 16])]).toEqual([31, 14, 4, 8, 16]);
  });

  it.each([
    [[{ id: 'root', containers: [] }], /reserved/],
    [
      [
        { id: 'a', containers: [] },
        { id: 'a', containers: [] },
      ],
      /listed twice/,
    ],
    [[{ id: 'a', parent: 'b', containers: [] }], /names parent "b"/],
    [
      [
        { id: 'a', parent: 'b', containers: [] },
        { id: 'b', parent: 'a', containers: [] },
      ],
      /its own ancestor/,
    ],
    [
      [
        { id: 'a', containers: ['x/y'] },
        { id: 'b', containers: ['x/y'] },
      ],
      /claimed by "a" and "b"/,
    ],
  ])('buildDomainTree(specs) refuses a broken tree (%#)', (specs, message) => {
    expect(() => buildDomainTree(specs, 'c')).toThrowError(message);
    expect(() => buildDomainTree(specs, 'c')).toThrowError(
      expect.objectContaining({ code: 'DOMAINS_INVALID' }),
    );
  });
});
