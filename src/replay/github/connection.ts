/**
 * Relay connections as GitHub serves them: `first`/`last`/`after`/`before`, `totalCount`,
 * `pageInfo`, `nodes` and `edges`. Cursors are keyed on the sort order (the sort value and a
 * tie-breaking id), as GitHub's `cursor:v2` cursors are: a cursor stays meaningful when items
 * change, so `after` the last cursor of an `UPDATED_AT ASC` listing yields exactly the items
 * updated since. An unreadable cursor is an error, as on GitHub.
 */
import { GraphQLError } from 'graphql';

export type SortKey = readonly [string | number, number];

export interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

export interface Connection<T> {
  readonly totalCount: number;
  readonly pageInfo: {
    readonly startCursor: string | null;
    readonly endCursor: string | null;
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
  };
  readonly nodes: readonly T[];
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
}

export function encodeCursor(key: SortKey): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`).toString('base64');
}

function decodeCursor(cursor: string): SortKey {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (text.startsWith('cursor:v2:')) {
    try {
      const key = JSON.parse(text.slice('cursor:v2:'.length)) as unknown;
      if (Array.isArray(key) && key.length === 2 && typeof key[1] === 'number') {
        return key as unknown as SortKey;
      }
    } catch {
      // fall through to the error
    }
  }
  throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
    extensions: { type: 'INVALID_CURSOR_ARGUMENTS' },
  });
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

/** One page of `items` in the order of `key` (descending when asked), per the page arguments. */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  args: PageArgs,
  descending = false,
): Connection<T> {
  const sign = descending ? -1 : 1;
  const order = (a: SortKey, b: SortKey) => sign * compareKeys(a, b);
  let keyed = items.map((item) => ({ key: key(item), item })).sort((a, b) => order(a.key, b.key));
  const total = keyed.length;
  const all = keyed.length;
  if (args.after != null) {
    const after = decodeCursor(args.after);
    keyed = keyed.filter((entry) => order(entry.key, after) > 0);
  }
  if (args.before != null) {
    const before = decodeCursor(args.before);
    keyed = keyed.filter((entry) => order(entry.key, before) < 0);
  }
  const windowSize = keyed.length;
  let start = 0;
  let end = keyed.length;
  if (args.first != null) end = Math.min(end, args.first);
  if (args.last != null) start = Math.max(0, end - args.last);
  const page = keyed.slice(start, end);
  const edges = page.map((entry) => ({ cursor: encodeCursor(entry.key), node: entry.item }));
  return {
    totalCount: total,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: end < windowSize,
      hasPreviousPage: start > 0 || windowSize < all,
    },
    nodes: page.map((entry) => entry.item),
    edges,
  };
}
