import type { ChatMessage, ItemRecord, RunStore, StoredRun } from '../../../spec/index.ts';

/** One item both runs answered: the input the judge sees and each run's answer. */
export interface PairedAnswers {
  readonly itemId: string;
  readonly group?: string;
  readonly input: string;
  readonly answerA: string;
  readonly answerB: string;
}

/**
 * The question as the judge sees it: the prompt's one user message (FastChat shows the user question alone),
 * or, for a conversation, every non-system message with its role.
 */
export function judgeInput(messages: readonly ChatMessage[]): string {
  const shown = messages.filter((message) => message.role !== 'system');
  const [only, ...more] = shown;
  if (only && more.length === 0 && only.role === 'user') return only.content;
  return shown.map((message) => `[${message.role}]\n${message.content}`).join('\n\n');
}

function answered(run: StoredRun): Map<string, ItemRecord> {
  const byId = new Map<string, ItemRecord>();
  for (const record of run.items) {
    if (record.sample === 0 && record.status === 'ok' && record.response) byId.set(record.itemId, record);
  }
  return byId;
}

/**
 * Items both runs answered (sample 0, status ok), in A's order, with A's prompt as the input. Items whose
 * content differs between the runs (item fingerprints, when both runs have them) are left out and counted.
 */
export function pairAnswers(
  store: RunStore,
  a: StoredRun,
  b: StoredRun,
): { pairs: PairedAnswers[]; mismatched: number } {
  const fromB = answered(b);
  const printsA = store.getFingerprints?.(a.runId)?.items;
  const printsB = store.getFingerprints?.(b.runId)?.items;
  const pairs: PairedAnswers[] = [];
  let mismatched = 0;
  for (const [itemId, recordA] of answered(a)) {
    const recordB = fromB.get(itemId);
    if (!recordB?.response || !recordA.response) continue;
    const printA = printsA?.get(itemId);
    const printB = printsB?.get(itemId);
    if (printA !== undefined && printB !== undefined && printA !== printB) {
      mismatched += 1;
      continue;
    }
    pairs.push({
      itemId,
      ...(recordA.group === undefined ? {} : { group: recordA.group }),
      input: judgeInput(recordA.request.messages),
      answerA: recordA.response.text,
      answerB: recordB.response.text,
    });
  }
  return { pairs, mismatched };
}
