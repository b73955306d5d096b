/**
 * Stable URLs: every view and its state lives in the hash (`#/contributor/<id>?week=2026-W12`),
 * so links work on any static host (no server rewrites) and a page reload shows the same view.
 */

export interface Route {
  readonly view: string;
  readonly arg: string | undefined;
  readonly params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = text.split('?', 2) as [string?, string?];
  const [view = '', ...rest] = path.split('/');
  return {
    view: view === '' ? 'leaderboard' : decodeURIComponent(view),
    arg: rest.length === 0 ? undefined : decodeURIComponent(rest.join('/')),
    params: new URLSearchParams(query),
  };
}

/** The hash of a view; empty parameters are left out. */
export function href(
  view: string,
  arg?: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return `#/${view}${arg === undefined ? '' : `/${encodeURIComponent(arg)}`}${text === '' ? '' : `?${text}`}`;
}

/** Records view state in the URL without a navigation (no hashchange, no history entry). */
export function replaceState(hash: string): void {
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
