import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, installPackedPackage, packRepository } from './support/install-packed-package.ts';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';

/**
 * The package as a user gets it (#16): `npm pack`, installed with production dependencies only into an empty
 * folder (offline, see installPackedPackage), then the CLI and the library run from there.
 */
describe('the packed package, installed without development dependencies', () => {
  const home = mkdtempSync(join(tmpdir(), 'parity-packed-'));
  const app = join(home, 'app');
  const installed = join(app, 'node_modules', 'parity');
  let tarballFiles: string[] = [];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? home,
    PARITY_CACHE_DIR: join(home, 'cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };

  beforeAll(() => {
    const tarball = packRepository(home);
    tarballFiles = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n');
    installPackedPackage(tarball, app);
  }, 600_000);
  // Removing the installed tree took over a minute on a 2-core machine at load average 29.
  afterAll(() => rmSync(home, { recursive: true, force: true }), 600_000);

  function npx(args: readonly string[]) {
    return spawnSync('npx', ['--no-install', 'parity', ...args], {
      cwd: app,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
  }

  it('ships the bundles, types, docs and data, and no tests, TypeScript sources or source maps', () => {
    for (const file of [
      'package/bin/parity.js',
      'package/dist/main.mjs',
      'package/dist/index.mjs',
      'package/dist/types/api/index.d.ts',
      'package/dist/web/app.js',
      'package/dist/web/styles.css',
      'package/docs/library.md',
      'package/docs/cli.md',
      'package/src/cli/demo-data/gsm8k/test.jsonl',
      'package/src/cost/catalog/models.yaml',
    ]) {
      expect(tarballFiles).toContain(file);
    }
    expect(
      tarballFiles.filter(
        (file) => /\.test\.|\.map$|^package\/test\/|\.ts$/.test(file) && !file.endsWith('.d.ts'),
      ),
    ).toEqual([]);
  });

  it('installs no development dependency (esbuild, tsx, typescript, vitest)', () => {
    for (const name of ['esbuild', 'tsx', 'typescript', 'vitest']) {
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    }
    expect(existsSync(join(app, 'node_modules', 'better-sqlite3'))).toBe(true);
  });

  it('`npx parity demo` evaluates two tiny models, compares them and writes its report', () => {
    const demo = npx(['demo']);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('tiny random-weight models');
    expect(demo.stdout).toMatch(/model A\s+mmlu\s+accuracy %/);
    expect(demo.stdout).toMatch(/model B\s+gsm8k\s+accuracy_flexible %/);
    expect(demo.stdout).toMatch(/wrote .*demo-report\.html/);
  }, 240_000);

  it('`parity report --html` writes one file with the app built at pack time inline', () => {
    const runs = npx(['runs', '--json']);
    expect(runs.status).toBe(0);
    const ids = (JSON.parse(runs.stdout) as { run_id: string }[]).map((run) => run.run_id);
    // The demo's four runs: two models, each on MMLU and GSM8K.
    expect(ids).toHaveLength(4);
    const report = npx(['report', ...ids, '--html', 'report.html']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const html = readFileSync(join(app, 'report.html'), 'utf8');
    const script = readFileSync(join(installed, 'dist', 'web', 'app.js'), 'utf8');
    expect(html).toContain(script.slice(0, 200));
    for (const id of ids) expect(html).toContain(id);
  }, 120_000);

  it('`parity view` serves the first page and the app built at pack time', async () => {
    // The bin link npm made, started directly: a signal to npx would not reach the server it starts.
    const child = spawn(
      process.execPath,
      [join(app, 'node_modules', '.bin', 'parity'), 'view', '--port', '0'],
      {
        cwd: app,
        env,
      },
    );
    const closed = new Promise((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /^(http:\/\/\S+)\/$/m.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`parity view exited ${code}: ${stderr}`)));
      });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script src="/app.js"></script>');
      const app = await fetch(`${url}/app.js`);
      expect(app.status).toBe(200);
      expect(await app.text()).toBe(readFileSync(join(installed, 'dist', 'web', 'app.js'), 'utf8'));
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
  }, 120_000);

  it('a TypeScript program imports the library, evaluates two models on a loopback server and compares them', async () => {
    // Model 'letter-a' always answers A (right on 3 of the 12 items), 'unsure' never answers: 25% against 0%.
    const server = await startOpenAICompatibleServer({
      models: ['letter-a', 'unsure'],
      respond: ({ body }) => ({
        text: body.model === 'letter-a' ? 'The best answer is A.' : 'I am not sure.',
      }),
    });
    try {
      writeFileSync(join(app, 'program.ts'), libraryProgram);
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            strict: true,
            skipLibCheck: true,
            typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
            types: ['node'],
          },
          files: ['program.ts'],
        }),
      );
      // Type-checked and compiled against the installed .d.ts files, with the repository's TypeScript.
      const tsc = spawnSync(
        process.execPath,
        [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
        {
          cwd: app,
          encoding: 'utf8',
        },
      );
      expect(tsc.stdout + tsc.stderr).toBe('');
      const program = spawn(
        process.execPath,
        ['program.js', server.url, join(installed, 'src', 'cli', 'demo-data')],
        {
          cwd: app,
          env,
        },
      );
      let stdout = '';
      let stderr = '';
      program.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      program.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => program.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as {
        a: { run_id: string; model: string; metrics: Record<string, { value: number; n: number }> };
        b: { run_id: string; metrics: Record<string, { value: number; n: number }> };
        comparison: { comparisons: { n_paired: number; difference: { value: number }; verdict: string }[] };
        runs: string[];
      };
      expect(result.a.model).toBe('vllm:letter-a');
      const accuracyA = result.a.metrics.accuracy;
      const accuracyB = result.b.metrics.accuracy;
      expect(accuracyA).toMatchObject({ value: 0.25, n: 12 });
      expect(accuracyB).toMatchObject({ value: 0, n: 12 });
      const [comparison] = result.comparison.comparisons;
      expect(comparison?.n_paired).toBe(12);
      expect(comparison?.difference.value).toBeCloseTo(0.25, 10);
      expect(result.runs).toEqual(expect.arrayContaining([result.a.run_id, result.b.run_id]));
      // The runs are in the store the CLI reads.
      const shown = npx(['show', result.a.run_id, '--store', 'library.db', '--json']);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain('"benchmark": "mmlu"');
    } finally {
      await server.close();
    }
  }, 240_000);
});

const libraryProgram = `import { benchmarks, compare, createModel, evaluate, openStore, type EvaluationReport } from 'parity';

const [baseUrl, dataDir] = process.argv.slice(2);
if (!baseUrl || !dataDir) throw new Error('usage: program.js BASE_URL DATA_DIR');
if (!benchmarks().some((benchmark) => benchmark.id === 'mmlu')) throw new Error('mmlu is not listed');
const store = openStore('library.db');
try {
  const reports: EvaluationReport[] = [];
  for (const id of ['letter-a', 'unsure']) {
    const model = createModel(\`vllm:\${id}\`, { baseUrl });
    try {
      reports.push(await evaluate({ model, benchmark: 'mmlu', protocol: 'mmlu.gen.5shot', store, dataDir, concurrency: 2 }));
    } finally {
      await model.close?.();
    }
  }
  const comparison = compare({ store, runs: reports.map((report) => report.run_id), margin: { points: 5 } });
  const runs = store.listRuns().map((run) => run.runId);
  console.log(JSON.stringify({ a: reports[0], b: reports[1], comparison, runs }));
} finally {
  store.close();
}
`;
