import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from './create-python-executor.ts';

const available = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/python3');

describe.skipIf(!available)(
  'the verdict channel and the reliability guard (skipped: needs /usr/bin/bwrap and /usr/bin/python3)',
  () => {
    const executorWith = (options: { guard?: boolean; nonce?: string } = {}) =>
      createPythonExecutor({
        isolation: 'bubblewrap',
        timeoutMs: 5000,
        parallelism: 2,
        effectiveUid: process.geteuid?.() ?? 1000,
        ...(options.guard === undefined ? {} : { guard: options.guard }),
        ...(options.nonce === undefined ? {} : { createNonce: () => options.nonce! }),
        monotonicMs: () => performance.now(),
      });

    it('counts a pass only from the secret, which the program never sees: knowing it would forge a pass', async () => {
      // The nonce is what makes the forgeries of forgery-snippets.ts fail: a program told it in advance passes.
      const nonce = 'a'.repeat(32);
      const forged = `import os\nos.write(3, b'verdict ${nonce}\\n')\nos._exit(0)`;
      expect((await executorWith({ nonce }).runPython(forged)).status).toBe('passed');
      expect((await executorWith().runPython(forged)).status).toBe('failed');
    });

    it('reports a program that returned as passed even if it then leaves a thread running', async () => {
      const result = await executorWith().runPython(
        'import threading, time\nthreading.Thread(target=time.sleep, args=(30,)).start()\nassert True',
      );
      expect(result.status).toBe('passed');
    });

    it('tells a sandbox that could not start the program (no nonce: sandbox error) from a failing program', async () => {
      const result = await executorWith({ nonce: '' }).runPython('assert True');
      expect(result.status).toBe('sandbox-error');
      expect(result.outputTail).toContain('no nonce');
    });

    const guarded: Record<string, string> = {
      'starts a process': 'import subprocess\nsubprocess.run(["/bin/true"])',
      forks: 'import os\nif os.fork() == 0:\n    os._exit(0)',
      'signals a process': 'import os, signal\nos.kill(os.getpid(), 0)',
      'deletes a file': 'open("/tmp/x", "w").close()\nimport os\nos.remove("/tmp/x")',
      'removes a tree': 'import os, shutil\nos.makedirs("/tmp/d/e")\nshutil.rmtree("/tmp/d")',
      'renames a file': 'import os\nopen("/tmp/x", "w").close()\nos.rename("/tmp/x", "/tmp/y")',
    };
    for (const [name, program] of Object.entries(guarded)) {
      it(`fails a program that ${name} (reliability guard), even when it catches the error; not without the guard`, async () => {
        const caught = `try:\n${program.replace(/^/gm, '    ')}\nexcept BaseException:\n    pass`;
        const result = await executorWith().runPython(caught);
        expect(result.status).toBe('failed');
        expect(result.outputTail).toMatch(/forbidden by the reliability guard: /);
        expect((await executorWith({ guard: false }).runPython(program)).status).toBe('passed');
      });
    }
  },
);
