import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderHtmlReport } from '../../../report/html-report.ts';
import { itemsCsv, itemsJson } from '../../../report/items-export.ts';
import { renderMarkdownReport } from '../../../report/markdown-report.ts';
import { buildReportData } from '../../../report/report-data.ts';
import { runCostUsd } from '../../../analysis/run-cost-summary.ts';
import { metricsFor, shippedCatalog } from '../../../server/view/view-data.ts';
import { loadWebBundle } from '../../../server/view/web-bundle.ts';
import { InputError } from '../../../spec/index.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { storePath } from '../../paths.ts';
import { parseMarginFlags } from '../../options/comparison-options.ts';

export interface ReportFlags {
  readonly html?: string;
  readonly md?: string;
  readonly csv?: string;
  /** true: every item as JSON on stdout; a file name: written to that file. */
  readonly json?: string | boolean;
  readonly store?: string;
  readonly margin?: string;
  readonly marginRelative?: string;
  readonly nonInferiority?: boolean;
}

/** `parity report <run-id>…`: writes an HTML report, a Markdown summary and/or per-item CSV or JSON. */
export async function reportCommand(
  runIds: readonly string[],
  flags: ReportFlags,
  io: CliIo,
): Promise<number> {
  if (!flags.html && !flags.md && !flags.csv && !flags.json) {
    throw new InputError('give at least one of --html FILE, --md FILE, --csv FILE, --json FILE');
  }
  const path = storePath(io, flags.store);
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  let data;
  try {
    const catalog = shippedCatalog();
    const runs = runIds.map((runId) => {
      const run = store.getRun(runId);
      if (!run) throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`);
      const costUsd = catalog ? runCostUsd({ run, catalog }) : undefined;
      const fingerprints = store.getFingerprints?.(runId);
      const gold = store.getGold?.(runId);
      return {
        run,
        ...(fingerprints ? { fingerprints } : {}),
        ...(gold ? { gold } : {}),
        metrics: metricsFor(run.config.benchmark, run.config.protocol, run.config.task),
        ...(costUsd === undefined ? {} : { costUsd }),
      };
    });
    const margin = parseMarginFlags(flags);
    data = buildReportData({
      runs,
      generatedAt: io.now().toISOString(),
      ...(margin ? { margin } : {}),
    });
  } finally {
    store.close();
  }
  const write = (file: string, text: string): void => {
    const target = resolve(io.cwd, file);
    writeFileSync(target, text);
    // With --json on stdout, stdout carries the JSON only.
    (flags.json === true ? io.stderr : io.stdout)(`wrote ${target} (${Buffer.byteLength(text)} bytes)\n`);
  };
  const exportRuns = data.runs.map((run) => ({ run, items: data.items[run.runId] ?? [] }));
  if (flags.html) {
    const bundle = await loadWebBundle();
    const models = [...new Set(data.runs.map((run) => run.model))].join(' vs ');
    write(flags.html, renderHtmlReport({ data, ...bundle, title: `parity report: ${models}` }));
  }
  if (flags.md) write(flags.md, renderMarkdownReport(data));
  if (flags.csv) write(flags.csv, itemsCsv(exportRuns));
  const items = `${JSON.stringify(itemsJson(exportRuns), null, 2)}\n`;
  if (flags.json === true) io.stdout(items);
  else if (flags.json) write(flags.json, items);
  return 0;
}
