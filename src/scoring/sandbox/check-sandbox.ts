import type { CodeExecutor } from '../../spec/index.ts';

/** Result of the sandbox self-test: ok, or the one reason generated code must not run. */
export type SandboxCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const probeProgram = `
import json, os, socket
result = {'uid': os.getuid(), 'interfaces': sorted(name for _, name in socket.if_nameindex())}
try:
    open('/usr/.parity-probe', 'w')
    result['usr_writable'] = True
except OSError:
    result['usr_writable'] = False
with open('/tmp/probe', 'w') as probe:
    probe.write('x')
result['home_visible'] = os.path.exists('/root') or os.path.exists('/home')
result['proc_visible'] = os.path.exists('/proc')
print('PROBE' + json.dumps(result))
`;

interface ProbeResult {
  uid: number;
  interfaces: string[];
  usr_writable: boolean;
  home_visible: boolean;
  proc_visible: boolean;
}

/**
 * Runs a probe program through the executor and checks what the sandbox promises: it starts, the program is
 * not root, the network has no interface but loopback, the root filesystem is read-only, /tmp is writable and
 * home directories and /proc are not visible. Call it before the first model call, so a broken sandbox fails fast.
 */
export async function checkSandbox(executor: CodeExecutor): Promise<SandboxCheck> {
  const result = await executor.runPython(probeProgram);
  if (result.status !== 'passed') {
    const detail = result.outputTail.trim().split('\n').slice(-2).join(' ').slice(0, 300);
    return {
      ok: false,
      reason: `the sandbox self-test ${result.status === 'timed-out' ? 'timed out' : 'failed'}${detail ? `: ${detail}` : ''}`,
    };
  }
  if (executor.isolation === 'none') return { ok: true };
  const line = result.outputTail.split('\n').find((text) => text.startsWith('PROBE'));
  if (!line) return { ok: false, reason: 'the sandbox self-test printed nothing' };
  const probe = JSON.parse(line.slice('PROBE'.length)) as ProbeResult;
  if (probe.uid === 0) return { ok: false, reason: 'programs would run as root inside the sandbox' };
  if (probe.interfaces.some((name) => name !== 'lo'))
    return { ok: false, reason: `the sandbox has network interfaces ${probe.interfaces.join(', ')}` };
  if (probe.usr_writable) return { ok: false, reason: 'the sandbox root filesystem is writable' };
  if (probe.home_visible) return { ok: false, reason: 'home directories are visible in the sandbox' };
  if (probe.proc_visible) return { ok: false, reason: '/proc is visible in the sandbox' };
  return { ok: true };
}
