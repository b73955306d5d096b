/**
 * The demo's off-platform work (`contributions/*.yaml`, read by the files plugin): talks,
 * workshops, translations and events, two or three a month, by two maintainers and two
 * volunteers who use no platform at all. People named here who also have platform accounts are
 * separate identities until the maintainer merges them, as in a real instance.
 */
import type { DatasetPullRequest, GithubDataset } from '../../replay/github/dataset.js';
import { iso, momentIn, MONTHS } from './calendar.js';
import type { Random } from './random.js';
import { PEOPLE_COUNT, type Person, type Roster } from './roster.js';
import { text } from './text.js';

export interface DemoRecord {
  readonly id: string;
  readonly title: string;
  readonly date: string;
  readonly type: string;
  readonly weight?: number;
  readonly contributors: readonly (string | { name: string; share: number })[];
  readonly references?: readonly string[];
}

const KINDS = [
  { type: 'talk', title: () => 'Talk on Tidepool at a regional open-data meetup' },
  { type: 'workshop', title: () => 'Station-building workshop at the harbour library' },
  {
    type: 'translation',
    title: (random: Random) => `Translated the ${text.subject(random)} guide`,
  },
  { type: 'event', title: () => 'Beach clean-up with a live sensor demo' },
] as const;

/** Maintainers 0 and 2 and the two volunteers without accounts. */
function recordPeople(roster: Roster): Person[] {
  return roster.people.filter((p) => [0, 2, PEOPLE_COUNT - 2, PEOPLE_COUNT - 1].includes(p.rank));
}

/** Records by month (YYYY-MM), marking everyone named with a `files` account. */
export function generateRecords(
  random: Random,
  roster: Roster,
  github: GithubDataset,
): Map<string, DemoRecord[]> {
  const people = recordPeople(roster);
  const handbook = github.repositories.find((repo) => repo.name === 'handbook');
  const byMonth = new Map<string, DemoRecord[]>();
  MONTHS.forEach((monthName, month) => {
    const records: DemoRecord[] = [];
    const count = random.int(2, 3);
    for (let k = 0; k < count; k++) {
      const kind = random.pick(KINDS);
      const named = random.distinct(people, random.chance(0.3) ? 2 : 1, (p) => 1 + p.activity, []);
      for (const person of named) person.files = { name: person.handle };
      const pull =
        kind.type === 'translation' ? mergedIn(handbook?.pullRequests ?? [], monthName) : undefined;
      records.push({
        id: `${monthName}-${kind.type}-${k + 1}`,
        title: kind.title(random),
        date: iso(momentIn(random, month)).slice(0, 10),
        type: kind.type,
        ...(random.chance(0.3) ? { weight: 2 } : {}),
        contributors: named.map((p, j) =>
          named.length === 2 ? { name: p.handle, share: j === 0 ? 2 : 1 } : p.handle,
        ),
        ...(pull === undefined
          ? {}
          : { references: [`github/pull/tidepool-demo/handbook/${pull.number}`] }),
      });
    }
    byMonth.set(monthName, records);
  });
  return byMonth;
}

function mergedIn(
  pulls: readonly DatasetPullRequest[],
  month: string,
): DatasetPullRequest | undefined {
  return pulls.find((pull) => pull.mergedAt?.startsWith(month) === true);
}
