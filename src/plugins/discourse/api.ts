/**
 * The parts of Discourse's JSON answers the plugin reads, as zod schemas. Only fields we use are
 * validated (and unknown ones ignored): the published OpenAPI schemas are stricter than real
 * answers (numbers typed as strings, staff-only fields marked required), and forums run
 * different versions and plugins. A field we use that is missing or of the wrong type is a
 * malformed answer and stops the load before anything is written.
 */
import { z } from 'zod';

const id = z.number().int();
const count = z.number().int().nonnegative();

/** An ISO date-time, as epoch milliseconds. */
const time = z.string().transform((value, context) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: `expected an ISO date-time, got "${value}"` });
    return z.NEVER;
  }
  return ms;
});

/** Some versions send ids as strings (`"post_id": "12"`); accept both. */
const looseId = z.union([
  id,
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const latestPageSchema = z.object({
  topic_list: z.object({
    more_topics_url: z.string().nullish(),
    topics: z.array(
      z.object({
        id,
        title: z.string(),
        category_id: id.nullish(),
        bumped_at: time,
        posts_count: count,
        highest_post_number: count.nullish(),
        like_count: count.default(0),
        pinned: z.boolean().default(false),
      }),
    ),
  }),
});
export type LatestPage = z.infer<typeof latestPageSchema>;
export type TopicSummary = LatestPage['topic_list']['topics'][number];

const actionSummary = z.object({ id, count: count.optional() });

export const postSchema = z.object({
  id,
  topic_id: id,
  post_number: z.number().int().positive(),
  reply_to_post_number: z.number().int().nullish(),
  user_id: id.nullish(),
  username: z.string().nullish(),
  trust_level: z.number().int().min(0).max(4).nullish(),
  created_at: time,
  updated_at: time,
  cooked: z.string(),
  version: z.number().int().default(1),
  actions_summary: z.array(actionSummary).default([]),
});
export type ApiPost = z.infer<typeof postSchema>;

export const topicSchema = z.object({
  id,
  title: z.string(),
  slug: z.string(),
  category_id: id.nullish(),
  created_at: time,
  user_id: id.nullish(),
  like_count: count.default(0),
  posts_count: count,
  post_stream: z.object({ posts: z.array(postSchema), stream: z.array(id) }),
});
export type ApiTopic = z.infer<typeof topicSchema>;

export const specificPostsSchema = z.object({
  post_stream: z.object({ posts: z.array(postSchema) }),
});

export const postActionUsersSchema = z.object({
  post_action_users: z.array(z.object({ id, username: z.string() })),
  total_rows_post_action_users: count.optional(),
});

export const userActionsSchema = z.object({
  user_actions: z.array(
    z.object({ action_type: id, post_id: looseId.nullish(), created_at: time }),
  ),
});

export const userSchema = z.object({
  user: z.object({ id, username: z.string(), trust_level: z.number().int().min(0).max(4) }),
});

interface ApiCategory {
  id: number;
  name: string;
  slug: string;
  subcategory_ids?: number[] | undefined;
  subcategory_list?: ApiCategory[] | null | undefined;
}

const categorySchema: z.ZodType<ApiCategory> = z.lazy(() =>
  z.object({
    id,
    name: z.string(),
    slug: z.string(),
    subcategory_ids: z.array(id).optional(),
    subcategory_list: z.array(categorySchema).nullish(),
  }),
);
export type { ApiCategory };

export const categoriesSchema = z.object({
  category_list: z.object({ categories: z.array(categorySchema) }),
});

/** Discourse's action type of a like, in `actions_summary` and `post_action_users`. */
export const LIKE_ACTION_TYPE = 2;
/** `user_actions.json` filter of likes given. */
export const LIKES_GIVEN_FILTER = 1;
/** Posts per `/t/{id}/posts.json` request: the web client's chunk size. */
export const POSTS_PER_REQUEST = 20;
/** Items per page of `/user_actions.json` (Discourse's default). */
export const USER_ACTIONS_PAGE_SIZE = 30;
/** Likers per page of `/post_action_users.json` (Discourse's maximum). */
export const LIKERS_PAGE_SIZE = 200;

/** The like count of a post, from its `actions_summary`. */
export function likeCountOf(post: ApiPost): number {
  return post.actions_summary.find((action) => action.id === LIKE_ACTION_TYPE)?.count ?? 0;
}
