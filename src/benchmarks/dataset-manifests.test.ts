import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatasetSource } from '../datasets/dataset-source.ts';
import { artifactTargets } from '../datasets/dataset-manifest.ts';
import { datasetManifests } from './dataset-manifests.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('datasetManifests', () => {
  it('pins every artifact by https URL, sha256 and size', () => {
    for (const manifest of Object.values(datasetManifests)) {
      for (const artifact of manifest.artifacts) {
        if (artifact.type === 'file-set') {
          expect(artifact.url).toMatch(/^https:\/\/[^?#]*[^/]$/);
          expect(artifact.files.length).toBeGreaterThan(0);
          for (const file of artifact.files) expect(file.gitBlob).toMatch(/^[0-9a-f]{40}$/);
          continue;
        }
        for (const url of [artifact.url, ...(artifact.mirrors ?? [])]) expect(url).toMatch(/^https:\/\//);
        expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isSafeInteger(artifact.sizeBytes) && artifact.sizeBytes > 0).toBe(true);
      }
    }
    expect(datasetManifests.gsm8k?.artifacts.flatMap(artifactTargets)).toEqual(['test.jsonl', 'train.jsonl']);
    expect(datasetManifests.mmlu?.artifacts.flatMap(artifactTargets)).toEqual([
      'data/dev',
      'data/val',
      'data/test',
    ]);
  });
});

// The GSM8K pins were computed from these byte-identical copies; skipped when the shared data folder is absent.
const shared = resolve(import.meta.dirname, '../../../shared/datasets');
describe.skipIf(!existsSync(shared))('GSM8K pins against ../shared/datasets (skipped: folder absent)', () => {
  it('match the shared copies byte for byte through a full download', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'parity-manifests-'));
    try {
      const bodies = new Map<string, Buffer>();
      for (const artifact of datasetManifests.gsm8k?.artifacts ?? []) {
        if (artifact.type !== 'file') throw new Error('gsm8k artifacts are plain files');
        const bytes = readFileSync(join(shared, 'gsm8k', artifact.target));
        expect({ sha256: sha256(bytes), sizeBytes: bytes.length }).toEqual({
          sha256: artifact.sha256,
          sizeBytes: artifact.sizeBytes,
        });
        bodies.set(artifact.url, bytes);
      }
      // No network: the injected fetch answers with the shared copy of the requested URL.
      const fetchShared: typeof fetch = async (input) => {
        const body = bodies.get(String(input));
        return body ? new Response(new Uint8Array(body)) : new Response(null, { status: 404 });
      };
      const source = createDatasetSource({
        cacheDir,
        allowDownload: true,
        fetch: fetchShared,
        manifests: datasetManifests,
      });
      const path = await source.resolveFile('gsm8k', 'test.jsonl');
      expect(sha256(readFileSync(path))).toBe(sha256(readFileSync(join(shared, 'gsm8k', 'test.jsonl'))));
      expect(await source.listFiles('gsm8k', '')).toEqual(['test.jsonl', 'train.jsonl']);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('every benchmark has a pinned download with its licence', () => {
  it('covers each benchmark parity runs', () => {
    expect(Object.keys(datasetManifests).sort()).toEqual(
      [
        'arc',
        'bbh',
        'bfcl',
        'ceval',
        'cmmlu',
        'evalplus',
        'gsm8k',
        'humaneval',
        'ifeval',
        'jsonschemabench',
        'mbpp',
        'mgsm',
        'mmlu',
        'mt_bench',
        'truthfulqa',
        'xstest',
      ].sort(),
    );
    for (const manifest of Object.values(datasetManifests)) expect(manifest.license.name).not.toBe('');
    // 27 BBH tasks, each a data file and a chain-of-thought prompt; 11 MGSM languages.
    expect(datasetManifests.bbh?.artifacts).toHaveLength(54);
    expect(datasetManifests.mgsm?.artifacts).toHaveLength(11);
  });
});

describe.skipIf(!existsSync(shared))('file pins against ../shared/datasets (skipped: folder absent)', () => {
  const fileManifests = Object.entries(datasetManifests).filter(([, manifest]) =>
    manifest.artifacts.every((artifact) => artifact.type === 'file'),
  );

  for (const [benchmark, manifest] of fileManifests) {
    it(`${benchmark}: every pinned file equals the shared copy, and a download lands in the upstream layout`, async () => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'parity-manifests-'));
      try {
        const bodies = new Map<string, Buffer>();
        for (const artifact of manifest.artifacts) {
          if (artifact.type !== 'file') continue;
          const bytes = readFileSync(join(shared, benchmark, artifact.target));
          expect({ target: artifact.target, sha256: sha256(bytes), sizeBytes: bytes.length }).toEqual({
            target: artifact.target,
            sha256: artifact.sha256,
            sizeBytes: artifact.sizeBytes,
          });
          bodies.set(artifact.url, bytes);
        }
        const fetchShared: typeof fetch = async (input) => {
          const body = bodies.get(String(input));
          return body ? new Response(new Uint8Array(body)) : new Response(null, { status: 404 });
        };
        const source = createDatasetSource({
          cacheDir,
          allowDownload: true,
          fetch: fetchShared,
          manifests: datasetManifests,
          acceptedLicenses: [benchmark],
        });
        for (const artifact of manifest.artifacts) {
          if (artifact.type !== 'file') continue;
          const path = await source.resolveFile(benchmark, artifact.target);
          expect(path).toBe(join(cacheDir, benchmark, artifact.target));
        }
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    });
  }
});
