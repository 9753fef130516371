import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../../spec/index.ts';
import type { RunStore } from '../../spec/index.ts';
import type { ModelCatalog } from '../../cost/catalog-types.ts';
import { hostHeaderName, isLoopbackHost } from './loopback-host.ts';
import { handleRunDetailApi } from './run-detail-api.ts';
import { handleViewApi } from './view-api.ts';
import { createViewData } from './view-data.ts';
import type { WebBundle } from './web-bundle.ts';

/** The app's Content-Security-Policy: its own script and style only, API calls to itself, nothing else. */
export const viewContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const indexHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>parity view</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div id="app"></div>
<script src="/app.js"></script>
</body>
</html>
`;

export interface ViewServerOptions {
  readonly store: RunStore;
  readonly bundle: WebBundle;
  /** List prices for run costs; without it costs are left out. */
  readonly catalog?: ModelCatalog;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Must be true to bind an address other than loopback (the user gave --host explicitly). */
  readonly allowNonLoopback?: boolean;
}

export interface ViewServer {
  /** e.g. http://127.0.0.1:4173 */
  readonly url: string;
  close(): Promise<void>;
}

const securityHeaders = {
  'content-security-policy': viewContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    ...securityHeaders,
    'content-type': contentType,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/**
 * Starts the `parity view` HTTP server: the single-page app (/, /app.js, /app.css) and its JSON API over the
 * run store (view-api.ts). GET and HEAD only. On loopback, requests whose Host header is not a loopback name
 * are refused (a guard against DNS rebinding). A non-loopback `host` throws InputError unless
 * `allowNonLoopback` is set.
 */
export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new InputError(
      `refusing to serve on ${host}, which is not a loopback address; pass --host ${host} explicitly to allow it`,
      { location: '--host' },
    );
  }
  const data = createViewData({
    store: options.store,
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
  const allowedHostNames = new Set(['localhost', '127.0.0.1', '[::1]', host.toLowerCase()]);
  // On loopback, a page from another site reached through DNS rebinding carries its own Host name: refuse it.
  // A server exposed on purpose (--host) is reached under names we cannot know.
  const checkHostHeader = isLoopbackHost(host);

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const hostName = hostHeaderName(request.headers.host ?? '').toLowerCase();
    if (checkHostHeader && !allowedHostNames.has(hostName) && !isLoopbackHost(hostName)) {
      send(response, 421, 'text/plain; charset=utf-8', 'unexpected Host header\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      send(response, 200, 'text/html; charset=utf-8', indexHtml);
    } else if (url.pathname === '/app.js') {
      send(response, 200, 'text/javascript; charset=utf-8', options.bundle.script);
    } else if (url.pathname === '/app.css') {
      send(response, 200, 'text/css; charset=utf-8', options.bundle.style);
    } else if (url.pathname.startsWith('/api/')) {
      try {
        const answer = handleRunDetailApi(options, url) ?? handleViewApi(data, url);
        send(response, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send(response, 500, 'application/json; charset=utf-8', JSON.stringify({ error: message }));
      }
    } else {
      send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  }

  const server = createServer(handle);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
