import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteRunStore } from '../../store/sqlite-run-store.ts';
import type { RunStore } from '../../spec/index.ts';
import type { ItemPage, RunView } from '../../report/view-model.ts';
import { seedViewStore, type SeededRuns } from '../../../test/support/seed-view-store.ts';
import { startViewServer, viewContentSecurityPolicy, type ViewServer } from './view-server.ts';
import { isLoopbackHost } from './loopback-host.ts';

const bundle = { script: 'console.log("app")', style: 'body{}' };

describe('parity view server', () => {
  let directory: string;
  let store: RunStore;
  let server: ViewServer;
  let seeded: SeededRuns;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-view-'));
    store = openSqliteRunStore({ path: join(directory, 'parity.db') });
    seeded = seedViewStore(store);
    server = await startViewServer({ store, bundle });
  });
  afterAll(async () => {
    await server.close();
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const getJson = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };

  it('binds loopback and serves the app with a strict Content-Security-Policy', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toBe(viewContentSecurityPolicy);
    expect(viewContentSecurityPolicy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<script src="/app.js"></script>');
    expect(await (await fetch(`${server.url}/app.js`)).text()).toBe(bundle.script);
  });

  it('lists runs with headline intervals, errors and latency', async () => {
    const { body } = await getJson<{ runs: RunView[] }>('/api/runs');
    expect(body.runs.map((run) => run.runId)).toEqual([
      seeded.benchRunId,
      seeded.runningRunId,
      seeded.hostileRunId,
      seeded.weakRunId,
      seeded.strongRunId,
    ]);
    const weak = body.runs.find((run) => run.runId === seeded.weakRunId);
    expect(weak).toMatchObject({
      model: 'local:llama-3.1-8b-instruct-q4.gguf',
      errors: 1,
      unscored: 1,
      doneItems: 80,
      status: 'completed',
    });
    expect(weak?.headline?.name).toBe('accuracy');
    expect(weak?.headline?.n).toBe(78);
    expect(body.runs.find((run) => run.runId === seeded.runningRunId)?.status).toBe('running');
  });

  it('pages items server-side with filters, groups, search and a compared run', async () => {
    const base = `/api/runs/${seeded.strongRunId}/items`;
    const first = await getJson<ItemPage>(`${base}?limit=10`);
    expect(first.body).toMatchObject({ total: 80, runTotal: 80, offset: 0, limit: 10 });
    expect(first.body.rows).toHaveLength(10);
    expect(first.body.groups).toEqual(['astronomy', 'high_school_chemistry', 'virology', 'world_religions']);
    const worse = await getJson<ItemPage>(`${base}?vs=${seeded.weakRunId}&filter=worse-than-vs&limit=500`);
    expect(worse.body.total).toBeGreaterThan(0);
    for (const row of worse.body.rows) expect([row.item.score, row.vs?.score]).toEqual([0, 1]);
    const group = await getJson<ItemPage>(`${base}?group=virology&search=question%2019`);
    expect(group.body.rows.map((row) => row.item.itemId)).toEqual(['virology/19']);
    const errors = await getJson<ItemPage>(`/api/runs/${seeded.weakRunId}/items?filter=errors`);
    expect(errors.body.rows.map((row) => [row.item.itemId, row.item.error])).toEqual([
      ['astronomy/5', 'ProviderError: HTTP 500 from server <b>oops</b>'],
    ]);
    const unscored = await getJson<ItemPage>(`/api/runs/${seeded.weakRunId}/items?filter=unscored`);
    expect(unscored.body.rows.map((row) => row.item.itemId)).toEqual(['astronomy/6']);
    const messages = await getJson<{ messages: unknown[] }>(
      `/api/runs/${seeded.strongRunId}/messages?key=${encodeURIComponent('virology/3#0')}`,
    );
    expect(messages.body.messages).toHaveLength(3);
  });

  it('compares runs pairwise with an exact McNemar test and a verdict', async () => {
    const { body } = await getJson<{
      comparisons: { verdict: string; nPaired: number; test: { name: string } }[];
    }>(`/api/compare?runs=${seeded.strongRunId},${seeded.weakRunId}`);
    expect(body.comparisons).toHaveLength(1);
    expect(body.comparisons[0]).toMatchObject({
      nPaired: 78,
      verdict: 'a_better',
      test: { name: 'mcnemar_exact' },
    });
  });

  it('with margin=<points>, adds the equivalence verdict of parity compare --margin', async () => {
    const { body } = await getJson<{
      comparisons: { verdict: string; intervalLevel: number; margin: { verdict: string; margin: number } }[];
    }>(`/api/compare?runs=${seeded.strongRunId},${seeded.weakRunId}&margin=5`);
    expect(body.comparisons[0]).toMatchObject({
      verdict: 'a_better',
      intervalLevel: 0.95,
      margin: { verdict: 'different', margin: 0.05 },
    });
    expect(
      (await getJson(`/api/compare?runs=${seeded.strongRunId},${seeded.weakRunId}&margin=-1`)).status,
    ).toBe(400);
  });

  it('gives bench steps with measured throughput and CDF samples', async () => {
    const { body } = await getJson<{
      latency: { runId: string; steps: { step: string; e2eMs: number[]; requestsPerSecond: number }[] }[];
    }>('/api/latency');
    expect(body.latency.map((entry) => entry.runId)).toEqual([seeded.benchRunId]);
    expect(body.latency[0]?.steps.map((step) => step.step)).toEqual(['c=1', 'c=4', 'c=16']);
    expect(body.latency[0]?.steps[0]?.e2eMs).toHaveLength(60);
  });

  it('answers bad queries with 400 and unknown runs with 404', async () => {
    expect((await getJson(`/api/runs/${seeded.strongRunId}/items?filter=nonsense`)).status).toBe(400);
    expect((await getJson(`/api/runs/${seeded.strongRunId}/items?limit=100000`)).status).toBe(400);
    expect((await getJson('/api/runs/nope/items')).status).toBe(404);
    expect((await getJson('/api/compare?runs=only-one')).status).toBe(400);
    expect((await fetch(`${server.url}/api/runs`, { method: 'POST' })).status).toBe(405);
  });

  it('answers malformed percent-escapes with 400, not 500', async () => {
    for (const path of ['/api/runs/%E0%A4%A/items', '/api/runs/%/messages?key=x', '/api/runs/%zz/items']) {
      const { status, body } = await getJson(path);
      expect({ path, status, body }).toEqual({
        path,
        status: 400,
        body: { error: 'malformed percent-escape in the run id' },
      });
    }
  });

  it('refuses requests whose Host header is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolveStatus, reject) => {
      const url = new URL(server.url);
      const outgoing = request(
        { host: url.hostname, port: url.port, path: '/api/runs', headers: { host: 'attacker.example:80' } },
        (response) => {
          response.resume();
          resolveStatus(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(421);
  });

  it('refuses a non-loopback address unless allowed explicitly', async () => {
    await expect(startViewServer({ store, bundle, host: '0.0.0.0' })).rejects.toThrow(
      /not a loopback address/,
    );
    expect(['127.0.0.1', '::1', '[::1]', 'localhost', '127.1.2.3'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
