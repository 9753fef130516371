import type {
  ComparisonView,
  ItemPage,
  LatencyView,
  LeaderboardView,
  RunDetailView,
  RunView,
} from '../src/report/view-model.ts';
import type { ChatMessageView, DataSource } from './data-source.ts';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body: unknown = await response.json();
  if (!response.ok) {
    const message = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : '';
    throw new Error(`${response.status} ${message}`);
  }
  return body as T;
}

function queryString(values: Record<string, string | number | undefined>): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') parameters.set(name, String(value));
  }
  return parameters.toString();
}

/** The `parity view` server's JSON API, on the same origin. */
export function createApiSource(): DataSource {
  return {
    mode: 'live',
    runs: async () => (await getJson<{ runs: RunView[] }>('/api/runs')).runs,
    runDetail: (runId) => getJson<RunDetailView>(`/api/runs/${encodeURIComponent(runId)}`),
    leaderboards: async () =>
      (await getJson<{ leaderboards: LeaderboardView[] }>('/api/leaderboards')).leaderboards,
    compare: (runIds, options) =>
      getJson<{ runs: RunView[]; comparisons: ComparisonView[] }>(
        `/api/compare?${queryString({
          runs: runIds.join(','),
          margin: options?.margin === undefined ? undefined : String(options.margin),
          noninferiority: options?.nonInferiority ? '1' : undefined,
        })}`,
      ),
    items: (runId, query) =>
      getJson<ItemPage>(
        `/api/runs/${encodeURIComponent(runId)}/items?${queryString({
          filter: query.filter,
          vs: query.vs,
          group: query.group,
          search: query.search,
          offset: query.offset,
          limit: query.limit,
        })}`,
      ),
    messages: async (runId, key) =>
      (
        await getJson<{ messages: ChatMessageView[] }>(
          `/api/runs/${encodeURIComponent(runId)}/messages?${queryString({ key })}`,
        )
      ).messages,
    latency: async (runIds) =>
      (await getJson<{ latency: LatencyView[] }>(`/api/latency?${queryString({ runs: runIds?.join(',') })}`))
        .latency,
  };
}
