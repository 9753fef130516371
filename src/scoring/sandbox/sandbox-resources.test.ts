import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.ts';
import { findMemoryCgroups } from './memory-cgroup.ts';

const available = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');
const isRoot = process.geteuid?.() === 0;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Whether a normal user (nobody) may make bubblewrap's user namespace here (CI kernels may forbid it). */
function userNamespacesForNobody(): boolean {
  try {
    execFileSync(
      '/usr/bin/setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        '/usr/bin/bwrap',
        '--unshare-all',
        '--ro-bind',
        '/usr',
        '/usr',
        '--symlink',
        'usr/lib',
        '/lib',
        '--symlink',
        'usr/lib64',
        '/lib64',
        '--',
        '/usr/bin/true',
      ],
      { stdio: 'ignore', timeout: 20_000 },
    );
    return true;
  } catch {
    return false;
  }
}
const cgroups = available ? findMemoryCgroups({ pid: process.pid, isAlive: alive }) : undefined;

/** Writes 1.5 GiB in 16 MiB pieces (each under the file-size limit) into memfd files, as in issue 14. */
const memfdProgram = `import os
written = 0
files = []
try:
    while written < 1536 * 2**20:
        fd = os.memfd_create('f')
        files.append(fd)
        for _ in range(15):
            os.write(fd, b'x' * 2**20)
            written += 2**20
finally:
    print('written', written)`;

const writeEverywhere = (directory: string) =>
  `import os\nwith open(os.path.join(${JSON.stringify(directory)}, 'fill'), 'wb') as f:\n    f.write(b'x' * 4096)`;

describe.skipIf(!available)(
  'resources of the whole sandbox (skipped: needs /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-resources-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // As a normal user: a wrapper drops to nobody before bubblewrap, which then makes a user namespace. Only as
    // root (to drop) and where the kernel lets a normal user make user namespaces; otherwise that mode is left out.
    const asNobody = join(dir, 'bwrap-as-nobody');
    writeFileSync(
      asNobody,
      '#!/bin/sh\nexec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/bwrap "$@"\n',
    );
    chmodSync(dir, 0o755);
    chmodSync(asNobody, 0o755);
    const modes = [
      { name: 'as root', effectiveUid: process.geteuid?.() ?? 1000, bubblewrapPath: '/usr/bin/bwrap' },
      ...(isRoot && userNamespacesForNobody()
        ? [{ name: 'as a normal user', effectiveUid: 65534, bubblewrapPath: asNobody }]
        : []),
    ];
    for (const mode of modes) {
      const executor = createPythonExecutor({
        isolation: 'bubblewrap',
        timeoutMs: 10_000,
        parallelism: 1,
        effectiveUid: mode.effectiveUid,
        bubblewrapPath: mode.bubblewrapPath,
        guard: false,
        memoryCgroups: null, // the bounds that hold without a cgroup
        monotonicMs: () => performance.now(),
      });

      it(`${mode.name}: memfd_create is refused, so 1.5 GiB cannot hide in memory files`, async () => {
        const result = await executor.runPython(memfdProgram);
        expect(result.status).toBe('failed');
        expect(result.outputTail).toMatch(/PermissionError|Operation not permitted/);
        expect(Number(/written (\d+)/.exec(result.outputTail)?.[1])).toBeLessThan(64 * 2 ** 20);
      });

      for (const directory of ['/', '/dev', '/dev/shm', '/usr']) {
        it(`${mode.name}: ${directory} is not writable (only the size-capped /tmp is)`, async () => {
          const result = await executor.runPython(writeEverywhere(directory));
          expect(result.status).toBe('failed');
          expect(result.outputTail).toMatch(/Read-only file system|Permission denied|No such file/);
          expect((await executor.runPython(writeEverywhere('/tmp'))).status).toBe('passed');
        });
      }

      it(`${mode.name}: /proc is absent and ptrace is refused, so no process can read the harness memory`, async () => {
        const result = await executor.runPython(
          `import os, subprocess\nassert not os.path.exists('/proc')\nr = subprocess.run(['/usr/bin/python3', '-c', 'import ctypes, os\\nlibc = ctypes.CDLL(None, use_errno=True)\\nprint(libc.ptrace(16, os.getppid(), 0, 0), ctypes.get_errno())'], capture_output=True, text=True)\nassert r.stdout.split() == ['-1', '1'], r.stdout + r.stderr`,
        );
        expect(result).toMatchObject({ status: 'passed' });
      });
    }

    it.skipIf(!cgroups)(
      'bounds the memory of all the sandbox processes together with a cgroup (skipped: no writable memory cgroup)',
      async () => {
        // Three processes of 120 MiB each: every one is far below RLIMIT_AS, together they exceed 256 MiB.
        const program = `import os, time\nchildren = []\nfor _ in range(3):\n    pid = os.fork()\n    if pid == 0:\n        block = bytearray(120 * 2**20)\n        for i in range(0, len(block), 4096):\n            block[i] = 1\n        time.sleep(1)\n        os._exit(0)\n    children.append(pid)\nfor pid in children:\n    assert os.waitpid(pid, 0)[1] == 0, 'a child was killed'`;
        const bounded = createPythonExecutor({
          isolation: 'bubblewrap',
          timeoutMs: 20_000,
          parallelism: 1,
          effectiveUid: process.geteuid?.() ?? 1000,
          guard: false,
          memoryBytes: 256 * 2 ** 20,
          monotonicMs: () => performance.now(),
        });
        expect(bounded.memoryBound).toMatch(/^cgroup v[12]$/);
        expect((await bounded.runPython(program)).status).toBe('failed');
        expect((await bounded.runPython('x = bytearray(64 * 2**20)\nassert len(x) > 0')).status).toBe(
          'passed',
        );
        // The same program without the cgroup's bound passes: the cgroup is what stopped it.
        const unbounded = createPythonExecutor({
          isolation: 'bubblewrap',
          timeoutMs: 20_000,
          parallelism: 1,
          effectiveUid: process.geteuid?.() ?? 1000,
          guard: false,
          memoryCgroups: null,
          monotonicMs: () => performance.now(),
        });
        expect((await unbounded.runPython(program)).status).toBe('passed');
        // No cgroup of this process is left behind.
        const mine = () =>
          readdirSync(cgroups!.parent).filter((name) => name.startsWith(`parity-${process.pid}-`));
        for (let attempt = 0; attempt < 30 && mine().length > 0; attempt += 1)
          await new Promise((done) => setTimeout(done, 100));
        expect(mine()).toEqual([]);
      },
    );
  },
);

/** Tasks (processes and threads) of the given uids now. */
function tasksOf(uids: Set<number>): number {
  let tasks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (uids.has(Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]))) tasks += 1;
    } catch {
      // ended while we looked
    }
  }
  return tasks;
}

function runPythonProcess(options: object) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      resolve(import.meta.dirname, '../../../test/support/run-python-main.ts'),
      JSON.stringify(options),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  type Outcome = { uids: number[]; result: { status: string; outputTail: string } } | undefined;
  const done = new Promise<Outcome>((resolveDone) =>
    child.once('close', () => {
      try {
        resolveDone(JSON.parse(output.trim().split('\n').at(-1) ?? '') as Outcome);
      } catch {
        resolveDone(undefined); // killed before it printed
      }
    }),
  );
  return { child, done };
}

describe.skipIf(!available || !isRoot)(
  'two parity processes at once (skipped: needs root, /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    it("one process's fork bomb does not break the other's samples: each leases its own uids", async () => {
      const uidBase = 64_700;
      const range = new Set(Array.from({ length: 20 }, (_, index) => uidBase + index));
      // A fills its uid's process limit (32) and holds it.
      const bomb = runPythonProcess({
        program:
          'import os, time\nchildren = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            time.sleep(60)\n            os._exit(0)\n        children += 1\nexcept OSError:\n    pass\nprint("children", children)\ntime.sleep(60)',
        guard: false,
        uidBase,
        timeoutMs: 60_000,
      });
      try {
        const deadline = Date.now() + 40_000;
        while (tasksOf(range) < 30 && Date.now() < deadline)
          await new Promise((done) => setTimeout(done, 100));
        expect(tasksOf(range)).toBeGreaterThanOrEqual(30);
        // B, another parity process with the same configuration, starts a process in its sample.
        const honest = runPythonProcess({
          program: 'import subprocess\nassert subprocess.run(["/bin/true"]).returncode == 0',
          guard: false,
          uidBase,
          timeoutMs: 20_000,
        });
        const outcome = await honest.done;
        expect(outcome?.result).toMatchObject({ status: 'passed' });
        expect(outcome?.uids).toHaveLength(1);
        expect(range.has(outcome?.uids[0] ?? -1)).toBe(true);
      } finally {
        bomb.child.kill('SIGTERM');
        await bomb.done;
      }
      const deadline = Date.now() + 10_000;
      while (tasksOf(range) > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      expect(tasksOf(range)).toBe(0);
    });
  },
);
