import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBlobId } from '../../datasets/git-blob-id.ts';
import { jsonSchemaBenchFiles, jsonSchemaBenchManifest } from './jsonschemabench-download-manifest.ts';

describe('gitBlobId', () => {
  it('is what `git hash-object` prints', () => {
    expect(gitBlobId(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(gitBlobId(Buffer.alloc(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
    // The length counts bytes, not characters.
    expect(gitBlobId(Buffer.from('é'))).not.toBe(gitBlobId(Buffer.from('e')));
  });
});

describe('the committed jsonschemabench manifest', () => {
  it('pins the 4194 files of the four subsets, one <subset>.jsonl each, at raw.githubusercontent.com', () => {
    const counts = Object.fromEntries(
      Object.entries(jsonSchemaBenchFiles()).map(([subset, files]) => [subset, files.length]),
    );
    expect(counts).toEqual({ Github_easy: 1943, Github_trivial: 444, Glaiveai2K: 1707, JME: 100 });
    expect(jsonSchemaBenchManifest.artifacts.map((artifact) => artifact.url)).toEqual(
      Array(4).fill(
        'https://raw.githubusercontent.com/guidance-ai/jsonschemabench/ba103c73756198dd9b149ddc7db7867da7a077f6/maskbench/data',
      ),
    );
    expect(
      jsonSchemaBenchManifest.artifacts.map((artifact) => 'target' in artifact && artifact.target),
    ).toEqual(['Github_easy.jsonl', 'Github_trivial.jsonl', 'Glaiveai2K.jsonl', 'JME.jsonl']);
    expect(
      jsonSchemaBenchFiles()
        .JME?.slice(0, 3)
        .map(([path]) => path),
    ).toEqual(['JME_0.json', 'JME_1.json', 'JME_2.json']);
  });
});

// The manifest was generated from the shared copy (scripts/jsonschemabench-manifest.ts); it must still match it.
const shared = resolve(import.meta.dirname, '../../../../shared/datasets/jsonschemabench');
describe.skipIf(!existsSync(shared))(
  'jsonschemabench manifest against ../shared/datasets/jsonschemabench (skipped: folder absent)',
  () => {
    it('lists every shared record: upstream path and git blob, per subset, in the same order', () => {
      const fromShared: Record<string, [string, string][]> = {};
      for (const fileName of readdirSync(shared).filter((name) => name.endsWith('.jsonl'))) {
        fromShared[fileName.slice(0, -'.jsonl'.length)] = readFileSync(join(shared, fileName), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const record = JSON.parse(line) as { upstream_path: string; upstream_git_blob: string };
            return [record.upstream_path.replace(/^maskbench\/data\//, ''), record.upstream_git_blob];
          });
      }
      expect(jsonSchemaBenchFiles()).toEqual(fromShared);
    });
  },
);
