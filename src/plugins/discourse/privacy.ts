/**
 * What of a forum may enter the graph (pure). An API key of a staff or admin account also reads
 * what only staff see: restricted categories (`read_restricted`) and whispers (`post_type` 4).
 * The graph and everything made from it (scores, the explorer, the ledger's identities) are
 * published, so private content is left out unless the instance opts in by name
 * (`includePrivateCategories`, `includeWhispers`). Small actions and moderator actions
 * (`post_type` 3 and 2: "closed", "pinned", split notices) are the forum's notices, not authored
 * posts: they are always left out. People appear only when public content names them (as
 * author, liker or @mention), so nobody seen only in private content is published either.
 */
import { POST_TYPE } from './api.js';
import type { PrivacyConfig } from './config.js';
import { parseReferences } from './references.js';
import type { ForumSnapshot, SnapshotCategory, SnapshotPost } from './snapshot.js';

/** What was left out, for the load's summary. */
export interface LeftOut {
  /** Slug paths of the private categories left out. */
  readonly categories: readonly string[];
  readonly topics: number;
  readonly whispers: number;
  readonly notices: number;
}

/** A category's slug path (`dev/infra`) by id. */
function slugPaths(categories: readonly SnapshotCategory[]): Map<number, string> {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const paths = new Map<number, string>();
  for (const category of categories) {
    const slugs: string[] = [];
    for (let c: SnapshotCategory | undefined = category; c !== undefined && slugs.length < 10;) {
      slugs.unshift(c.slug);
      c = c.parentId === null ? undefined : byId.get(c.parentId);
    }
    paths.set(category.id, slugs.join('/'));
  }
  return paths;
}

/**
 * Ids of the categories left out: restricted ones (or under a restricted parent) that the
 * instance did not name. A name is a slug or a slug path; naming a category includes its
 * subcategories.
 */
export function excludedCategoryIds(
  categories: readonly SnapshotCategory[],
  config: PrivacyConfig,
): Map<number, string> {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const paths = slugPaths(categories);
  const named = new Set(config.includePrivateCategories.map((name) => name.toLowerCase()));
  const excluded = new Map<number, string>();
  for (const category of categories) {
    let restricted = false;
    let optedIn = false;
    for (let c: SnapshotCategory | undefined = category, depth = 0; c !== undefined; depth++) {
      restricted ||= c.restricted;
      optedIn ||= named.has(c.slug.toLowerCase()) || named.has(paths.get(c.id) ?? '');
      c = c.parentId === null || depth > 10 ? undefined : byId.get(c.parentId);
    }
    if (restricted && !optedIn) excluded.set(category.id, paths.get(category.id) ?? category.slug);
  }
  return excluded;
}

/** Whether a post is an authored contribution the instance publishes. */
export function isPublishedPost(post: Pick<SnapshotPost, 'postType'>, config: PrivacyConfig) {
  if (post.postType === POST_TYPE.whisper) return config.includeWhispers;
  return post.postType !== POST_TYPE.smallAction && post.postType !== POST_TYPE.moderatorAction;
}

/** The part of a snapshot that may be published, and counts of what was left out. */
export function publishedSnapshot(
  snapshot: ForumSnapshot,
  config: PrivacyConfig,
): { snapshot: ForumSnapshot; leftOut: LeftOut } {
  const excluded = excludedCategoryIds(snapshot.categories, config);
  const topics = snapshot.topics.filter(
    (topic) => topic.categoryId === null || !excluded.has(topic.categoryId),
  );
  const topicIds = new Set(topics.map((topic) => topic.id));
  const inTopics = snapshot.posts.filter((post) => topicIds.has(post.topicId));
  const posts = inTopics.filter((post) => isPublishedPost(post, config));
  const postIds = new Set(posts.map((post) => post.id));
  const likes = snapshot.likes.filter((like) => postIds.has(like.postId));
  const named = new Set<number>();
  for (const topic of topics) if (topic.authorId !== null) named.add(topic.authorId);
  for (const post of posts) if (post.authorId !== null) named.add(post.authorId);
  for (const like of likes) named.add(like.userId);
  const byName = new Map(snapshot.users.map((user) => [user.username.toLowerCase(), user.id]));
  for (const post of posts) {
    for (const reference of parseReferences(post.cooked, snapshot.serverUrl)) {
      const id =
        reference.kind === 'user' ? byName.get(reference.username.toLowerCase()) : undefined;
      if (id !== undefined) named.add(id);
    }
  }
  const whispers = inTopics.filter((post) => post.postType === POST_TYPE.whisper).length;
  return {
    snapshot: {
      ...snapshot,
      categories: snapshot.categories.filter((category) => !excluded.has(category.id)),
      topics,
      posts,
      likes,
      users: snapshot.users.filter((user) => named.has(user.id)),
    },
    leftOut: {
      categories: [...excluded.values()].sort(),
      topics: snapshot.topics.length - topics.length,
      whispers: config.includeWhispers ? 0 : whispers,
      notices: inTopics.length - posts.length - (config.includeWhispers ? 0 : whispers),
    },
  };
}
