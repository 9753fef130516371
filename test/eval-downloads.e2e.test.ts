import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetManifests } from '../src/benchmarks/dataset-manifests.ts';
import { main } from '../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

const shared = resolve(import.meta.dirname, '../../shared/datasets');

/**
 * `parity eval` with no --data-dir fetches each benchmark's pinned files itself. No network: the injected
 * fetch answers every pinned URL with the byte-identical copy in ../shared/datasets (404 for any other
 * address but the loopback model server), so
 * the checksums the product pins are the ones checked.
 */
describe.skipIf(!existsSync(shared))(
  'eval downloads every benchmark it runs (skipped: ../shared/datasets not present)',
  () => {
    let directory: string;
    let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
    const fetched: string[] = [];
    const fetchShared: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      for (const [benchmark, manifest] of Object.entries(datasetManifests)) {
        for (const artifact of manifest.artifacts) {
          if (artifact.type === 'file' && artifact.url === url) {
            fetched.push(url);
            return new Response(new Uint8Array(readFileSync(join(shared, benchmark, artifact.target))));
          }
        }
      }
      // Everything else (the model's endpoint) must be on loopback.
      if (!url.startsWith('http://127.0.0.1:')) return new Response(null, { status: 404 });
      return fetch(input, init);
    };

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'parity-downloads-'));
      server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The answer is 3.' }) });
    });
    afterAll(async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    });

    // MBPP runs its programs without the sandbox here (what runs is the server's fixed text, not code);
    // MT-Bench needs a judge, the same loopback server (its replies carry no rating, which is allowed).
    const extraFlags = (bench: string): string[] =>
      bench === 'mbpp'
        ? ['--unsafe-no-sandbox']
        : bench === 'mtbench'
          ? ['--judge', 'openai:judge-model', '--judge-base-url', server.url]
          : [];

    for (const bench of ['mgsm', 'bbh', 'arc', 'ifeval', 'mbpp', 'mtbench'] as const) {
      it(`${bench}: fetched, verified and evaluated; its licence shown once`, async () => {
        const io = Object.assign(
          captureIo({ cwd: directory, env: { PARITY_CACHE_DIR: join(directory, 'cache') } }),
          {
            fetch: fetchShared,
          },
        );
        const before = fetched.length;
        const code = await main(
          [
            'eval',
            ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', bench, '--limit', '2'],
            ...['--store', join(directory, 'runs.db'), '--json', join(directory, `${bench}.json`)],
            ...extraFlags(bench),
          ],
          io,
        );
        expect({ code, stderr: code === 0 ? '' : io.output.stderr }).toEqual({ code: 0, stderr: '' });
        expect(fetched.length).toBeGreaterThan(before);
        const licenceLines = io.output.stderr.split('\n').filter((line) => line.startsWith('Downloading '));
        expect(licenceLines).toHaveLength(1);
        expect(licenceLines[0]).toMatch(/\(licence: [^)]+\)$/);
        const run = (
          JSON.parse(readFileSync(join(directory, `${bench}.json`), 'utf8')) as { runs: { n: number }[] }
        ).runs[0];
        expect(run?.n).toBeGreaterThan(0);

        // A second run finds everything in the cache: nothing fetched, nothing announced.
        const again = Object.assign(
          captureIo({ cwd: directory, env: { PARITY_CACHE_DIR: join(directory, 'cache') } }),
          {
            fetch: fetchShared,
          },
        );
        const fetchedBefore = fetched.length;
        const secondCode = await main(
          [
            'eval',
            ...['--model', 'openai:test-model', '--base-url', server.url, '--bench', bench, '--limit', '2'],
            ...['--store', join(directory, 'runs.db'), '--no-cache'],
            ...extraFlags(bench),
          ],
          again,
        );
        expect(secondCode).toBe(0);
        expect(fetched.length).toBe(fetchedBefore);
        expect(again.output.stderr).not.toMatch(/^Downloading /m);
      });
    }
  },
);
