import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../spec/index.ts';
import { buildTar } from './tar-fixture.ts';
import { extractTar, readTarEntries } from './tar.ts';

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length++;
  return `${length}${body}`;
}

describe('tar reader', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'parity-tar-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists files, directories, ustar prefixes, GNU long names and pax paths', async () => {
    const longName = `data/test/${'x'.repeat(120)}.csv`;
    const archive = join(directory, 'a.tar');
    writeFileSync(
      archive,
      buildTar([
        { name: 'data/', typeFlag: '5' },
        { name: './data/dev/a_dev.csv', content: 'q,A,B,C,D,A\n' },
        { name: 'b_test.csv', prefix: 'data/test', content: 'two' },
        { name: '././@LongLink', typeFlag: 'L', content: `${longName}\0` },
        { name: longName.slice(0, 99), content: 'long' },
        { name: 'PaxHeader', typeFlag: 'x', content: paxRecord('path', 'data/val/é_val.csv') },
        { name: 'ignored-short-name', content: 'pax' },
      ]),
    );
    const entries = await readTarEntries(archive);
    expect(entries.map(({ path, type, sizeBytes }) => ({ path, type, sizeBytes }))).toEqual([
      { path: 'data', type: 'directory', sizeBytes: 0 },
      { path: 'data/dev/a_dev.csv', type: 'file', sizeBytes: 12 },
      { path: 'data/test/b_test.csv', type: 'file', sizeBytes: 3 },
      { path: longName, type: 'file', sizeBytes: 4 },
      { path: 'data/val/é_val.csv', type: 'file', sizeBytes: 3 },
    ]);
  });

  it('extracts mapped regular files and skips the rest', async () => {
    const archive = join(directory, 'a.tar');
    writeFileSync(
      archive,
      buildTar([
        { name: 'data/dev/a_dev.csv', content: 'dev' },
        { name: 'data/auxiliary_train/big.csv', content: 'skip me' },
        { name: 'data/test/a_test.csv', content: 'test' },
      ]),
    );
    const destination = join(directory, 'out');
    const written = await extractTar({
      archivePath: archive,
      destinationDir: destination,
      mapPath: (path) => (path.startsWith('data/auxiliary_train/') ? undefined : path),
    });
    expect(written).toEqual(['data/dev/a_dev.csv', 'data/test/a_test.csv']);
    expect(readFileSync(join(destination, 'data/test/a_test.csv'), 'utf8')).toBe('test');
    expect(readdirSync(join(destination, 'data')).sort()).toEqual(['dev', 'test']);
  });

  it.each([
    ['a parent-folder member', '../escape.txt'],
    ['a nested parent-folder member', 'data/../../escape.txt'],
    ['an absolute member', '/tmp/escape.txt'],
  ])('refuses %s and writes nothing outside', async (_label, name) => {
    const archive = join(directory, 'evil.tar');
    writeFileSync(archive, buildTar([{ name, content: 'owned' }]));
    const destination = join(directory, 'out');
    const extraction = extractTar({ archivePath: archive, destinationDir: destination });
    await expect(extraction).rejects.toBeInstanceOf(InputError);
    await expect(extraction).rejects.toThrow(/refusing tar member/);
    expect(existsSync(join(directory, 'escape.txt'))).toBe(false);
    expect(existsSync(destination)).toBe(false);
  });

  it('refuses a mapping that points outside the destination', async () => {
    const archive = join(directory, 'a.tar');
    writeFileSync(archive, buildTar([{ name: 'data/a.csv', content: 'x' }]));
    await expect(
      extractTar({ archivePath: archive, destinationDir: join(directory, 'out'), mapPath: () => '../a.csv' }),
    ).rejects.toThrow(/refusing tar member "..\/a.csv"/);
  });

  it('rejects a file that is not a tar archive, naming it', async () => {
    const archive = join(directory, 'not.tar');
    writeFileSync(archive, Buffer.alloc(1024, 0x41));
    await expect(readTarEntries(archive)).rejects.toThrow(`${archive} at byte 0: not a tar archive`);
  });

  it('rejects a truncated archive', async () => {
    const archive = join(directory, 'short.tar');
    writeFileSync(archive, buildTar([{ name: 'a.txt', content: 'y'.repeat(2000) }]).subarray(0, 1024));
    await expect(readTarEntries(archive)).rejects.toThrow(/truncated/);
  });
});

// Cross-check against archives written by GNU tar, when the system has it.
const hasSystemTar = (() => {
  try {
    execFileSync('tar', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasSystemTar)(
  'tar reader on archives from the system tar (skipped: no `tar` on PATH)',
  () => {
    it.each(['gnu', 'pax', 'ustar'])('reads the %s format', async (format) => {
      const directory = mkdtempSync(join(tmpdir(), 'parity-tar-system-'));
      try {
        // ustar splits long paths into prefix + name; 'gnu' and 'pax' also handle one long file name.
        const deepFolder = join('data', 'test', 'a'.repeat(60), 'b'.repeat(60));
        const fileName = format === 'ustar' ? 'subject_test.csv' : `${'c'.repeat(110)}.csv`;
        mkdirSync(join(directory, 'tree', deepFolder), { recursive: true });
        writeFileSync(join(directory, 'tree', deepFolder, fileName), 'q,1,2,3,4,A\n');
        writeFileSync(join(directory, 'tree', 'data', 'small.csv'), '');
        const archive = join(directory, `${format}.tar`);
        execFileSync('tar', [`--format=${format}`, '-cf', archive, '-C', join(directory, 'tree'), 'data']);
        const files = (await readTarEntries(archive)).filter((entry) => entry.type === 'file');
        expect(
          files
            .map(({ path, sizeBytes }) => ({ path, sizeBytes }))
            .sort((a, b) => a.path.localeCompare(b.path)),
        ).toEqual([
          { path: 'data/small.csv', sizeBytes: 0 },
          { path: `${deepFolder}/${fileName}`, sizeBytes: 12 },
        ]);
        await extractTar({ archivePath: archive, destinationDir: join(directory, 'out') });
        expect(readFileSync(join(directory, 'out', deepFolder, fileName), 'utf8')).toBe('q,1,2,3,4,A\n');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  },
);
