/**
 * A Discourse client over a scripted fetch (answers in order, then `{"ok": true}`) and a fake
 * clock whose sleeps advance it: for unit tests of the client and the endpoint functions that
 * need exact answers a stand-in would not give (a server ignoring a parameter, 200+ likers).
 */
import { DiscourseClient, type DiscourseClientOptions } from '../client.js';

export const T0 = Date.UTC(2026, 9, 5, 12);
export interface Script {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly throws?: boolean;
}

/** A client over a scripted fetch and a fake clock whose sleeps advance it. */
export function scripted(answers: Script[], options: Partial<DiscourseClientOptions> = {}) {
  let now = T0;
  const sleeps: number[] = [];
  const progress: string[] = [];
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: init?.headers as Record<string, string> });
    const answer = answers.shift() ?? { body: '{"ok":true}' };
    if (answer.throws === true) throw new TypeError('fetch failed');
    return new Response(answer.body ?? '{"ok":true}', {
      status: answer.status ?? 200,
      headers: answer.headers ?? {},
    });
  };
  const client = new DiscourseClient({
    serverUrl: 'http://127.0.0.1:9/forum',
    credentials: {},
    requestsPerMinute: 60,
    nowMs: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    reporter: { progress: (message) => progress.push(message), warn() {} },
    fetch: fetch as typeof globalThis.fetch,
    ...options,
  });
  return { client, sleeps, progress, calls };
}
