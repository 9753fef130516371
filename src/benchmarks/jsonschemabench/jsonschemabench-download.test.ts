import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetSource } from '../../datasets/dataset-source.ts';
import type { DownloadEvent } from '../../datasets/download-event.ts';
import { createJsonSchemaBenchManifest } from './jsonschemabench-download-manifest.ts';
import { gitBlobId } from '../../datasets/git-blob-id.ts';
import { GitBlobMismatchError } from '../../datasets/git-blob-mismatch-error.ts';
import { loadJsonSchemaBenchItems } from './load-jsonschemabench-items.ts';

// Upstream-like MaskBench files: pretty-printed `{description, meta, schema, tests}`, one schema each.
const pretty = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 4)}\n`);
const fixtures: Record<string, Buffer> = {
  'Github_easy---o2.json': pretty({
    description: 'sample Github_easy/o2.json',
    meta: { full_size: 10, features: [] },
    schema: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
    tests: [
      { description: 'negative', valid: false, data: { a: 'x' } },
      { description: 'positive', valid: true, data: { a: 1 } },
    ],
  }),
  'Github_easy---o10.json': pretty({
    description: 'sample Github_easy/o10.json',
    meta: {},
    schema: { type: 'string', description: 'café ü' },
    tests: [],
  }),
  'JME_0.json': pretty({
    description: 'NousResearch/json-mode-eval 0',
    meta: {},
    schema: { type: 'array' },
    tests: [{ description: 'reference', valid: true, data: [1] }],
  }),
};
const commit = 'ba103c73756198dd9b149ddc7db7867da7a077f6';
const dataPrefix = `/guidance-ai/jsonschemabench/${commit}/maskbench/data/`;
const pinned = (names: string[]) => names.map((name) => [name, gitBlobId(fixtures[name] as Buffer)] as const);
/** Natural filename order: o2 before o10. */
const files = {
  Github_easy: pinned(['Github_easy---o2.json', 'Github_easy---o10.json']),
  JME: pinned(['JME_0.json']),
};

const requests: string[] = [];
let tamper = false;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push(url);
    const body = url.startsWith(dataPrefix) ? fixtures[url.slice(dataPrefix.length)] : undefined;
    if (!body) return void response.writeHead(404, 'Not Found').end();
    const served =
      tamper && url.endsWith('---o10.json') ? Buffer.from(body.toString().replace('ü', 'u')) : body;
    response.writeHead(200, { 'content-length': served.length }).end(served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'parity-jsonschemabench-'));
  requests.length = 0;
  tamper = false;
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const loopbackFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(base)) throw new Error(`test tried to reach ${url}`);
  return fetch(url, init);
};
const forbiddenFetch: typeof fetch = () => {
  throw new Error('fetch must not be called');
};

function source(options: { fetch?: typeof fetch; allowDownload?: boolean; events?: DownloadEvent[] } = {}) {
  const manifest = createJsonSchemaBenchManifest(`${base}/guidance-ai/jsonschemabench/${commit}`, files);
  return createDatasetSource({
    cacheDir,
    allowDownload: options.allowDownload ?? true,
    fetch: options.fetch ?? loopbackFetch,
    manifests: { jsonschemabench: manifest },
    onProgress: (event) => options.events?.push(event),
  });
}

describe('jsonschemabench download (loopback server)', () => {
  it('verifies each file by git blob id, converts it into <subset>.jsonl and loads it through the benchmark', async () => {
    const events: DownloadEvent[] = [];
    const items = await loadJsonSchemaBenchItems(source({ events }));
    expect(items.map((item) => item.id)).toEqual(['Github_easy/o2', 'JME/JME_0', 'Github_easy/o10']);
    expect(items[0]?.data).toEqual({
      subset: 'Github_easy',
      name: 'o2',
      schema: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
      validInstance: { a: 1 },
    });
    expect(items[2]?.data.schema).toEqual({ type: 'string', description: 'café ü' });

    // One compact record per upstream file, in manifest (natural filename) order, naming its origin.
    const lines = readFileSync(join(cacheDir, 'jsonschemabench', 'Github_easy.jsonl'), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'subset',
      'name',
      'upstream_path',
      'upstream_git_blob',
      'description',
      'meta',
      'schema',
      'tests',
    ]);
    expect(first.upstream_path).toBe('maskbench/data/Github_easy---o2.json');
    expect(first.upstream_git_blob).toBe(files.Github_easy[0]?.[1]);
    expect(lines[0]).toBe(JSON.stringify(first));

    expect(events.filter((event) => event.type === 'license')).toEqual([
      expect.objectContaining({ benchmark: 'jsonschemabench', license: { name: 'MIT' } }),
    ]);
    // The file sets download at the same time (dataset-source installs a manifest's artifacts together), so
    // they may finish in either order.
    const finished = events.filter((event) => event.type === 'file-set-finish');
    expect(finished).toHaveLength(2);
    expect(finished).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: 'Github_easy.jsonl', fileCount: 2 }),
        expect.objectContaining({ target: 'JME.jsonl', fileCount: 1 }),
      ]),
    );
    expect([...requests].sort()).toEqual(
      Object.keys(fixtures)
        .map((name) => `${dataPrefix}${name}`)
        .sort(),
    );

    // Completion markers: a later run uses the cache without fetching.
    const again = await loadJsonSchemaBenchItems(source({ fetch: forbiddenFetch }));
    expect(again.map((item) => item.id)).toEqual(items.map((item) => item.id));
  });

  it('refuses a tampered file with a checksum error naming it, and writes nothing for its subset', async () => {
    tamper = true;
    const error = await loadJsonSchemaBenchItems(source()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitBlobMismatchError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `checksum mismatch for Github_easy---o10\\.json: expected git blob ${files.Github_easy[1]?.[1]}`,
      ),
    );
    expect((error as Error).message).toContain(`${dataPrefix}Github_easy---o10.json`);
    expect(existsSync(join(cacheDir, 'jsonschemabench', 'Github_easy.jsonl'))).toBe(false);

    // The next call retries and succeeds once the server is right again.
    tamper = false;
    expect(await loadJsonSchemaBenchItems(source())).toHaveLength(3);
  });

  it('fetches nothing with downloads turned off', async () => {
    const error = await loadJsonSchemaBenchItems(
      source({ allowDownload: false, fetch: forbiddenFetch }),
    ).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('Downloading is turned off');
    expect(requests).toEqual([]);
  });
});
