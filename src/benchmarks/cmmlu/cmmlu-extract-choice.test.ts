import { describe, expect, it } from 'vitest';
import { extractCmmluChoice } from './cmmlu-extract-choice.ts';

/**
 * Expected letters: haonan-li/CMMLU src/mp_utils.py `extract_choice` (commit 0b27e9f, lines 108-181) run on each
 * reply with Python 3.11's `re`, except that where upstream falls back to `random.randint` this returns null.
 * Each reply is built so that one optional part of one rule decides the letter: drop the part, or make it
 * required, and an earlier or later rule reads another letter (or none).
 */
function check(cases: readonly (readonly [string, string | null])[]): void {
  expect(cases.map(([reply]) => [reply, extractCmmluChoice(reply)])).toEqual(cases);
}

describe('extractCmmluChoice: the reply starts with a letter', () => {
  it('takes the first character when it is A-D, whatever follows', () => {
    check([
      ['A', 'A'],
      ['D', 'D'],
      ['C和B中，B项正确', 'C'],
      ['B. 答案是：D', 'B'],
      // A later rule would read another letter: the leading one wins.
      ['A，答案是B', 'A'],
      ['D或许不对，答案是C', 'D'],
    ]);
  });

  it('reads on when the first character is another letter or nothing', () => {
    check([
      ['E', null],
      ['a', null],
      ['', null],
    ]);
  });
});

describe('extractCmmluChoice step 1: the first "single match" rule that matches decides', () => {
  it('答案(选项)?(是|为)：? ?X', () => {
    // Without 选项 and without "：": an earlier "选C" would win if 选项 were required.
    check([['选C不对，答案是A', 'A']]);
  });

  it('答案(是|为)选项 ?X', () => {
    check([
      ['答案为选项五', null],
      ['答案是选项B，不是C', 'B'],
      ['答案是选项 B，不是C', 'B'],
    ]);
  });

  it('故?选择?：? ?X', () => {
    check([
      ['选AB都不对', 'A'],
      ['故选择：B', 'B'],
      ['我选择 C', 'C'],
      ['选：D', 'D'],
    ]);
  });

  it('X ?选?项(是|为)?正确', () => {
    check([
      ['\n项正确', null],
      ['比较C和B，B选项正确', 'B'],
      ['比较C和B，B项正确', 'B'],
      ['比较C和B，B 选项为正确', 'B'],
      ['比较C和B，B选项是正确', 'B'],
      // Without the rule's optional parts "答C" (a later rule) would be read.
      ['答C不对，B选项正确', 'B'],
      ['答C不对，B项正确', 'B'],
    ]);
  });

  it('正确的?选项(是|为) ?X', () => {
    check([
      ['正确选项为D，C不对', 'D'],
      ['正确的选项是 C', 'C'],
    ]);
  });

  it('答案(应该)?(是|为)X', () => {
    check([
      ['答案应该是B', 'B'],
      ['答案应该为 C', 'C'],
    ]);
  });

  it('选项 ?X ?(是|为)?正确', () => {
    check([
      ['选项B正确，C为错', 'B'],
      ['选项 B 为正确，C错', 'B'],
      ['选项B是正确的，C错', 'B'],
      ['选项B正确，答C的人错了', 'B'],
    ]);
  });

  it('选择答案 ?X', () => {
    check([
      ['应该选择答案B', 'B'],
      ['应该选择答案 B', 'B'],
      ['答A是错的，应选择答案B', 'B'],
    ]);
  });

  it('答案?：?X', () => {
    check([
      ['答A', 'A'],
      ['答：D', 'D'],
      ['答A（即A）', 'A'],
    ]);
  });

  it('X(选?项)?是?符合题意', () => {
    check([
      ['\n符合题意', null],
      ['选项中B符合题意', 'B'],
      ['比较C与B，B项符合题意', 'B'],
      ['比较C与B，B选项是符合题意', 'B'],
      ['比较C与B，B是符合题意', 'B'],
    ]);
  });

  it('答案选项：? ?X', () => {
    check([
      ['答案选项CC', 'C'],
      ['答案选项：C', 'C'],
      ['答案选项 C', 'C'],
    ]);
  });

  it('答案(选项)?为(.*?)X: the first letter after 为, on the same line', () => {
    check([['答案为第四项，即D，不是A', 'D']]);
  });
});

describe('extractCmmluChoice step 2: "recursive match", the last of overlapping matches', () => {
  it('X(.*?)当选', () => {
    check([
      ['\n当选', null],
      ['首先A，然后C当选', 'C'],
      ['\nA和C的说法当选', 'C'],
      // Python's "." stops at "\n": A's match cannot reach 当选.
      ['分析：A\nC当选', 'C'],
    ]);
  });

  it('X(.*?)正确', () => {
    check([
      ['综上，C是正确的', 'C'],
      ['我觉得B正确，A错', 'B'],
      ['我看A和B，B的说法正确', 'B'],
    ]);
  });
});

describe('extractCmmluChoice steps 3 and 4: "weak single match", then the only letter named', () => {
  it('[^不]是：? ?X', () => {
    check([
      ['\nA是B', 'B'],
      ['它是：B', 'B'],
      ['它是 B', 'B'],
    ]);
  });

  it('the one letter in the whole reply, else nothing (upstream: a random letter)', () => {
    check([
      ['\nAB', null],
      ['这里只提到 D 一个选项', 'D'],
      ['只有\nB', 'B'],
      ['我不确定', null],
    ]);
  });
});
