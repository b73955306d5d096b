/**
 * Pacing requests to Open Collective's limits before they are hit: at most `requestsPerMinute`
 * requests in any window of a minute (plus a margin for clock skew; the API counts 100 a minute
 * per personal token) and at least `draftIntervalMs` between two draft invitations (the API
 * allows one `draftExpenseAndInviteUser` per 10 s per user). It waits through the injected
 * `sleep` and clock, so tests assert the waits it asked for instead of waiting.
 */

export interface PacerOptions {
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly requestsPerMinute: number;
  readonly draftIntervalMs: number;
  /** Length of the window the request count is kept under (default: a minute and a second). */
  readonly windowMs?: number;
}

export type RequestKind = 'query' | 'mutation' | 'draft';

export class Pacer {
  private readonly sent: number[] = [];
  private lastDraftMs: number | undefined;
  private admitted = 0;
  /** Every wait requested, in order (milliseconds). */
  readonly waits: number[] = [];

  constructor(private readonly options: PacerOptions) {}

  /** How many requests were let through. */
  get requestCount(): number {
    return this.admitted;
  }

  /** Waits until a request of `kind` may go out, then counts it as sent. */
  async admit(kind: RequestKind): Promise<void> {
    const windowMs = this.options.windowMs ?? 61_000;
    for (;;) {
      const now = this.options.nowMs();
      while (this.sent.length > 0 && (this.sent[0] as number) <= now - windowMs) this.sent.shift();
      let waitMs = 0;
      if (this.sent.length >= this.options.requestsPerMinute) {
        waitMs = (this.sent[0] as number) + windowMs - now;
      }
      if (kind === 'draft' && this.lastDraftMs !== undefined) {
        waitMs = Math.max(waitMs, this.lastDraftMs + this.options.draftIntervalMs - now);
      }
      if (waitMs <= 0) break;
      await this.wait(waitMs);
    }
    const now = this.options.nowMs();
    this.sent.push(now);
    this.admitted++;
    if (kind === 'draft') this.lastDraftMs = now;
  }

  /** Waits `ms` (for a rate limit the server reported, say), recording the wait. */
  async wait(ms: number): Promise<void> {
    const rounded = Math.ceil(ms);
    this.waits.push(rounded);
    await this.options.sleep(rounded);
  }
}
