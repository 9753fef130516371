import { arenaText, type ArenaText, type TextArena } from '../../datasets/text-arena.ts';
import type { Item } from '../../spec/index.ts';
import type { MmluData, MmluExample, MmluLetter } from './mmlu-data.ts';

/** What every item of one subject shares. */
export interface MmluSubject {
  readonly subject: string;
  /** The subject's first 5 dev rows (one array for every item of the subject). */
  readonly devExamples: readonly MmluExample[];
}

/** The last `data` built, so that the several reads of one request or score parse the row once. */
let lastTexts: ArenaText | undefined;
let lastData: MmluData | undefined;

/**
 * An MMLU test item held compactly: its question and choices as one JSON text in a `TextArena` (outside the
 * heap), its `data` built when read. A full run's 14,042 items then take ~1 MB of heap instead of ~17 MB
 * (docs/decisions/0280). `data` is the same value every time (equal fields, the subject's shared dev rows),
 * so fingerprints, gold answers, prompts and scores are those of a plain item.
 */
export class MmluRowItem implements Item<MmluData> {
  readonly group: string;

  constructor(
    readonly id: string,
    private readonly shared: MmluSubject,
    private readonly texts: ArenaText,
    private readonly answer: MmluLetter,
  ) {
    this.group = shared.subject;
  }

  /** Stores a validated row's texts in `arena`. */
  static of(id: string, shared: MmluSubject, example: MmluExample, arena: TextArena): MmluRowItem {
    const texts = arena.add(JSON.stringify([example.question, ...example.choices]));
    return new MmluRowItem(id, shared, texts, example.answer);
  }

  get data(): MmluData {
    if (lastTexts === this.texts && lastData !== undefined) return lastData;
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
    lastTexts = this.texts;
    lastData = data;
    return data;
  }
}
