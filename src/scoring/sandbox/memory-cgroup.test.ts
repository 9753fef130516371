import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMemoryCgroups } from './memory-cgroup.ts';

describe('findMemoryCgroups (on a directory laid out like /sys/fs/cgroup)', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));
  const layout = (cgroupFile: string, directories: string[]) => {
    const root = mkdtempSync(join(tmpdir(), 'parity-cgroup-'));
    roots.push(root);
    for (const directory of directories) mkdirSync(join(root, directory), { recursive: true });
    writeFileSync(join(root, 'self-cgroup'), cgroupFile);
    return root;
  };

  it('cgroup v1: creates parity-<pid>-<n> under its own memory cgroup with the limit, and removes stale ones', () => {
    const root = layout('9:pids:/\n4:memory:/jobs/a\n0::/\n', ['memory/jobs/a/parity-999999-3']);
    const cgroups = findMemoryCgroups({
      selfCgroupFile: join(root, 'self-cgroup'),
      cgroupRoot: root,
      pid: 42,
      isAlive: (pid) => pid === 42,
    });
    expect(cgroups).toMatchObject({ version: 1, parent: join(root, 'memory/jobs/a') });
    expect(existsSync(join(root, 'memory/jobs/a/parity-999999-3'))).toBe(false);
    const cgroup = cgroups!.create(1234);
    expect(cgroup.procsFile).toMatch(/memory\/jobs\/a\/parity-42-\d+\/cgroup.procs$/);
    expect(readFileSync(join(cgroup.procsFile, '../memory.limit_in_bytes'), 'utf8')).toBe('1234');
  });

  it('cgroup v2: memory.max in a child of its own cgroup', () => {
    const root = layout('0::/user/job\n', ['user/job']);
    writeFileSync(join(root, 'cgroup.controllers'), 'cpu memory pids');
    const cgroups = findMemoryCgroups({
      selfCgroupFile: join(root, 'self-cgroup'),
      cgroupRoot: root,
      pid: 7,
      isAlive: () => true,
    });
    expect(cgroups?.version).toBe(2);
    const cgroup = cgroups!.create(99);
    expect(readFileSync(join(cgroup.procsFile, '../memory.max'), 'utf8')).toBe('99');
  });

  it('none: no memory controller, or a cgroup file it cannot read', () => {
    const root = layout('1:cpu:/\n', []);
    const options = { cgroupRoot: root, pid: 1, isAlive: () => true };
    expect(findMemoryCgroups({ ...options, selfCgroupFile: join(root, 'self-cgroup') })).toBeUndefined();
    expect(findMemoryCgroups({ ...options, selfCgroupFile: join(root, 'missing') })).toBeUndefined();
  });
});
