/**
 * Fetching one topic as a unit the mirror writes whole: the topic, its posts (the first chunk
 * and the new ones; all of them in a full pass or when likes moved on posts not otherwise read),
 * the likers of every post whose like count changed with the time of each new like, and the
 * people involved (authors, likers and @mentioned users, with their trust levels). Nothing is
 * written here: a failure anywhere leaves the stored topic as it was.
 *
 * When the forum will not say who liked a post (403/404/410 from `/post_action_users.json`),
 * the post keeps the likes stored before and its stored like count stays the old one, and so
 * does the topic's: the next load sees a difference and asks again, instead of taking the
 * silence for "nobody" and never asking again.
 */
import { likeCountOf, type ApiPost, type ApiTopic, type TopicSummary } from './api.js';
import type { DiscourseClient } from './client.js';
import { fetchLikers, fetchPosts, fetchTopic, fetchUser, type Liker } from './fetch.js';
import type { LikeTimes } from './likeTimes.js';
import type {
  DiscourseMirror,
  StoredLike,
  StoredPost,
  StoredTopic,
  StoredUser,
  TopicUnit,
  UnreadLikers,
} from './mirror.js';
import { parseReferences } from './references.js';

export interface UnitContext {
  readonly client: DiscourseClient;
  readonly mirror: DiscourseMirror;
  readonly likeTimes: LikeTimes;
  readonly serverUrl: string;
  /** A full pass reads every post and re-checks every person. */
  readonly fullPass: boolean;
  /** When this load started: people checked since then are not asked again. */
  readonly loadStartMs: number;
  readonly nowMs: () => number;
}

export async function fetchTopicUnit(
  context: UnitContext,
  summary: TopicSummary,
): Promise<TopicUnit | { skipped: number }> {
  const { client, mirror } = context;
  const topic = await fetchTopic(client, summary.id);
  if ('skipped' in topic) return topic;
  const stored = mirror.topic(topic.id);
  const storedPosts = mirror.posts(topic.id);
  const posts = await postsToStore(context, topic, summary, storedPosts, stored);
  const stream = topic.post_stream.stream;
  const people = new People(context);
  for (const post of posts) people.author(post);
  const likes = new Map<number, StoredLike[]>();
  const likersUnread: UnreadLikers[] = [];
  for (const post of posts) {
    const before = storedPosts.get(post.id);
    const next = await changedLikes(context, post, before, people);
    if (next === undefined) continue;
    if (Array.isArray(next)) likes.set(post.id, next);
    else likersUnread.push({ postId: post.id, status: next.skipped, count: likeCountOf(post) });
  }
  const oldCount = (postId: number) => storedPosts.get(postId)?.likeCount ?? 0;
  const unread = new Map(likersUnread.map((entry) => [entry.postId, oldCount(entry.postId)]));
  const missing = likersUnread.reduce(
    (sum, entry) => sum + entry.count - oldCount(entry.postId),
    0,
  );
  for (const post of posts) {
    for (const reference of parseReferences(post.cooked, context.serverUrl)) {
      if (reference.kind === 'user') await people.mentioned(reference.username);
    }
  }
  await people.checkTrustLevels();
  return {
    topic: {
      id: topic.id,
      categoryId: topic.category_id ?? null,
      title: topic.title,
      slug: topic.slug,
      createdMs: topic.created_at,
      authorId: topic.user_id ?? null,
      bumpedMs: summary.bumped_at,
      postsCount: summary.posts_count,
      likeCount: summary.like_count - missing,
      readMs: context.nowMs(),
    },
    stream,
    posts: posts.map((post) => storedPost(post, unread.get(post.id))),
    likes,
    likersUnread,
    users: people.users(),
    unknownUsernames: people.unknown(),
  };
}

/**
 * The posts to store: the first chunk, the posts we do not have (all of them in a full
 * pass) and, when the topic was bumped, its last post (an edit of it bumps the topic). When
 * the topic's like count moved by more than the posts we read account for, likes changed on
 * posts we skipped, so the rest are read too.
 */
async function postsToStore(
  context: UnitContext,
  topic: ApiTopic,
  summary: TopicSummary,
  storedPosts: ReadonlyMap<number, StoredPost>,
  stored: StoredTopic | undefined,
): Promise<ApiPost[]> {
  const storedLikeCount = stored?.likeCount;
  const stream = topic.post_stream.stream;
  const inStream = new Set(stream);
  const readAll = context.fullPass || storedLikeCount === undefined;
  const posts = [...topic.post_stream.posts];
  const read = () => new Set(posts.map((post) => post.id));
  const first = read();
  // A bump without a new post is an edit of the last post (Discourse bumps only for that one).
  const lastId = stream.at(-1);
  const edited = (id: number) => id === lastId && stored?.bumpedMs !== summary.bumped_at;
  const wanted = stream.filter(
    (id) => !first.has(id) && (readAll || !storedPosts.has(id) || edited(id)),
  );
  posts.push(...(await fetchPosts(context.client, topic.id, wanted)));
  if (!readAll) {
    const likesOf = (id: number) => storedPosts.get(id)?.likeCount ?? 0;
    const seen = posts.reduce((sum, post) => sum + likeCountOf(post) - likesOf(post.id), 0);
    const dropped = [...storedPosts.keys()].filter((id) => !inStream.has(id));
    const lost = dropped.reduce((sum, id) => sum + likesOf(id), 0);
    if (summary.like_count - storedLikeCount !== seen - lost) {
      const done = read();
      const rest = stream.filter((id) => !done.has(id));
      posts.push(...(await fetchPosts(context.client, topic.id, rest)));
    }
  }
  return posts.filter((post) => inStream.has(post.id) && post.topic_id === topic.id);
}

/** A post as stored; `likeCount` overrides the forum's count while its likers are unread. */
function storedPost(post: ApiPost, likeCount?: number): StoredPost {
  return {
    id: post.id,
    topicId: post.topic_id,
    number: post.post_number,
    replyTo: post.reply_to_post_number ?? null,
    authorId: post.user_id ?? null,
    createdMs: post.created_at,
    updatedMs: post.updated_at,
    version: post.version,
    likeCount: likeCount ?? likeCountOf(post),
    postType: post.post_type,
    cooked: post.cooked,
  };
}

/**
 * The post's likes when its like count changed (undefined when it did not; `{ skipped }` when
 * the forum would not say who liked it).
 */
async function changedLikes(
  context: UnitContext,
  post: ApiPost,
  before: StoredPost | undefined,
  people: People,
): Promise<StoredLike[] | { skipped: number } | undefined> {
  const count = likeCountOf(post);
  if (count === (before?.likeCount ?? 0)) return undefined;
  if (count === 0) return [];
  const likers = await fetchLikers(context.client, post.id);
  if (!Array.isArray(likers)) return likers;
  const known = context.mirror.likes(post.id);
  const result: StoredLike[] = [];
  for (const liker of likers) {
    people.liker(liker);
    result.push(
      known.get(liker.id) ??
        (await context.likeTimes.likeOf(liker, { id: post.id, createdMs: post.created_at })),
    );
  }
  return result;
}

/** The people a unit touches, and which of them need their profile (trust level) read. */
class People {
  private readonly byId = new Map<number, StoredUser>();
  private readonly toCheck = new Map<number, Liker>();
  private readonly unknownNames = new Map<string, number>();

  constructor(private readonly context: UnitContext) {}

  author(post: ApiPost): void {
    if (post.user_id === undefined || post.user_id === null || !post.username) return;
    const stored = this.context.mirror.user(post.user_id);
    this.byId.set(post.user_id, {
      id: post.user_id,
      username: post.username,
      trustLevel: post.trust_level ?? stored?.trustLevel ?? null,
      checkedMs: this.context.nowMs(),
    });
  }

  liker(liker: Liker): void {
    if (this.byId.has(liker.id)) return;
    const stored = this.context.mirror.user(liker.id);
    if (stored !== undefined && !this.stale(stored.checkedMs)) {
      this.byId.set(liker.id, { ...stored, username: liker.username });
    } else {
      this.toCheck.set(liker.id, liker);
    }
  }

  async mentioned(username: string): Promise<void> {
    const lower = username.toLowerCase();
    if ([...this.byId.values()].some((user) => user.username.toLowerCase() === lower)) return;
    const stored = this.context.mirror.userNamed(username);
    if (stored !== undefined) return;
    const checked = this.context.mirror.unknownUsernameCheckedMs(username);
    if (this.unknownNames.has(lower) || (checked !== undefined && !this.stale(checked))) return;
    const user = await fetchUser(this.context.client, username);
    if (user === undefined) this.unknownNames.set(lower, this.context.nowMs());
    else this.byId.set(user.id, { ...user, checkedMs: this.context.nowMs() });
  }

  async checkTrustLevels(): Promise<void> {
    for (const [id, liker] of this.toCheck) {
      if (this.byId.has(id)) continue;
      const user = await fetchUser(this.context.client, liker.username);
      const stored = this.context.mirror.user(id);
      this.byId.set(id, {
        id,
        username: user?.username ?? liker.username,
        trustLevel: user?.trustLevel ?? stored?.trustLevel ?? null,
        checkedMs: this.context.nowMs(),
      });
    }
  }

  users(): StoredUser[] {
    return [...this.byId.values()];
  }

  unknown(): { username: string; checkedMs: number }[] {
    return [...this.unknownNames].map(([username, checkedMs]) => ({ username, checkedMs }));
  }

  private stale(checkedMs: number): boolean {
    return this.context.fullPass && checkedMs < this.context.loadStartMs;
  }
}
