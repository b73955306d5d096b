/**
 * Finding references in text (issue and pull request bodies, comments, reviews, commit
 * messages), as SourceCred's GitHub plugin did: `#12`, `owner/repo#12`, issue and pull request
 * URLs (with `#issuecomment-…`, `#pullrequestreview-…` or `#discussion_r…` fragments), commit
 * URLs and hashes (7 to 40 hex digits, as GitHub links them; a short one counts only when it is
 * the prefix of exactly one known commit), `@login` mentions and links to a profile
 * (`https://github.com/login`), and any other http(s) link (which may be another
 * platform's contribution). Code (fenced blocks and inline spans) is skipped: `#2` in a stack
 * trace is not a reference. Pure: resolving what a reference points at is the graph's job.
 */

export type Reference =
  | { readonly kind: 'number'; readonly repo?: string; readonly number: number }
  | {
      readonly kind: 'thread-url';
      readonly url: string;
      readonly repo: string;
      readonly number: number;
      readonly fragment?: { readonly kind: FragmentKind; readonly id: number };
    }
  | {
      readonly kind: 'commit-url';
      readonly url: string;
      readonly repo: string;
      readonly sha: string;
    }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'profile-url'; readonly url: string; readonly login: string }
  | { readonly kind: 'mention'; readonly login: string }
  | { readonly kind: 'sha'; readonly sha: string };

export type FragmentKind = 'comment' | 'review' | 'reviewComment';

const FENCED = /(^|\n)[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(\n[ \t]*\2[^\n]*(?=\n|$)|$)/g;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`\][]+/g;
const CROSS_REPO =
  /(^|[^\w/.@-])([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)#(\d+)\b/g;
const SAME_REPO = /(^|[^\w&/#-])#(\d+)\b/g;
const MENTION = /(^|[^\w`/@.-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\w/-])/g;
const SHA = /(^|[^\w/])([0-9a-f]{7,40})(?![\w])/g;
const LOGIN = /^\/([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/;

const FRAGMENTS: readonly [RegExp, FragmentKind][] = [
  [/^#issuecomment-(\d+)$/, 'comment'],
  [/^#pullrequestreview-(\d+)$/, 'review'],
  [/^#discussion_r(\d+)$/, 'reviewComment'],
];

/** Text with code blocks and inline code blanked out (same length, so offsets still agree). */
export function withoutCode(text: string): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  return text.replace(FENCED, blank).replace(INLINE_CODE, blank);
}

/** A URL with trailing sentence punctuation and an unbalanced closing parenthesis removed. */
function trimUrl(raw: string): string {
  let url = raw.replace(/[.,;:!?]+$/, '');
  while (url.endsWith(')') && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length) {
    url = url.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return url;
}

/** What a URL on the GitHub web host names, or a plain URL reference. */
export function urlReference(url: string, webHosts: ReadonlySet<string>): Reference {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'url', url };
  }
  if (!webHosts.has(parsed.host.toLowerCase())) return { kind: 'url', url };
  const path = parsed.pathname.replace(/\/+$/, '');
  const commit = /^\/([^/]+)\/([^/]+)\/(?:commit|pull\/\d+\/commits)\/([0-9a-f]{7,40})$/.exec(path);
  if (commit) {
    return { kind: 'commit-url', url, repo: `${commit[1]}/${commit[2]}`, sha: commit[3] as string };
  }
  const profile = LOGIN.exec(path);
  if (profile) return { kind: 'profile-url', url, login: profile[1] as string };
  const thread = /^\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)(?:\/files)?$/.exec(path);
  if (!thread) return { kind: 'url', url };
  const reference = {
    kind: 'thread-url' as const,
    url,
    repo: `${thread[1]}/${thread[2]}`,
    number: Number(thread[3]),
  };
  for (const [pattern, kind] of FRAGMENTS) {
    const match = pattern.exec(parsed.hash);
    if (match) return { ...reference, fragment: { kind, id: Number(match[1]) } };
  }
  return reference;
}

/**
 * All references in `text`, each once, in order of appearance by kind. `webHosts` are the hosts
 * of the GitHub web UI (`github.com`, or an Enterprise host) whose URLs name GitHub objects.
 */
export function parseReferences(text: string, webHosts: ReadonlySet<string>): Reference[] {
  let rest = withoutCode(text);
  const found: Reference[] = [];
  const seen = new Set<string>();
  const add = (reference: Reference) => {
    const key = JSON.stringify(reference);
    if (!seen.has(key)) {
      seen.add(key);
      found.push(reference);
    }
  };
  const cut = (pattern: RegExp, each: (match: RegExpExecArray) => void) => {
    rest = rest.replace(pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      each(match);
      return ' '.repeat((args[0] as string).length);
    });
  };
  cut(URL_PATTERN, (match) => add(urlReference(trimUrl(match[0]), webHosts)));
  cut(CROSS_REPO, (match) =>
    add({ kind: 'number', repo: `${match[2]}/${match[3]}`, number: Number(match[4]) }),
  );
  cut(SAME_REPO, (match) => add({ kind: 'number', number: Number(match[2]) }));
  cut(MENTION, (match) => add({ kind: 'mention', login: match[2] as string }));
  cut(SHA, (match) => add({ kind: 'sha', sha: match[2] as string }));
  return found;
}
