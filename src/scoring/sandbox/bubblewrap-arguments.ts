export interface BubblewrapArgumentsOptions {
  /** The real interpreter, e.g. /usr/bin/python3 (a version-manager shim would need more of the filesystem). */
  readonly pythonPath: string;
  /** Arguments for the interpreter after its path. */
  readonly pythonArguments: readonly string[];
  /**
   * When parity runs as root: the unprivileged uid (and gid) the program runs as, set by setpriv inside the
   * sandbox, so that RLIMIT_NPROC applies (root ignores it). Undefined when parity is not root: bubblewrap then
   * uses a user namespace and the program keeps the caller's uid.
   */
  readonly dropToUid?: number;
  /** Size of the private /tmp (tmpfs), in bytes. */
  readonly tmpBytes: number;
  /** Read-only paths the interpreter needs besides /usr (e.g. /etc/ld.so.cache); missing ones are skipped. */
  readonly extraReadOnlyPaths?: readonly string[];
  /** 'merged' (default): /bin, /lib… are symlinks into /usr, as on Debian 12; 'split': they are bound read-only. */
  readonly usrLayout?: 'merged' | 'split';
  /** The descriptor bubblewrap reads a seccomp program from (`--seccomp FD`); none when undefined. */
  readonly seccompFd?: number;
}

/** Top-level directories that merged-/usr systems (Debian 12, Ubuntu) make symlinks into /usr. */
const usrSymlinks = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

/**
 * bubblewrap arguments that run the interpreter with: every namespace new (no network but loopback, own pid
 * namespace so the whole tree dies with it), only /usr (read-only), /dev (read-only: the device nodes still
 * work) and a private size-capped /tmp visible — no /home, /root, /etc/shadow or project files, no /proc (the
 * program's own memory would be readable through /proc/self/mem) —, a read-only root, so /tmp is the only
 * writable file system, an empty environment, a new session (no terminal to signal), death with the parent,
 * and the seccomp program when given. The caller adds the command's own process group kill for timeouts.
 */
export function bubblewrapArguments(options: BubblewrapArgumentsOptions): string[] {
  const namespaces =
    options.dropToUid === undefined
      ? ['--unshare-all']
      : // As root, no user namespace: setpriv below drops to a real unprivileged uid instead.
        ['--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  const readOnly = (options.extraReadOnlyPaths ?? ['/etc/ld.so.cache', '/etc/localtime']).flatMap((path) => [
    '--ro-bind-try',
    path,
    path,
  ]);
  const links =
    options.usrLayout === 'split'
      ? usrSymlinks.flatMap((name) => ['--ro-bind-try', `/${name}`, `/${name}`])
      : usrSymlinks.flatMap((name) => ['--symlink', `usr/${name}`, `/${name}`]);
  const dropPrivileges =
    options.dropToUid === undefined
      ? []
      : [
          '/usr/bin/setpriv',
          `--reuid=${options.dropToUid}`,
          `--regid=${options.dropToUid}`,
          '--clear-groups',
          '--inh-caps=-all',
          '--bounding-set=-all',
        ];
  return [
    ...namespaces,
    '--die-with-parent',
    '--new-session',
    '--hostname',
    'sandbox',
    '--ro-bind',
    '/usr',
    '/usr',
    ...links,
    ...readOnly,
    '--dev',
    '/dev',
    '--perms',
    '1777',
    '--size',
    String(options.tmpBytes),
    '--tmpfs',
    '/tmp',
    '--remount-ro',
    '/dev',
    '--remount-ro',
    '/',
    ...(options.seccompFd === undefined ? [] : ['--seccomp', String(options.seccompFd)]),
    '--chdir',
    '/tmp',
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/bin:/bin',
    '--setenv',
    'HOME',
    '/tmp',
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--',
    ...dropPrivileges,
    options.pythonPath,
    ...options.pythonArguments,
  ];
}
