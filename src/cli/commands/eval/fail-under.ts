import { InputError } from '../../../spec/index.ts';
import type { RunScores } from '../../run-summary.ts';

/** One `--fail-under <metric>=<value>` gate. */
export interface FailUnderGate {
  readonly metric: string;
  readonly threshold: number;
}

/** Parses `--fail-under` values (`score=0.8`, `pass_rate.schema=0.95`); a bad one is InputError (exit 2). */
export function parseFailUnder(values: readonly string[] | undefined): FailUnderGate[] {
  return (values ?? []).map((text) => {
    const match = /^([A-Za-z0-9_.@-]+)=([-+]?(?:\d+\.?\d*|\.\d+))$/.exec(text.trim());
    if (!match?.[1] || match[2] === undefined) {
      throw new InputError(`expected <metric>=<value>, e.g. score=0.8; got '${text}'`, {
        location: '--fail-under',
      });
    }
    return { metric: match[1], threshold: Number(match[2]) };
  });
}

/**
 * One line per gate a run fails: the metric's point estimate (or, with `lower`, its 95% interval's lower
 * bound) is below the threshold. A run without the metric fails the gate too (a typo must not pass CI).
 */
export function failedGates(
  results: readonly RunScores[],
  gates: readonly FailUnderGate[],
  options: { lower: boolean },
): string[] {
  const failures: string[] = [];
  for (const result of results) {
    const label = `run ${result.run.runId} (${result.run.config.benchmark} on ${result.run.config.modelSpec})`;
    for (const gate of gates) {
      const estimate = result.summary.metrics[gate.metric];
      if (!estimate) {
        const known = Object.keys(result.summary.metrics).join(', ');
        failures.push(
          `gate failed: --fail-under ${gate.metric}=${gate.threshold}: ${label} has no metric ${gate.metric} (it has ${known})`,
        );
        continue;
      }
      const figure = options.lower ? estimate.ci95[0] : estimate.value;
      if (!(figure >= gate.threshold)) {
        const what = options.lower ? `lower 95% bound ${figure.toFixed(4)}` : `${figure.toFixed(4)}`;
        failures.push(
          `gate failed: --fail-under ${gate.metric}=${gate.threshold}: ${label} has ${gate.metric} ${what}`,
        );
      }
    }
  }
  return failures;
}
