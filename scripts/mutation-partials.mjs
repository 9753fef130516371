// Per-file results of mutation runs (`npm run mutate -- <module> [--mutate <glob>]`) and the module score
// assembled from them. Pure functions: scripts/mutate.mjs does the reading and writing.
//
// A run records, for each file it mutated, the sha256 of the source it mutated, its mutant counts and the run's
// date (docs/mutation-records/<module>.json). The latest record of each file counts. A module's
// assembled score exists only when every file the module mutates has a record whose sha256 is the file's current
// source: a file edited since its run, or never run, leaves the module without an assembled score (and says which).
import { createHash } from 'node:crypto';

/** sha256 of a source text, hex. */
export function sourceSha256(source) {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

const detectedStatuses = new Set(['Killed', 'Timeout']);
const undetectedStatuses = new Set(['Survived', 'NoCoverage']);

/**
 * The per-file records of one mutation-testing-report (Stryker's mutation.json: `files[path].source` and
 * `.mutants[].status`). Mutants that are neither detected nor undetected (compile and runtime errors, ignored)
 * are not counted, as in Stryker's score. `extraFiles` (path → source) adds files the run mutated that have no
 * mutant, which the report may leave out.
 */
export function recordsFromReport(report, { date, machine, extraFiles = {} }) {
  const records = {};
  for (const [file, source] of Object.entries(extraFiles)) {
    records[file] = { file, sha256: sourceSha256(source), detected: 0, undetected: 0, date, machine };
  }
  for (const [file, entry] of Object.entries(report.files ?? {})) {
    const statuses = (entry.mutants ?? []).map((mutant) => mutant.status);
    records[file] = {
      file,
      sha256: sourceSha256(entry.source ?? ''),
      detected: statuses.filter((status) => detectedStatuses.has(status)).length,
      undetected: statuses.filter((status) => undetectedStatuses.has(status)).length,
      date,
      machine,
    };
  }
  return records;
}

/** `incoming` records merged into `existing`: for each file the one with the later date (ISO dates compare as text). */
export function mergeRecords(existing, incoming) {
  const merged = { ...existing };
  for (const [file, record] of Object.entries(incoming)) {
    const current = merged[file];
    if (current === undefined || record.date > current.date) merged[file] = record;
  }
  return merged;
}

/**
 * The module's score assembled from per-file records, or why there is none. `moduleFiles` are the files the module
 * mutates now; `currentSha256` maps each of them to the sha256 of its source now.
 */
export function assembleScore({ moduleFiles, records, currentSha256 }) {
  const missing = moduleFiles.filter((file) => records[file] === undefined);
  const changed = moduleFiles.filter(
    (file) => records[file] !== undefined && records[file].sha256 !== currentSha256[file],
  );
  if (moduleFiles.length === 0 || missing.length > 0 || changed.length > 0) {
    return { complete: false, files: moduleFiles.length, missing, changed };
  }
  const used = moduleFiles.map((file) => records[file]);
  const detected = used.reduce((sum, record) => sum + record.detected, 0);
  const undetected = used.reduce((sum, record) => sum + record.undetected, 0);
  const dates = used.map((record) => record.date).sort();
  return {
    complete: true,
    files: moduleFiles.length,
    detected,
    undetected,
    score: detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected),
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
  };
}

/** The table line of an assembled score (or of why there is none). */
export function assembledLine(name, target, assembled) {
  const label = `  ${name.padEnd(26)}`;
  if (!assembled.complete) {
    const reasons = [];
    if (assembled.missing.length > 0)
      reasons.push(
        `${assembled.missing.length} never run (${assembled.missing.slice(0, 3).join(', ')}${assembled.missing.length > 3 ? ', …' : ''})`,
      );
    if (assembled.changed.length > 0)
      reasons.push(
        `${assembled.changed.length} changed since their run (${assembled.changed.slice(0, 3).join(', ')}${assembled.changed.length > 3 ? ', …' : ''})`,
      );
    return `${label} no assembled score: of ${assembled.files} files, ${reasons.join('; ')}`;
  }
  const status = assembled.score >= target ? 'meets' : 'BELOW';
  return (
    `${label} ${assembled.score.toFixed(1).padStart(5)}%  (${assembled.detected} detected, ${assembled.undetected} survived)  ` +
    `target ${target}%: ${status}  ASSEMBLED from the runs of its ${assembled.files} files, ` +
    `${assembled.firstDate.slice(0, 16)}Z to ${assembled.lastDate.slice(0, 16)}Z`
  );
}
