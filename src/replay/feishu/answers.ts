/**
 * How the Feishu stand-in answers: the `{code, msg, data}` envelope, errors in Feishu's shape
 * (an HTTP status plus a numeric code), and paging with `page_size`, `page_token` and
 * `has_more`. Page tokens are opaque to clients; `maxPageItems` lets a test force many small
 * pages out of a small dataset, as real servers may also return fewer items than asked.
 */
import type { Request, Response } from 'express';

/** Feishu's code for "field validation failed" (a bad parameter). */
export const INVALID_PARAMETER = 99992402;

export function ok(response: Response, data: unknown): void {
  response.json({ code: 0, msg: 'success', data });
}

export function fail(response: Response, status: number, code: number, msg: string): void {
  response.status(status).json({ code, msg, error: { log_id: 'stand-in' } });
}

export interface PageOptions {
  readonly defaultSize: number;
  readonly maxSize: number;
  /** Serve at most this many items per page whatever the client asks. */
  readonly maxPageItems: number | undefined;
  /** Answer an empty page with `has_more: true` between the first and second page. */
  readonly emptyPageAfterFirst?: boolean;
}

export interface PageAnswer<T> {
  readonly items: T[];
  readonly has_more: boolean;
  readonly page_token?: string;
}

/** The requested page of `items`, or undefined after answering a bad request. */
export function pageOf<T>(
  request: Request,
  response: Response,
  items: readonly T[],
  options: PageOptions,
): PageAnswer<T> | undefined {
  const size = numberParam(request.query.page_size) ?? options.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > options.maxSize) {
    fail(
      response,
      400,
      INVALID_PARAMETER,
      `field validation failed: page_size must be 1..${options.maxSize}`,
    );
    return undefined;
  }
  const token = typeof request.query.page_token === 'string' ? request.query.page_token : '';
  const match = /^(pt|pe)-(\d+)$/.exec(token);
  if (token !== '' && match === null) {
    fail(
      response,
      400,
      INVALID_PARAMETER,
      `field validation failed: invalid page_token "${token}"`,
    );
    return undefined;
  }
  const offset = match === null ? 0 : Number(match[2]);
  if (match?.[1] === 'pe') return { items: [], has_more: true, page_token: `pt-${offset}` };
  const served = Math.min(size, options.maxPageItems ?? size);
  const end = offset + served;
  const page = items.slice(offset, end);
  if (end >= items.length) return { items: page, has_more: false, page_token: '' };
  const kind = offset === 0 && options.emptyPageAfterFirst === true ? 'pe' : 'pt';
  return { items: page, has_more: true, page_token: `${kind}-${end}` };
}

function numberParam(value: unknown): number | undefined {
  return typeof value === 'string' && value !== '' ? Number(value) : undefined;
}

export const secondsText = (timeMs: number): string => String(Math.floor(timeMs / 1000));

/**
 * Feishu's "Data not ready, please try again later" (code 1254607, HTTP 200), which bitable and
 * other APIs answer while the data is being prepared: a fault for `standIn.inject(...)`.
 */
export const DATA_NOT_READY: Readonly<{ status: number; body: unknown }> = Object.freeze({
  status: 200,
  body: { code: 1254607, msg: 'Data not ready, please try again later', data: {} },
});
