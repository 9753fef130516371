import { describe, expect, it } from 'vitest';
import { getBenchmark } from '../../../benchmarks/registry.ts';
import { selectProtocols } from './eval-command.ts';

describe('selectProtocols', () => {
  const benchmarks = ['humaneval', 'humaneval.plus', 'mbpp', 'mbpp.plus'].map((id) => getBenchmark(id));

  it('gives a protocol id to the benchmark with the longest matching id (humaneval.plus.base is not humaneval)', () => {
    expect(
      selectProtocols(benchmarks, 'humaneval.plus.base,humaneval.instruct,mbpp.plus.base').map(
        (protocol) => protocol.id,
      ),
    ).toEqual(['humaneval.instruct', 'humaneval.plus.base', 'mbpp.3shot', 'mbpp.plus.base']);
    expect(selectProtocols(benchmarks, undefined).map((protocol) => protocol.id)).toEqual([
      'humaneval.base',
      'humaneval.plus.instruct',
      'mbpp.3shot',
      'mbpp.plus.instruct',
    ]);
  });

  it('still refuses a protocol of none of the benchmarks', () => {
    expect(() => selectProtocols([getBenchmark('humaneval')], 'mbpp.plus.base')).toThrow(
      "'mbpp.plus.base' belongs to none of the benchmarks given with --bench",
    );
    expect(() => selectProtocols([getBenchmark('humaneval')], 'humaneval.plus.base')).toThrow(
      'unknown protocol "humaneval.plus.base" for humaneval',
    );
  });
});
