import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/support/capture-io.ts';
import { main } from './main.ts';
import { anthropicKeyVariables, geminiKeyVariables, openAIPresets } from '../providers/provider-presets.ts';

async function help(command: readonly string[]): Promise<string> {
  const io = captureIo({ cwd: process.cwd() });
  const code = await main([...command, '--help'], io);
  expect(code).toBe(0);
  return io.output.stdout;
}

describe('help texts', async () => {
  const top = await help([]);
  const commands = [...top.matchAll(/^ {2}([a-z][a-z-]*)(?: [^\n]*)?$/gm)]
    .map((match) => match[1] as string)
    .filter((name) => name !== 'help');
  const helps = new Map<string, string>([['parity', top]]);
  for (const command of commands) helps.set(command, await help([command]));
  /** Every option any command defines, as written in the help (`--no-cache` included). */
  const defined = new Set<string>(
    [...helps.values()].flatMap((text) =>
      [...text.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1] as string),
    ),
  );

  it('lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['eval', 'score', 'compare', 'bench', 'tco', 'view']));
  });

  it('print defaults as they are typed, without JSON quotes', () => {
    for (const [command, text] of helps)
      expect({ command, quoted: /\(default: "/.test(text) }).toEqual({ command, quoted: false });
  });

  it('point only to documents the repository has', () => {
    for (const [command, text] of helps) {
      const missing = [...text.matchAll(/\b[A-Z]+\.md\b/g)]
        .map((match) => match[0])
        .filter((name) => name !== 'README.md');
      expect({ command, missing }).toEqual({ command, missing: [] });
    }
  });

  it('mention only options that exist', () => {
    for (const [command, text] of helps) {
      const mentioned = [...text.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*)/g)].map(
        (match) => match[1] as string,
      );
      const unknown = mentioned.filter((flag) => !defined.has(flag));
      expect({ command, unknown }).toEqual({ command, unknown: [] });
    }
  });

  it('eval --help names every model spec prefix and every key variable', () => {
    const text = helps.get('eval') ?? '';
    const prefixes = [...openAIPresets.map((preset) => preset.name), 'anthropic', 'gemini', 'local'];
    const variables = [
      ...openAIPresets.map((preset) => preset.keyVariable),
      ...anthropicKeyVariables,
      ...geminiKeyVariables,
      'OPENAI_BASE_URL',
      'PARITY_STORE',
      'PARITY_DATA_DIR',
    ];
    expect(prefixes.filter((prefix) => !text.includes(`  ${prefix}:<`))).toEqual([]);
    expect(variables.filter((variable) => !text.includes(variable))).toEqual([]);
  });
});
