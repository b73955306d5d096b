/**
 * A loopback stand-in for a Discourse forum, mounted at `/discourse` (so a plugin's `serverUrl`
 * is `<url>/discourse`). It serves the JSON routes cred reads from a live, typed dataset
 * (`forum.ts`) with Discourse's own semantics: `/latest.json` pages with `more_topics_url`,
 * topics with their full `post_stream.stream` and a first chunk of 20 posts, specific posts by
 * `post_ids[]`, likers per post, a user's likes given, public profiles, 404 for deleted users
 * and 403/404/410 for topics hidden after they were listed. A caller with an API key is staff:
 * it also sees restricted categories and whispers, which anonymous callers never see. Faults
 * (429, 5xx, malformed bodies) come from the shared `inject()`.
 */
import type { Express, Request, Response } from 'express';
import { startStandIn, type StandIn } from '../standIn.js';
import { findPost, findUserByName, viewOf, type Forum, type ForumTopic } from './forum.js';
import { categoriesJson, latestJson, topicJson } from './serializeTopic.js';
import {
  LIKE_ACTION,
  postActionUsersJson,
  specificPostsJson,
  type Served,
} from './serializePost.js';
import { LIKE_GIVEN_FILTER, likesGivenJson, userJson } from './serializeUser.js';

export interface DiscourseStandInOptions {
  /** When set, a request carrying another `Api-Key` is refused (403), as Discourse does. */
  readonly apiKey?: string;
  readonly mountPath?: string;
  /**
   * Serve cooked HTML as recorded, its links pointing at `origin`, as a forum read through
   * another address than its public one does (plugins.discourse.publicUrl); by default links
   * are rewritten to point at the stand-in.
   */
  readonly recordedLinks?: boolean;
  /**
   * False for a forum that ignores `include_subcategories` (older versions): clients must ask
   * `parent_category_id` for the children, whose leaves carry `"subcategory_ids": null`.
   */
  readonly nestSubcategories?: boolean;
}

export interface DiscourseStandIn extends StandIn {
  /** The forum's base URL: what `serverUrl` in cred.json is set to. */
  readonly serverUrl: string;
  /** The live dataset: change it between loads to simulate activity. */
  readonly forum: Forum;
}

const NOT_FOUND = {
  errors: ['The requested URL or resource could not be found.'],
  error_type: 'not_found',
};
const INVALID_ACCESS = {
  errors: ['You are not permitted to view the requested resource.'],
  error_type: 'invalid_access',
};

export async function startDiscourseStandIn(
  forum: Forum,
  options: DiscourseStandInOptions = {},
): Promise<DiscourseStandIn> {
  const basePath = options.mountPath ?? '/discourse';
  const recorded = options.recordedLinks === true;
  const served: { value: Served } = { value: { baseUrl: '', basePath, recorded } };
  const standIn = await startStandIn((app) => mountForum(app, forum, basePath, served, options));
  served.value = { baseUrl: `${standIn.url}${basePath}`, basePath, recorded };
  return Object.assign(standIn, { serverUrl: served.value.baseUrl, forum });
}

function mountForum(
  app: Express,
  forum: Forum,
  base: string,
  served: { value: Served },
  options: DiscourseStandInOptions,
): void {
  app.use(base, keyCheck(options.apiKey));
  const view = (request: Request) => viewOf(forum, request.header('api-key') !== undefined);
  app.get(`${base}/latest.json`, (request, response) => {
    response.json(latestJson(view(request), integer(request.query.page, 0), served.value));
  });
  app.get(`${base}/categories.json`, (request, response) => {
    const parent = integer(request.query.parent_category_id, -1);
    const nested =
      options.nestSubcategories !== false && request.query.include_subcategories === 'true';
    response.json(categoriesJson(view(request), nested, parent === -1 ? undefined : parent));
  });
  app.get(`${base}/t/:file`, (request, response) => {
    const seen = view(request);
    const topic = topicFor(seen, String(request.params.file), '.json', response);
    if (topic !== undefined) response.json(topicJson(seen, topic, served.value));
  });
  app.get(`${base}/t/:id/posts.json`, (request, response) => {
    const seen = view(request);
    const topic = topicFor(seen, `${String(request.params.id)}.json`, '.json', response);
    if (topic === undefined) return;
    const ids = [request.query['post_ids']].flat().map((value) => integer(value, -1));
    response.json(specificPostsJson(seen, topic, ids, served.value));
  });
  app.get(`${base}/post_action_users.json`, (request, response) => {
    const seen = view(request);
    const found = findPost(seen, integer(request.query.id, -1));
    if (found === undefined || found.topic.answer !== undefined) {
      response.status(404).json(NOT_FOUND);
      return;
    }
    if (integer(request.query.post_action_type_id, -1) !== LIKE_ACTION) {
      response.json({ post_action_users: [] });
      return;
    }
    const limit = Math.min(200, integer(request.query.limit, 200));
    response.json(postActionUsersJson(seen, found.post, integer(request.query.page, 0), limit));
  });
  app.get(`${base}/user_actions.json`, (request, response) => {
    const user = findUserByName(forum, String(request.query.username ?? ''));
    if (user === undefined || user.deleted || user.hideProfile) {
      response.status(404).json(NOT_FOUND);
      return;
    }
    if (integer(request.query.filter, -1) !== LIKE_GIVEN_FILTER) {
      response.json({ user_actions: [] });
      return;
    }
    const offset = integer(request.query.offset, 0);
    response.json(likesGivenJson(view(request), user, offset, served.value));
  });
  app.get(`${base}/u/:file`, (request, response) => {
    const file = String(request.params.file);
    const user = file.endsWith('.json') ? findUserByName(forum, file.slice(0, -5)) : undefined;
    if (user === undefined || user.deleted) response.status(404).json(NOT_FOUND);
    else response.json(userJson(forum, user));
  });
  app.use(base, (_request, response) => response.status(404).json(NOT_FOUND));
}

/** Refuses a request carrying another API key than `apiKey` (when set), as Discourse does. */
function keyCheck(apiKey: string | undefined) {
  return (request: Request, response: Response, next: () => void): void => {
    const key = request.header('api-key');
    if (apiKey !== undefined && key !== undefined && key !== apiKey) {
      response.status(403).json(INVALID_ACCESS);
      return;
    }
    next();
  };
}

/** The topic named by `<id>.json`, or undefined after answering 404 or its `answer` status. */
function topicFor(
  forum: Forum,
  file: string,
  suffix: string,
  response: Response,
): ForumTopic | undefined {
  const id = file.endsWith(suffix) ? integer(file.slice(0, -suffix.length), -1) : -1;
  const topic = forum.topics.find((candidate) => candidate.id === id);
  if (topic === undefined) {
    response.status(404).json(NOT_FOUND);
    return undefined;
  }
  if (topic.answer !== undefined) {
    response.status(topic.answer).json(topic.answer === 403 ? INVALID_ACCESS : NOT_FOUND);
    return undefined;
  }
  return topic;
}

function integer(value: unknown, fallback: number): number {
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(parsed) ? parsed : fallback;
}
