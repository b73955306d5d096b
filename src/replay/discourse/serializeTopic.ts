/**
 * Topic lists, topics and categories as a Discourse forum sends them: `/latest.json` in pages
 * with `more_topics_url` while more exist (pinned topics first, then by bump time), `/t/{id}.json`
 * with the whole `post_stream.stream` and the first chunk of 20 posts, and `/categories.json`
 * with subcategories nested when asked. Counts and times are derived from the dataset.
 */
import {
  bumpedAt,
  findUser,
  lastPost,
  likeCount,
  orderedPosts,
  timeMs,
  type Forum,
  type ForumCategory,
  type ForumTopic,
} from './forum.js';
import { basicUser, LIKE_ACTION, postJson, type Served } from './serializePost.js';

/** Discourse's `chunk_size`: posts sent with a topic and per `/t/{id}/posts.json` request. */
export const CHUNK_SIZE = 20;

function opener(topic: ForumTopic) {
  return orderedPosts(topic)[0]!;
}

function posters(forum: Forum, topic: ForumTopic): Record<string, unknown>[] {
  const ids = [...new Set(orderedPosts(topic).map((post) => post.userId))].slice(0, 5);
  return ids.map((userId, index) => ({
    extras: index === 0 ? 'latest' : null,
    description: index === 0 ? 'Original Poster' : 'Frequent Poster',
    user_id: findUser(forum, userId).id,
    primary_group_id: null,
  }));
}

function topicListItem(forum: Forum, topic: ForumTopic): Record<string, unknown> {
  const last = lastPost(topic);
  return {
    id: topic.id,
    title: topic.title,
    fancy_title: topic.title,
    slug: topic.slug,
    posts_count: topic.posts.length,
    reply_count: topic.posts.filter((post) => post.replyTo !== undefined).length,
    highest_post_number: Math.max(...topic.posts.map((post) => post.number)),
    image_url: null,
    created_at: opener(topic).createdAt,
    last_posted_at: last.createdAt,
    bumped: true,
    bumped_at: bumpedAt(topic),
    archetype: 'regular',
    unseen: false,
    pinned: topic.pinned,
    unpinned: null,
    visible: true,
    closed: false,
    archived: false,
    bookmarked: null,
    liked: null,
    views: 10 * topic.posts.length,
    like_count: likeCount(topic),
    has_summary: false,
    last_poster_username: findUser(forum, last.userId).username,
    category_id: topic.categoryId,
    pinned_globally: topic.pinned,
    featured_link: null,
    posters: posters(forum, topic),
  };
}

/** Topics in `/latest.json` order: pinned first, then most recently bumped, then by id. */
export function latestOrder(forum: Forum): ForumTopic[] {
  return [...forum.topics].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      timeMs(bumpedAt(b)) - timeMs(bumpedAt(a)) ||
      b.id - a.id,
  );
}

export function latestJson(forum: Forum, page: number, served: Served): Record<string, unknown> {
  const perPage = forum.settings.topicsPerPage;
  const ordered = latestOrder(forum);
  const topics = ordered.slice(page * perPage, (page + 1) * perPage);
  const userIds = new Set(topics.flatMap((topic) => topic.posts.map((post) => post.userId)));
  const more = (page + 1) * perPage < ordered.length;
  return {
    users: [...userIds].sort((a, b) => a - b).map((userId) => basicUser(findUser(forum, userId))),
    primary_groups: [],
    topic_list: {
      can_create_topic: false,
      ...(more
        ? { more_topics_url: `${served.basePath}/latest?order=activity&page=${page + 1}` }
        : {}),
      per_page: perPage,
      topics: topics.map((topic) => topicListItem(forum, topic)),
    },
  };
}

function topicDetails(forum: Forum, topic: ForumTopic): Record<string, unknown> {
  const creator = findUser(forum, opener(topic).userId);
  const lastPoster = findUser(forum, lastPost(topic).userId);
  const flags = [
    'can_edit',
    'can_move_posts',
    'can_delete',
    'can_remove_allowed_users',
    'can_create_post',
    'can_reply_as_new_topic',
    'can_convert_topic',
    'can_review_topic',
    'can_close_topic',
    'can_archive_topic',
    'can_split_merge_topic',
    'can_edit_staff_notes',
    'can_toggle_topic_visibility',
    'can_pin_unpin_topic',
    'can_moderate_category',
  ];
  return {
    ...Object.fromEntries(flags.map((flag) => [flag, false])),
    notification_level: 1,
    can_remove_self_id: 0,
    created_by: basicUser(creator),
    last_poster: basicUser(lastPoster),
  };
}

export function topicJson(
  forum: Forum,
  topic: ForumTopic,
  served: Served,
): Record<string, unknown> {
  const posts = orderedPosts(topic);
  const likes = likeCount(topic);
  return {
    post_stream: {
      posts: posts.slice(0, CHUNK_SIZE).map((post) => postJson(forum, topic, post, served)),
      stream: posts.map((post) => post.id),
    },
    timeline_lookup: [],
    suggested_topics: [],
    tags: [],
    tags_descriptions: {},
    id: topic.id,
    title: topic.title,
    fancy_title: topic.title,
    posts_count: posts.length,
    created_at: posts[0]!.createdAt,
    views: 10 * posts.length,
    reply_count: posts.filter((post) => post.replyTo !== undefined).length,
    like_count: likes,
    last_posted_at: lastPost(topic).createdAt,
    visible: true,
    closed: false,
    archived: false,
    has_summary: false,
    archetype: 'regular',
    slug: topic.slug,
    category_id: topic.categoryId,
    word_count: posts.reduce((sum, post) => sum + post.cooked.split(/\s+/).length, 0),
    deleted_at: null,
    user_id: posts[0]!.userId,
    featured_link: null,
    pinned_globally: topic.pinned,
    pinned_at: topic.pinned ? posts[0]!.createdAt : null,
    pinned_until: null,
    image_url: null,
    slow_mode_seconds: 0,
    draft: null,
    draft_key: `topic_${topic.id}`,
    draft_sequence: 0,
    unpinned: null,
    pinned: topic.pinned,
    highest_post_number: Math.max(...posts.map((post) => post.number)),
    deleted_by: null,
    has_deleted: false,
    actions_summary: [{ id: LIKE_ACTION, count: likes, hidden: false, can_act: false }],
    chunk_size: CHUNK_SIZE,
    bookmarked: false,
    bookmarks: [],
    topic_timer: null,
    message_bus_last_id: 0,
    participant_count: new Set(posts.map((post) => post.userId)).size,
    show_read_indicator: false,
    thumbnails: null,
    slow_mode_enabled_until: null,
    details: topicDetails(forum, topic),
  };
}

function categoryJson(
  forum: Forum,
  category: ForumCategory,
  leafNull = false,
): Record<string, unknown> {
  const children = forum.categories.filter((child) => child.parentId === category.id);
  const topics = forum.topics.filter((topic) => topic.categoryId === category.id);
  return {
    id: category.id,
    name: category.name,
    color: category.color,
    text_color: 'FFFFFF',
    style_type: 'square',
    emoji: null,
    icon: null,
    slug: category.slug,
    topic_count: topics.length,
    post_count: topics.reduce((sum, topic) => sum + topic.posts.length, 0),
    position: forum.categories.indexOf(category),
    description: category.description === '' ? null : `<p>${category.description}</p>`,
    description_text: category.description === '' ? null : category.description,
    description_excerpt: category.description === '' ? null : category.description,
    topic_url: `/t/about-the-${category.slug}-category/${1000 + category.id}`,
    read_restricted: category.readRestricted === true,
    permission: 1,
    notification_level: 1,
    can_edit: false,
    topic_template: null,
    topic_title_placeholder: null,
    has_children: children.length > 0,
    subcategory_count: children.length > 0 ? children.length : null,
    sort_order: null,
    sort_ascending: null,
    show_subcategory_list: false,
    num_featured_topics: 3,
    default_view: null,
    subcategory_list_style: 'rows_with_featured_topics',
    default_top_period: 'all',
    default_list_filter: 'all',
    minimum_required_tags: 0,
    navigate_to_first_post_after_read: false,
    topics_day: 0,
    topics_week: 0,
    topics_month: 0,
    topics_year: topics.length,
    topics_all_time: topics.length,
    // Real forums send null, not [], for a leaf listed under `parent_category_id`.
    subcategory_ids: children.length === 0 && leafNull ? null : children.map((child) => child.id),
    uploaded_logo: null,
    uploaded_logo_dark: null,
    uploaded_background: null,
    uploaded_background_dark: null,
  };
}

/**
 * `/categories.json`: top-level categories, or the children of `parentId`;
 * `include_subcategories=true` nests the children.
 */
export function categoriesJson(
  forum: Forum,
  includeSubcategories: boolean,
  parentId?: number,
): Record<string, unknown> {
  const top = forum.categories.filter((category) => category.parentId === parentId);
  return {
    category_list: {
      can_create_category: false,
      can_create_topic: false,
      categories: top.map((category) => ({
        ...categoryJson(forum, category, parentId !== undefined),
        ...(includeSubcategories
          ? {
              subcategory_list: forum.categories
                .filter((child) => child.parentId === category.id)
                .map((child) => categoryJson(forum, child)),
            }
          : {}),
      })),
    },
  };
}
