import { z } from 'zod';
import { maxPageSize } from '../../report/item-view.ts';
import { compareAgainst } from '../../report/paired-comparison.ts';
import { buildLeaderboards } from '../../report/run-view.ts';
import { itemFilters } from '../../report/view-model.ts';
import type { ViewData } from './view-data.ts';

/** An API answer: HTTP status and a JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

const itemQuerySchema = z.object({
  filter: z.enum(itemFilters).default('all'),
  vs: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
  search: z.string().max(1000).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(50),
});

function notFound(what: string): ApiResponse {
  return { status: 404, body: { error: `${what} not found` } };
}

function runIdsParameter(parameters: URLSearchParams): string[] {
  return (parameters.get('runs') ?? '')
    .split(',')
    .map((runId) => runId.trim())
    .filter((runId) => runId !== '');
}

/**
 * The JSON API of `parity view` (GET only):
 * - /api/runs: every run's line (headline ± interval, tokens, latency, status), newest first
 * - /api/leaderboards: one per benchmark and protocol, best first
 * - /api/compare?runs=A,B[,C…]: A against each other run, paired by item
 * - /api/runs/<id>/items?filter=&vs=&group=&search=&offset=&limit=: one page of items (ItemPage)
 * - /api/runs/<id>/messages?key=<item#sample>: the full request messages of one item
 * - /api/latency?runs=…: latency distributions (default: every bench run)
 */
export function handleViewApi(data: ViewData, url: URL): ApiResponse {
  const path = url.pathname;
  const parameters = url.searchParams;
  if (path === '/api/runs') return { status: 200, body: { runs: data.listRuns().map((run) => run.view) } };
  if (path === '/api/leaderboards') {
    return { status: 200, body: { leaderboards: buildLeaderboards(data.listRuns().map((run) => run.view)) } };
  }
  if (path === '/api/compare') {
    const runIds = runIdsParameter(parameters);
    if (runIds.length < 2)
      return { status: 400, body: { error: 'runs: give two or more run ids, comma-separated' } };
    const runs = runIds.map((runId) => ({ runId, run: data.getRun(runId) }));
    const missing = runs.find((entry) => entry.run === undefined);
    if (missing) return notFound(`run ${missing.runId}`);
    const loaded = runs.map((entry) => entry.run).filter((run) => run !== undefined);
    const [first, ...others] = loaded;
    if (!first) return notFound('run');
    const marginText = parameters.get('margin');
    const margin = marginText === null || marginText === '' ? undefined : Number(marginText);
    if (margin !== undefined && !(Number.isFinite(margin) && margin > 0))
      return { status: 400, body: { error: 'margin: give a positive number of points' } };
    const nonInferiority = parameters.get('noninferiority') === '1';
    const comparisons = compareAgainst({
      a: first.view,
      aItems: first.items,
      others: others.map((other) => ({ run: other.view, items: other.items })),
      ...(margin === undefined ? {} : { margin: { points: margin, nonInferiority } }),
    });
    return { status: 200, body: { runs: loaded.map((run) => run.view), comparisons } };
  }
  if (path === '/api/latency') {
    const runIds = runIdsParameter(parameters);
    const runs =
      runIds.length === 0
        ? data.listRuns().filter((run) => run.view.kind === 'bench')
        : runIds.map((runId) => data.getRun(runId)).filter((run) => run !== undefined);
    return { status: 200, body: { latency: runs.map((run) => run.latency) } };
  }
  const itemsMatch = /^\/api\/runs\/([^/]+)\/(items|messages)$/.exec(path);
  if (itemsMatch) {
    let runId: string;
    try {
      runId = decodeURIComponent(itemsMatch[1] ?? '');
    } catch {
      // A malformed escape (`%E0%A4%A`, a lone `%`) is the client's mistake, not the server's.
      return { status: 400, body: { error: 'malformed percent-escape in the run id' } };
    }
    const run = data.getRun(runId);
    if (!run) return notFound(`run ${runId}`);
    if (itemsMatch[2] === 'messages') {
      const key = parameters.get('key') ?? '';
      const messages = data.getMessages(runId, key);
      return messages ? { status: 200, body: { key, messages } } : notFound(`item ${key}`);
    }
    const parsed = itemQuerySchema.safeParse(Object.fromEntries(parameters));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        status: 400,
        body: { error: `${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}` },
      };
    }
    const query = parsed.data;
    const vsRun = query.vs === undefined ? undefined : data.getRun(query.vs);
    if (query.vs !== undefined && !vsRun) return notFound(`run ${query.vs}`);
    return { status: 200, body: data.queryItems(run, query, vsRun) };
  }
  return notFound(path);
}
