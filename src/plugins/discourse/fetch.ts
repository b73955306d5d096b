/**
 * The Discourse endpoints the plugin reads, one typed function each, over `DiscourseClient`.
 * HTTP only: no cache, no decisions about what changed (that is `load.ts`). Topics and users
 * that are hidden or gone (403/404/410) come back as `undefined`.
 */
import {
  categoriesSchema,
  LIKE_ACTION_TYPE,
  LIKERS_PAGE_SIZE,
  LIKES_GIVEN_FILTER,
  latestPageSchema,
  POSTS_PER_REQUEST,
  postActionUsersSchema,
  specificPostsSchema,
  topicSchema,
  userActionsSchema,
  userSchema,
  type ApiCategory,
  type ApiPost,
  type ApiTopic,
  type TopicSummary,
} from './api.js';
import type { DiscourseClient } from './client.js';
import type { SnapshotCategory } from './snapshot.js';

/**
 * Every category the caller may see, subcategories with their parent. A category is restricted
 * when the forum says so (`read_restricted`), or, read with an API key, when it does not say:
 * only staff keys see restricted categories, and private content is never assumed public.
 */
export async function fetchCategories(client: DiscourseClient): Promise<SnapshotCategory[]> {
  const answer = await client.get(
    '/categories.json',
    { include_subcategories: 'true' },
    categoriesSchema,
  );
  const result: SnapshotCategory[] = [];
  const visit = async (category: ApiCategory, parentId: number | null): Promise<void> => {
    const restricted = category.read_restricted ?? client.authenticated;
    result.push({
      id: category.id,
      name: category.name,
      slug: category.slug,
      parentId,
      restricted,
    });
    let children = category.subcategory_list ?? undefined;
    if (children === undefined && (category.subcategory_ids ?? []).length > 0) {
      // Forums that ignore include_subcategories: ask for the children (SourceCred's way).
      const nested = await client.get(
        '/categories.json',
        { parent_category_id: category.id },
        categoriesSchema,
      );
      children = nested.category_list.categories;
    }
    for (const child of children ?? []) await visit(child, category.id);
  };
  for (const category of answer.category_list.categories) await visit(category, null);
  return result;
}

/** One page of `/latest.json` by activity, newest first; `more` when another page exists. */
export async function fetchLatestPage(
  client: DiscourseClient,
  page: number,
): Promise<{ topics: TopicSummary[]; more: boolean }> {
  const answer = await client.get(
    '/latest.json',
    { order: 'activity', ascending: 'false', page },
    latestPageSchema,
  );
  const { topics, more_topics_url: moreUrl } = answer.topic_list;
  return { topics, more: typeof moreUrl === 'string' && moreUrl !== '' && topics.length > 0 };
}

/** A topic with its full post stream and the first chunk of posts; undefined when hidden. */
export async function fetchTopic(
  client: DiscourseClient,
  topicId: number,
): Promise<ApiTopic | { skipped: number }> {
  const result = await client.getOrSkip(`/t/${topicId}.json`, {}, topicSchema);
  return result.status === 'ok' ? result.value : { skipped: result.httpStatus };
}

/** The posts with these ids, 20 per request (the web client's chunk size). */
export async function fetchPosts(
  client: DiscourseClient,
  topicId: number,
  postIds: readonly number[],
): Promise<ApiPost[]> {
  const posts: ApiPost[] = [];
  for (let start = 0; start < postIds.length; start += POSTS_PER_REQUEST) {
    const chunk = postIds.slice(start, start + POSTS_PER_REQUEST);
    const answer = await client.get(
      `/t/${topicId}/posts.json`,
      { 'post_ids[]': chunk },
      specificPostsSchema,
    );
    posts.push(...answer.post_stream.posts);
  }
  return posts;
}

export interface Liker {
  readonly id: number;
  readonly username: string;
}

/**
 * Everyone who liked a post, in pages of 200; `{ skipped }` with the status when the forum
 * would not say (403/404/410), which is not the same as nobody.
 */
export async function fetchLikers(
  client: DiscourseClient,
  postId: number,
): Promise<Liker[] | { skipped: number }> {
  const likers: Liker[] = [];
  for (let page = 0; ; page++) {
    const result = await client.getOrSkip(
      '/post_action_users.json',
      { id: postId, post_action_type_id: LIKE_ACTION_TYPE, page, limit: LIKERS_PAGE_SIZE },
      postActionUsersSchema,
    );
    if (result.status === 'skipped') return { skipped: result.httpStatus };
    const { post_action_users: users, total_rows_post_action_users: total } = result.value;
    likers.push(...users.map(({ id, username }) => ({ id, username })));
    if (users.length === 0 || total === undefined || total === null || likers.length >= total) {
      return likers;
    }
  }
}

export interface LikeGiven {
  readonly postId: number;
  readonly createdMs: number;
}

/**
 * One page of the likes a user gave, newest first (`size` is the page's item count); undefined
 * when their likes are private or they are gone.
 */
export async function fetchLikesGiven(
  client: DiscourseClient,
  username: string,
  offset: number,
): Promise<{ likes: LikeGiven[]; size: number } | undefined> {
  const result = await client.getOrSkip(
    '/user_actions.json',
    { username, filter: LIKES_GIVEN_FILTER, offset },
    userActionsSchema,
  );
  if (result.status === 'skipped') return undefined;
  const actions = result.value.user_actions;
  const likes = actions.flatMap((action) =>
    action.action_type === LIKES_GIVEN_FILTER && typeof action.post_id === 'number'
      ? [{ postId: action.post_id, createdMs: action.created_at }]
      : [],
  );
  return { likes, size: actions.length };
}

export interface ApiUser {
  readonly id: number;
  readonly username: string;
  readonly trustLevel: number;
}

/** A public profile; undefined for a deleted or unknown user. */
export async function fetchUser(
  client: DiscourseClient,
  username: string,
): Promise<ApiUser | undefined> {
  const result = await client.getOrSkip(`/u/${encodeURIComponent(username)}.json`, {}, userSchema);
  if (result.status === 'skipped') return undefined;
  const { id, username: name, trust_level: trustLevel } = result.value.user;
  return { id, username: name, trustLevel };
}
