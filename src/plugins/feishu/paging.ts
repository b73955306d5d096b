/** Paging through Feishu listings by `page_token`, guarded against a token that repeats. */
import { PluginFetchError } from '../../core/errors.js';
import type { Page } from './schemas.js';

/** Every item of a paged listing; a page token seen twice is an error, not an endless loop. */
export async function* pagesOf<Item>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page<Item>>,
): AsyncGenerator<Page<Item>> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    if (!page.hasMore || page.pageToken === undefined) return;
    if (seen.has(page.pageToken)) {
      throw new PluginFetchError(
        'FEISHU_MALFORMED',
        `feishu: ${what}: page token "${page.pageToken}" came back twice`,
        {
          suggestions: ['Run "cred load" again later; report it if it persists.'],
        },
      );
    }
    seen.add(page.pageToken);
    token = page.pageToken;
  }
}

export async function allItems<Item>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pagesOf(what, fetchPage)) items.push(...page.items);
  return items;
}
