/**
 * Posts and users as a Discourse forum serializes them for an anonymous or API caller. Field
 * sets follow Discourse's PostSerializer and BasicUserSerializer (and the fields the published
 * OpenAPI description requires), with values derived from the dataset, so a client reads the
 * same shapes a real forum sends. Links to the recorded origin are rewritten to where the
 * stand-in serves the forum.
 */
import {
  findUser,
  orderedPosts,
  type Forum,
  type ForumPost,
  type ForumTopic,
  type ForumUser,
} from './forum.js';

/** Where the stand-in serves the forum (`http://127.0.0.1:PORT/discourse`) and its path part. */
export interface Served {
  readonly baseUrl: string;
  readonly basePath: string;
  /** Cooked HTML is served as recorded (links to the forum's origin), not rewritten. */
  readonly recorded?: boolean;
}

export const LIKE_ACTION = 2;

export function avatarTemplate(user: Pick<ForumUser, 'username'>): string {
  const initial = user.username.charAt(0).toLowerCase();
  return `/letter_avatar_proxy/v4/letter/${initial}/8797e3/{size}.png`;
}

/** BasicUserSerializer: what lists of people (likers, creators) carry. */
export function basicUser(user: ForumUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    avatar_template: avatarTemplate(user),
  };
}

/**
 * Cooked HTML as served: the recorded origin and root-relative links point at the stand-in
 * (unless the stand-in serves links as recorded).
 */
export function servedCooked(forum: Forum, cooked: string, served: Served): string {
  if (served.recorded === true) return cooked;
  return cooked
    .replaceAll(forum.origin, served.baseUrl)
    .replace(/(href|src)="\/(?!\/)/g, `$1="${served.basePath}/`);
}

function replyCount(topic: ForumTopic, post: ForumPost): number {
  return topic.posts.filter((other) => other.replyTo === post.number).length;
}

function actionsSummary(post: ForumPost): Record<string, unknown>[] {
  // Discourse lists the like action with its count only when someone liked the post.
  return post.likes.length === 0
    ? []
    : [{ id: LIKE_ACTION, count: post.likes.length, can_act: false }];
}

/** One post as `/t/{id}.json` and `/t/{id}/posts.json` send it. */
export function postJson(
  forum: Forum,
  topic: ForumTopic,
  post: ForumPost,
  served: Served,
): Record<string, unknown> {
  const user = findUser(forum, post.userId);
  return {
    id: post.id,
    name: user.name,
    username: user.username,
    avatar_template: avatarTemplate(user),
    created_at: post.createdAt,
    cooked: servedCooked(forum, post.cooked, served),
    post_number: post.number,
    post_type: post.postType ?? 1,
    updated_at: post.updatedAt ?? post.createdAt,
    reply_count: replyCount(topic, post),
    reply_to_post_number: post.replyTo ?? null,
    quote_count: (post.cooked.match(/<aside class="quote/g) ?? []).length,
    incoming_link_count: 0,
    reads: 1 + post.likes.length,
    readers_count: post.likes.length,
    score: post.likes.length * 15 + 0.2,
    yours: false,
    topic_id: topic.id,
    topic_slug: topic.slug,
    display_username: user.name,
    primary_group_name: null,
    flair_name: null,
    flair_url: null,
    flair_bg_color: null,
    flair_color: null,
    version: post.version,
    can_edit: false,
    can_delete: false,
    can_recover: false,
    can_wiki: false,
    link_counts: [],
    read: true,
    user_title: null,
    bookmarked: false,
    actions_summary: actionsSummary(post),
    moderator: user.moderator,
    admin: user.admin,
    staff: user.admin || user.moderator,
    user_id: user.id,
    hidden: false,
    trust_level: user.trustLevel,
    deleted_at: null,
    user_deleted: false,
    edit_reason: null,
    can_view_edit_history: true,
    wiki: false,
    reviewable_id: 0,
    reviewable_score_count: 0,
    reviewable_score_pending_count: 0,
  };
}

/** `/t/{id}/posts.json?post_ids[]=…`: exactly the listed posts of that topic, in stream order. */
export function specificPostsJson(
  forum: Forum,
  topic: ForumTopic,
  postIds: readonly number[],
  served: Served,
): Record<string, unknown> {
  const wanted = new Set(postIds);
  const posts = orderedPosts(topic).filter((post) => wanted.has(post.id));
  return {
    post_stream: { posts: posts.map((post) => postJson(forum, topic, post, served)) },
    id: topic.id,
  };
}

/** `/post_action_users.json`: who took the action, oldest first, in pages of `limit`. */
export function postActionUsersJson(
  forum: Forum,
  post: ForumPost,
  page: number,
  limit: number,
): Record<string, unknown> {
  const likes = [...post.likes].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const slice = likes.slice(page * limit, (page + 1) * limit);
  const users = slice.map((like) => {
    const user = findUser(forum, like.userId);
    return { ...basicUser(user), post_url: null, username_lower: user.username.toLowerCase() };
  });
  return {
    post_action_users: users,
    ...(users.length > 0 && likes.length > limit
      ? { total_rows_post_action_users: likes.length }
      : {}),
  };
}
