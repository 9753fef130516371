/** What one grader says about one response: a score in [0, 1], whether it passed, and why. */
export interface GraderResult {
  readonly name: string;
  readonly type: string;
  /** In [0, 1]; null when the grader could not grade (sandbox failure, unparsed judgment): unscored. */
  readonly score: number | null;
  readonly passed: boolean;
  readonly reason: string;
}

/** Longest response excerpt quoted in a reason. */
const EXCERPT = 80;

/** A short quote of a response for reasons (whole responses are stored apart). */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat);
}
