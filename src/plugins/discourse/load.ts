/**
 * `cred load` for a forum: fetch what changed since the last load into the mirror, so that an
 * incremental load ends with the graph a fresh load gives.
 *
 * A load reads the category list and every page of `/latest.json`, then fetches only the topics
 * whose bump time, post count, like count, title or category changed: a like on an old post in
 * a quiet topic changes its topic's listed like count without a bump, an edit of its last post
 * bumps it, and a deleted topic leaves the listing. Topics are fetched oldest first and each is
 * written as soon as it is complete, so a stopped load resumes where it stopped. What no listing
 * shows (an edit of an earlier post, a changed trust level, a like swapped for another on one
 * post) is seen by a reread of every topic each `rereadDays`. Topics in restricted categories
 * the instance did not opt into are not read at all.
 */
import path from 'node:path';
import type { LoadReport, LoadSummary, PluginContext } from '../../core/plugin.js';
import { POST_TYPE, type TopicSummary } from './api.js';
import { DiscourseClient } from './client.js';
import {
  discourseCredentials,
  pageUrl,
  requestsPerMinute,
  type DiscourseConfig,
} from './config.js';
import { fetchCategories, fetchLatestPage, fetchTopic } from './fetch.js';
import { LikeTimes } from './likeTimes.js';
import { forumReports, LoadTally, leftOutNote, type DiscourseLoadReport } from './loadReport.js';
import { DiscourseMirror, META, type StoredTopic } from './mirror.js';
import { excludedCategoryIds, type LeftOut } from './privacy.js';
import { fetchTopicUnit, type UnitContext } from './topicUnit.js';

const DAY_MS = 86_400_000;
/** Pages of `/latest.json` read at most in one listing (30 topics each). */
const MAX_LATEST_PAGES = 10_000;

export const MIRROR_FILE = 'discourse.sqlite';

export interface LoadOptions {
  /** Replaces the global fetch (tests). */
  readonly fetch?: typeof globalThis.fetch;
}

/** The load summary with the structured report of what this run did. */
export interface DiscourseLoadSummary extends LoadSummary {
  /** The load in the shape every plugin reports (`cred load --json`, the summary's words). */
  readonly report: LoadReport;
  /** The same load in the forum's own terms: passes, endpoints, what was left out. */
  readonly forum: DiscourseLoadReport;
}

export async function loadDiscourse(
  context: PluginContext<DiscourseConfig>,
  options: LoadOptions = {},
): Promise<DiscourseLoadSummary> {
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
): Promise<DiscourseLoadSummary> {
  const { config } = context;
  const loadStartMs = context.nowMs();
  const lastFullPassMs = mirror.meta(META.lastFullPassMs);
  const fullPass =
    lastFullPassMs === undefined || loadStartMs - lastFullPassMs >= config.rereadDays * DAY_MS;
  const passStartedMs = fullPass ? mirror.beginFullPass(loadStartMs) : undefined;
  const resumedFromMs =
    passStartedMs !== undefined && passStartedMs !== loadStartMs ? passStartedMs : null;
  const notes = passNotes(mirror.reset, lastFullPassMs, fullPass, resumedFromMs);
  const categories = await fetchCategories(client);
  mirror.replaceCategories(categories);
  const excluded = excludedCategoryIds(categories, config);
  const isPrivate = (categoryId: number | null | undefined) =>
    categoryId !== null && categoryId !== undefined && excluded.has(categoryId);
  const listed = await listTopics(client);
  const visible = listed.filter((summary) => !isPrivate(summary.category_id));
  mirror.removeTopics(mirror.topicIds().filter((id) => isPrivate(mirror.topic(id)?.categoryId)));
  const toRead = visible
    .filter((summary) => needsRead(mirror, summary, passStartedMs))
    .sort((a, b) => a.bumped_at - b.bumped_at || a.id - b.id);
  if (resumedFromMs !== null) {
    notes.push(`${visible.length - toRead.length} topics read before the load stopped were kept`);
  }
  const tally = new LoadTally();
  const unitContext: UnitContext = {
    client,
    mirror,
    likeTimes: new LikeTimes(client),
    serverUrl: pageUrl(config),
    fullPass,
    loadStartMs,
    nowMs: context.nowMs,
  };
  for (const [index, summary] of toRead.entries()) {
    context.reporter.progress(`discourse: topic ${index + 1}/${toRead.length}: ${summary.title}`);
    await readTopic(unitContext, summary, tally, notes);
  }
  const listedIds = new Set(listed.map((summary) => summary.id));
  await removeGoneTopics(client, mirror, listedIds, tally, notes);
  if (passStartedMs !== undefined) mirror.finishFullPass(listedIds, passStartedMs);
  const leftOut: LeftOut = {
    categories: [...new Set(listed.flatMap((s) => excludedPath(excluded, s.category_id)))].sort(),
    topics: listed.length - visible.length,
    whispers: config.includeWhispers ? 0 : mirror.countPosts(POST_TYPE.whisper),
    notices:
      mirror.countPosts(POST_TYPE.smallAction) + mirror.countPosts(POST_TYPE.moderatorAction),
  };
  notes.push(...closingNotes(leftOut, tally, unitContext.likeTimes.estimated));
  const pass = lastFullPassMs === undefined ? 'first' : fullPass ? 'reread' : 'incremental';
  return {
    requests: client.requests,
    items: { topics: tally.topics.read, posts: tally.posts.read, likes: tally.likes.read },
    notes,
    ...forumReports(tally.report(client.stats, pass, resumedFromMs, leftOut), config.serverUrl),
  };
}

function closingNotes(leftOut: LeftOut, tally: LoadTally, estimatedLikeTimes: number): string[] {
  const notes: string[] = [];
  const privateNote = leftOutNote(leftOut);
  if (privateNote !== undefined) notes.push(privateNote);
  if (tally.likersUnread > 0) {
    notes.push(
      `likers of ${tally.likersUnread} posts could not be read: their likes stay as stored and are asked again next load`,
    );
  }
  if (estimatedLikeTimes > 0) {
    notes.push(`${estimatedLikeTimes} like times were private: dated at their post's time`);
  }
  return notes;
}

function passNotes(
  reset: boolean,
  lastFullPassMs: number | undefined,
  fullPass: boolean,
  resumedFromMs: number | null,
): string[] {
  const notes: string[] = [];
  if (reset) notes.push('the cache held another forum: it was started afresh');
  const resumed =
    resumedFromMs === null ? '' : ` (resumed: begun ${new Date(resumedFromMs).toISOString()})`;
  if (lastFullPassMs === undefined) notes.push(`first load: every topic read${resumed}`);
  else if (fullPass) {
    notes.push(`reread: every topic read again, to see edits in quiet topics${resumed}`);
  }
  return notes;
}

function excludedPath(excluded: ReadonlyMap<number, string>, id: number | null | undefined) {
  const path = id === null || id === undefined ? undefined : excluded.get(id);
  return path === undefined ? [] : [path];
}

/** Reads one topic and writes it whole (or records it as skipped). */
async function readTopic(
  context: UnitContext,
  summary: TopicSummary,
  tally: LoadTally,
  notes: string[],
): Promise<void> {
  const { mirror } = context;
  const unit = await fetchTopicUnit(context, summary);
  if ('skipped' in unit) {
    mirror.skipTopic(summary.id, summary.bumped_at, unit.skipped);
    tally.skippedTopics++;
    notes.push(`topic ${summary.id} skipped: the forum answered HTTP ${unit.skipped}`);
    return;
  }
  tally.addUnit(unit, mirror.topic(summary.id), mirror.posts(summary.id), (id) => mirror.likes(id));
  mirror.ingestTopic(unit);
}

/**
 * Drops stored topics the listing no longer shows, once the forum confirms they are gone
 * (403/404/410): a topic bumped while the listing was paged can slip between two pages.
 */
async function removeGoneTopics(
  client: DiscourseClient,
  mirror: DiscourseMirror,
  listedIds: ReadonlySet<number>,
  tally: LoadTally,
  notes: string[],
): Promise<void> {
  let removed = 0;
  for (const id of mirror.topicIds().filter((topicId) => !listedIds.has(topicId))) {
    const answer = await fetchTopic(client, id);
    if (!('skipped' in answer)) continue;
    tally.posts.removed += mirror.posts(id).size;
    mirror.removeTopics([id]);
    removed++;
  }
  tally.topics.removed += removed;
  if (removed > 0)
    notes.push(`${removed} topics no longer on the forum were removed from the cache`);
}

/**
 * Topics of `/latest.json`, newest activity first, every page: the listing is the only live
 * view of likes and edits in quiet topics (their `like_count`, `title`, `category_id` change
 * without a bump), and of topics that disappeared.
 */
async function listTopics(client: DiscourseClient): Promise<TopicSummary[]> {
  const byId = new Map<number, TopicSummary>();
  for (let page = 0; page < MAX_LATEST_PAGES; page++) {
    const { topics, more } = await fetchLatestPage(client, page);
    const before = byId.size;
    for (const topic of topics) if (!byId.has(topic.id)) byId.set(topic.id, topic);
    if (!more || byId.size === before) break;
  }
  return [...byId.values()];
}

/**
 * Whether a listed topic must be read: in a full pass, unless this pass already read it (a
 * resumed pass) and it did not change since; otherwise when it changed.
 */
function needsRead(
  mirror: DiscourseMirror,
  summary: TopicSummary,
  passStartedMs: number | undefined,
): boolean {
  const stored = mirror.topic(summary.id);
  const changed = hasChanged(stored, summary, mirror);
  if (passStartedMs === undefined) return changed;
  return changed || stored === undefined || stored.readMs < passStartedMs;
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
