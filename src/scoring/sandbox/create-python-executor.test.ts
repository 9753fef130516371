import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.ts';
import { bubblewrapArguments } from './bubblewrap-arguments.ts';

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
      const results = await Promise.all([
        executor.runPython('assert 2 + 2 == 4'),
        executor.runPython('raise SystemExit(0)'),
        executor.runPython('x = bytearray(10 * 1024 ** 3)'),
        executor.runPython('while True: pass'),
      ]);
      expect(results.map((result) => result.status)).toEqual(['passed', 'failed', 'failed', 'timed-out']);
      expect(results[2]?.outputTail).toContain('MemoryError');
    });
  },
);
