/**
 * References in a post's cooked HTML: links (`<a href>`), quotes (`<aside class="quote"
 * data-topic data-post>`) and @mentions (rendered as links to `/u/<name>`). Links into this forum
 * become topic, post or user references; links elsewhere (a GitHub pull request) become URL
 * references, which the instance joins to whichever plugin's node carries that url. Pure:
 * the same HTML always gives the same references, in order of first appearance, without
 * duplicates.
 *
 * A quote counts once, as a reference to the quoted post: the title link Discourse puts inside
 * a quote of another topic (`<a href="/t/slug/N">` in the `<aside data-topic="N"
 * data-post="1">`, also for a whole-topic quote, `quote-modified`) is part of the quote, not a
 * second reference to the topic. The post, not the topic, is chosen because quoted words are
 * its author's: a post reference credits them, a topic reference spreads over every post.
 */

export type Reference =
  | { readonly kind: 'topic'; readonly topicId: number; readonly postNumber?: number }
  | { readonly kind: 'post'; readonly postId: number }
  | { readonly kind: 'user'; readonly username: string }
  | { readonly kind: 'url'; readonly url: string };

const TAG = /<(\/?)(a|aside)\b([^>]*)>/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"/g;

export function parseReferences(cooked: string, serverUrl: string): Reference[] {
  const base = new URL(`${serverUrl.replace(/\/+$/, '')}/`);
  const found = new Map<string, Reference>();
  const add = (reference: Reference | undefined) => {
    if (reference !== undefined && !found.has(keyOf(reference))) {
      found.set(keyOf(reference), reference);
    }
  };
  // The quotes the scan is inside of (undefined for other asides, such as oneboxes).
  const asides: (Reference | undefined)[] = [];
  for (const [, closing, tag, attributeText] of cooked.matchAll(TAG)) {
    const isAside = (tag as string).toLowerCase() === 'aside';
    if (closing === '/') {
      if (isAside) asides.pop();
      continue;
    }
    const attributes = new Map<string, string>();
    for (const [, name, value] of (attributeText as string).matchAll(ATTRIBUTE)) {
      attributes.set((name as string).toLowerCase(), decodeEntities(value as string));
    }
    if (isAside) {
      const quote = quoteReference(attributes);
      asides.push(quote);
      add(quote);
      continue;
    }
    const link = linkReference(attributes.get('href'), base);
    if (!isQuoteTitle(link, asides.at(-1))) add(link);
  }
  return [...found.values()];
}

/** A link to the quoted topic (or post) inside its quote: the quote's own title. */
function isQuoteTitle(link: Reference | undefined, quote: Reference | undefined): boolean {
  if (link?.kind !== 'topic' || quote?.kind !== 'topic') return false;
  return (
    link.topicId === quote.topicId &&
    (link.postNumber === undefined || link.postNumber === quote.postNumber)
  );
}

function keyOf(reference: Reference): string {
  switch (reference.kind) {
    case 'topic':
      return `topic:${reference.topicId}:${reference.postNumber ?? ''}`;
    case 'post':
      return `post:${reference.postId}`;
    case 'user':
      return `user:${reference.username.toLowerCase()}`;
    case 'url':
      return `url:${reference.url}`;
  }
}

function quoteReference(attributes: ReadonlyMap<string, string>): Reference | undefined {
  if (!/\bquote\b/.test(attributes.get('class') ?? '')) return undefined;
  const topicId = positiveInteger(attributes.get('data-topic'));
  const postNumber = positiveInteger(attributes.get('data-post'));
  if (topicId === undefined) return undefined;
  return postNumber === undefined
    ? { kind: 'topic', topicId }
    : { kind: 'topic', topicId, postNumber };
}

function linkReference(href: string | undefined, base: URL): Reference | undefined {
  if (href === undefined || href === '' || href.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const basePath = base.pathname.replace(/\/$/, '');
  const inForum =
    url.host.toLowerCase() === base.host.toLowerCase() &&
    (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));
  if (!inForum) return { kind: 'url', url: url.href };
  return forumReference(url.pathname.slice(basePath.length).split('/').filter(Boolean));
}

/** `/t/<slug>/<id>[/<n>]`, `/t/<id>[/<n>]`, `/p/<id>`, `/u/<name>`; other forum pages: none. */
function forumReference(segments: readonly string[]): Reference | undefined {
  const [first, ...rest] = segments;
  if (first === 't') {
    const [a, b, c] = rest;
    const slugged = a !== undefined && positiveInteger(a) === undefined;
    const topicId = positiveInteger(slugged ? b : a);
    const postNumber = positiveInteger(slugged ? c : b);
    if (topicId === undefined) return undefined;
    return postNumber === undefined
      ? { kind: 'topic', topicId }
      : { kind: 'topic', topicId, postNumber };
  }
  if (first === 'p') {
    const postId = positiveInteger(rest[0]);
    return postId === undefined ? undefined : { kind: 'post', postId };
  }
  if ((first === 'u' || first === 'users') && rest[0] !== undefined) {
    return { kind: 'user', username: safeDecode(rest[0]) };
  }
  return undefined;
}

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
