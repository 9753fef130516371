import { InputError } from '../spec/index.ts';
import type { Benchmark, Protocol } from '../spec/index.ts';

/**
 * The benchmark's protocol with this id (or a former id it was renamed from, so stored runs still resolve), or
 * its default protocol when `protocolId` is absent. An unknown id throws InputError listing the benchmark's
 * protocols.
 */
export function getProtocol(benchmark: Benchmark, protocolId?: string): Protocol {
  const wanted = protocolId ?? benchmark.defaultProtocol;
  const protocol =
    benchmark.protocols.find((candidate) => candidate.id === wanted) ??
    benchmark.protocols.find((candidate) => candidate.formerIds?.includes(wanted) === true);
  if (protocol === undefined) {
    const valid = benchmark.protocols.map((known) => known.id).join(', ');
    throw new InputError(`unknown protocol "${wanted}" for ${benchmark.id}; valid protocols: ${valid}`);
  }
  return protocol;
}
