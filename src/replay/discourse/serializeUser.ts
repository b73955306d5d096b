/**
 * People as a Discourse forum shows them to an anonymous or API caller: the public profile of
 * `/u/{username}.json` (without the fields only the user or staff see) and a user's stream of
 * likes given, `/user_actions.json?filter=1`, newest first in pages of 30. In that stream the
 * `target_*` fields name the stream's owner (the liker), `username`/`user_id` the liked post's
 * author and `acting_*` the liker, as Discourse's UserAction query selects them.
 */
import { findUser, timeMs, type Forum, type ForumUser } from './forum.js';
import { avatarTemplate, servedCooked, type Served } from './serializePost.js';

export const LIKE_GIVEN_FILTER = 1;

function postsBy(forum: Forum, user: ForumUser) {
  return forum.topics.flatMap((topic) =>
    topic.posts.filter((post) => post.userId === user.id).map((post) => ({ topic, post })),
  );
}

/** `/u/{username}.json` as the public sees it. */
export function userJson(forum: Forum, user: ForumUser): Record<string, unknown> {
  const posts = postsBy(forum, user);
  const last =
    posts
      .map(({ post }) => post.createdAt)
      .sort()
      .at(-1) ?? null;
  const featured = forum.topics.find((topic) => topic.posts.some((p) => p.userId === user.id));
  return {
    user_badges: [],
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      avatar_template: avatarTemplate(user),
      last_posted_at: last,
      last_seen_at: last,
      created_at: user.createdAt,
      ignored: false,
      muted: false,
      can_ignore_user: false,
      can_mute_user: false,
      can_send_private_messages: false,
      can_send_private_message_to_user: false,
      trust_level: user.trustLevel,
      moderator: user.moderator,
      admin: user.admin,
      title: null,
      badge_count: 0,
      custom_fields: {},
      time_read: 600,
      recent_time_read: 60,
      primary_group_id: null,
      primary_group_name: null,
      flair_group_id: null,
      flair_name: null,
      flair_url: null,
      flair_bg_color: null,
      flair_color: null,
      featured_topic:
        featured === undefined
          ? null
          : {
              id: featured.id,
              title: featured.title,
              fancy_title: featured.title,
              slug: featured.slug,
              posts_count: featured.posts.length,
            },
      staged: false,
      pending_count: 0,
      profile_view_count: 3,
      post_count: posts.length,
      topic_count: posts.filter(({ post }) => post.number === 1).length,
      invited_by: null,
      groups: [],
    },
  };
}

/** Likes given by `user`, newest first, from `offset`, in pages of the forum's size. */
export function likesGivenJson(
  forum: Forum,
  user: ForumUser,
  offset: number,
  served: Served,
): Record<string, unknown> {
  const given = forum.topics.flatMap((topic) =>
    topic.posts.flatMap((post) =>
      post.likes.filter((like) => like.userId === user.id).map((like) => ({ topic, post, like })),
    ),
  );
  given.sort(
    (a, b) => timeMs(b.like.createdAt) - timeMs(a.like.createdAt) || b.post.id - a.post.id,
  );
  const page = given.slice(offset, offset + forum.settings.userActionsPageSize);
  return {
    user_actions: page.map(({ topic, post, like }) => {
      const author = findUser(forum, post.userId);
      return {
        excerpt: servedCooked(forum, post.cooked, served)
          .replace(/<[^>]*>/g, '')
          .slice(0, 120),
        action_type: LIKE_GIVEN_FILTER,
        created_at: like.createdAt,
        avatar_template: avatarTemplate(author),
        acting_avatar_template: avatarTemplate(user),
        slug: topic.slug,
        topic_id: topic.id,
        target_user_id: user.id,
        target_name: user.name,
        target_username: user.username,
        post_number: post.number,
        post_id: post.id,
        username: author.username,
        name: author.name,
        user_id: author.id,
        acting_username: user.username,
        acting_name: user.name,
        acting_user_id: user.id,
        title: topic.title,
        deleted: false,
        hidden: false,
        post_type: 1,
        action_code: null,
        category_id: topic.categoryId,
        closed: false,
        archived: false,
      };
    }),
  };
}
