/**
 * Loopback stand-ins for the platforms cred talks to (GitHub, Discourse, Feishu, Open
 * Collective). Tests and the demo point the real client libraries at one of these instead of
 * the internet. A stand-in serves a platform's answers from recorded or generated data, logs
 * every request for assertions, and injects faults on demand (a 429 with its headers, a 500, a
 * timeout, a malformed body), so rate limits and crashes are tested against real HTTP.
 *
 * It binds 127.0.0.1 only, on a free port, and `close()` ends it; tests close in `afterEach`.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

export interface LoggedRequest {
  readonly method: string;
  /** Path without the query string, including any mount prefix. */
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or the raw text, or undefined. */
  readonly body: unknown;
}

export interface Fault {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value, or a string sent as is (for malformed answers). */
  readonly body?: unknown;
  /** Wait this long before answering (a slow or timed-out request). */
  readonly delayMs?: number;
  /** Close the connection without answering. */
  readonly hangUp?: boolean;
}

type Matcher = (request: LoggedRequest) => boolean;

interface PendingFault {
  readonly match: Matcher;
  readonly fault: Fault;
  remaining: number;
}

export interface StandIn {
  readonly url: string;
  readonly app: Express;
  readonly requests: LoggedRequest[];
  /** Answer the next `times` requests matching `match` with `fault` instead of the handler. */
  inject(match: Matcher, fault: Fault, times?: number): void;
  /** Faults injected but not yet triggered. */
  pendingFaults(): number;
  close(): Promise<void>;
}

/** Starts a stand-in; `mount` adds the platform's routes to the express app. */
export async function startStandIn(mount: (app: Express) => void): Promise<StandIn> {
  const app = express();
  const requests: LoggedRequest[] = [];
  const faults: PendingFault[] = [];
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(express.json({ limit: '10mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit: '10mb', type: () => true }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const logged: LoggedRequest = {
      method: request.method,
      path: request.path,
      query: request.query as Record<string, unknown>,
      headers: request.headers,
      body:
        request.body === undefined ||
        (typeof request.body === 'object' &&
          Object.keys(request.body).length === 0 &&
          request.method === 'GET')
          ? undefined
          : request.body,
    };
    requests.push(logged);
    const pending = faults.find((candidate) => candidate.remaining > 0 && candidate.match(logged));
    if (pending === undefined) return next();
    pending.remaining--;
    void answerWithFault(response, pending.fault);
  });
  mount(app);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    requests,
    inject: (match, fault, times = 1) => faults.push({ match, fault, remaining: times }),
    pendingFaults: () => faults.reduce((sum, fault) => sum + fault.remaining, 0),
    close: () => closeServer(server),
  };
}

/** Answers `response` with `fault` (also used by stand-ins that fail after doing the work). */
export async function answerWithFault(response: Response, fault: Fault): Promise<void> {
  if (fault.delayMs !== undefined)
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.hangUp === true) {
    response.socket?.destroy();
    return;
  }
  if (response.writableEnded || response.destroyed) return;
  response.status(fault.status ?? 500);
  for (const [name, value] of Object.entries(fault.headers ?? {})) response.setHeader(name, value);
  if (typeof fault.body === 'string')
    response.type(fault.headers?.['content-type'] ?? 'application/json').send(fault.body);
  else response.json(fault.body ?? { error: 'injected fault' });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
