import { describe, expect, it } from 'vitest';
import { fetchCategories, fetchLikers, fetchLikesGiven, fetchTopic, fetchUser } from './fetch.js';
import { scripted } from './testing/scriptedClient.js';

const category = (id: number, slug: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: slug.toUpperCase(),
  slug,
  ...extra,
});
const json = (value: unknown) => ({ body: JSON.stringify(value) });

describe('plugins/discourse/fetch', () => {
  it('fetchCategories(client) asks for the children itself when the forum does not nest them', async () => {
    const { client, calls } = scripted([
      json({
        category_list: {
          categories: [
            category(3, 'dev', { subcategory_ids: [4], read_restricted: false }),
            category(5, 'memes', { read_restricted: true }),
          ],
        },
      }),
      // As real forums answer for a leaf under parent_category_id (SourceCred's recordings).
      json({ category_list: { categories: [category(4, 'infra', { subcategory_ids: null })] } }),
    ]);
    expect(await fetchCategories(client)).toEqual([
      { id: 3, name: 'DEV', slug: 'dev', parentId: null, restricted: false },
      { id: 4, name: 'INFRA', slug: 'infra', parentId: 3, restricted: false },
      { id: 5, name: 'MEMES', slug: 'memes', parentId: null, restricted: true },
    ]);
    expect(calls.map((call) => new URL(call.url).search)).toEqual([
      '?include_subcategories=true',
      '?parent_category_id=3',
    ]);
  });

  it('fetchLikers(client, postId) follows total_rows_post_action_users over pages of 200', async () => {
    const users = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: from + i, username: `u${from + i}` }));
    const { client, calls } = scripted([
      json({ post_action_users: users(1, 200), total_rows_post_action_users: 230 }),
      json({ post_action_users: users(201, 30), total_rows_post_action_users: 230 }),
    ]);
    const likers = await fetchLikers(client, 77);
    expect(likers).toHaveLength(230);
    expect(calls.map((call) => new URL(call.url).searchParams.get('page'))).toEqual(['0', '1']);
    const gone = scripted([{ status: 404, body: '{}' }]);
    expect(await fetchLikers(gone.client, 78)).toEqual({ skipped: 404 });
  });

  it('fetchLikesGiven keeps likes only and accepts ids sent as strings; private streams are undefined', async () => {
    const action = (type: number, postId: unknown) => ({
      action_type: type,
      post_id: postId,
      created_at: '2026-09-01T10:00:00.000Z',
    });
    const { client } = scripted([
      json({ user_actions: [action(1, 5), action(1, '6'), action(5, 7), action(1, null)] }),
    ]);
    expect(await fetchLikesGiven(client, 'ana', 0)).toEqual({
      likes: [
        { postId: 5, createdMs: Date.UTC(2026, 8, 1, 10) },
        { postId: 6, createdMs: Date.UTC(2026, 8, 1, 10) },
      ],
      size: 4,
    });
    const hidden = scripted([{ status: 404, body: '{}' }]);
    expect(await fetchLikesGiven(hidden.client, 'fox', 0)).toBeUndefined();
  });

  it('fetchTopic and fetchUser report hidden topics and missing users instead of failing', async () => {
    const { client, calls } = scripted([
      { status: 410, body: '{}' },
      { status: 404, body: '{}' },
    ]);
    expect(await fetchTopic(client, 9)).toEqual({ skipped: 410 });
    expect(await fetchUser(client, 'gone user')).toBeUndefined();
    expect(calls[1]?.url).toMatch(/\/u\/gone%20user\.json$/);
  });
});
