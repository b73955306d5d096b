/**
 * `cred load` for a forum: fetch what changed since the last load into the mirror.
 *
 * An incremental load reads the category list and pages of `/latest.json` (newest activity
 * first) down to the newest bump the last load saw, then fetches only the topics whose bump
 * time, post count, like count, title or category changed; with nothing new that is two
 * requests. Topics are fetched oldest first and each is written as soon as it is complete, so
 * a stopped load resumes where it stopped. Edits and likes in quiet topics do not bump them, so
 * every `fullPassDays` a full pass reads every topic and drops those that disappeared.
 */
import path from 'node:path';
import type { LoadSummary, PluginContext } from '../../core/plugin.js';
import type { TopicSummary } from './api.js';
import { DiscourseClient } from './client.js';
import {
  discourseCredentials,
  pageUrl,
  requestsPerMinute,
  type DiscourseConfig,
} from './config.js';
import { fetchCategories, fetchLatestPage } from './fetch.js';
import { LikeTimes } from './likeTimes.js';
import { DiscourseMirror, META, type StoredTopic } from './mirror.js';
import { fetchTopicUnit, type UnitContext } from './topicUnit.js';

const DAY_MS = 86_400_000;
/** Pages of `/latest.json` read at most in one listing (30 topics each). */
const MAX_LATEST_PAGES = 10_000;

export const MIRROR_FILE = 'discourse.sqlite';

export interface LoadOptions {
  /** Replaces the global fetch (tests). */
  readonly fetch?: typeof globalThis.fetch;
}

export async function loadDiscourse(
  context: PluginContext<DiscourseConfig>,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const { config } = context;
  const credentials = discourseCredentials(context.env);
  const client = new DiscourseClient({
    serverUrl: config.serverUrl,
    credentials,
    requestsPerMinute: requestsPerMinute(config, credentials),
    nowMs: context.nowMs,
    sleep: context.sleep,
    reporter: context.reporter,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const mirror = DiscourseMirror.open(path.join(context.cacheDir, MIRROR_FILE), config.serverUrl);
  try {
    return await runLoad(context, client, mirror);
  } finally {
    mirror.close();
  }
}

async function runLoad(
  context: PluginContext<DiscourseConfig>,
  client: DiscourseClient,
  mirror: DiscourseMirror,
): Promise<LoadSummary> {
  const loadStartMs = context.nowMs();
  const lastFullPassMs = mirror.meta(META.lastFullPassMs);
  const fullPass =
    lastFullPassMs === undefined ||
    loadStartMs - lastFullPassMs >= context.config.fullPassDays * DAY_MS;
  const notes: string[] = [];
  if (mirror.reset) notes.push('the cache held another forum: it was started afresh');
  if (lastFullPassMs === undefined) notes.push('first load: every topic read');
  else if (fullPass) notes.push('full pass: every topic read again, to see edits in quiet topics');
  mirror.replaceCategories(await fetchCategories(client));
  const watermarkMs = mirror.meta(META.bumpedWatermarkMs);
  const listed = await listTopics(client, fullPass ? undefined : watermarkMs);
  const changed = listed
    .filter((summary) => fullPass || hasChanged(mirror.topic(summary.id), summary, mirror))
    .sort((a, b) => a.bumped_at - b.bumped_at || a.id - b.id);
  const likeTimes = new LikeTimes(client);
  const unitContext: UnitContext = {
    client,
    mirror,
    likeTimes,
    serverUrl: pageUrl(context.config),
    fullPass,
    loadStartMs,
    nowMs: context.nowMs,
  };
  const items = { topics: 0, posts: 0, likes: 0 };
  for (const [index, summary] of changed.entries()) {
    context.reporter.progress(`discourse: topic ${index + 1}/${changed.length}: ${summary.title}`);
    const unit = await fetchTopicUnit(unitContext, summary);
    if ('skipped' in unit) {
      mirror.skipTopic(summary.id, summary.bumped_at, unit.skipped);
      notes.push(`topic ${summary.id} skipped: the forum answered HTTP ${unit.skipped}`);
      continue;
    }
    mirror.ingestTopic(unit);
    items.topics++;
    items.posts += unit.posts.length;
    items.likes += [...unit.likes.values()].reduce((sum, likes) => sum + likes.length, 0);
  }
  if (fullPass) {
    const removed = mirror.finishFullPass(new Set(listed.map((t) => t.id)), loadStartMs);
    if (removed > 0) notes.push(`${removed} topics no longer listed were removed from the cache`);
  }
  const newest = listed.reduce((max, summary) => Math.max(max, summary.bumped_at), 0);
  if (watermarkMs === undefined || newest > watermarkMs) mirror.finishListing(newest);
  if (likeTimes.estimated > 0) {
    notes.push(`${likeTimes.estimated} like times were private: dated at their post's time`);
  }
  return { requests: client.requests, items, notes };
}

/**
 * Topics of `/latest.json`, newest activity first, down to the first page holding a topic
 * bumped before `watermarkMs` (all pages when undefined). Pinned topics float to the top
 * whatever their age, so they do not end the listing.
 */
async function listTopics(
  client: DiscourseClient,
  watermarkMs: number | undefined,
): Promise<TopicSummary[]> {
  const byId = new Map<number, TopicSummary>();
  for (let page = 0; page < MAX_LATEST_PAGES; page++) {
    const { topics, more } = await fetchLatestPage(client, page);
    const before = byId.size;
    for (const topic of topics) if (!byId.has(topic.id)) byId.set(topic.id, topic);
    if (!more || byId.size === before) break;
    const reachedWatermark =
      watermarkMs !== undefined &&
      topics.some((topic) => !topic.pinned && topic.bumped_at < watermarkMs);
    if (reachedWatermark) break;
  }
  return [...byId.values()];
}

function hasChanged(
  stored: StoredTopic | undefined,
  summary: TopicSummary,
  mirror: DiscourseMirror,
): boolean {
  if (stored === undefined) return mirror.skippedTopicBumpedMs(summary.id) !== summary.bumped_at;
  return (
    stored.bumpedMs !== summary.bumped_at ||
    stored.postsCount !== summary.posts_count ||
    stored.likeCount !== summary.like_count ||
    stored.title !== summary.title ||
    stored.categoryId !== (summary.category_id ?? null)
  );
}
