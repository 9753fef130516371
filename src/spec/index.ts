export * from './errors.ts';
export * from './language-model.ts';
export * from './benchmark.ts';
export * from './code-execution.ts';
export * from './estimate.ts';
export * from './run.ts';
export * from './store.ts';
export * from './bench.ts';
