import { randomUUID } from 'node:crypto';
import type { CodeExecutor } from '../../spec/index.ts';
import type { Verdict } from './text-graders.ts';

/** Longest response handed to a python grader (the rest is cut; the reason says so). */
export const MAX_PYTHON_RESPONSE_CHARS = 200_000;

/**
 * The program the sandbox runs: the task's grader source, then a call of `grade(response, row)` whose result
 * is printed after a fresh marker (so nothing the grader prints earlier can pass for a result).
 */
export function pythonGraderProgram(code: string, response: string, row: unknown, marker: string): string {
  const payload = Buffer.from(JSON.stringify({ response, row }), 'utf8').toString('base64');
  return [
    code,
    '',
    'def __parity_main():',
    '    import base64, json, math',
    `    payload = json.loads(base64.b64decode("${payload}").decode("utf-8"))`,
    '    result = grade(payload["response"], payload["row"])',
    '    reason = ""',
    '    if isinstance(result, dict):',
    '        reason = str(result.get("reason", ""))',
    '        result = result.get("score")',
    '    if isinstance(result, bool):',
    '        score = 1.0 if result else 0.0',
    '    elif isinstance(result, (int, float)) and math.isfinite(result) and 0 <= result <= 1:',
    '        score = float(result)',
    '    else:',
    '        raise SystemExit("grade() returned " + repr(result)[:80] + ", not a bool or a number in [0, 1]")',
    `    print("\\n${marker}" + json.dumps({"score": score, "reason": reason[:500]}))`,
    '',
    '__parity_main()',
    '',
  ].join('\n');
}

/** The last line of output that starts with the marker, parsed. */
function markedResult(output: string, marker: string): { score: number; reason: string } | undefined {
  const at = output.lastIndexOf(marker);
  if (at < 0) return undefined;
  const line = output.slice(at + marker.length).split('\n')[0] ?? '';
  try {
    const value = JSON.parse(line) as { score?: unknown; reason?: unknown };
    if (typeof value.score !== 'number' || value.score < 0 || value.score > 1) return undefined;
    return { score: value.score, reason: typeof value.reason === 'string' ? value.reason : '' };
  } catch {
    return undefined;
  }
}

/** The last line of a program's output, for reasons. */
function lastLine(output: string): string {
  const lines = output.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}

/**
 * `python`: runs `grade(response, row)` in the sandbox (bubblewrap, no network, time and memory limits).
 * bool → 1/0; a number in [0, 1] is the score and passes only at 1. A grader that raises, loops past the time
 * limit or returns anything else fails the item with that reason; a sandbox that cannot start leaves it
 * unscored.
 */
export async function gradePython(
  executor: CodeExecutor,
  options: { code: string; response: string; row: unknown },
): Promise<Verdict> {
  const marker = `PARITY-GRADE-${randomUUID()}:`;
  const response = options.response.slice(0, MAX_PYTHON_RESPONSE_CHARS);
  const result = await executor.runPython(pythonGraderProgram(options.code, response, options.row, marker));
  if (result.status === 'sandbox-error') {
    return {
      score: null,
      passed: false,
      reason: `sandbox could not run the grader: ${lastLine(result.outputTail)}`,
    };
  }
  if (result.status === 'timed-out') {
    return { score: 0, passed: false, reason: `grader still running after ${executor.timeoutMs} ms` };
  }
  const graded = result.status === 'passed' ? markedResult(result.outputTail, marker) : undefined;
  if (!graded) return { score: 0, passed: false, reason: `grader failed: ${lastLine(result.outputTail)}` };
  const note =
    options.response.length > MAX_PYTHON_RESPONSE_CHARS ? ' (response cut to 200,000 characters)' : '';
  return {
    score: graded.score,
    passed: graded.score >= 1,
    reason: `${graded.reason || `grade() gave ${graded.score}`}${note}`,
  };
}
