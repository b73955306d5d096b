/**
 * The demo's two GitHub repositories (`cred/github-dataset`, served by the GitHub stand-in):
 * `harbor` (the code) and `handbook` (the docs), six months of issues, pull requests with
 * reviews and review comments, comments, reactions, a CI bot's comments, a dependency bot's
 * pull requests, and the default branch's commits (one per merged pull request, plus
 * releases). Pull requests fix earlier issues (`Fixes #12`) and mention maintainers.
 */
import type {
  DatasetComment,
  DatasetCommit,
  DatasetIssue,
  DatasetPullRequest,
  DatasetReaction,
  DatasetRepository,
  DatasetReview,
  GithubDataset,
} from '../../replay/github/dataset.js';
import { after, HISTORY_END_MS, HISTORY_START_MS, iso, momentIn, MONTHS } from './calendar.js';
import { mergeCommit, releaseCommits } from './githubCommits.js';
import type { Random } from './random.js';
import { activeIn, type Person, type Roster } from './roster.js';
import { text } from './text.js';

export const GITHUB_OWNER = 'tidepool-demo';
export const REPOSITORIES = ['harbor', 'handbook'] as const;
const RECENT_MS = 14 * 86_400_000;

/** Issues, human pull requests and bot pull requests per month (before growth). */
const VOLUME = { harbor: [12, 10, 3], handbook: [5, 6, 0] } as const;

interface Draft {
  readonly kind: 'issue' | 'pull' | 'bot-pull';
  readonly createdMs: number;
  readonly author: string;
  readonly month: number;
}

export class GithubBuilder {
  private id = 5_000_000;
  private readonly users: Person[];
  private readonly maintainers: Person[];

  constructor(
    private readonly random: Random,
    private readonly roster: Roster,
  ) {
    this.users = roster.people.filter((person) => person.github !== undefined);
    this.maintainers = this.users.filter((person) => person.role === 'maintainer');
  }

  build(): GithubDataset {
    return {
      type: 'cred/github-dataset',
      version: 1,
      description: 'The demo community Tidepool (src/demo/generate), generated; fictional.',
      accounts: [
        { login: GITHUB_OWNER, databaseId: 3_000_001, type: 'Organization', name: 'Tidepool' },
        ...this.users.map((p) => ({
          login: p.github!.login,
          databaseId: p.github!.databaseId,
          type: 'User' as const,
        })),
        ...this.roster.bots.github.map((bot) => ({ ...bot })),
      ],
      repositories: REPOSITORIES.map((name, k) => this.repository(name, 4_000_001 + k)),
    };
  }

  private nextId(): number {
    return this.id++;
  }

  /** An active GitHub user in `month`, by activity (maintainers count `boost` times more). */
  private someone(month: number, boost = 1, except: string[] = []): string {
    const pool = this.users.filter((p) => activeIn(p, month) && !except.includes(p.github!.login));
    const person = this.random.weighted(
      pool.length > 0 ? pool : this.maintainers,
      (p) => p.activity * (p.role === 'maintainer' ? boost : 1),
    );
    return person.github!.login;
  }

  private repository(name: (typeof REPOSITORIES)[number], databaseId: number): DatasetRepository {
    const drafts = this.drafts(name).sort((a, b) => a.createdMs - b.createdMs);
    const issues: DatasetIssue[] = [];
    const pullRequests: DatasetPullRequest[] = [];
    const commits: DatasetCommit[] = [];
    drafts.forEach((draft, index) => {
      const number = index + 1;
      if (draft.kind === 'issue') issues.push(this.issue(draft, number));
      else {
        const pull = this.pull(draft, number, name === 'handbook', issues);
        pullRequests.push(pull);
        if (pull.mergedAt !== null) commits.push(mergeCommit(pull));
      }
    });
    commits.push(...releaseCommits(this.random, this.maintainers));
    commits.sort(
      (a, b) => b.committedDate.localeCompare(a.committedDate) || a.oid.localeCompare(b.oid),
    );
    return {
      owner: GITHUB_OWNER,
      name,
      databaseId,
      createdAt: iso(HISTORY_START_MS - 10 * 86_400_000),
      defaultBranch: 'main',
      issues,
      pullRequests,
      commits,
    };
  }

  private drafts(name: (typeof REPOSITORIES)[number]): Draft[] {
    const drafts: Draft[] = [];
    const [issues, pulls, botPulls] = VOLUME[name];
    MONTHS.forEach((_, month) => {
      const growth = 1 + 0.1 * month;
      const add = (kind: Draft['kind'], count: number) => {
        for (let k = 0; k < Math.round(count * growth); k++) {
          const author =
            kind === 'bot-pull' ? 'depbot' : this.someone(month, kind === 'pull' ? 1.5 : 1);
          drafts.push({ kind, month, author, createdMs: momentIn(this.random, month) });
        }
      };
      add('issue', issues);
      add('pull', pulls);
      add('bot-pull', botPulls);
    });
    return drafts;
  }

  private issue(draft: Draft, number: number): DatasetIssue {
    const title = text.issueTitle(this.random);
    const comments = this.comments(draft, this.random.int(0, 4));
    const closed = this.random.chance(0.45);
    return {
      number,
      databaseId: this.nextId(),
      title,
      body: `${title}.\n\nSteps to reproduce are below.${this.random.chance(0.3) ? ` cc @${this.someone(draft.month, 4, [draft.author])}` : ''}`,
      author: draft.author,
      createdAt: iso(draft.createdMs),
      updatedAt: iso(latest(draft.createdMs, comments)),
      comments,
      reactions: this.reactions(draft.month, draft.createdMs, [draft.author]),
      state: closed ? 'CLOSED' : 'OPEN',
    };
  }

  private comments(draft: Draft, count: number, bot = false): DatasetComment[] {
    const comments: DatasetComment[] = [];
    let at = draft.createdMs;
    for (let k = 0; k < count; k++) {
      at = after(this.random, at, 1, 40);
      const author = this.someone(draft.month, 2, [draft.author]);
      comments.push(this.comment(draft.month, author, at, text.reply(this.random)));
    }
    if (bot)
      comments.push(
        this.comment(
          draft.month,
          'tidebot-ci',
          after(this.random, draft.createdMs, 0, 1),
          'Build passed on all platforms.',
        ),
      );
    return comments;
  }

  private comment(month: number, author: string, atMs: number, body: string): DatasetComment {
    return {
      databaseId: this.nextId(),
      body,
      author,
      createdAt: iso(atMs),
      updatedAt: iso(atMs),
      reactions: author === 'tidebot-ci' ? [] : this.reactions(month, atMs, [author], 0.25),
    };
  }

  private reactions(
    month: number,
    atMs: number,
    except: string[],
    chance = 0.4,
  ): DatasetReaction[] {
    if (!this.random.chance(chance)) return [];
    const count = this.random.int(1, 3);
    const users = new Set<string>();
    for (let k = 0; k < count; k++) users.add(this.someone(month, 2, except));
    return [...users].map((user) => ({
      content: this.random.weighted(
        [
          ['THUMBS_UP', 12],
          ['HEART', 5],
          ['HOORAY', 2],
          ['ROCKET', 1],
        ] as const,
        ([, weight]) => weight,
      )[0],
      user,
      createdAt: iso(after(this.random, atMs, 1, 30)),
    }));
  }

  private pull(
    draft: Draft,
    number: number,
    docs: boolean,
    issues: DatasetIssue[],
  ): DatasetPullRequest {
    const bot = draft.kind === 'bot-pull';
    const title = bot
      ? `Bump ${this.random.pick(['d3-scale', 'zod', 'express', 'vitest'])} from 1.${this.random.int(0, 8)}.0 to 1.9.${this.random.int(0, 4)}`
      : text.pullTitle(this.random, docs);
    const fixes = bot || !this.random.chance(0.5) ? undefined : openIssue(issues);
    if (fixes !== undefined) fixes.state = 'CLOSED';
    const reviews = this.reviews(draft, bot ? 1 : this.random.int(1, 2));
    const comments = bot
      ? []
      : this.comments(draft, this.random.int(0, 3), !docs && this.random.chance(0.7));
    const lastMs = latest(draft.createdMs, comments, reviews);
    const state = this.pullState(draft);
    const mergedMs = state === 'MERGED' ? after(this.random, lastMs, 1, 24) : null;
    return {
      number,
      databaseId: this.nextId(),
      title,
      body: [bot ? 'Bumps the dependency.' : `${title}.`, fixes ? `Fixes #${fixes.number}.` : '']
        .filter(Boolean)
        .join('\n\n'),
      author: draft.author,
      createdAt: iso(draft.createdMs),
      updatedAt: iso(mergedMs ?? lastMs),
      comments,
      reactions: bot ? [] : this.reactions(draft.month, draft.createdMs, [draft.author], 0.3),
      state,
      mergedAt: mergedMs === null ? null : iso(mergedMs),
      mergeCommit: mergedMs === null ? null : this.random.hex(40),
      additions: this.random.int(3, bot ? 20 : 400),
      deletions: this.random.int(0, bot ? 20 : 150),
      reviews,
    };
  }

  private pullState(draft: Draft): DatasetPullRequest['state'] {
    if (draft.createdMs > HISTORY_END_MS - RECENT_MS && this.random.chance(0.4)) return 'OPEN';
    return this.random.chance(0.9) ? 'MERGED' : 'CLOSED';
  }

  private reviews(draft: Draft, count: number): DatasetReview[] {
    const reviews: DatasetReview[] = [];
    let at = draft.createdMs;
    const reviewers = new Set<string>();
    for (let k = 0; k < count; k++) reviewers.add(this.someone(draft.month, 5, [draft.author]));
    [...reviewers].forEach((author, k) => {
      at = after(this.random, at, 2, 48);
      const last = k === reviewers.size - 1;
      const comments = Array.from({ length: this.random.int(0, 2) }, (_, j) =>
        this.comment(
          draft.month,
          author,
          at - (j + 1) * 60_000,
          `Suggestion: ${text.subject(this.random)} could be simpler here.`,
        ),
      );
      reviews.push({
        databaseId: this.nextId(),
        body: last ? 'Looks good to me.' : 'A few suggestions inline.',
        author,
        state: last ? 'APPROVED' : 'CHANGES_REQUESTED',
        submittedAt: iso(at),
        updatedAt: iso(at),
        comments,
        reactions: [],
      });
    });
    return reviews;
  }
}

function openIssue(issues: DatasetIssue[]): DatasetIssue | undefined {
  return issues.findLast((issue) => issue.state === 'OPEN');
}

function latest(
  startMs: number,
  ...lists: readonly { createdAt?: string; submittedAt?: string }[][]
): number {
  let ms = startMs;
  for (const item of lists.flat())
    ms = Math.max(ms, Date.parse(item.createdAt ?? item.submittedAt ?? ''));
  return ms;
}

export function generateGithub(random: Random, roster: Roster): GithubDataset {
  return new GithubBuilder(random, roster).build();
}
