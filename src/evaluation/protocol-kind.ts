import type {
  AsyncScoreContext,
  Benchmark,
  Item,
  ItemScore,
  LogLikelihoodRequest,
  PassAtKSpec,
  Protocol,
  ProtocolKind,
  StepContext,
} from '../spec/index.ts';

/**
 * The one place that tells protocol kinds apart (docs/decisions/0200-evaluation-engine.md): what a protocol of
 * each kind needs from the endpoint, the run and the caller, and its kind's hooks. The engine, the CLI and the
 * library ask these functions instead of looking at `kind` or at a hook themselves.
 */
interface KindNeeds {
  /** What the endpoint must give. */
  readonly endpoint: 'generation' | 'log-likelihood';
  /** Its scoring runs model-written programs: a CodeExecutor (the sandbox) is opened first. */
  readonly codeExecution: boolean;
  /** Several dependent requests per item, run by the protocol itself; one sample per item. */
  readonly multiStep: boolean;
}

const needsOfKind: Readonly<Record<ProtocolKind, KindNeeds>> = {
  generate: { endpoint: 'generation', codeExecution: false, multiStep: false },
  loglikelihood: { endpoint: 'log-likelihood', codeExecution: false, multiStep: false },
  execute: { endpoint: 'generation', codeExecution: true, multiStep: false },
  'multi-step': { endpoint: 'generation', codeExecution: false, multiStep: true },
};

/** What a protocol needs from an endpoint. */
export function protocolNeeds(protocol: Protocol): 'log-likelihood' | 'generation' {
  return needsOfKind[protocol.kind].endpoint;
}

/** Whether scoring runs model-written programs (the caller opens the sandbox before the first model call). */
export function executesCode(protocol: Protocol): boolean {
  return needsOfKind[protocol.kind].codeExecution;
}

/** Whether items run several dependent requests (one sample per item; recorded when all steps are done). */
export function isMultiStep(protocol: Protocol): boolean {
  return needsOfKind[protocol.kind].multiStep;
}

/** Whether the protocol is graded by a judge model the caller must supply (`--judge`). */
export function needsJudge(protocol: Protocol): boolean {
  return protocol.kind === 'multi-step' && protocol.needsJudge === true;
}

/** The benchmark's judge-graded protocol, when it has one (XSTest's xstest.judge): what `--judge` picks. */
export function judgeProtocolOf(benchmark: Benchmark): Protocol | undefined {
  return benchmark.protocols.find(needsJudge);
}

/** Log-likelihood protocols: the item's request for the continuations' log-likelihoods; undefined otherwise. */
export function logLikelihoodRequestOf(protocol: Protocol, item: Item): LogLikelihoodRequest | undefined {
  return protocol.kind === 'loglikelihood' ? protocol.buildLogLikelihoodRequest(item) : undefined;
}

/** Execute protocols: the scorer that runs the program; undefined for other kinds. */
export function codeScorerOf(
  protocol: Protocol,
): ((item: Item, completion: string, context: AsyncScoreContext) => Promise<ItemScore>) | undefined {
  return protocol.kind === 'execute' ? protocol.scoreAsync.bind(protocol) : undefined;
}

/** pass@k protocols (execute protocols that name a pass@k score): which scores; undefined otherwise. */
export function passAtKOf(protocol: Protocol): PassAtKSpec | undefined {
  return protocol.kind === 'execute' ? protocol.passAtK : undefined;
}

/** Multi-step protocols: the function that runs an item's steps; undefined for other kinds. */
export function stepRunnerOf(
  protocol: Protocol,
): ((item: Item, context: StepContext) => Promise<ItemScore>) | undefined {
  return protocol.kind === 'multi-step' ? protocol.runSteps.bind(protocol) : undefined;
}

/** Multi-step protocols with several scored units per item (MT-Bench's judged turns): the expansion. */
export function scoredUnitsOf(
  protocol: Protocol,
):
  | ((scores: Readonly<Record<string, number | null>>) => readonly Readonly<Record<string, number | null>>[])
  | undefined {
  return protocol.kind === 'multi-step' ? protocol.scoredUnits?.bind(protocol) : undefined;
}
