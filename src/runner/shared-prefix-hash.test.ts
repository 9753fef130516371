import { createHash, type Hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../spec/index.ts';
import { sharedPrefixHash } from './shared-prefix-hash.ts';

/** A writer that records which messages it wrote (`role:content`), so a test sees which prefixes were hashed again. */
function recordingWriter(): {
  written: string[];
  write: (hash: Hash, messages: readonly ChatMessage[], index: number) => void;
} {
  const written: string[] = [];
  return {
    written,
    write: (hash, messages, index) => {
      const message = messages[index] as ChatMessage;
      const text = `${message.role}:${message.content}`;
      written.push(text);
      hash.update(text);
    },
  };
}

/** The digest written out by hand: `head`, then each prefix message as `role:content` followed by ','. */
const expected = (head: string, prefix: readonly ChatMessage[]): string =>
  createHash('sha256')
    .update(`${head}${prefix.map((message) => `${message.role}:${message.content},`).join('')}`)
    .digest('hex');

// Fresh objects and a head unique to this run: no state left by another test (or by another run in this process)
// can match them.
let runs = 0;
const freshHead = (): string => {
  runs += 1;
  return `{"head":"${process.pid}-${Date.now()}-${runs}","messages":[`;
};
const freshShots = (): ChatMessage[] => [
  { role: 'user', content: 'Question: 1 + 1?' },
  { role: 'assistant', content: 'A' },
  { role: 'user', content: 'Question: 2 + 2?' },
];

describe('sharedPrefixHash', () => {
  it('hashes a shared prefix once: later requests that start with the same objects copy the state', () => {
    const head = freshHead();
    const shots = freshShots();
    const { written, write } = recordingWriter();
    const first = sharedPrefixHash(head, [...shots, { role: 'user', content: 'Q1' }], shots.length, write);
    expect(first.digest('hex')).toBe(expected(head, shots));
    expect(written).toEqual(['user:Question: 1 + 1?', 'assistant:A', 'user:Question: 2 + 2?']);
    for (const question of ['Q2', 'Q3']) {
      const hash = sharedPrefixHash(
        head,
        [...shots, { role: 'user', content: question }],
        shots.length,
        write,
      );
      expect(hash.digest('hex')).toBe(expected(head, shots));
    }
    expect(written).toHaveLength(3);
  });

  it('hands back a state the caller may go on writing to without changing the one kept', () => {
    const head = freshHead();
    const shots = freshShots();
    const { written, write } = recordingWriter();
    sharedPrefixHash(head, shots, shots.length, write).update('tail one');
    const second = sharedPrefixHash(head, shots, shots.length, write).update('tail two');
    expect(second.digest('hex')).toBe(
      createHash('sha256')
        .update(`${head}user:Question: 1 + 1?,assistant:A,user:Question: 2 + 2?,tail two`)
        .digest('hex'),
    );
    expect(written).toHaveLength(3);
  });

  it('hashes again when the head differs, and keeps the newest state', () => {
    const heads = [freshHead(), freshHead()];
    const shots = freshShots();
    const { written, write } = recordingWriter();
    for (const head of [heads[0], heads[1], heads[1], heads[0]] as string[]) {
      expect(sharedPrefixHash(head, shots, shots.length, write).digest('hex')).toBe(expected(head, shots));
    }
    // The first head, the second (a new state), the second again (copied), the first again (hashed anew).
    expect(written).toHaveLength(9);
  });

  it('hashes again a prefix whose messages changed in place (role or content) or were replaced', () => {
    const head = freshHead();
    const shots = freshShots();
    const { written, write } = recordingWriter();
    const key = () => sharedPrefixHash(head, shots, shots.length, write).digest('hex');
    expect(key()).toBe(expected(head, shots));
    (shots[0] as { role: string }).role = 'system';
    expect(key()).toBe(expected(head, shots));
    (shots[1] as { content: string }).content = 'B';
    expect(key()).toBe(expected(head, shots));
    shots[0] = { role: 'user', content: 'Question: 1 + 1?' };
    expect(key()).toBe(expected(head, shots));
    expect(written).toHaveLength(12);
    // Unchanged since: copied.
    expect(key()).toBe(expected(head, shots));
    expect(written).toHaveLength(12);
  });

  it('hashes again a one-message prefix whose content or role changed in place', () => {
    const head = freshHead();
    const only: ChatMessage = { role: 'user', content: 'one' };
    const { write } = recordingWriter();
    const key = () => sharedPrefixHash(head, [only], 1, write).digest('hex');
    expect(key()).toBe(expected(head, [only]));
    (only as { content: string }).content = 'two';
    expect(key()).toBe(expected(head, [only]));
    (only as { role: string }).role = 'assistant';
    expect(key()).toBe(expected(head, [only]));
  });

  it('tells a prefix from a longer one that ends with the same object (a message repeated)', () => {
    const head = freshHead();
    const turn: ChatMessage = { role: 'assistant', content: 'A' };
    const { write } = recordingWriter();
    for (let round = 0; round < 2; round += 1) {
      for (const prefix of [
        [turn, turn],
        [turn],
        [{ role: 'user', content: 'x' }, turn],
      ] as ChatMessage[][]) {
        expect(sharedPrefixHash(head, prefix, prefix.length, write).digest('hex')).toBe(
          expected(head, prefix),
        );
      }
    }
  });

  it('writes only the head for an empty prefix, and keeps nothing for it', () => {
    const head = freshHead();
    const { written, write } = recordingWriter();
    const question: ChatMessage = { role: 'user', content: 'Q' };
    for (let round = 0; round < 2; round += 1) {
      expect(sharedPrefixHash(head, [question], 0, write).digest('hex')).toBe(expected(head, []));
    }
    expect(written).toEqual([]);
    // The question was not kept as a prefix of its own: as one, it is hashed the first time.
    expect(sharedPrefixHash(head, [question], 1, write).digest('hex')).toBe(expected(head, [question]));
    expect(written).toEqual(['user:Q']);
  });
});
