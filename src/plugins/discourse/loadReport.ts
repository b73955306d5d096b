/**
 * What one Discourse load did, as a plain typed object (`summary.report` in `cred load --json`):
 * requests per endpoint, waits and retries, and per object kind what was read this run and how
 * much of it was new, changed or removed, so a resumed or incremental load reports its own work,
 * not the whole forum. `LoadTally` counts by comparing each topic unit with what the mirror held
 * before writing it.
 */
import type { KindLoadReport, LoadReport } from '../../core/plugin.js';
import type { ClientStats } from './client.js';
import type { StoredLike, StoredPost, StoredTopic, TopicUnit } from './mirror.js';
import type { LeftOut } from './privacy.js';

export interface ItemCounts {
  /** Read from the forum this run. */
  read: number;
  new: number;
  changed: number;
  removed: number;
}

export interface DiscourseLoadReport {
  /** `first`: nothing was stored; `reread`: every topic read again (rereadDays); else incremental. */
  readonly pass: 'first' | 'reread' | 'incremental';
  /** When the pass this load resumed began (a stopped first load or reread), else null. */
  readonly resumedFromMs: number | null;
  readonly requests: Readonly<Record<string, number>>;
  readonly rateLimitWaits: number;
  readonly retries: number;
  readonly waitedMs: number;
  readonly topics: ItemCounts;
  readonly posts: ItemCounts;
  readonly likes: ItemCounts;
  /** Listed topics the forum would not show (403/404/410). */
  readonly skippedTopics: number;
  /** Posts whose likers the forum would not list: asked again next load. */
  readonly likersUnread: number;
  /** Private content left out of the graph, and notices that are not posts. */
  readonly leftOut: LeftOut;
}

const counts = (): ItemCounts => ({ read: 0, new: 0, changed: 0, removed: 0 });

export class LoadTally {
  readonly topics = counts();
  readonly posts = counts();
  readonly likes = counts();
  skippedTopics = 0;
  likersUnread = 0;

  /** Counts a unit against what was stored before it (`likesBefore` reads stored likes). */
  addUnit(
    unit: TopicUnit,
    before: StoredTopic | undefined,
    postsBefore: ReadonlyMap<number, StoredPost>,
    likesBefore: (postId: number) => ReadonlyMap<number, StoredLike>,
  ): void {
    this.topics.read++;
    if (before === undefined) this.topics.new++;
    else if (topicChanged(before, unit.topic)) this.topics.changed++;
    for (const post of unit.posts) {
      this.posts.read++;
      const old = postsBefore.get(post.id);
      if (old === undefined) this.posts.new++;
      else if (postChanged(old, post)) this.posts.changed++;
    }
    const stream = new Set(unit.stream);
    for (const [id] of postsBefore) {
      if (stream.has(id)) continue;
      this.posts.removed++;
      this.likes.removed += likesBefore(id).size;
    }
    for (const [postId, likes] of unit.likes) {
      const old = likesBefore(postId);
      const now = new Set(likes.map((like) => like.userId));
      this.likes.read += likes.length;
      this.likes.new += likes.filter((like) => !old.has(like.userId)).length;
      this.likes.removed += [...old.keys()].filter((userId) => !now.has(userId)).length;
    }
    this.likersUnread += unit.likersUnread.length;
  }

  report(
    stats: ClientStats,
    pass: DiscourseLoadReport['pass'],
    resumedFromMs: number | null,
    leftOut: LeftOut,
  ): DiscourseLoadReport {
    return {
      pass,
      resumedFromMs,
      requests: Object.fromEntries(
        Object.entries(stats.requestsByEndpoint).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      rateLimitWaits: stats.rateLimitWaits,
      retries: stats.retries,
      waitedMs: stats.waitedMs,
      topics: { ...this.topics },
      posts: { ...this.posts },
      likes: { ...this.likes },
      skippedTopics: this.skippedTopics,
      likersUnread: this.likersUnread,
      leftOut,
    };
  }
}

function topicChanged(a: StoredTopic, b: StoredTopic): boolean {
  return (
    a.title !== b.title ||
    a.categoryId !== b.categoryId ||
    a.bumpedMs !== b.bumpedMs ||
    a.postsCount !== b.postsCount ||
    a.likeCount !== b.likeCount
  );
}

/** A post's content changed (its likes are counted as likes). */
function postChanged(a: StoredPost, b: StoredPost): boolean {
  return (
    a.cooked !== b.cooked ||
    a.updatedMs !== b.updatedMs ||
    a.replyTo !== b.replyTo ||
    a.postType !== b.postType
  );
}

/** The summary's line about private content left out, with how to opt in; none when none. */
export function leftOutNote(leftOut: LeftOut): string | undefined {
  const parts: string[] = [];
  if (leftOut.topics > 0) {
    parts.push(
      `${leftOut.topics} topics in restricted categories (${leftOut.categories.join(', ')})`,
    );
  }
  if (leftOut.whispers > 0) parts.push(`${leftOut.whispers} whispers`);
  if (parts.length === 0) return undefined;
  return (
    `left out as private (staff-only on the forum): ${parts.join(' and ')}; to publish them, ` +
    'name the categories in "includePrivateCategories" or set "includeWhispers": true in ' +
    'plugins.discourse (docs/formats.md)'
  );
}

function kindReport(kind: string, counts: ItemCounts): KindLoadReport {
  const unchanged = Math.max(0, counts.read - counts.new - counts.changed);
  return { kind, new: counts.new, changed: counts.changed, unchanged };
}

/** The forum's own report, and the same load in the shape every plugin reports. */
export function forumReports(
  forum: DiscourseLoadReport,
  serverUrl: string,
): { readonly report: LoadReport; readonly forum: DiscourseLoadReport } {
  const requests = Object.values(forum.requests).reduce((sum, n) => sum + n, 0);
  const report: LoadReport = {
    sources: [
      {
        source: new URL(serverUrl).host,
        requests,
        ...(forum.rateLimitWaits > 0
          ? { waits: { count: forum.rateLimitWaits, seconds: forum.waitedMs / 1000 } }
          : {}),
        ...(forum.retries > 0 ? { retries: forum.retries } : {}),
        fullRefresh: forum.pass !== 'incremental',
        kinds: [
          kindReport('topics', forum.topics),
          kindReport('posts', forum.posts),
          kindReport('likes', forum.likes),
        ],
      },
    ],
  };
  return { report, forum };
}
