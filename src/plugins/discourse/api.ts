/**
 * The parts of Discourse's JSON answers the plugin reads, as zod schemas. Only fields we use are
 * validated (and unknown ones ignored): the published OpenAPI schemas are stricter than real
 * answers (numbers typed as strings, staff-only fields marked required), and forums run
 * different versions and plugins. A field we use that is missing or of the wrong type is a
 * malformed answer and stops the load before anything is written. Fields real forums send as
 * null (SourceCred's recordings of a public forum: `subcategory_ids` of a leaf category listed
 * under `parent_category_id`, `reply_to_post_number`) are nullable, and so is every optional
 * count or flag, with null read as its default: validate what servers send, not only what the
 * OpenAPI description promises.
 */
import * as z from 'zod';

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

/** A value that may be missing or null, read as `fallback` then. */
function orDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return schema.nullish().transform((value) => value ?? fallback);
}

/** Some versions send ids as strings (`"post_id": "12"`); accept both. */
const looseId = z.union([
  id,
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Discourse's `post_type` values (`Post.types`). */
export const POST_TYPE = { regular: 1, moderatorAction: 2, smallAction: 3, whisper: 4 } as const;

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
        like_count: orDefault(count, 0),
        pinned: orDefault(z.boolean(), false),
      }),
    ),
  }),
});
export type LatestPage = z.infer<typeof latestPageSchema>;
export type TopicSummary = LatestPage['topic_list']['topics'][number];

const actionSummary = z.object({ id, count: count.nullish() });

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
  cooked: orDefault(z.string(), ''),
  version: orDefault(z.number().int(), 1),
  /** 1 regular, 2 moderator action, 3 small action ("closed", "pinned"), 4 whisper (staff). */
  post_type: orDefault(z.number().int(), POST_TYPE.regular),
  actions_summary: orDefault(z.array(actionSummary), []),
});
export type ApiPost = z.infer<typeof postSchema>;

export const topicSchema = z.object({
  id,
  title: z.string(),
  slug: z.string(),
  category_id: id.nullish(),
  created_at: time,
  user_id: id.nullish(),
  like_count: orDefault(count, 0),
  posts_count: count,
  post_stream: z.object({ posts: z.array(postSchema), stream: z.array(id) }),
});
export type ApiTopic = z.infer<typeof topicSchema>;

export const specificPostsSchema = z.object({
  post_stream: z.object({ posts: z.array(postSchema) }),
});

export const postActionUsersSchema = z.object({
  post_action_users: z.array(z.object({ id, username: z.string() })),
  total_rows_post_action_users: count.nullish(),
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
  subcategory_ids?: number[] | null | undefined;
  subcategory_list?: ApiCategory[] | null | undefined;
  /** Staff-only category; null or missing when the forum does not say. */
  read_restricted?: boolean | null | undefined;
}

const categorySchema: z.ZodType<ApiCategory> = z.lazy(() =>
  z.object({
    id,
    name: z.string(),
    slug: z.string(),
    subcategory_ids: z.array(id).nullish(),
    subcategory_list: z.array(categorySchema).nullish(),
    read_restricted: z.boolean().nullish(),
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
