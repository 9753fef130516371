/** One JSONSchemaBench schema: the task is to produce any JSON instance valid for it. */
export interface JsonSchemaBenchData {
  /** Subset (file stem), e.g. 'Github_easy', 'Glaiveai2K'. */
  readonly subset: string;
  /** The schema's name within its subset (upstream file stem, e.g. 'o948'). */
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>> | boolean;
  /** The first instance the data labels valid (MaskBench `tests`), when there is one: the reference answer. */
  readonly validInstance?: unknown;
}
