/**
 * The demo community, generated: a deterministic function of one seed. It returns the
 * platforms' datasets (for the stand-ins), the off-platform records, and the decisions a
 * maintainer of this community makes after the first load (which accounts are one person, who
 * is paid where, which accounts are excluded and why), so the demo can record them with the
 * same commands a maintainer types. Nothing is written here.
 */
import type { NodeAddress } from '../../core/address.js';
import type { Forum } from '../../replay/discourse/forum.js';
import type { DatasetInput } from '../../replay/feishu/dataset.js';
import type { GithubDataset } from '../../replay/github/dataset.js';
import { FORUM_ORIGIN, generateForum } from './discourse.js';
import { generateFeishu } from './feishu.js';
import { generateGithub } from './github.js';
import { generateOpenCollective } from './openCollective.js';
import { Random } from './random.js';
import { generateRecords, type DemoRecord } from './records.js';
import { accountsOf, generateRoster, type Roster } from './roster.js';

export const DEMO_SEED = 20261102;

/** The obviously fake secret of every demo platform (the stand-ins accept only this one). */
export const DEMO_TOKEN = 'demo-token-not-real';

export interface Decisions {
  /** Accounts that are one person: the first stays, the others are merged into it. */
  readonly merges: readonly {
    readonly handle: string;
    readonly accounts: readonly NodeAddress[];
  }[];
  /** Open Collective profiles (public, in the ledger). */
  readonly openCollective: readonly { readonly account: NodeAddress; readonly slug: string }[];
  /** Emails (private, payees.json only). */
  readonly emails: readonly { readonly account: NodeAddress; readonly email: string }[];
  readonly exclusions: readonly { readonly account: NodeAddress; readonly reason: string }[];
}

export interface DemoCommunity {
  readonly roster: Roster;
  readonly github: GithubDataset;
  readonly forum: Forum;
  readonly feishu: DatasetInput;
  /** The collective that pays, in the Open Collective stand-in's input shape. */
  readonly openCollective: ReturnType<typeof generateOpenCollective>;
  /** Off-platform records by month (YYYY-MM). */
  readonly records: ReadonlyMap<string, readonly DemoRecord[]>;
  readonly decisions: Decisions;
}

export const RING_REASON =
  'like ring: three accounts that like each other\'s every post in "Help" and little else';

export function generateDemoCommunity(seed = DEMO_SEED): DemoCommunity {
  const random = new Random(seed);
  const roster = generateRoster(random);
  const github = generateGithub(random, roster);
  const pulls = github.repositories.flatMap((repo) =>
    repo.pullRequests.map((pull) => ({
      url: `https://github.com/${repo.owner}/${repo.name}/pull/${pull.number}`,
      createdMs: Date.parse(pull.createdAt),
    })),
  );
  pulls.sort((a, b) => a.createdMs - b.createdMs);
  const forum = generateForum(random, roster, pulls);
  linkPullsToTopics(random, github, forum);
  const topics = forum.topics.map((topic) => ({
    url: `${FORUM_ORIGIN}/t/${topic.slug}/${topic.id}`,
    createdMs: Date.parse(topic.posts[0]!.createdAt),
  }));
  const links = [...pulls, ...topics].sort((a, b) => a.createdMs - b.createdMs);
  const feishu = generateFeishu(random, roster, links);
  const records = generateRecords(random, roster, github);
  const decisions = decide(roster);
  const profiles = decisions.openCollective.map((decision) => decision.slug);
  const openCollective = generateOpenCollective(roster, DEMO_TOKEN, profiles);
  return { roster, github, forum, feishu, openCollective, records, decisions };
}

/** Some pull requests link the development topic that discussed them. */
function linkPullsToTopics(random: Random, github: GithubDataset, forum: Forum): void {
  const development = forum.topics.filter((topic) => topic.categoryId === 3);
  for (const pull of github.repositories[0]?.pullRequests ?? []) {
    const before = development.filter((t) => t.posts[0]!.createdAt < pull.createdAt);
    const topic = before.at(-1 - random.int(0, 3));
    if (topic === undefined || !random.chance(0.15)) continue;
    pull.body += `\n\nDiscussed in ${FORUM_ORIGIN}/t/${topic.slug}/${topic.id}`;
  }
}

function decide(roster: Roster): Decisions {
  const people = roster.people.filter((person) => accountsOf(person).length > 0);
  return {
    merges: people
      .filter((person) => accountsOf(person).length > 1)
      .map((person) => ({ handle: person.handle, accounts: accountsOf(person) })),
    openCollective: people
      .filter((person) => person.rank < 4)
      .map((person) => ({ account: accountsOf(person)[0]!, slug: person.handle })),
    emails: people
      .filter((person) => person.rank >= 4)
      .map((person) => ({
        account: accountsOf(person)[0]!,
        email: `${person.handle}@mail.tidepool.example`,
      })),
    exclusions: roster.ring.map((person) => ({
      account: accountsOf(person)[0]!,
      reason: RING_REASON,
    })),
  };
}
