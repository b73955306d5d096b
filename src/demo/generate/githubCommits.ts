/**
 * The default branch of the demo's repositories: a squash commit per merged pull request (by
 * its author, at its merge) and a release commit by a maintainer each month.
 */
import type { DatasetCommit, DatasetPullRequest } from '../../replay/github/dataset.js';
import { iso, momentIn, MONTHS } from './calendar.js';
import type { Random } from './random.js';
import type { Person } from './roster.js';

export function mergeCommit(pull: DatasetPullRequest): DatasetCommit {
  const login = pull.author ?? 'ghost';
  return {
    oid: pull.mergeCommit as string,
    message: `${pull.title} (#${pull.number})`,
    authors: [{ name: login, email: `${login}@users.noreply.example`, user: pull.author }],
    committedDate: pull.mergedAt as string,
    authoredDate: pull.createdAt,
  };
}

/** A release commit by one of `maintainers` in each month. */
export function releaseCommits(random: Random, maintainers: readonly Person[]): DatasetCommit[] {
  return MONTHS.map((_, month) => {
    const author = random.pick(maintainers).github!.login;
    const atMs = momentIn(random, month);
    return {
      oid: random.hex(40),
      message: `Release 0.${month + 4}.0`,
      authors: [{ name: author, email: `${author}@users.noreply.example`, user: author }],
      committedDate: iso(atMs),
      authoredDate: iso(atMs),
    };
  });
}
