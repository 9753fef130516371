import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSandbox } from './check-sandbox.ts';
import { createPythonExecutor } from './create-python-executor.ts';

const bubblewrap = '/usr/bin/bwrap';
const python = '/usr/bin/python3';
const available = existsSync(bubblewrap) && existsSync(python);
const isRoot = process.geteuid?.() === 0;
/** A uid range used only by this file, so the process check cannot see other tests' programs. */
const uidBase = 64_500;
const marker = `parity-adversarial-${process.pid}`;

function processesLeft(): string[] {
  const found: string[] = [];
  try {
    found.push(...execFileSync('pgrep', ['-af', marker], { encoding: 'utf8' }).trim().split('\n'));
  } catch {
    // pgrep exits 1 when nothing matches.
  }
  if (isRoot) {
    try {
      found.push(
        ...execFileSync('pgrep', ['-a', '-U', `${uidBase},${uidBase + 1}`], { encoding: 'utf8' })
          .trim()
          .split('\n'),
      );
    } catch {
      // nothing left
    }
  }
  return found.filter((line) => line !== '' && !line.includes('pgrep'));
}

describe.skipIf(!available)(
  `sandboxed execution of hostile programs (skipped: needs ${bubblewrap} and ${python})`,
  () => {
    // Without the reliability guard, so that these programs really fork, signal and delete: the sandbox alone
    // must contain them (verdict-channel.test.ts shows the guard failing them at once).
    const executor = createPythonExecutor({
      isolation: 'bubblewrap',
      timeoutMs: 1500,
      parallelism: 2,
      effectiveUid: process.geteuid?.() ?? 1000,
      guard: false,
      sandboxUidBase: uidBase,
      monotonicMs: () => performance.now(),
    });
    // Honest programs get a generous limit of their own: on a loaded machine starting bubblewrap and Python can
    // take longer than the 1.5 s the hostile ones get (for which timing out is one of the accepted outcomes).
    const honest = { timeoutMs: 30_000 };
    // Outside /tmp on purpose: the sandbox has its own /tmp, so a victim there would prove nothing.
    const victimDir = mkdtempSync(resolve(import.meta.dirname, '../../../.adversarial-victim-'));
    const victim = join(victimDir, 'keep.txt');
    let server: Server;
    let port = 0;
    let connections = 0;

    beforeAll(async () => {
      writeFileSync(victim, 'original');
      server = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
    });
    afterAll(async () => {
      rmSync(victimDir, { recursive: true, force: true });
      await new Promise<void>((done) => server.close(() => done()));
    });

    it('passes its own self-test', async () => {
      const generous = createPythonExecutor({
        isolation: 'bubblewrap',
        timeoutMs: honest.timeoutMs,
        parallelism: 2,
        effectiveUid: process.geteuid?.() ?? 1000,
        guard: false,
        sandboxUidBase: uidBase,
        monotonicMs: () => performance.now(),
      });
      await expect(checkSandbox(generous)).resolves.toEqual({ ok: true });
    });

    const cases: Record<string, () => string> = {
      // Bounded: at most 2^10 processes even with no limit at all; each leaf sleeps with the marker.
      'fork bomb': () =>
        `import os\nfor _ in range(10):\n    os.fork()\nos.execv('/bin/sh', ['/bin/sh', '-c', 'sleep 30 # ${marker}'])`,
      'delete and overwrite files outside /tmp': () =>
        `import os\ntry:\n    os.remove(${JSON.stringify(victim)})\nfinally:\n    open(${JSON.stringify(victim)}, 'w').write('pwned')\n    open('/usr/parity-adversarial', 'w').write('pwned')`,
      'read /etc/shadow and the home directory': () =>
        `import os\ntry:\n    print(open('/etc/shadow').read())\nfinally:\n    print(os.listdir(${JSON.stringify(homedir())}))`,
      'connect to a server on the host loopback': () =>
        `import socket\ns = socket.create_connection(('127.0.0.1', ${port}), timeout=1)\ns.sendall(b'hello')`,
      'allocate 10 GB': () => `data = bytearray(10 * 1024 ** 3)\nprint(len(data))`,
      'loop forever': () => `while True:\n    pass`,
      'write a huge file': () =>
        `chunk = b'x' * (1 << 20)\nwith open('/tmp/huge', 'wb') as f:\n    for _ in range(100_000):\n        f.write(chunk)`,
      'leave a background process behind': () =>
        `import os, subprocess\nsubprocess.Popen(['/bin/sh', '-c', 'sleep 30 # ${marker}'], start_new_session=True)\nif os.fork() == 0:\n    os.setsid()\n    os.execv('/bin/sh', ['/bin/sh', '-c', 'sleep 30 # ${marker}'])\nraise SystemExit(0)`,
      'signal the parent': () =>
        `import os, signal\nfor target in (os.getppid(), 1, ${process.pid}, -1):\n    try:\n        os.kill(target, signal.SIGKILL)\n    except OSError as error:\n        print(target, error)\nassert False`,
    };

    for (const [name, program] of Object.entries(cases)) {
      it(`contains: ${name}; the next sample is scored normally`, async () => {
        const result = await executor.runPython(program());
        expect(['failed', 'timed-out']).toContain(result.status);
        expect(result.outputTail).not.toMatch(/root:[^\n]*:[0-9]+:/); // no /etc/shadow line
        expect(readFileSync(victim, 'utf8')).toBe('original');
        expect(existsSync('/usr/parity-adversarial')).toBe(false);
        expect(connections).toBe(0);
        expect(processesLeft()).toEqual([]);
        const next = await executor.runPython('assert sum(range(4)) == 6', honest);
        expect(next.status).toBe('passed');
      });
    }

    it('runs hostile and honest programs side by side without one starving the other', async () => {
      const results = await Promise.all([
        executor.runPython(cases['fork bomb']?.() ?? ''),
        executor.runPython('import time\ntime.sleep(0.2)\nassert 1 + 1 == 2', honest),
        executor.runPython(cases['allocate 10 GB']?.() ?? ''),
        executor.runPython('import subprocess\nassert subprocess.run(["/bin/true"]).returncode == 0', honest),
      ]);
      expect(results.map((result) => result.status === 'passed')).toEqual([false, true, false, true]);
      expect(processesLeft()).toEqual([]);
    });
  },
);

describe('a sandbox that cannot be made', () => {
  it('fails the self-test with a reason instead of running code unsandboxed', async () => {
    const executor = createPythonExecutor({
      isolation: 'bubblewrap',
      timeoutMs: 1000,
      parallelism: 1,
      effectiveUid: 1000,
      bubblewrapPath: '/nonexistent/bwrap',
      monotonicMs: () => performance.now(),
    });
    const check = await checkSandbox(executor);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(/ENOENT/);
  });
});
