import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One program's memory cgroup: the program joins it by writing its pid to `procsFile` before it starts. */
export interface ProgramCgroup {
  readonly procsFile: string;
  /** Removes the cgroup once its processes are gone; false while it is still busy (left for a later try). */
  remove(): boolean;
}

/** Where parity may create memory cgroups, found once per executor. */
export interface MemoryCgroups {
  readonly version: 1 | 2;
  /** The directory new cgroups are created in (the parity process's own memory cgroup). */
  readonly parent: string;
  /** A new cgroup capped at `bytes` of memory (RAM, page cache and tmpfs/shmem pages, no swap). */
  create(bytes: number): ProgramCgroup;
}

export interface FindMemoryCgroupsOptions {
  /** Default /proc/self/cgroup. */
  readonly selfCgroupFile?: string;
  /** Default /sys/fs/cgroup. */
  readonly cgroupRoot?: string;
  /** This process, for cgroup names (`parity-<pid>-<n>`). */
  readonly pid: number;
  /** Whether a process still runs (stale cgroups of dead parity processes are removed). */
  readonly isAlive: (pid: number) => boolean;
}

function parentDirectory(options: FindMemoryCgroupsOptions): { version: 1 | 2; parent: string } | undefined {
  const root = options.cgroupRoot ?? '/sys/fs/cgroup';
  let lines: string[];
  try {
    lines = readFileSync(options.selfCgroupFile ?? '/proc/self/cgroup', 'utf8').split('\n');
  } catch {
    return undefined;
  }
  for (const line of lines) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line) ?? [];
    if (controllers === undefined || path === undefined) continue;
    if (controllers.split(',').includes('memory') && existsSync(join(root, 'memory', path))) {
      return { version: 1, parent: join(root, 'memory', path) };
    }
  }
  const unified = lines.map((line) => /^0::(.*)$/.exec(line)?.[1]).find((path) => path !== undefined);
  if (unified !== undefined && existsSync(join(root, 'cgroup.controllers'))) {
    return { version: 2, parent: join(root, unified) };
  }
  return undefined;
}

/** Numbers cgroup names, shared by every executor of the process so that names never collide. */
let created = 0;

function removeQuietly(directory: string): boolean {
  try {
    rmdirSync(directory);
    return true;
  } catch {
    return false;
  }
}

/**
 * The memory cgroups parity can create, or undefined when the machine offers none it may write (not root, no
 * delegated cgroup, cgroup v2 without the memory controller for children): the sandbox then relies on its
 * sized mounts and seccomp program alone. Decided by creating and limiting a trial cgroup; cgroups left by dead
 * parity processes are removed on the way. The trial's process joins it, as every program's shell will.
 */
export function findMemoryCgroups(options: FindMemoryCgroupsOptions): MemoryCgroups | undefined {
  const found = parentDirectory(options);
  if (!found) return undefined;
  const { version, parent } = found;
  try {
    for (const entry of readdirSync(parent)) {
      const owner = /^parity-(\d+)-\d+$/.exec(entry)?.[1];
      if (owner !== undefined && !options.isAlive(Number(owner))) removeQuietly(join(parent, entry));
    }
  } catch {
    return undefined;
  }
  const create = (bytes: number): ProgramCgroup => {
    const directory = join(parent, `parity-${options.pid}-${created++}`);
    mkdirSync(directory);
    try {
      if (version === 1) {
        writeFileSync(join(directory, 'memory.limit_in_bytes'), String(bytes));
        // With swap accounting, RAM + swap get the same cap, so the program cannot spill into swap.
        if (existsSync(join(directory, 'memory.memsw.limit_in_bytes')))
          writeFileSync(join(directory, 'memory.memsw.limit_in_bytes'), String(bytes));
      } else {
        writeFileSync(join(directory, 'memory.max'), String(bytes));
        if (existsSync(join(directory, 'memory.swap.max')))
          writeFileSync(join(directory, 'memory.swap.max'), '0');
      }
    } catch (error) {
      removeQuietly(directory);
      throw error;
    }
    return { procsFile: join(directory, 'cgroup.procs'), remove: () => removeQuietly(directory) };
  };
  try {
    // A trial cgroup that a process really joins (v2 refuses processes in some cgroups that accept a limit).
    const trial = create(64 * 1024 * 1024);
    const joined = spawnSync('/bin/sh', ['-c', 'echo $$ > "$1"', 'parity-trial', trial.procsFile], {
      stdio: 'ignore',
    });
    trial.remove();
    if (joined.status !== 0) return undefined;
  } catch {
    return undefined;
  }
  return { version, parent, create };
}
