// `npm run bench`: figures and ratios against baselines measured in the same run. Never fails a build.

// What users run: whole `parity eval` processes on MMLU at real size, two local servers, beside plain HTTP.
await import('./eval-throughput.ts');

// `parity view` on a store with four full MMLU runs: first page, memory, a poll during a running run.
console.log('');
await import('./view-big-store.ts');

// `parity demo` end to end: its duration.
console.log('');
await import('./demo-duration.ts');

// Sandbox overhead of code benchmarks (HumanEval canonical solutions, sandboxed vs not).
await import('./sandbox-overhead.ts');

// `parity bench` load generator: client overhead on TTFT and request rate against autocannon.
await import('./loadgen-vs-autocannon.ts');

// The serving model's error on every published throughput measurement in the catalog (docs/cost.md).
console.log('\nserving model vs published measurements (src/cost/serving-model.ts)');
await import('./serving-model-error.ts');

// Run store: an item record written alone against the group commit that `parity eval` uses.
await import('./store-writes.ts');

// `parity bench` figures against a delay server's own record (the strict 2% accuracy target).
await import('./bench-accuracy.ts');

// Rate limits: refusals and efficiency with the learned request rate, beside adaptive control off.
console.log('');
await import('./rate-limit-learning.ts');

// Adaptive concurrency: how close the limit settles to a server's capacity (timing-dependent, so a benchmark).
await import('./adaptive-concurrency.ts');

// Distributed workers on the PostgreSQL store: one process against 1, 2 and 4 workers (docs/team-store.md).
await import('./queue-workers.ts');
