/**
 * Who the demo community is: about 60 pseudonymous contributors with Zipf-like activity (a few
 * do most of the work, many drop by once or twice), their accounts on GitHub, the forum and
 * Feishu (most people use one platform; the maintainers and a few others use several, which the
 * maintainer merges), the bots every community has, and a ring of three forum accounts that
 * like each other's posts (which the maintainer excludes from the payout). Names are made up
 * from two word lists; no real person is meant.
 */
import { extendAddress, type NodeAddress } from '../../core/address.js';
import { userAddress as discourseUser } from '../../plugins/discourse/forumIndex.js';
import { userAddress as feishuUser } from '../../plugins/feishu/addresses.js';
import { personAddress } from '../../plugins/files/graph.js';
import { NODE_PREFIX } from '../../plugins/github/declaration.js';
import { MONTHS } from './calendar.js';
import type { Random } from './random.js';

// prettier-ignore
const FIRST = [
  'river', 'sol', 'juno', 'mika', 'wren', 'ash', 'fern', 'indigo', 'kai', 'lark', 'moss', 'nova',
  'orin', 'pax', 'quill', 'rain', 'sage', 'tam', 'vale', 'wynn', 'yara', 'bay', 'cove', 'dune',
  'ember', 'flint', 'gale', 'haze', 'isle', 'jett', 'lumen', 'marlo', 'nim', 'opal', 'pike',
  'reed', 'skye', 'tarn', 'vesper', 'willow', 'alder', 'brook', 'cedar', 'linden', 'rowan',
];
// prettier-ignore
const SECOND = [
  'kim', 'park', 'bell', 'sato', 'lund', 'mori', 'okoye', 'ruiz', 'chen', 'novak', 'haas', 'ito',
  'lenz', 'diaz', 'vance', 'quinn', 'berg', 'cho', 'dahl', 'egan', 'faro', 'gill', 'holt',
  'iwata', 'jansen', 'kurz', 'lima', 'marsh', 'noor', 'oda',
];

export const PEOPLE_COUNT = 60;
/** Three forum accounts that like each other's posts and little else. */
export const RING = ['deal-spark', 'promo-nest', 'growth-loop'];
const MAINTAINERS = 5;
const REGULARS = 15;

export type Role = 'maintainer' | 'regular' | 'occasional' | 'ring';

export interface Person {
  readonly handle: string;
  readonly rank: number;
  /** Relative activity (Zipf-like by rank). */
  readonly activity: number;
  readonly role: Role;
  /** Months (indices into MONTHS) in which the person is active. */
  readonly firstMonth: number;
  readonly lastMonth: number;
  github?: { readonly login: string; readonly databaseId: number };
  discourse?: { readonly username: string; readonly id: number; readonly trustLevel: number };
  feishu?: { readonly openId: string; readonly name: string };
  /** Named in off-platform contribution records. */
  files?: { readonly name: string };
}

export interface Roster {
  readonly people: readonly Person[];
  /** The like ring (forum accounts only). */
  readonly ring: readonly Person[];
  readonly bots: {
    readonly github: readonly { login: string; databaseId: number; type: 'Bot' | 'User' }[];
    readonly feishu: { readonly appId: string; readonly name: string };
  };
}

/** Is the person active in month `month`? */
export function activeIn(person: Person, month: number): boolean {
  return month >= person.firstMonth && month <= person.lastMonth;
}

/** The accounts of a person, as node addresses (the ledger's aliases), first platform first. */
export function accountsOf(person: Person): NodeAddress[] {
  return [
    ...(person.github ? [extendAddress(NODE_PREFIX.user, [String(person.github.databaseId)])] : []),
    ...(person.discourse ? [discourseUser(person.discourse.id)] : []),
    ...(person.feishu ? [feishuUser(person.feishu.openId)] : []),
    ...(person.files ? [personAddress(person.files.name)] : []),
  ];
}

function handles(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(`${random.pick(FIRST)}-${random.pick(SECOND)}`);
  return [...names];
}

function roleOf(rank: number): Role {
  if (rank < MAINTAINERS) return 'maintainer';
  return rank < MAINTAINERS + REGULARS ? 'regular' : 'occasional';
}

/** When someone is around: maintainers throughout, others join and leave. */
function span(random: Random, role: Role): { firstMonth: number; lastMonth: number } {
  const last = MONTHS.length - 1;
  if (role === 'maintainer') return { firstMonth: 0, lastMonth: last };
  if (role === 'regular') {
    const firstMonth = random.chance(0.7) ? 0 : random.int(1, 3);
    return { firstMonth, lastMonth: random.chance(0.85) ? last : random.int(firstMonth + 1, last) };
  }
  const firstMonth = random.int(0, last);
  return { firstMonth, lastMonth: Math.min(last, firstMonth + random.int(0, 2)) };
}

export function generateRoster(random: Random): Roster {
  const names = handles(random, PEOPLE_COUNT);
  const people: Person[] = names.map((handle, rank) => {
    const role = roleOf(rank);
    return { handle, rank, role, activity: 1 / (rank + 1) ** 0.8, ...span(random, role) };
  });
  people.forEach((person, index) => assignPlatforms(random, person, index));
  const ring: Person[] = RING.map((handle, k) => ({
    handle,
    rank: PEOPLE_COUNT + k,
    role: 'ring',
    activity: 0.05,
    firstMonth: MONTHS.length - 3,
    lastMonth: MONTHS.length - 1,
    discourse: { username: handle, id: 300 + k, trustLevel: 2 },
  }));
  return {
    people,
    ring,
    bots: {
      github: [
        { login: 'depbot', databaseId: 49_699_333, type: 'Bot' },
        { login: 'tidebot-ci', databaseId: 2_100_001, type: 'User' },
      ],
      feishu: { appId: 'cli_demo_meeting_bot', name: 'meeting-bot' },
    },
  };
}

/** Which platforms a person uses; `index` numbers accounts. */
function assignPlatforms(random: Random, person: Person, index: number): void {
  const github = () => (person.github = { login: person.handle, databaseId: 1_000_101 + index });
  const forum = (username = person.handle) =>
    (person.discourse = { username, id: 11 + index, trustLevel: trustLevel(random, person) });
  const feishu = () =>
    (person.feishu = {
      openId: `ou_demo_${person.handle.replace(/-/g, '_')}`,
      name: person.handle.replace('-', '.'),
    });
  if (person.role === 'maintainer') {
    github();
    forum(person.rank % 2 === 0 ? person.handle : person.handle.replace(/-.*/, 'dev'));
    if (person.rank % 2 === 1) feishu();
    return;
  }
  // Three regulars use two platforms; everyone else one.
  if ([6, 9, 13].includes(person.rank)) {
    github();
    if (person.rank === 13) feishu();
    else forum();
    return;
  }
  if (person.rank >= PEOPLE_COUNT - 2) return; // only in off-platform records
  const draw = random.float();
  if (draw < 0.42) github();
  else if (draw < 0.74) forum();
  else feishu();
}

function trustLevel(random: Random, person: Person): number {
  if (person.role === 'maintainer') return person.rank === 0 ? 4 : 3;
  if (person.role === 'regular') return random.pick([2, 2, 3]);
  return random.pick([0, 1, 1, 2]);
}
