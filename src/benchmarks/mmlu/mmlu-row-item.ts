import type { CanonicalDataWriter } from '../../datasets/item-fingerprint.ts';
import { arenaText, type ArenaText, type TextArena } from '../../datasets/text-arena.ts';
import type { Item } from '../../spec/index.ts';
import type { MmluData, MmluExample, MmluLetter } from './mmlu-data.ts';

/** What every item of one subject shares. */
export interface MmluSubject {
  readonly subject: string;
  /** The subject's first 5 dev rows (one array for every item of the subject). */
  readonly devExamples: readonly MmluExample[];
}

/**
 * The `data` of the items read last, so that the several reads of one item while it is requested and scored
 * (its request is built, and its score comes back after the other requests in flight) parse its row once.
 * Before its first request, a run reads every item in turn twice more (the spend estimate builds each request,
 * the gold answers read each row): with up to `recentDataCount` items, those reads parse each row once for all.
 */
const recentData = new Map<ArenaText, MmluData>();
/**
 * Far more than the requests a run has in flight, and a run of 1,000 items whole (~1 MB of parsed rows at
 * most); a miss only parses the row again. A larger run reads its rows in the same order each time, so each
 * pass parses them again, as with any size below the run's.
 */
const recentDataCount = 1024;
/** The rows in `recentData`, oldest first from `recentNext` on: the oldest goes when one more comes. */
const recentTexts: (ArenaText | undefined)[] = new Array<ArenaText | undefined>(recentDataCount).fill(
  undefined,
);
let recentNext = 0;

/**
 * An MMLU test item held compactly: its question and choices as one JSON text in a `TextArena` (outside the
 * heap), its `data` built when read. A full run's 14,042 items then take ~1 MB of heap instead of ~17 MB
 * (docs/decisions/0280). `data` is the same value every time (equal fields, the subject's shared dev rows),
 * so fingerprints, gold answers, prompts and scores are those of a plain item.
 */
export class MmluRowItem implements Item<MmluData>, CanonicalDataWriter {
  readonly group: string;

  constructor(
    readonly id: string,
    private readonly shared: MmluSubject,
    /** `[question,choiceA,choiceB,choiceC,choiceD]` as JSON. */
    private readonly texts: ArenaText,
    /** Bytes of the question's JSON string in `texts`, after the opening bracket. */
    private readonly questionBytes: number,
    private readonly answer: MmluLetter,
  ) {
    this.group = shared.subject;
  }

  /** Stores a validated row's texts in `arena`. */
  static of(id: string, shared: MmluSubject, example: MmluExample, arena: TextArena): MmluRowItem {
    // The text JSON.stringify([question, ...choices]) writes, with the question's end known.
    const question = JSON.stringify(example.question);
    const texts = arena.add(`[${question},${JSON.stringify(example.choices).slice(1)}`);
    return new MmluRowItem(id, shared, texts, Buffer.byteLength(question, 'utf8'), example.answer);
  }

  /**
   * The canonical JSON of `data` for its fingerprint, from the stored bytes: its keys in order (answer, choices,
   * devExamples, question, subject), each string as JSON.stringify writes it, as the stored text has it.
   */
  writeCanonicalData(
    write: (piece: string | Uint8Array) => void,
    canonical: (value: unknown, shared?: boolean) => string,
  ): void {
    const { slab, start, end } = this.texts;
    const questionEnd = start + 1 + this.questionBytes;
    write(`{"answer":${JSON.stringify(this.answer)},"choices":[`);
    // The choices and the closing bracket: `"A","B","C","D"]`.
    write(slab.subarray(questionEnd + 1, end));
    write(',"devExamples":');
    // One array for every item of the subject.
    write(canonical(this.shared.devExamples, true));
    write(',"question":');
    write(slab.subarray(start + 1, questionEnd));
    write(`,"subject":${JSON.stringify(this.shared.subject)}}`);
  }

  get data(): MmluData {
    const recent = recentData.get(this.texts);
    if (recent !== undefined) return recent;
    const [question, choiceA, choiceB, choiceC, choiceD] = JSON.parse(arenaText(this.texts)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const data: MmluData = {
      question,
      choices: [choiceA, choiceB, choiceC, choiceD],
      answer: this.answer,
      subject: this.shared.subject,
      devExamples: this.shared.devExamples,
    };
    const oldest = recentTexts[recentNext];
    if (oldest !== undefined) recentData.delete(oldest);
    recentTexts[recentNext] = this.texts;
    recentNext = (recentNext + 1) % recentDataCount;
    recentData.set(this.texts, data);
    return data;
  }
}
