import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.ts';
import { bubblewrapArguments } from './bubblewrap-arguments.ts';
import { seccompFilter } from './seccomp-filter.ts';

describe('bubblewrapArguments', () => {
  it('as root: no user namespace, drops to the given uid with setpriv, only /usr and a private /tmp', () => {
    const args = bubblewrapArguments({
      pythonPath: '/usr/bin/python3',
      pythonArguments: ['-I'],
      dropToUid: 64000,
      tmpBytes: 1024,
    });
    expect(args).not.toContain('--unshare-all');
    expect(args).toEqual(
      expect.arrayContaining([
        '--unshare-net',
        '--unshare-pid',
        '--die-with-parent',
        '--new-session',
        '--clearenv',
      ]),
    );
    expect(args.slice(args.indexOf('--'))).toEqual([
      '--',
      '/usr/bin/setpriv',
      '--reuid=64000',
      '--regid=64000',
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '/usr/bin/python3',
      '-I',
    ]);
    expect(args.join(' ')).not.toMatch(/--(ro-)?bind \/ /);
  });

  it('not root: every namespace including the user namespace, the interpreter directly', () => {
    const args = bubblewrapArguments({ pythonPath: '/usr/bin/python3', pythonArguments: [], tmpBytes: 1024 });
    expect(args[0]).toBe('--unshare-all');
    expect(args.slice(args.indexOf('--'))).toEqual(['--', '/usr/bin/python3']);
  });
});

describe.skipIf(!existsSync('/usr/bin/python3'))(
  'unsandboxed execution (--unsafe-no-sandbox; skipped: no /usr/bin/python3)',
  () => {
    it('still applies the bootstrap: exec semantics, limits, timeout', async () => {
      const executor = createPythonExecutor({
        isolation: 'none',
        timeoutMs: 800,
        parallelism: 2,
        effectiveUid: 1000,
        monotonicMs: () => performance.now(),
      });
      // Programs that end by themselves get a generous limit (starting Python on a loaded machine can take
      // longer than 800 ms); only the endless loop runs against the executor's 800 ms.
      const generous = { timeoutMs: 30_000 };
      const results = await Promise.all([
        executor.runPython('assert 2 + 2 == 4', generous),
        executor.runPython('raise SystemExit(0)', generous),
        executor.runPython('x = bytearray(10 * 1024 ** 3)', generous),
        executor.runPython('while True: pass'),
      ]);
      expect(results.map((result) => result.status)).toEqual(['passed', 'failed', 'failed', 'timed-out']);
      expect(results[2]?.outputTail).toContain('MemoryError');
    });

    it('takes a wall-clock limit and an address space for one program (the CPU limit follows the wall clock)', async () => {
      const executor = createPythonExecutor({
        isolation: 'none',
        timeoutMs: 800,
        parallelism: 2,
        effectiveUid: 1000,
        monotonicMs: () => performance.now(),
      });
      const sleeper = 'import time\ntime.sleep(1.5)';
      const spinner = 'import time\nend = time.monotonic() + 2.5\nwhile time.monotonic() < end: pass';
      const big = 'x = bytearray(1200 * 1024 ** 2)\nassert len(x) > 0';
      const results = await Promise.all([
        executor.runPython(sleeper),
        executor.runPython(sleeper, { timeoutMs: 30_000 }),
        executor.runPython(spinner, { timeoutMs: 30_000 }),
        executor.runPython(big, { timeoutMs: 30_000 }),
        executor.runPython(big, { addressSpaceBytes: 3 * 1024 ** 3, timeoutMs: 30_000 }),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'timed-out',
        'passed',
        'passed',
        'failed',
        'passed',
      ]);
    });
  },
);

describe('bubblewrapArguments: what the program may write', () => {
  it('mounts no /proc, makes / and /dev read-only after the size-capped /tmp, and loads the seccomp program', () => {
    const args = bubblewrapArguments({
      pythonPath: '/usr/bin/python3',
      pythonArguments: [],
      tmpBytes: 1024,
      seccompFd: 5,
    });
    const options = args.slice(0, args.indexOf('--'));
    expect(options).not.toContain('--proc');
    expect(options.join(' ')).toContain(
      '--size 1024 --tmpfs /tmp --remount-ro /dev --remount-ro / --seccomp 5',
    );
  });
});

describe('seccompFilter', () => {
  const decode = (bytes: Buffer) =>
    Array.from({ length: bytes.length / 8 }, (_, index) => ({
      code: bytes.readUInt16LE(index * 8),
      jt: bytes.readUInt8(index * 8 + 2),
      jf: bytes.readUInt8(index * 8 + 3),
      k: bytes.readUInt32LE(index * 8 + 4),
    }));

  it('x64: refuses other architectures, x32 calls and the listed calls with EPERM, allows the rest', () => {
    const program = decode(seccompFilter('x64')!);
    const refuse = program.length - 1;
    expect(program[refuse]).toEqual({ code: 0x06, jt: 0, jf: 0, k: 0x00050001 });
    expect(program[refuse - 1]).toEqual({ code: 0x06, jt: 0, jf: 0, k: 0x7fff0000 });
    expect(program[1]).toMatchObject({ code: 0x15, k: 0xc000003e, jf: refuse - 2 });
    const targets = program
      .map((instruction, index) => ({ ...instruction, index }))
      .filter((instruction) => instruction.code === 0x15 || instruction.code === 0x35)
      .slice(1);
    for (const check of targets) expect(check.index + 1 + check.jt).toBe(refuse);
    expect(targets.map((check) => check.k)).toEqual(
      expect.arrayContaining([0x40000000, 101, 310, 311, 319, 29]),
    );
  });

  it('arm64 has its own numbers; other architectures get no filter', () => {
    expect(decode(seccompFilter('arm64')!).map((instruction) => instruction.k)).toEqual(
      expect.arrayContaining([0xc00000b7, 117, 270, 271, 279, 194]),
    );
    expect(seccompFilter('ia32')).toBeUndefined();
  });
});
