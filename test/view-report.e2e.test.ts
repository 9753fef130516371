import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { openSqliteRunStore } from '../src/store/sqlite-run-store.ts';
import { captureIo } from './support/capture-io.ts';
import { startCli } from './support/run-cli.ts';
import { seedViewStore, type SeededRuns } from './support/seed-view-store.ts';

describe('parity report and parity view from the command line', () => {
  let directory: string;
  let storeFile: string;
  let seeded: SeededRuns;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-view-cli-'));
    storeFile = join(directory, 'parity.db');
    const store = openSqliteRunStore({ path: storeFile });
    seeded = seedViewStore(store);
    store.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('parity report writes HTML, Markdown, CSV and JSON', async () => {
    const io = captureIo({ cwd: directory });
    const code = await main(
      [
        'report',
        seeded.strongRunId,
        seeded.weakRunId,
        '--html',
        'r.html',
        '--md',
        'r.md',
        '--csv',
        'r.csv',
        '--json',
        'r.json',
        '--store',
        storeFile,
      ],
      io,
    );
    expect({ code, stderr: io.output.stderr }).toEqual({ code: 0, stderr: '' });
    expect(
      io.output.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/ \(\d+ bytes\)$/, '')),
    ).toEqual(['r.html', 'r.md', 'r.csv', 'r.json'].map((file) => `wrote ${join(directory, file)}`));
    const html = readFileSync(join(directory, 'r.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/,
    );
    expect(html).not.toMatch(/<(link|img|iframe)\b|src="http/);
    const markdown = readFileSync(join(directory, 'r.md'), 'utf8');
    expect(markdown).toContain('### Paired comparisons');
    expect(markdown).toContain('**openai:gpt-4o better**');
    expect(readFileSync(join(directory, 'r.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(161);
    expect(JSON.parse(readFileSync(join(directory, 'r.json'), 'utf8')).items).toHaveLength(160);
  });

  it('parity report --margin heads each comparison with the margin verdict', async () => {
    const io = captureIo({ cwd: directory });
    const args = ['report', seeded.strongRunId, seeded.weakRunId, '--md', 'margin.md', '--store', storeFile];
    expect(await main([...args, '--margin', '5'], io), io.output.stderr).toBe(0);
    const markdown = readFileSync(join(directory, 'margin.md'), 'utf8');
    expect(markdown).toContain('| verdict | benchmark |');
    expect(markdown).toContain('**different: openai:gpt-4o better**');
    const wide = captureIo({ cwd: directory });
    expect(await main([...args, '--margin', '60'], wide), wide.output.stderr).toBe(0);
    expect(readFileSync(join(directory, 'margin.md'), 'utf8')).toMatch(
      /\*\*equivalent within ±60\.00 points\*\* \(90% CI/,
    );
  });

  it('parity report needs an output and a known run', async () => {
    const none = captureIo({ cwd: directory });
    expect(await main(['report', seeded.strongRunId, '--store', storeFile], none)).toBe(2);
    expect(none.output.stderr).toBe(
      'parity: give at least one of --html FILE, --md FILE, --csv FILE, --json FILE\n',
    );
    const unknown = captureIo({ cwd: directory });
    expect(await main(['report', 'nope', '--md', 'x.md', '--store', storeFile], unknown)).toBe(2);
    expect(unknown.output.stderr).toContain("no run 'nope'");
  });

  it('parity view refuses a missing store and a bad port', async () => {
    const missing = captureIo({ cwd: directory });
    expect(await main(['view', '--store', join(directory, 'none.db')], missing)).toBe(2);
    expect(missing.output.stderr).toContain('none.db: no run store here');
    expect(existsSync(join(directory, 'none.db'))).toBe(false);
    const port = captureIo({ cwd: directory });
    expect(await main(['view', '--port', 'http', '--store', storeFile], port)).toBe(2);
    expect(port.output.stderr).toBe("parity: --port: expected an integer from 0 to 65535, got 'http'\n");
  });

  it('parity view serves the app on loopback until SIGTERM', async () => {
    const { child, done } = startCli(['view', '--port', '0', '--store', storeFile], { cwd: directory });
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolveUrl) =>
      lines.on('line', (line) => line.startsWith('http') && resolveUrl(line)),
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${url}app.js`)).text()).toContain('parity-data');
    const runs = (await (await fetch(`${url}api/runs`)).json()) as { runs: unknown[] };
    expect(runs.runs).toHaveLength(5);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});
