import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from './support/openai-compatible-server.ts';
import { runCli } from './support/run-cli.ts';
import { writeSyntheticMmlu } from './support/synthetic-datasets.ts';

/**
 * `parity eval` on an http: OpenAI-compatible server, run from the bundle as users run it, loads none of Node's
 * modules it does not use (docs/decisions/0345): no https/TLS, no node:http (its streams go over node:net), no
 * worker threads (the PostgreSQL store's), no child processes (commander's executable subcommands), no
 * perf_hooks (the CLI's clock is `process.uptime`). A preload writes the Node modules the process loaded when it
 * exits.
 */
const repo = resolve(import.meta.dirname, '..');

/** Whether bin/parity.js runs the bundle (it runs the sources through tsx, which loads much more, after an edit). */
function bundleIsCurrent(): boolean {
  const newest = (directory: string): number =>
    Math.max(
      0,
      ...readdirSync(directory, { withFileTypes: true })
        .filter((entry) => !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.md'))
        .map((entry) =>
          entry.isDirectory()
            ? newest(join(directory, entry.name))
            : statSync(join(directory, entry.name)).mtimeMs,
        ),
    );
  try {
    return statSync(join(repo, 'dist', 'main.mjs')).mtimeMs >= newest(join(repo, 'src'));
  } catch {
    return false;
  }
}

describe.runIf(bundleIsCurrent())('parity eval start-up, from the bundle', () => {
  let directory: string;
  let server: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'parity-builtins-'));
    writeSyntheticMmlu(join(directory, 'data'), { subjects: 2, rowsPerSubject: 2 });
    writeFileSync(
      join(directory, 'loaded.cjs'),
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.PARITY_LOADED_FILE, process.moduleLoadList.join('\\n')));\n",
    );
    server = await startOpenAICompatibleServer({ respond: () => ({ text: 'The best answer is A.' }) });
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('loads no https, TLS, node:http, worker threads, child processes or perf_hooks', async () => {
    const loadedFile = join(directory, 'loaded.txt');
    const result = await runCli(
      [
        'eval',
        ...['--model', 'openai:tiny', '--base-url', server.url, '--bench', 'mmlu', '--limit', '2'],
        ...['--data-dir', join(directory, 'data'), '--store', join(directory, 'p.db'), '--no-download'],
      ],
      {
        cwd: directory,
        env: { NODE_OPTIONS: `--require ${join(directory, 'loaded.cjs')}`, PARITY_LOADED_FILE: loadedFile },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('accuracy');
    const loaded = readFileSync(loadedFile, 'utf8').split('\n');
    // The check itself sees what the run loaded.
    expect(loaded).toContain('NativeModule net');
    expect(loaded).toContain('NativeModule vm');
    const unused = ['https', 'tls', 'http', '_http_client', 'worker_threads', 'child_process', 'perf_hooks'];
    expect(unused.filter((name) => loaded.includes(`NativeModule ${name}`))).toEqual([]);
  }, 120_000);
});
