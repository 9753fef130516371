import { InputError } from '../spec/index.ts';
import type { Benchmark, Protocol } from '../spec/index.ts';
import { getProtocol } from './get-protocol.ts';
import { arcBenchmark } from './arc/index.ts';
import { bbhBenchmark } from './bbh/index.ts';
import { humanEvalPlusBenchmark, mbppPlusBenchmark } from './evalplus/index.ts';
import { cevalBenchmark } from './ceval/index.ts';
import { cmmluBenchmark } from './cmmlu/index.ts';
import { bfclBenchmark } from './bfcl/index.ts';
import { gsm8kBenchmark } from './gsm8k/index.ts';
import { ifevalBenchmark } from './ifeval/index.ts';
import { jsonSchemaBenchBenchmark } from './jsonschemabench/index.ts';
import { humanEvalBenchmark } from './humaneval/index.ts';
import { mbppBenchmark } from './mbpp/index.ts';
import { mgsmBenchmark } from './mgsm/index.ts';
import { mmluBenchmark } from './mmlu/index.ts';
import { mtbenchBenchmark } from './mtbench/index.ts';
import { xstestBenchmark } from './xstest/index.ts';
import { truthfulqaBenchmark } from './truthfulqa/index.ts';
import { longctxBenchmark } from './longctx/index.ts';
import { storedTaskProtocol } from '../tasks/stored-task-protocol.ts';
import { PAIRWISE_BENCHMARK, pairwiseProtocol } from '../scoring/pairwise/pairwise-protocol.ts';

export { getProtocol };

const benchmarks: readonly Benchmark[] = [
  mmluBenchmark,
  gsm8kBenchmark,
  humanEvalBenchmark,
  mbppBenchmark,
  mgsmBenchmark,
  bbhBenchmark,
  arcBenchmark,
  ifevalBenchmark,
  mtbenchBenchmark,
  xstestBenchmark,
  humanEvalPlusBenchmark,
  mbppPlusBenchmark,
  cmmluBenchmark,
  cevalBenchmark,
  truthfulqaBenchmark,
  jsonSchemaBenchBenchmark,
  longctxBenchmark,
  bfclBenchmark,
];

/** Every benchmark parity knows, in a stable order. */
export function listBenchmarks(): readonly Benchmark[] {
  return benchmarks;
}

/** The benchmark with this id; an unknown id throws InputError listing the known ones. */
export function getBenchmark(id: string): Benchmark {
  const benchmark = benchmarks.find((candidate) => candidate.id === id);
  if (benchmark === undefined) {
    throw new InputError(
      `unknown benchmark "${id}"; known benchmarks: ${benchmarks.map((known) => known.id).join(', ')}`,
    );
  }
  return benchmark;
}

/**
 * The protocol a stored run used: a task run's (`config.task`) is rebuilt from the task definition stored with
 * it; a judgment run's (`parity compare --judge`) is the pairwise protocol; every other run's comes from this
 * registry (getProtocol).
 */
export function runProtocol(config: {
  readonly benchmark: string;
  readonly protocol: string;
  readonly task?: { readonly file: string; readonly definition: unknown };
}): Protocol {
  if (config.task !== undefined) return storedTaskProtocol(config.task);
  if (config.benchmark === PAIRWISE_BENCHMARK) return pairwiseProtocol;
  return getProtocol(getBenchmark(config.benchmark), config.protocol);
}
