import { createContext, runInContext, type Context } from 'node:vm';
import { excerpt } from './grader-result.ts';
import { fail, pass, type Verdict } from './text-graders.ts';

/** Wall-clock limit for one regular expression match (catastrophic backtracking is cut off here). */
export const REGEX_TIME_LIMIT_MS = 250;

let context: Context | undefined;

/**
 * Runs the match inside a vm context with a timeout: V8 interrupts a backtracking match at the limit
 * (`ERR_SCRIPT_EXECUTION_TIMEOUT`), so a pattern like `^(a+)+$` on a hostile response fails the item instead
 * of hanging the run.
 */
function matchWithin(
  pattern: string,
  flags: string,
  text: string,
  timeoutMs: number,
): (string | undefined)[] | null | 'timeout' {
  context ??= createContext({});
  const sandbox = context as { pattern?: string; flags?: string; text?: string };
  sandbox.pattern = pattern;
  sandbox.flags = flags;
  sandbox.text = text;
  try {
    const found = runInContext(
      'var m = new RegExp(pattern, flags).exec(text); m === null ? null : Array.from(m)',
      context,
      { timeout: timeoutMs },
    ) as (string | undefined)[] | null;
    return found;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw error;
  } finally {
    sandbox.text = '';
  }
}

/**
 * `regex`: the pattern matches the response; with `value`, capture group `group` (default 1) must equal it.
 * A match still running after `timeoutMs` fails the grader with that reason.
 */
export function gradeRegex(
  response: string,
  options: { pattern: string; flags?: string; group?: number; value?: string; timeoutMs?: number },
): Verdict {
  const found = matchWithin(
    options.pattern,
    options.flags ?? '',
    response,
    options.timeoutMs ?? REGEX_TIME_LIMIT_MS,
  );
  if (found === 'timeout') {
    return fail(
      `/${options.pattern}/ gave up after ${options.timeoutMs ?? REGEX_TIME_LIMIT_MS} ms (backtracking)`,
    );
  }
  if (found === null) return fail(`/${options.pattern}/ does not match ${excerpt(response)}`);
  if (options.value === undefined) return pass(`/${options.pattern}/ matches ${excerpt(found[0] ?? '')}`);
  const group = options.group ?? 1;
  const captured = found[group];
  if (captured === undefined) return fail(`/${options.pattern}/ matched without group ${group}`);
  return captured === options.value
    ? pass(`group ${group} is ${excerpt(captured)}`)
    : fail(`group ${group} is ${excerpt(captured)}, not ${excerpt(options.value)}`);
}
