/**
 * Top-level Python that a wrong solution appends to itself to be counted as passed anyway: each one defeated an
 * exit-status harness or aims at parity's verdict channel (issue 12 point 1). Each runs before the tests, which
 * then fail. A fake verdict uses a made-up nonce: the real one is never visible to the program.
 */
const fakeVerdict = 'started\\nverdict 0123456789abcdef0123456789abcdef\\n';

export const forgerySnippets: Record<string, string> = {
  'os._exit(0) before the tests run': `import os\nos._exit(0)`,
  'os._exit replaced so that every exit is 0': `import os\n_real_exit = os._exit\nos._exit = lambda code=0: _real_exit(0)`,
  'sys.exit replaced so that every exit is 0': `import os, sys\nsys.exit = lambda code=0: os._exit(0)`,
  'os.write replaced to rewrite what the harness writes': `import os\n_real_write = os.write\nos.write = lambda fd, data: _real_write(fd, b'${fakeVerdict}' if fd in (1, 2, 3) else data)`,
  'a fake traceback module in sys.modules that exits 0': `import os, sys, types\n_fake = types.ModuleType('traceback')\n_fake.print_exc = lambda *a, **k: os._exit(0)\n_fake.print_exception = _fake.print_exc\n_fake.format_exc = lambda *a, **k: os._exit(0)\nsys.modules['traceback'] = _fake`,
  'sys.excepthook that exits 0': `import os, sys\nsys.excepthook = lambda *args: os._exit(0)`,
  'an atexit handler that exits 0': `import atexit, os\natexit.register(lambda: os._exit(0))`,
  'printing the markers': `import sys\nprint('started')\nprint('passed')\nprint('${fakeVerdict}')\nsys.stdout.flush()`,
  'writing the markers to every inherited descriptor, then exit 0': `import os\nfor _fd in range(0, 256):\n    try:\n        os.write(_fd, b'${fakeVerdict}')\n    except OSError:\n        pass\nos._exit(0)`,
  'raising the verdict event itself': `import sys\nsys.audit('parity.verdict')`,
  'raising the verdict event from a signal handler without a frame of its own': `import functools, signal, sys\nsignal.signal(signal.SIGALRM, functools.partial(sys.audit, 'parity.verdict'))\nsignal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)`,
  'a thread that exits 0 while the tests fail': `import os, threading, time\nthreading.Thread(target=lambda: (time.sleep(0.05), os._exit(0)), daemon=True).start()\ntime.sleep(0.2)`,
  "searching the harness's objects with gc for the secret": `import gc, os\nfor _o in gc.get_objects():\n    if isinstance(_o, (bytes, str)) and len(_o) == 32:\n        os.write(3, b'verdict ' + (_o if isinstance(_o, bytes) else _o.encode()) + b'\\n')\nos._exit(0)`,
  "reading the harness's frames, globals and code for the secret": `import os, sys\n_f = sys._getframe()\nwhile _f.f_back is not None:\n    _f = _f.f_back\nfor _v in list(_f.f_globals.values()) + list(_f.f_code.co_consts):\n    if isinstance(_v, bytes):\n        os.write(3, b'verdict ' + _v + b'\\n')\nos._exit(0)`,
  'memory access through ctypes': `import ctypes\nctypes.string_at(id(0), 64)`,
  'tracing to jump over the failing tests': `import sys\nsys.settrace(lambda *args: None)`,
};
