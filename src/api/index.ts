/**
 * parity as a library (docs/library.md): the engine the CLI runs, behind typed functions. Everything exported
 * here is the public API; the package's "exports" point at this module only.
 */
export { evaluate, type EvaluateOptions, type EvaluationReport } from './evaluate.ts';
export { compare, type CompareOptions, type CompareReport } from './compare.ts';
export { createModel, type CreateModelOptions } from './create-model.ts';
export { openStore, type OpenStoreOptions } from './open-store.ts';
export { benchmarks, type BenchmarkInfo } from './list-benchmarks.ts';
export { defineTask, type TaskDefinition, type GraderSpec } from '../tasks/task-schema.ts';
export type { LibraryIoOptions } from './library-io.ts';
export type { RequestLimitOptions } from './request-gates.ts';
export type { ComparisonJson } from '../report/compare-report-json.ts';
export type { EstimateJson, ScoreReportJson } from '../report/score-report-json.ts';
export type { MarginOptions, ClusterChoice } from '../analysis/compare-runs.ts';
export type {
  LanguageModel,
  ModelIdentity,
  GenerateRequest,
  GenerateResult,
  RunStore,
  RunSummary,
  StoredRun,
} from '../spec/index.ts';
export { ParityError, InputError, ProviderError, CancelledError } from '../spec/index.ts';
