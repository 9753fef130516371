// Writes src/benchmarks/jsonschemabench/jsonschemabench-files.json, the jsonschemabench download manifest: per
// subset, the upstream files (relative to maskbench/data/) and their git blob ids at the pinned commit, in the
// order of the records of ../shared/datasets/jsonschemabench/<subset>.jsonl (natural filename order; that copy
// names each record's upstream_path and upstream_git_blob, see its PROVENANCE.md). Run once when the pin changes:
//   npx tsx scripts/jsonschemabench-manifest.ts [shared-folder] && npx prettier --write src/benchmarks/jsonschemabench/jsonschemabench-files.json
// Not part of npm test; src/benchmarks/jsonschemabench/jsonschemabench-download-manifest.test.ts checks the result.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/datasets'), 'jsonschemabench');
const prefix = 'maskbench/data/';
const subsets: Record<string, [string, string][]> = {};
for (const fileName of readdirSync(shared)
  .filter((name) => name.endsWith('.jsonl'))
  .sort()) {
  const pairs: [string, string][] = [];
  for (const line of readFileSync(join(shared, fileName), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { upstream_path: string; upstream_git_blob: string };
    if (!record.upstream_path.startsWith(prefix)) throw new Error(`unexpected path ${record.upstream_path}`);
    pairs.push([record.upstream_path.slice(prefix.length), record.upstream_git_blob]);
  }
  subsets[fileName.slice(0, -'.jsonl'.length)] = pairs;
}
const lines = Object.entries(subsets).map(
  ([subset, pairs]) =>
    `  ${JSON.stringify(subset)}: [\n${pairs.map(([path, blob]) => `    [${JSON.stringify(path)}, ${JSON.stringify(blob)}]`).join(',\n')}\n  ]`,
);
const target = join(root, 'src/benchmarks/jsonschemabench/jsonschemabench-files.json');
writeFileSync(target, `{\n${lines.join(',\n')}\n}\n`);
console.log(`wrote ${target}: ${Object.values(subsets).reduce((sum, pairs) => sum + pairs.length, 0)} files`);
