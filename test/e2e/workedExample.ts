/**
 * The worked example of docs/payouts.md: a dozen contributors with work recorded in September
 * and October 2026 (eight regular contributors and four who did a little), R = 1,000.00 USD a
 * month, p = 0.8, minimum payment 5.00. Eleven contributors have Open Collective accounts the
 * maintainer's token administers; one (noor-haddad) is reached by email through payees.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenCollectiveDataset } from '../../src/replay/opencollective/dataset.js';
import { cred, PROJECT, scratchDir } from './cli.js';
import { COLLECTIVE, MAINTAINER, TOKEN } from './payoutHarness.js';

export const REGULAR: readonly [string, number][] = [
  ['octo-ana', 30],
  ['river-kim', 20],
  ['sol-parker', 15],
  ['mika-lind', 10],
  ['juno-reyes', 8],
  ['tavi-okafor', 6],
  ['wren-sato', 5],
  ['ilse-moreau', 4],
];
export const SMALL: readonly [string, number][] = [
  ['kit-alvarez', 0.45],
  ['noor-haddad', 0.4],
  ['pim-jansen', 0.35],
  ['ada-quill', 0.15],
];
export const BY_EMAIL = 'noor-haddad';
export const NAMES = [...REGULAR, ...SMALL].map(([name]) => name);

const DAYS: Record<string, readonly string[]> = {
  '2026-09': ['08', '10', '15', '17', '22'],
  '2026-10': ['06', '08', '13', '15', '20'],
};

function records(): string {
  const lines: string[] = [];
  for (const [month, days] of Object.entries(DAYS)) {
    [...REGULAR, ...SMALL].forEach(([name, weight], index) => {
      lines.push(
        `- id: ${month}-${name}`,
        `  title: Work by ${name} in ${month}`,
        `  date: ${month}-${days[index % days.length]}`,
        '  type: work',
        `  weight: ${weight}`,
        `  contributors: [${name}]`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The stand-in's collective: September's contributions come to 1,000.00 after fees. */
export function workedExampleDataset(): OpenCollectiveDataset {
  const fixture = JSON.parse(
    readFileSync(
      path.join(PROJECT, 'test', 'fixtures', 'opencollective', 'collective.json'),
      'utf8',
    ),
  ) as OpenCollectiveDataset;
  return {
    ...fixture,
    tokens: [
      { value: TOKEN, user: MAINTAINER, scopes: ['account', 'expenses'], bypassDraftLimit: false },
    ],
    accounts: NAMES.filter((name) => name !== BY_EMAIL).map((name) => ({
      slug: name,
      name,
      type: 'INDIVIDUAL' as const,
      admins: name === MAINTAINER ? [] : [MAINTAINER],
      payoutMethods: [{ publicId: `po-${name}`, type: 'PAYPAL' as const, isSaved: true }],
    })),
  };
}

/** A loaded instance of the worked example whose payouts go to the stand-in at `apiUrl`. */
export async function workedExampleInstance(apiUrl: string): Promise<string> {
  const dir = path.join(scratchDir('cred-worked-'), 'lantern-labs');
  const init = await cred(
    ['init', dir, '--bare', '--name', 'Lantern Labs', '-q'],
    path.dirname(dir),
  );
  if (init.code !== 0) throw new Error(init.stderr);
  writeFileSync(path.join(dir, 'contributions', 'work.yaml'), records());
  const config = JSON.parse(readFileSync(path.join(dir, 'cred.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  config.payout = {
    ratio: '0.8',
    minimum: '5.00',
    reviewDays: 7,
    opencollective: { collective: COLLECTIVE, apiUrl },
  };
  writeFileSync(path.join(dir, 'cred.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(
    path.join(dir, 'payees.json'),
    `${JSON.stringify({ [BY_EMAIL]: { email: 'noor.haddad@example.org', name: 'Noor Haddad' } }, null, 2)}\n`,
  );
  const load = await cred(['load', '-q'], dir);
  if (load.code !== 0) throw new Error(load.stderr);
  for (const name of NAMES.filter((n) => n !== BY_EMAIL)) {
    const set = await cred(['identity', 'set-payout', name, name, '-q'], dir);
    if (set.code !== 0) throw new Error(set.stderr);
  }
  return dir;
}
