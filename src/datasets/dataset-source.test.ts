import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { ChecksumMismatchError } from './checksum-mismatch-error.ts';
import { DatasetDownloadError } from './dataset-download-error.ts';
import type { DatasetManifest } from './dataset-manifest.ts';
import { createDatasetSource } from './dataset-source.ts';
import type { DatasetSourceOptions } from './dataset-source.ts';
import type { DownloadEvent } from './download-event.ts';
import { buildTar } from './tar-fixture.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const testJsonl = Buffer.from('{"question":"1+1?","answer":"#### 2"}\n'.repeat(3000));
const mmluTar = buildTar([
  { name: 'data/dev/b_dev.csv', content: 'q,1,2,3,4,B\n' },
  { name: 'data/test/b_test.csv', content: 'q,1,2,3,4,C\n' },
  { name: 'data/test/._b_test.csv', content: 'mac metadata' },
  { name: 'data/test/a_test.csv', content: 'q,1,2,3,4,A\n' },
  { name: 'data/auxiliary_train/huge.csv', content: 'not wanted' },
]);
const evilTar = buildTar([{ name: 'data/test/../../../evil.csv', content: 'owned' }]);

/** Loopback server: each path serves fixed bytes; anything else is a 404. Counts requests per path. */
const routes: Record<string, Buffer> = {
  '/gsm8k/test.jsonl': testJsonl,
  '/gsm8k/tampered.jsonl': Buffer.concat([testJsonl.subarray(0, -2), Buffer.from('9\n')]),
  '/gsm8k/longer.jsonl': Buffer.concat([testJsonl, Buffer.from('extra')]),
  '/mmlu/data.tar': mmluTar,
  '/mmlu/evil.tar': evilTar,
};
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/gsm8k/cut.jsonl') {
      // Promise the whole file, send half, then drop the connection.
      response.writeHead(200, { 'content-length': testJsonl.length });
      response.write(testJsonl.subarray(0, 1000), () => response.destroy());
      return;
    }
    const body = routes[request.url ?? ''];
    if (!body) return void response.writeHead(404, 'Not Found').end();
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** fetch that only ever talks to the loopback server. */
const loopbackFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(base)) throw new Error(`test tried to reach ${url}`);
  return fetch(url, init);
};
const forbiddenFetch: typeof fetch = () => {
  throw new Error('fetch must not be called');
};

function gsm8kManifest(path = '/gsm8k/test.jsonl', mirrors?: string[]): DatasetManifest {
  return {
    source: 'loopback fixture',
    license: { name: 'MIT' },
    artifacts: [
      {
        type: 'file',
        url: `${base}${path}`,
        ...(mirrors ? { mirrors: mirrors.map((mirror) => `${base}${mirror}`) } : {}),
        sha256: sha256(testJsonl),
        sizeBytes: testJsonl.length,
        target: 'test.jsonl',
      },
    ],
  };
}

function mmluManifest(path = '/mmlu/data.tar', tar = mmluTar): DatasetManifest {
  return {
    source: 'loopback fixture',
    license: { name: 'MIT' },
    artifacts: [
      {
        type: 'tar',
        url: `${base}${path}`,
        sha256: sha256(tar),
        sizeBytes: tar.length,
        members: [
          { from: 'data/dev/', to: 'data/dev/' },
          { from: 'data/test/', to: 'data/test/' },
        ],
      },
    ],
  };
}

describe('createDatasetSource', () => {
  let root: string;
  let dataDir: string;
  let cacheDir: string;
  let events: DownloadEvent[];
  const source = (options: Partial<DatasetSourceOptions> = {}) =>
    createDatasetSource({
      dataDir,
      cacheDir,
      allowDownload: true,
      fetch: loopbackFetch,
      manifests: { gsm8k: gsm8kManifest(), mmlu: mmluManifest() },
      onProgress: (event) => events.push(event),
      ...options,
    });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const leftovers = () =>
    existsSync(join(cacheDir, '.parity-downloads', 'tmp'))
      ? readdirSync(join(cacheDir, '.parity-downloads', 'tmp'))
      : [];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'parity-datasets-'));
    dataDir = join(root, 'data');
    cacheDir = join(root, 'cache');
    events = [];
    requests.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prefers the data dir, then the cache, without fetching', async () => {
    write(join(dataDir, 'gsm8k', 'test.jsonl'), 'from data dir');
    write(join(cacheDir, 'gsm8k', 'test.jsonl'), 'from cache');
    write(join(cacheDir, 'gsm8k', 'train.jsonl'), 'cached only');
    const datasets = source({ fetch: forbiddenFetch });
    expect(await datasets.resolveFile('gsm8k', 'test.jsonl')).toBe(join(dataDir, 'gsm8k', 'test.jsonl'));
    expect(await datasets.resolveFile('gsm8k', 'train.jsonl')).toBe(join(cacheDir, 'gsm8k', 'train.jsonl'));
    expect(await datasets.listFiles('gsm8k', '')).toEqual(['test.jsonl']);
    expect(requests).toEqual([]);
  });

  it('lists regular files and links to them, not folders, dot files or broken links', async () => {
    const folder = join(dataDir, 'mmlu', 'data', 'test');
    write(join(folder, 'b_test.csv'), 'b');
    write(join(folder, '.hidden_test.csv'), 'h');
    write(join(root, 'elsewhere', 'a.csv'), 'a');
    mkdirSync(join(folder, 'c_test.csv'));
    symlinkSync(join(root, 'elsewhere', 'a.csv'), join(folder, 'a_test.csv'));
    symlinkSync(join(root, 'elsewhere', 'gone.csv'), join(folder, 'd_test.csv'));
    symlinkSync(join(root, 'elsewhere'), join(folder, 'e_test.csv'));
    const datasets = source({ fetch: forbiddenFetch });
    expect(await datasets.listFiles('mmlu', 'data/test')).toEqual(['a_test.csv', 'b_test.csv']);
    expect(await datasets.resolveFile('mmlu', 'data/test/a_test.csv')).toBe(join(folder, 'a_test.csv'));
  });

  it('downloads a missing file once, verified, with progress events', async () => {
    const datasets = source({ dataDir: undefined });
    const paths = await Promise.all([1, 2, 3].map(() => datasets.resolveFile('gsm8k', 'test.jsonl')));
    const cached = join(cacheDir, 'gsm8k', 'test.jsonl');
    expect(paths).toEqual([cached, cached, cached]);
    expect(readFileSync(cached).equals(testJsonl)).toBe(true);
    expect(requests).toEqual(['/gsm8k/test.jsonl']);
    expect(leftovers()).toEqual([]);

    const url = `${base}/gsm8k/test.jsonl`;
    const bytesTotal = testJsonl.length;
    // The licence comes first, once for the benchmark, then the file's own progress.
    expect(events[0]).toEqual({
      type: 'license',
      benchmark: 'gsm8k',
      source: 'loopback fixture',
      license: { name: 'MIT' },
    });
    expect(events.filter((event) => event.type === 'license')).toHaveLength(1);
    expect(events[1]).toEqual({ type: 'download-start', benchmark: 'gsm8k', url, bytesTotal });
    expect(events.at(-2)).toEqual({
      type: 'download-progress',
      benchmark: 'gsm8k',
      url,
      bytesDone: bytesTotal,
      bytesTotal,
    });
    expect(events.at(-1)).toEqual({ type: 'download-finish', benchmark: 'gsm8k', url, bytesTotal });

    // A new source over the same cache finds the file there.
    expect(await source({ fetch: forbiddenFetch }).resolveFile('gsm8k', 'test.jsonl')).toBe(cached);
  });

  it('downloads a non-commercial data set only once its licence is accepted, and remembers that', async () => {
    const nonCommercial = { ...gsm8kManifest(), license: { name: 'CC BY-NC-SA 4.0', nonCommercial: true } };
    const refused = source({ dataDir: undefined, manifests: { gsm8k: nonCommercial } }).resolveFile(
      'gsm8k',
      'test.jsonl',
    );
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toThrow(
      'gsm8k: the gsm8k data set is licensed CC BY-NC-SA 4.0, for non-commercial use only; ' +
        'to download it, accept its licence once with --accept-license gsm8k',
    );
    expect(requests).toEqual([]);
    expect(existsSync(join(cacheDir, 'gsm8k', 'test.jsonl'))).toBe(false);

    // Accepting another benchmark's licence does not count.
    const otherAccepted = source({
      dataDir: undefined,
      manifests: { gsm8k: nonCommercial },
      acceptedLicenses: ['cmmlu'],
    });
    await expect(otherAccepted.resolveFile('gsm8k', 'test.jsonl')).rejects.toThrow(/--accept-license gsm8k/);

    const accepted = source({
      dataDir: undefined,
      manifests: { gsm8k: nonCommercial },
      acceptedLicenses: ['gsm8k'],
    });
    expect(await accepted.resolveFile('gsm8k', 'test.jsonl')).toBe(join(cacheDir, 'gsm8k', 'test.jsonl'));
    expect(events[0]).toMatchObject({
      type: 'license',
      license: { name: 'CC BY-NC-SA 4.0', nonCommercial: true },
    });

    // Once accepted, a later download from the same cache needs no flag.
    rmSync(join(cacheDir, 'gsm8k'), { recursive: true });
    rmSync(join(cacheDir, '.parity-downloads', 'complete'), { recursive: true });
    const later = source({ dataDir: undefined, manifests: { gsm8k: nonCommercial } });
    expect(await later.resolveFile('gsm8k', 'test.jsonl')).toBe(join(cacheDir, 'gsm8k', 'test.jsonl'));
    expect(requests).toEqual(['/gsm8k/test.jsonl', '/gsm8k/test.jsonl']);
  });

  it('downloads and unpacks a tar archive onto the upstream layout', async () => {
    const datasets = source();
    expect(await datasets.listFiles('mmlu', 'data/test')).toEqual(['a_test.csv', 'b_test.csv']);
    expect(readFileSync(await datasets.resolveFile('mmlu', 'data/dev/b_dev.csv'), 'utf8')).toBe(
      'q,1,2,3,4,B\n',
    );
    expect(requests).toEqual(['/mmlu/data.tar']);
    expect(existsSync(join(cacheDir, 'mmlu', 'data', 'auxiliary_train'))).toBe(false);
    expect(events.at(-1)).toEqual({
      type: 'extract-finish',
      benchmark: 'mmlu',
      url: `${base}/mmlu/data.tar`,
      fileCount: 3,
    });
    expect(leftovers()).toEqual([]);
    await expect(datasets.resolveFile('mmlu', 'data/test/zzz_test.csv')).rejects.toThrow(
      /does not provide it/,
    );
    expect(requests).toEqual(['/mmlu/data.tar']);
  });

  it('deletes a download whose checksum does not match and names URL and hashes', async () => {
    const tampered = routes['/gsm8k/tampered.jsonl'] as Buffer;
    const datasets = source({ manifests: { gsm8k: gsm8kManifest('/gsm8k/tampered.jsonl') } });
    const attempt = datasets.resolveFile('gsm8k', 'test.jsonl');
    await expect(attempt).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      `${base}/gsm8k/tampered.jsonl: checksum mismatch: expected sha256 ${sha256(testJsonl)}, got ${sha256(tampered)}.`,
    );
    expect(existsSync(join(cacheDir, 'gsm8k'))).toBe(false);
    expect(leftovers()).toEqual([]);
    // The failure is not memoized: the next call tries again.
    await expect(datasets.resolveFile('gsm8k', 'test.jsonl')).rejects.toBeInstanceOf(ChecksumMismatchError);
    expect(requests).toEqual(['/gsm8k/tampered.jsonl', '/gsm8k/tampered.jsonl']);
  });

  it('stops reading a body longer than the pinned size', async () => {
    const datasets = source({ manifests: { gsm8k: gsm8kManifest('/gsm8k/longer.jsonl') } });
    await expect(datasets.resolveFile('gsm8k', 'test.jsonl')).rejects.toThrow(/body is longer than expected/);
    expect(existsSync(join(cacheDir, 'gsm8k', 'test.jsonl'))).toBe(false);
  });

  it('reports HTTP and network failures in one message, and falls back to a mirror', async () => {
    const notFound = source({ manifests: { gsm8k: gsm8kManifest('/gone.jsonl') } }).resolveFile(
      'gsm8k',
      'test.jsonl',
    );
    await expect(notFound).rejects.toBeInstanceOf(DatasetDownloadError);
    await expect(notFound).rejects.toThrow(
      `could not download ${base}/gone.jsonl: HTTP 404 Not Found. To work offline`,
    );

    const refused: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }));
    await expect(source({ fetch: refused }).resolveFile('gsm8k', 'test.jsonl')).rejects.toThrow(
      /network error \(fetch failed: ECONNREFUSED\)\. To work offline, .* --data-dir <folder> or PARITY_DATA_DIR/,
    );

    const cut = source({ manifests: { gsm8k: gsm8kManifest('/gsm8k/cut.jsonl') } }).resolveFile(
      'gsm8k',
      'test.jsonl',
    );
    await expect(cut).rejects.toThrow(/could not download .*cut\.jsonl: connection failed after \d+ bytes/);
    expect(existsSync(join(cacheDir, 'gsm8k', 'test.jsonl'))).toBe(false);

    const mirrored = source({ manifests: { gsm8k: gsm8kManifest('/gone.jsonl', ['/gsm8k/test.jsonl']) } });
    expect(await mirrored.resolveFile('gsm8k', 'test.jsonl')).toBe(join(cacheDir, 'gsm8k', 'test.jsonl'));
  });

  it('refuses an archive member that climbs out of the cache', async () => {
    const datasets = source({ manifests: { mmlu: mmluManifest('/mmlu/evil.tar', evilTar) } });
    await expect(datasets.listFiles('mmlu', 'data/test')).rejects.toThrow(/refusing tar member .*'\.\.'/);
    expect(existsSync(join(root, 'evil.csv'))).toBe(false);
    expect(existsSync(join(cacheDir, 'evil.csv'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('without downloads, says what is missing, where it looked and how to supply it offline', async () => {
    const attempt = source({ allowDownload: false, fetch: forbiddenFetch }).resolveFile(
      'gsm8k',
      'test.jsonl',
    );
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      'gsm8k/test.jsonl: dataset file not found. Looked in:\n' +
        `  ${join(dataDir, 'gsm8k', 'test.jsonl')}\n` +
        `  ${join(cacheDir, 'gsm8k', 'test.jsonl')}\n` +
        'Downloading is turned off. To work offline, put the upstream files in a folder laid out as ' +
        '<folder>/gsm8k/test.jsonl (the layout in docs/datasets.md) and pass it with ' +
        '--data-dir <folder> or PARITY_DATA_DIR=<folder>.',
    );
    await expect(source({ fetch: forbiddenFetch }).listFiles('humaneval', '')).rejects.toThrow(
      /humaneval\/: dataset folder not found[^]*parity has no download for benchmark "humaneval"/,
    );
  });

  it('rejects paths that leave the benchmark folder', async () => {
    const datasets = source({ fetch: forbiddenFetch });
    await expect(datasets.resolveFile('gsm8k', '../secrets.txt')).rejects.toThrow(/must stay inside/);
    await expect(datasets.resolveFile('gsm8k', '/etc/passwd')).rejects.toThrow(/must stay inside/);
    await expect(datasets.resolveFile('../gsm8k', 'test.jsonl')).rejects.toThrow(/invalid benchmark id/);
  });
});
