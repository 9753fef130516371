import type {
  ComparisonView,
  ItemPage,
  ItemQuery,
  LatencyView,
  LeaderboardView,
  RunDetailView,
  RunView,
} from '../src/report/view-model.ts';

export interface ChatMessageView {
  readonly role: string;
  readonly content: string;
}

/** Where the views get their data: the `parity view` API, or the data inlined in an HTML report. */
export interface DataSource {
  /** 'live' polls the server; 'report' is a fixed snapshot. */
  readonly mode: 'live' | 'report';
  runs(): Promise<readonly RunView[]>;
  /** One run's page; undefined when the source does not have it (a report written before run pages). */
  runDetail(runId: string): Promise<RunDetailView | undefined>;
  leaderboards(): Promise<readonly LeaderboardView[]>;
  /** A against the others; with `margin` (points), also "is B as good as A?" as `parity compare --margin`. */
  compare(
    runIds: readonly string[],
    options?: { margin?: number; nonInferiority?: boolean },
  ): Promise<{ runs: readonly RunView[]; comparisons: readonly ComparisonView[] }>;
  items(runId: string, query: ItemQuery & { vs?: string }): Promise<ItemPage>;
  /** The full request of one item; undefined when the source does not hold it (reports keep only the prompt). */
  messages(runId: string, key: string): Promise<readonly ChatMessageView[] | undefined>;
  /** Latency of these runs; with none, of every bench run. */
  latency(runIds?: readonly string[]): Promise<readonly LatencyView[]>;
}
