import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { recommend } from '../../../analysis/recommend/recommend.ts';
import { writeTinyGguf } from '../../../providers/local/tiny-gguf.ts';
import { formatDeployment, formatTokens, formatUsd } from '../../../report/format-tco-table.ts';
import { formatColumns } from './format-columns.ts';
import { packageRoot } from '../../../package-files/package-root.ts';
import type { CliIo } from '../../cli-io.ts';
import { cacheDir, dataDir, storePath } from '../../paths.ts';
import { tcoCandidates } from '../../cost-inputs.ts';

/** Runs one parity command line (the CLI's own `main`): the demo is a script of the commands it shows. */
export type RunParity = (argv: readonly string[], io: CliIo) => Promise<number>;

/** The demo's two generated models: same architecture, different random weights. */
const DEMO_MODELS = [
  { name: 'A', seed: 1234 },
  { name: 'B', seed: 5678 },
] as const;
const CONTEXT_LENGTH = 8192;
/** Equivalence margin of the demo's comparison, in percentage points. */
const DEMO_MARGIN_POINTS = '10';
const DEMO_DATA = join(packageRoot(import.meta.dirname), 'src', 'cli', 'demo-data');
const DEMO_WORKLOAD = join(DEMO_DATA, 'workload.yaml');

export const DEMO_NOTICE =
  'parity demo: the whole workflow offline, on two tiny random-weight models that parity generates\n' +
  'itself (no download, no key). They write random text, so their scores are at or below chance\n' +
  '(25% on four-choice MMLU, about 0% on GSM8K): the demo shows the pipeline, not model quality.\n';

interface DemoRunJson {
  readonly run_id: string;
  readonly benchmark: string;
  readonly n: number;
  readonly metrics: Readonly<Record<string, { value: number; ci95: [number, number] }>>;
}

/** The generated model file of a seed (created once, then reused from the cache). */
async function demoModel(io: CliIo, seed: number): Promise<string> {
  const modelDir = join(cacheDir(io), 'demo');
  const modelPath = join(modelDir, `tiny-seed${seed}-ctx${CONTEXT_LENGTH}.gguf`);
  if (!existsSync(modelPath)) {
    await mkdir(modelDir, { recursive: true });
    const partial = `${modelPath}.${process.pid}.partial`;
    await writeTinyGguf(partial, { seed, contextLength: CONTEXT_LENGTH });
    await rename(partial, modelPath);
  }
  return modelPath;
}

/**
 * `parity demo`: with no network, key or data, walks the whole story in five steps: evaluates two generated
 * tiny models (different seeds) through the `local:` provider on parity's sample items in MMLU and GSM8K format
 * (the real files when PARITY_DATA_DIR is set), compares them with an equivalence margin, prices an example
 * workload, writes an HTML report, and says how to go on (`parity view`, a real endpoint). Progress goes to
 * stderr, the story to stdout; every table fits 100 columns.
 */
export async function demoCommand(
  flags: { store?: string; limit?: string; json?: boolean },
  cli: CliIo,
  run: RunParity,
): Promise<number> {
  // --json: the story is left out and one JSON document is printed at the end.
  const io: CliIo = flags.json ? { ...cli, stdout: () => undefined } : cli;
  const started = io.monotonicMs();
  const realData = dataDir(io, undefined);
  const limit = flags.limit ?? (realData ? '20' : undefined);
  const store = storePath(io, flags.store);
  io.stdout(DEMO_NOTICE);
  io.stdout(
    realData
      ? `data: ${realData} (PARITY_DATA_DIR)\n`
      : "data: parity's own sample items in MMLU and GSM8K format (set PARITY_DATA_DIR for the real files)\n",
  );
  const scratch = await mkdtemp(join(tmpdir(), 'parity-demo-'));
  const runsByModel: DemoRunJson[][] = [];
  try {
    for (const [index, model] of DEMO_MODELS.entries()) {
      const modelPath = await demoModel(io, model.seed);
      io.stdout(
        `\nstep ${index + 1}/5: evaluate model ${model.name}: local:${basename(modelPath)} (seed ${model.seed}),\n` +
          `  on the MMLU and GSM8K items (generated into ${dirname(modelPath)})\n`,
      );
      const jsonFile = join(scratch, `${model.name}.json`);
      // The eval's own table is replaced by the demo's narrower one; its progress still goes to stderr.
      const code = await run(
        [
          'eval',
          '--model',
          `local:${modelPath}`,
          '--bench',
          'mmlu,gsm8k',
          '--protocol',
          'mmlu.gen.5shot,gsm8k.cot.8shot',
          '--data-dir',
          realData ?? DEMO_DATA,
          '--concurrency',
          '1',
          '--threads',
          '1',
          ...(limit ? ['--limit', limit] : []),
          '--store',
          store,
          '--json',
          jsonFile,
          '--no-download',
        ],
        { ...io, stdout: () => undefined },
      );
      if (code !== 0) return code;
      const runs = (JSON.parse(await readFile(jsonFile, 'utf8')) as { runs: DemoRunJson[] }).runs;
      runsByModel.push(runs);
      io.stdout(`${formatScores(model.name, runs)}\n`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const [runsA = [], runsB = []] = runsByModel;
  const runIds = [...runsA, ...runsB].map((run) => run.run_id);

  io.stdout(
    `\nstep 3/5: compare B with A, item by item (is B as good as A within ±${DEMO_MARGIN_POINTS} points?)\n`,
  );
  const compared = await compareRuns(runIds, store, io, run);
  if (compared.code !== 0) return compared.code;
  io.stdout(`${compared.text}\n`);

  io.stdout(`\nstep 4/5: price a workload (${DEMO_WORKLOAD_LABEL}), per month\n`);
  const pricing = await formatPricing(io);
  io.stdout(`${pricing.text}\n`);

  const reportFile = join(store, '..', 'demo-report.html');
  io.stdout(`\nstep 5/5: write a self-contained HTML report of the four runs\n`);
  const reported = await run(
    ['report', ...runIds, '--html', reportFile, '--store', store, '--margin', DEMO_MARGIN_POINTS],
    io,
  );
  if (reported !== 0) return reported;

  const seconds = (io.monotonicMs() - started) / 1000;
  if (flags.json) {
    const models = DEMO_MODELS.map((model, index) => ({
      name: model.name,
      seed: model.seed,
      runs: (runsByModel[index] ?? []).map((run) => run.run_id),
    }));
    const document = {
      models,
      runs: [...runsA, ...runsB],
      comparisons: compared.json?.comparisons ?? [],
      pricing: pricing.rows,
      report: reportFile,
      store,
      seconds: Number(seconds.toFixed(1)),
    };
    cli.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return 0;
  }
  const storeShown = relative(io.cwd, store) || store;
  io.stdout(
    `\ndone in ${seconds.toFixed(1)} s. Next:\n` +
      `  parity view${flags.store ? ` --store ${storeShown}` : ''}\n` +
      '      browse these runs, their items and the comparison in your browser\n' +
      `  parity runs${flags.store ? ` --store ${storeShown}` : ''}\n` +
      '      list the stored runs\n' +
      '  parity eval --model openai:gpt-4o-mini --bench mmlu --limit 100\n' +
      '      a real endpoint: OPENAI_API_KEY (or a .env file), --base-url http://localhost:8000/v1 for\n' +
      '      vLLM, --model ollama:llama3.1 for Ollama (docs/providers.md)\n',
  );
  return 0;
}

const DEMO_WORKLOAD_LABEL = 'an assistant: 300M input + 60M output tokens a month';

/** `model A  mmlu  accuracy %  0.0  [0.0, 24.2]  12` for each run's headline metric. */
function formatScores(model: string, runs: readonly DemoRunJson[]): string {
  const rows = runs.map((run) => {
    const [metric, estimate] = Object.entries(run.metrics)[0] ?? ['—', { value: NaN, ci95: [NaN, NaN] }];
    const percent = (value: number): string => (value * 100).toFixed(1);
    return [
      `model ${model}`,
      run.benchmark,
      `${metric} %`,
      percent(estimate.value),
      `[${percent(estimate.ci95[0])}, ${percent(estimate.ci95[1])}]`,
      String(run.n),
      run.run_id,
    ];
  });
  return formatColumns(['model', 'benchmark', 'metric', 'value', '95% CI', 'n', 'run'], rows);
}

/** The cheapest API and self-hosted options for the demo workload, and how to price real runs. */
async function formatPricing(
  io: CliIo,
): Promise<{ text: string; rows: { model: string; deployment: string; monthly_usd: number | null }[] }> {
  const { workload, candidates } = await tcoCandidates(io, DEMO_WORKLOAD, {});
  const { ranked, breakEven } = recommend({ candidates, workload });
  const pick = [
    ...ranked.filter((candidate) => candidate.deployment === 'api').slice(0, 3),
    ...ranked.filter((candidate) => candidate.deployment === 'self_hosted').slice(0, 2),
  ];
  const rows = pick.map((candidate) => [
    candidate.modelName,
    // The precision note in parentheses is in `parity tco`; the demo's table stays narrow.
    formatDeployment(candidate)
      .replace(/ \(.*\)$/, '')
      .trim(),
    formatUsd(candidate.monthlyCostUsd),
    formatUsd(candidate.costPerMillionTokensUsd),
  ]);
  const table = formatColumns(['model', 'deployment', '$/month', '$/M tokens'], rows);
  const tiny =
    'The tiny demo models have no price: they run on your CPU. For real models, attach measured\n' +
    'quality and speed: parity recommend <workload.yaml> --runs <eval and bench run ids> (docs/cost.md)';
  const even = breakEven ? `\n${breakEvenLine(breakEven)}` : '';
  return {
    text: `${table}${even}\n${tiny}`,
    rows: pick.map((candidate, index) => ({
      model: candidate.model,
      deployment: rows[index]?.[1] ?? '',
      monthly_usd: candidate.monthlyCostUsd ?? null,
    })),
  };
}

function breakEvenLine(breakEven: NonNullable<ReturnType<typeof recommend>['breakEven']>): string {
  return breakEven.tokensPerMonth === undefined
    ? `the cheapest API stays cheaper than self-hosting ${breakEven.selfHosted.model} at any volume`
    : `self-hosting ${breakEven.selfHosted.model} is cheaper above ${formatTokens(breakEven.tokensPerMonth)} tokens a month`;
}

interface CompareJson {
  readonly comparisons: readonly {
    readonly benchmark: string;
    readonly metric: string;
    readonly n_paired: number;
    readonly a: { readonly value: number };
    readonly b: { readonly value: number };
    readonly test: { readonly p_adjusted: number };
    readonly margin?: {
      readonly value: number;
      readonly verdict: string;
      readonly interval: { readonly bounds: readonly [number, number] };
      readonly items_needed?: number | null;
    };
  }[];
}

/**
 * `parity compare --margin` on the demo's runs (A's run of each benchmark against B's), told in short lines:
 * `mmlu  A 0.0%  B 0.0%  A − B 0.0 pts, 95% CI [-24.2, +24.2], 12 paired items: inconclusive at ±10 pts`.
 */
async function compareRuns(
  runIds: readonly string[],
  store: string,
  io: CliIo,
  run: RunParity,
): Promise<{ code: number; text: string; json?: CompareJson }> {
  let json = '';
  const code = await run(
    ['compare', ...runIds, '--store', store, '--margin', DEMO_MARGIN_POINTS, '--cluster', 'item', '--json'],
    { ...io, stdout: (text) => void (json += text) },
  );
  if (code !== 0) return { code, text: '' };
  const points = (value: number): string => (value * 100).toFixed(1);
  const signed = (value: number): string => `${value >= 0 ? '+' : ''}${points(value)}`;
  const parsed = JSON.parse(json) as CompareJson;
  const lines = parsed.comparisons.map((comparison) => {
    const margin = comparison.margin;
    const [low, high] = margin?.interval.bounds ?? [NaN, NaN];
    const needed =
      margin?.verdict === 'inconclusive' && margin.items_needed
        ? ` (about ${margin.items_needed} items would decide it)`
        : '';
    return (
      `${comparison.benchmark} ${comparison.metric}: A ${points(comparison.a.value)}%, B ${points(comparison.b.value)}%, ` +
      `A − B ${signed(comparison.a.value - comparison.b.value)} pts over ${comparison.n_paired} paired items\n` +
      `  95% CI [${signed(low)}, ${signed(high)}] pts → ${margin?.verdict ?? 'no verdict'} at ±${DEMO_MARGIN_POINTS} pts${needed}`
    );
  });
  return {
    code: 0,
    json: parsed,
    text:
      `${lines.join('\n')}\n` +
      'Verdicts: equivalent (the interval lies inside the margin), different, or inconclusive (more\n' +
      'items needed), Holm-corrected over the benchmarks. Every test and interval in detail:\n' +
      `  parity compare <the four run ids above> --margin ${DEMO_MARGIN_POINTS}`,
  };
}
