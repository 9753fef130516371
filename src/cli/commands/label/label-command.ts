import { InputError } from '../../../spec/index.ts';
import type { CliIo } from '../../cli-io.ts';
import { openRunStore } from '../../open-run-store.ts';
import { storePath } from '../../paths.ts';

export interface LabelFlags {
  readonly store?: string;
  readonly remove?: boolean;
  readonly json?: boolean;
}

/** `parity label <run> <text>`: adds a label to a run (or removes it with --remove); `parity runs --label` finds it. */
export function labelCommand(runId: string, text: string, flags: LabelFlags, io: CliIo): number {
  const label = text.trim();
  if (label.length === 0) throw new InputError('a label cannot be empty', { location: 'label' });
  const path = storePath(io, flags.store);
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    const run = store.getSummary(runId);
    if (!run) throw new InputError(`no run '${runId}' in ${path} (see 'parity runs')`, { location: runId });
    const current = run.labels ?? [];
    const labels = flags.remove
      ? current.filter((existing) => existing !== label)
      : current.includes(label)
        ? current
        : [...current, label];
    store.setLabels?.(runId, labels);
    if (flags.json) io.stdout(`${JSON.stringify({ run_id: runId, labels }, null, 2)}\n`);
    else io.stdout(`run ${runId}: labels ${labels.length > 0 ? labels.join(', ') : '(none)'}\n`);
    return 0;
  } finally {
    store.close();
  }
}
