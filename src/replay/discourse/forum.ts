/**
 * The forum a Discourse stand-in serves: a typed, in-memory dataset in a documented JSON shape
 * (`cred/discourse-forum` version 1), so recorded-style fixtures, a generated demo forum and
 * hand-written test cases all go through the same routes. Only facts live here (users,
 * categories, topics, posts with their cooked HTML, likes with their times); everything a
 * real answer derives (counts, bump times, the post stream, reply counts) is computed from
 * them when a route answers, so a test that adds a post or a like sees consistent answers.
 *
 * Shape (times are ISO date-times):
 * ```
 * { type: 'cred/discourse-forum', version: 1, origin: 'https://forum.example.org',
 *   settings: { topicsPerPage: 30, userActionsPageSize: 30 },
 *   users: [{ id, username, name, trustLevel, createdAt, admin?, moderator?,
 *             deleted?: true (404 everywhere), hideProfile?: true (likes given are private) }],
 *   categories: [{ id, name, slug, parentId?, color?, description? }],
 *   topics: [{ id, categoryId, title, slug, pinned?, bumpedAt?,
 *              answer?: 403 | 404 | 410 (listed, but /t/{id}.json answers this status),
 *              posts: [{ id, number, userId, createdAt, updatedAt?, replyTo?, version?, cooked,
 *                        likes?: [{ userId, createdAt }] }] }] }
 * ```
 * `origin` is where the forum was recorded: links to it inside cooked HTML are rewritten to
 * wherever the stand-in serves it, as a recording proxy would.
 */
import * as z from 'zod';

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'expected an ISO date-time',
});
const id = z.number().int();

const userSchema = z.strictObject({
  id,
  username: z.string().regex(/^[\w.-]+$/),
  name: z.string().default(''),
  trustLevel: z.number().int().min(0).max(4),
  createdAt: isoTime,
  admin: z.boolean().default(false),
  moderator: z.boolean().default(false),
  deleted: z.boolean().default(false),
  hideProfile: z.boolean().default(false),
});

const categorySchema = z.strictObject({
  id,
  name: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  parentId: id.optional(),
  /** Staff-only (Discourse's `read_restricted`): hidden from anonymous callers. */
  readRestricted: z.boolean().optional(),
  color: z.string().default('0088CC'),
  description: z.string().default(''),
});

const likeSchema = z.strictObject({ userId: id, createdAt: isoTime });

const postSchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  userId: id,
  createdAt: isoTime,
  updatedAt: isoTime.optional(),
  replyTo: z.number().int().positive().optional(),
  version: z.number().int().positive().default(1),
  /** Discourse's post_type: 1 regular (default), 2 moderator action, 3 small action, 4 whisper. */
  postType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  cooked: z.string(),
  likes: z.array(likeSchema).default([]),
});

const topicSchema = z.strictObject({
  id,
  categoryId: id,
  title: z.string().min(1),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  pinned: z.boolean().default(false),
  bumpedAt: isoTime.optional(),
  answer: z.union([z.literal(403), z.literal(404), z.literal(410)]).optional(),
  posts: z.array(postSchema).min(1),
});

const forumSchema = z.strictObject({
  type: z.literal('cred/discourse-forum'),
  version: z.literal(1),
  description: z.string().optional(),
  origin: z.string().url(),
  settings: z
    .strictObject({
      topicsPerPage: z.number().int().positive().default(30),
      userActionsPageSize: z.number().int().positive().default(30),
    })
    .default({ topicsPerPage: 30, userActionsPageSize: 30 }),
  users: z.array(userSchema),
  categories: z.array(categorySchema),
  topics: z.array(topicSchema),
});

export type Forum = z.infer<typeof forumSchema>;
export type ForumUser = Forum['users'][number];
export type ForumCategory = Forum['categories'][number];
export type ForumTopic = Forum['topics'][number];
export type ForumPost = ForumTopic['posts'][number];
export type ForumLike = ForumPost['likes'][number];

/** Validates a dataset (throws a readable zod error naming the field). */
export function parseForum(json: unknown): Forum {
  const forum = forumSchema.parse(json);
  const users = new Set(forum.users.map((user) => user.id));
  const categories = new Set(forum.categories.map((category) => category.id));
  for (const topic of forum.topics) {
    if (!categories.has(topic.categoryId)) {
      throw new Error(`forum: topic ${topic.id} names unknown category ${topic.categoryId}`);
    }
    for (const post of topic.posts) {
      for (const userId of [post.userId, ...post.likes.map((like) => like.userId)]) {
        if (!users.has(userId))
          throw new Error(`forum: post ${post.id} names unknown user ${userId}`);
      }
    }
  }
  return forum;
}

/** A deep copy, so a test can change its forum without touching the shared fixture. */
export function cloneForum(forum: Forum): Forum {
  return structuredClone(forum);
}

export function timeMs(iso: string): number {
  return Date.parse(iso);
}

/**
 * When the topic was last bumped: its explicit `bumpedAt`, else its newest regular post, or the
 * last edit of that post (Discourse's PostRevisor bumps a topic when its last post is edited;
 * whispers and small actions do not bump).
 */
export function bumpedAt(topic: ForumTopic): string {
  if (topic.bumpedAt !== undefined) return topic.bumpedAt;
  const regular = topic.posts.filter((post) => (post.postType ?? 1) === 1);
  const last = lastPost(regular.length > 0 ? { ...topic, posts: regular } : topic);
  const edited = last.updatedAt ?? last.createdAt;
  return timeMs(edited) > timeMs(last.createdAt) ? edited : last.createdAt;
}

/** Whether a caller sees a post: whispers are for staff only. */
export function visiblePost(post: ForumPost, staff: boolean): boolean {
  return staff || post.postType !== 4;
}

/** Whether a caller sees a category's topics: restricted categories are for staff only. */
export function visibleCategory(forum: Forum, categoryId: number, staff: boolean): boolean {
  if (staff) return true;
  const category = forum.categories.find((candidate) => candidate.id === categoryId);
  return category?.readRestricted !== true;
}

/** The forum as one caller sees it: without restricted categories and whispers for the public. */
export function viewOf(forum: Forum, staff: boolean): Forum {
  if (staff) return forum;
  return {
    ...forum,
    categories: forum.categories.filter((category) => category.readRestricted !== true),
    topics: forum.topics
      .filter((topic) => visibleCategory(forum, topic.categoryId, false))
      .map((topic) => ({ ...topic, posts: topic.posts.filter((p) => visiblePost(p, false)) })),
  };
}

export function lastPost(topic: ForumTopic): ForumPost {
  return topic.posts.reduce((a, b) => (timeMs(b.createdAt) > timeMs(a.createdAt) ? b : a));
}

/** Posts in stream order (by post number). */
export function orderedPosts(topic: ForumTopic): ForumPost[] {
  return [...topic.posts].sort((a, b) => a.number - b.number);
}

export function likeCount(topic: ForumTopic): number {
  return topic.posts.reduce((sum, post) => sum + post.likes.length, 0);
}

export function findUser(forum: Forum, userId: number): ForumUser {
  const user = forum.users.find((candidate) => candidate.id === userId);
  if (user === undefined) throw new Error(`forum: no user ${userId}`);
  return user;
}

export function findUserByName(forum: Forum, username: string): ForumUser | undefined {
  const lower = username.toLowerCase();
  return forum.users.find((user) => user.username.toLowerCase() === lower);
}

/** The topic holding a post, with the post. */
export function findPost(
  forum: Forum,
  postId: number,
): { topic: ForumTopic; post: ForumPost } | undefined {
  for (const topic of forum.topics) {
    const post = topic.posts.find((candidate) => candidate.id === postId);
    if (post !== undefined) return { topic, post };
  }
  return undefined;
}
