// Types of scripts/mutation-partials.mjs (plain JavaScript so that scripts/mutate.mjs runs under plain node).

/** One file's result in its latest partial mutation run. */
export interface FileRecord {
  readonly file: string;
  readonly sha256: string;
  readonly detected: number;
  readonly undetected: number;
  readonly date: string;
  readonly machine: string;
}

export type FileRecords = Readonly<Record<string, FileRecord>>;

export interface MutationReport {
  readonly files?: Readonly<
    Record<
      string,
      { readonly source?: string; readonly mutants?: ReadonlyArray<{ readonly status: string }> }
    >
  >;
}

export type AssembledScore =
  | {
      readonly complete: true;
      readonly files: number;
      readonly detected: number;
      readonly undetected: number;
      readonly score: number;
      readonly firstDate: string;
      readonly lastDate: string;
    }
  | {
      readonly complete: false;
      readonly files: number;
      readonly missing: readonly string[];
      readonly changed: readonly string[];
    };

export function sourceSha256(source: string): string;
export function recordsFromReport(
  report: MutationReport,
  options: { date: string; machine: string; extraFiles?: Readonly<Record<string, string>> },
): Record<string, FileRecord>;
export function mergeRecords(existing: FileRecords, incoming: FileRecords): Record<string, FileRecord>;
export function assembleScore(input: {
  moduleFiles: readonly string[];
  records: FileRecords;
  currentSha256: Readonly<Record<string, string>>;
}): AssembledScore;
export function assembledLine(name: string, target: number, assembled: AssembledScore): string;
