import { describe, expect, it } from 'vitest';
import { defaultInstanceConfig } from '../config.js';
import { budgetItems, governanceSettings } from './config.js';

const config = (governance?: Record<string, unknown>) => ({
  ...defaultInstanceConfig('Lantern', 'USD'),
  ...(governance === undefined ? {} : { governance }),
});
const DOMAINS = [
  { id: 'infra', containers: ['files/folder/infra'] },
  { id: 'backend', parent: 'infra', containers: ['files/folder/infra/backend'] },
  { id: 'media', containers: ['files/folder/media'] },
];

describe('instance/governanceConfig', () => {
  it('governanceSettings(config) without a governance section is one domain and no split', () => {
    const settings = governanceSettings(config());
    expect(settings.tree.ids).toEqual(['root']);
    expect(settings.tree.names).toEqual(['Lantern']);
    expect(settings).toMatchObject({ split: undefined, maintainers: [], blockingShare: '0.25' });
  });

  it('governanceSettings(config) reads the tree, the split and the groups', () => {
    const settings = governanceSettings(
      config({
        domains: DOMAINS,
        split: { type: 'budget', domains: ['infra', 'media'] },
        maintainers: ['mira'],
        funders: ['acme-fund'],
        blockingShare: 0.3,
      }),
    );
    expect(settings.tree.ids).toEqual(['root', 'infra', 'backend', 'media']);
    expect(settings.split).toEqual({ type: 'budget', domains: ['infra', 'media'], damping: 0.1 });
    expect(settings.blockingShare).toBe('0.3');
    expect(budgetItems(settings)).toEqual(['infra', 'media']);
    expect(budgetItems(governanceSettings(config({ domains: DOMAINS })))).toEqual([
      'infra',
      'backend',
      'media',
    ]);
  });

  it.each([
    [
      { domains: DOMAINS, split: { type: 'fixed', shares: { sales: 1 } } },
      'CONFIG_INVALID',
      /"sales" is not a domain/,
    ],
    [{ domains: DOMAINS, blockingShare: '1.5' }, 'CONFIG_INVALID', /blockingShare/],
    [
      { domains: DOMAINS, split: { type: 'budget', domains: ['infra'] } },
      'CONFIG_INVALID',
      /split.domains/,
    ],
    [{ domains: [{ id: 'a', parent: 'b' }] }, 'DOMAINS_INVALID', /names parent "b"/],
    [{ domain: [] }, 'CONFIG_INVALID', /unknown field "domain"/],
  ])('governanceSettings(config) refuses a broken section (%#)', (governance, code, message) => {
    expect(() => governanceSettings(config(governance))).toThrowError(message);
    expect(() => governanceSettings(config(governance))).toThrowError(
      expect.objectContaining({ code }),
    );
  });
});
