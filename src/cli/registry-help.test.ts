import { describe, expect, it } from 'vitest';
import { asksForHelp, loadRegistryHelp, registryHelp } from './registry-help.ts';

describe('registry help', () => {
  it('knows the command lines commander answers with a help text', () => {
    expect(asksForHelp(['eval', '--help'])).toBe(true);
    expect(asksForHelp(['eval', '--bench', 'mmlu', '-h'])).toBe(true);
    expect(asksForHelp(['help', 'eval'])).toBe(true);
    expect(asksForHelp(['--help'])).toBe(true);
    expect(asksForHelp(['eval', '--bench', 'mmlu'])).toBe(false);
    expect(asksForHelp(['--version'])).toBe(false);
    expect(asksForHelp(['eval', '--system-prompt', 'help'])).toBe(false);
  });

  it('points to eval --help until loaded, then lists every benchmark with its default protocol', async () => {
    expect(registryHelp().benchmarks).toBe("  (run 'parity eval --help' for the list)");
    const loaded = await loadRegistryHelp();
    expect(registryHelp()).toBe(loaded);
    expect(loaded.benchmarks.split('\n')[0]).toMatch(
      /^ {2}mmlu {5}mmlu\.gen\.5shot, .*\(default mmlu\.gen\.5shot\)$/,
    );
    expect(loaded.modelSpecs).toMatch(/^Model specs \(--model, --judge\)/);
  });
});
