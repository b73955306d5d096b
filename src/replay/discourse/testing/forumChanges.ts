/**
 * Activity on a stand-in forum between two loads, as plain change records applied in order:
 * what people do on a real forum (post, start topics, like and unlike old posts, edit a topic's
 * last post, retitle or move a topic, delete a post or a topic). Indexes pick among what exists
 * when the change applies (modulo its size), so any list of records is a valid history; a
 * change that cannot apply (nothing to unlike) does nothing. Changes whose only trace is one no
 * Discourse listing shows are not made: a like and an unlike in one topic (its like count would
 * not move), an edit of a post that is not its topic's last (no bump). docs/decisions/0620.
 */
import { timeMs, type Forum, type ForumPost, type ForumTopic } from '../forum.js';

export type ForumChange =
  | {
      readonly kind: 'post';
      readonly topic: number;
      readonly user: number;
      readonly replyTo: number;
      readonly mention: number;
      readonly quote: number;
    }
  | { readonly kind: 'topic'; readonly category: number; readonly user: number }
  | { readonly kind: 'like'; readonly post: number; readonly user: number }
  | { readonly kind: 'unlike'; readonly post: number }
  | { readonly kind: 'editLast'; readonly topic: number }
  | { readonly kind: 'retitle'; readonly topic: number }
  | { readonly kind: 'move'; readonly topic: number; readonly category: number }
  | { readonly kind: 'deletePost'; readonly post: number }
  | { readonly kind: 'deleteTopic'; readonly topic: number };

const pick = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[Math.abs(index) % items.length];

/** Applies `changes` in order, the i-th at `startMs + (i + 1) * stepMs`. */
export function applyForumChanges(
  forum: Forum,
  changes: readonly ForumChange[],
  startMs: number,
  stepMs: number,
): void {
  const likeDirection = new Map<number, 'like' | 'unlike'>();
  const state = { forum, likeDirection };
  changes.forEach((change, index) => {
    applyChange(state, change, new Date(startMs + (index + 1) * stepMs).toISOString());
  });
}

interface State {
  readonly forum: Forum;
  /** The way likes moved in each topic so far (one way only, so its like count shows it). */
  readonly likeDirection: Map<number, 'like' | 'unlike'>;
}

/** Topics people act in: readable ones (not those answering 403/404/410). */
const openTopics = (forum: Forum) => forum.topics.filter((topic) => topic.answer === undefined);
const actors = (forum: Forum) => forum.users.filter((user) => !user.deleted && user.id > 0);
const allPosts = (forum: Forum) =>
  openTopics(forum).flatMap((topic) => topic.posts.map((post) => ({ topic, post })));
const nextPostId = (forum: Forum) =>
  Math.max(...forum.topics.flatMap((topic) => topic.posts.map((post) => post.id))) + 1;

function applyChange(state: State, change: ForumChange, at: string): void {
  const { forum } = state;
  switch (change.kind) {
    case 'post':
      return addPost(forum, change, at);
    case 'topic': {
      const category = pick(forum.categories, change.category);
      const user = pick(actors(forum), change.user);
      if (category === undefined || user === undefined) return;
      const id = Math.max(...forum.topics.map((topic) => topic.id)) + 1;
      const post = newPost(nextPostId(forum), 1, user.id, at, `<p>Topic ${id} opens.</p>`);
      forum.topics.push({ id, categoryId: category.id, title: `Topic ${id}`, slug: `topic-${id}`,
        pinned: false, posts: [post] }); // prettier-ignore
      return;
    }
    case 'like':
    case 'unlike':
      return changeLike(state, change, at);
    case 'editLast': {
      const topic = pick(openTopics(forum), change.topic);
      const last = topic === undefined ? undefined : lastRegular(topic);
      if (last === undefined) return;
      // A mention, so the edit changes the graph and not only the text.
      last.cooked = `${last.cooked}<p>Edited at ${at}: <a class="mention" href="/u/river-kim">@river-kim</a></p>`;
      last.updatedAt = at;
      last.version += 1;
      return;
    }
    case 'retitle': {
      const topic = pick(openTopics(forum), change.topic);
      if (topic !== undefined) topic.title = `${topic.title} (updated)`;
      return;
    }
    case 'move': {
      const topic = pick(openTopics(forum), change.topic);
      const category = pick(forum.categories, change.category);
      if (topic !== undefined && category !== undefined) topic.categoryId = category.id;
      return;
    }
    case 'deletePost':
      return deletePost(state, change.post);
    case 'deleteTopic': {
      const topic = pick(openTopics(forum), change.topic);
      if (topic !== undefined) forum.topics.splice(forum.topics.indexOf(topic), 1);
      return;
    }
  }
}

function newPost(id: number, number: number, userId: number, at: string, cooked: string) {
  return { id, number, userId, createdAt: at, version: 1, cooked, likes: [] } as ForumPost;
}

function lastRegular(topic: ForumTopic): ForumPost | undefined {
  const regular = topic.posts.filter((post) => (post.postType ?? 1) === 1);
  return regular.reduce<ForumPost | undefined>(
    (a, b) => (a === undefined || timeMs(b.createdAt) > timeMs(a.createdAt) ? b : a),
    undefined,
  );
}

function addPost(forum: Forum, change: Extract<ForumChange, { kind: 'post' }>, at: string): void {
  const topic = pick(openTopics(forum), change.topic);
  const user = pick(actors(forum), change.user);
  if (topic === undefined || user === undefined) return;
  const parts = [`<p>A reply at ${at}.</p>`];
  const mentioned = pick(actors(forum), change.mention);
  if (mentioned !== undefined && change.mention % 2 === 0) {
    parts.push(
      `<p><a class="mention" href="/u/${mentioned.username}">@${mentioned.username}</a></p>`,
    );
  }
  const quoted = pick(openTopics(forum), change.quote);
  if (quoted !== undefined && change.quote % 3 === 0) {
    parts.push(
      `<aside class="quote quote-modified" data-post="1" data-topic="${quoted.id}">` +
        `<div class="title"><a href="https://forum.example.org/t/${quoted.slug}/${quoted.id}">` +
        `${quoted.title}</a></div><blockquote><p>quoted</p></blockquote></aside>`,
    );
  }
  const number = Math.max(...topic.posts.map((post) => post.number)) + 1;
  const post = newPost(nextPostId(forum), number, user.id, at, parts.join(''));
  const parent = pick(topic.posts, change.replyTo);
  if (parent !== undefined && change.replyTo % 2 === 1) post.replyTo = parent.number;
  topic.posts.push(post);
}

function changeLike(
  state: State,
  change: Extract<ForumChange, { kind: 'like' | 'unlike' }>,
  at: string,
): void {
  const { forum, likeDirection } = state;
  const candidates = allPosts(forum).filter(
    ({ topic, post }) =>
      (likeDirection.get(topic.id) ?? change.kind) === change.kind &&
      (change.kind === 'like' || post.likes.length > 0),
  );
  const found = pick(candidates, change.post);
  if (found === undefined) return;
  const { topic, post } = found;
  if (change.kind === 'unlike') {
    post.likes.pop();
  } else {
    const user = pick(actors(forum), change.user);
    if (user === undefined || user.id === post.userId) return;
    if (post.likes.some((like) => like.userId === user.id)) return;
    post.likes.push({ userId: user.id, createdAt: at });
  }
  likeDirection.set(topic.id, change.kind);
}

function deletePost(state: State, index: number): void {
  const candidates = allPosts(state.forum).filter(({ post }) => post.number > 1);
  const found = pick(candidates, index);
  if (found === undefined) return;
  const { topic, post } = found;
  // Its likes leave with it: count that as an unlike, so no like moves the other way.
  if (post.likes.length > 0) {
    if ((state.likeDirection.get(topic.id) ?? 'unlike') !== 'unlike') return;
    state.likeDirection.set(topic.id, 'unlike');
  }
  topic.posts.splice(topic.posts.indexOf(post), 1);
}
