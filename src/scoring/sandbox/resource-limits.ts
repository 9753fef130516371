/** Kernel resource limits (setrlimit) applied, soft = hard, to every sandboxed program before it starts. */
export interface ResourceLimits {
  /** RLIMIT_CPU in seconds. */
  readonly cpuSeconds: number;
  /** RLIMIT_AS: address space in bytes; a larger allocation fails with MemoryError. */
  readonly addressSpaceBytes: number;
  /** RLIMIT_NPROC: processes and threads of the sandbox's uid. */
  readonly processes: number;
  /** RLIMIT_FSIZE: largest file the program may write, in bytes. */
  readonly fileSizeBytes: number;
  /** RLIMIT_NOFILE: open file descriptors. */
  readonly openFiles: number;
}

/** Defaults: 1 GiB of address space, 32 processes, 16 MiB files, 256 descriptors; CPU from the wall-clock limit. */
export function defaultResourceLimits(options: { timeoutMs: number }): ResourceLimits {
  return {
    cpuSeconds: Math.ceil(options.timeoutMs / 1000) + 1,
    addressSpaceBytes: 1024 * 1024 * 1024,
    processes: 32,
    fileSizeBytes: 16 * 1024 * 1024,
    openFiles: 256,
  };
}
