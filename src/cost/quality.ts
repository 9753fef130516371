import type { CatalogModel } from './catalog-types.ts';

/** A score measured by parity on a stored run, already mapped to a catalog model. */
export interface MeasuredScore {
  /** Catalog model id. */
  readonly model: string;
  readonly benchmark: string;
  readonly value: number;
  readonly ci95?: readonly [number, number];
  /** Items behind the value (for the unpaired two-proportion test between candidates). */
  readonly n?: number;
  readonly protocol: string;
  readonly runId: string;
}

export interface QualityFigure {
  readonly benchmark: string;
  readonly value: number;
  readonly ci95?: readonly [number, number];
  /** `measured` by parity on a stored run, or `published` in the catalog (another harness, another protocol). */
  readonly basis: 'measured' | 'published';
  readonly protocol: string;
  readonly source: string;
  /** The measured run (basis `measured` only). */
  readonly runId?: string;
  /** Items behind a measured value. */
  readonly n?: number;
}

/** The score of a model on a benchmark: a measured run when there is one, else the catalog's published figure. */
export function qualityFigure(options: {
  model: CatalogModel;
  benchmark: string;
  measured: readonly MeasuredScore[];
}): QualityFigure | undefined {
  const run = options.measured.find(
    (score) => score.model === options.model.id && score.benchmark === options.benchmark,
  );
  if (run) {
    return {
      benchmark: run.benchmark,
      value: run.value,
      ...(run.ci95 ? { ci95: run.ci95 } : {}),
      basis: 'measured',
      protocol: run.protocol,
      source: `run ${run.runId}`,
      runId: run.runId,
      ...(run.n === undefined ? {} : { n: run.n }),
    };
  }
  const published = options.model.scores.find((score) => score.benchmark === options.benchmark);
  if (!published) return undefined;
  return {
    benchmark: published.benchmark,
    value: published.value,
    basis: 'published',
    protocol: published.protocol,
    source: `${published.source}, as of ${published.asOf}`,
  };
}

/** Quality figures for the workload's floors and a violation for every floor missed or unknown. */
export function checkQualityFloors(options: {
  model: CatalogModel;
  floors: readonly { benchmark: string; min: number }[];
  measured: readonly MeasuredScore[];
}): { quality: QualityFigure[]; violations: string[] } {
  const quality: QualityFigure[] = [];
  const violations: string[] = [];
  for (const floor of options.floors) {
    const figure = qualityFigure({
      model: options.model,
      benchmark: floor.benchmark,
      measured: options.measured,
    });
    if (!figure) {
      violations.push(
        `quality: no ${floor.benchmark} score for ${options.model.id} (measure one with 'parity eval --bench ${floor.benchmark}' and pass --runs)`,
      );
      continue;
    }
    quality.push(figure);
    if (figure.value < floor.min) {
      violations.push(
        `quality: ${floor.benchmark} ${figure.value.toFixed(3)} (${figure.basis}, ${figure.protocol}) is below the floor ${floor.min}`,
      );
    }
  }
  return { quality, violations };
}
