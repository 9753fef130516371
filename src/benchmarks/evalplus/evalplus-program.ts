import type { EvalPlusData } from './evalplus-data.ts';
import { evalPlusHarnessPython } from './evalplus-harness-python.ts';
import { evalPlusLimits } from './evalplus-limits.ts';
import { evalPlusSanitizerPython } from './evalplus-sanitizer-python.ts';

/** EvalPlus's two test suites: the original tests' inputs, and the original plus EvalPlus's extra inputs. */
export type EvalPlusSuite = 'base' | 'plus';

/** A JavaScript string as a Python string literal (JSON's string syntax is a subset of Python's). */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}

/**
 * The program that checks `solution` against one suite of the task (see `evalPlusHarnessPython`). `solution` is
 * a whole program defining the entry point, as EvalPlus's `solution` field; with `sanitize` it is first passed
 * through EvalPlus's sanitizer (a model's reply).
 */
export function evalPlusProgram(
  data: EvalPlusData,
  suite: EvalPlusSuite,
  solution: string,
  options: { sanitize: boolean },
): string {
  const args = [
    pythonString(data.dataset),
    pythonString(data.taskId),
    pythonString(suite),
    pythonString(data.entryPoint),
    pythonNumber(data.atol),
    pythonString(suite === 'base' ? data.baseInputJson : data.plusInputJson),
    pythonString(`${data.prompt}${data.canonicalSolution}`),
    pythonString(solution),
    options.sanitize ? 'True' : 'False',
    pythonNumber(evalPlusLimits.minTimeLimitSeconds),
    pythonNumber(evalPlusLimits.groundTruthFactor),
    pythonNumber(evalPlusLimits.perTaskSeconds),
  ];
  return `${evalPlusSanitizerPython}\n${evalPlusHarnessPython}\n_parity_check(${args.join(', ')})\n`;
}
