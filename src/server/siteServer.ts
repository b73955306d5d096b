/**
 * `cred serve`'s server: serves the built explorer (output/site/) read-only, and nothing else.
 * Every request path is decoded segment by segment and refused when a segment is empty, `.`,
 * `..`, hidden (`.env`), holds a separator or a NUL, or names payees.json; the file must have
 * a static-site extension, be a regular file, and resolve (symlinks followed) inside the site
 * folder. Bound to 127.0.0.1 unless the caller says otherwise. Responses carry a strict
 * Content-Security-Policy: the explorer loads only its own scripts, styles and data. Text is
 * sent compressed when the request accepts it (siteEncoding.ts): the .br or .gz file `cred site`
 * wrote beside it, or gzip on the fly.
 */
import { realpathSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import { acceptedEncodings, isCompressible, precompressed, sendGzipped } from './siteEncoding.js';

export interface SiteServerOptions {
  /** The folder to serve (an instance's output/site). */
  readonly root: string;
  readonly host?: string;
  readonly port?: number;
}

export interface RunningSiteServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 6006;

const STATIC_EXTENSIONS = new Set([
  '.html',
  '.js',
  '.css',
  '.json',
  '.svg',
  '.png',
  '.ico',
  '.txt',
  '.woff2',
  // The ledger copied for funders to verify, and the payout reports in Markdown.
  '.jsonl',
  '.md',
]);
/** Served as plain text, so a reader who follows the link sees them rather than a download. */
const TEXT_EXTENSIONS = new Set(['.jsonl', '.md']);
/** Never served, wherever they are: private contact details of payees. */
const PRIVATE_NAMES = new Set(['payees.json']);

const HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
    "form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/**
 * The file a URL path names inside `root` (a real path), or undefined when the path is refused
 * or names nothing servable. `rawPath` is the path as sent, still percent-encoded.
 */
export function resolveSitePath(root: string, rawPath: string): string | undefined {
  const parts = rawPath.split('/').slice(1);
  if (parts.length === 1 && parts[0] === '') parts[0] = 'index.html';
  const segments: string[] = [];
  for (const part of parts) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (!safeSegment(segment)) return undefined;
    segments.push(segment);
  }
  const last = segments.at(-1) as string;
  if (!STATIC_EXTENSIONS.has(path.extname(last).toLowerCase())) return undefined;
  let real: string;
  try {
    real = realpathSync(path.join(root, ...segments));
    if (!statSync(real).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return real.startsWith(root + path.sep) ? real : undefined;
}

function safeSegment(segment: string): boolean {
  return (
    segment !== '' &&
    !segment.startsWith('.') &&
    !/[/\\\0:]/.test(segment) &&
    !PRIVATE_NAMES.has(segment.toLowerCase())
  );
}

export function siteApp(root: string): express.Express {
  const realRoot = realpathSync(root);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.use((request: Request, response: Response) => {
    response.set(HEADERS);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.set('Allow', 'GET, HEAD').status(405).type('text/plain').send('Read-only\n');
      return;
    }
    const rawPath = request.originalUrl.split('?', 1)[0] as string;
    const file = resolveSitePath(realRoot, rawPath);
    if (file === undefined) {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    const extension = path.extname(file).toLowerCase();
    response.type(TEXT_EXTENSIONS.has(extension) ? 'text/plain; charset=utf-8' : extension);
    let sent = file;
    if (isCompressible(file)) {
      response.vary('Accept-Encoding');
      const accepted = acceptedEncodings(request.get('Accept-Encoding'));
      const encoding = accepted.find((e) => precompressed(realRoot, file, e) !== undefined);
      if (encoding !== undefined) {
        sent = precompressed(realRoot, file, encoding) as string;
        response.set('Content-Encoding', encoding);
      } else if (sendGzipped(response, file, accepted)) {
        return;
      }
    }
    // Relative to the root, so that a dot folder above the instance does not matter.
    const options = { root: realRoot, dotfiles: 'deny' as const, lastModified: false };
    response.sendFile(path.relative(realRoot, sent), options, (error) => {
      if (error !== undefined && !response.headersSent) {
        response.removeHeader('Content-Encoding');
        response.status(404).type('text/plain').send('Not found\n');
      }
    });
  });
  return app;
}

/** Starts serving `root`; resolves once listening. */
export function startSiteServer(options: SiteServerOptions): Promise<RunningSiteServer> {
  const host = options.host ?? DEFAULT_HOST;
  const app = siteApp(options.root);
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port ?? DEFAULT_PORT, host);
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}/`,
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM), after closing `server`. */
export function serveUntilStopped(server: RunningSiteServer): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
