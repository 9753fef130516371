import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const datasets = resolve(import.meta.dirname, '../../shared/datasets');
const responses = join(datasets, 'ifeval', 'input_response_data_gpt4_20231107_145030.jsonl');

/**
 * The reference checker's accuracies on upstream's GPT-4 responses, in %: google-research
 * `instruction_following_eval` (`evaluation_main.py`, copy at Podtech-AI/IFEval@5bdf377) run with Debian's
 * langdetect 1.0.9 and nltk 3.8 (English Punkt model). Strict equals the paper's Table 3 (76.89 / 83.57); the
 * paper's loose figures (79.30 / 85.37) come from an earlier revision that today's checker no longer gives
 * (Podtech's committed output of the same checker agrees with 79.67 / 85.61). Two prompts (keys 1122, 1129) ask for
 * the frequency of "#" and "!", which the reference replaces by a random letter, so its own runs vary by ±0.2.
 */
const reference = {
  prompt_strict: 76.89,
  instruction_strict: 83.57,
  prompt_loose: 79.67,
  instruction_loose: 85.61,
};

describe.skipIf(!existsSync(responses))(
  `parity score ifeval on upstream's GPT-4 responses (skipped: ${responses} not present; it is kept back for acceptance checks)`,
  () => {
    it('gives the four IFEval accuracies within 0.2 points of the reference checker', async () => {
      const result = await runCli(
        ['score', 'ifeval', '--samples', responses, '--data-dir', datasets, '--json'],
        {
          cwd: mkdtempSync(join(tmpdir(), 'parity-ifeval-')),
        },
      );
      expect(result.stderr).toBe('');
      const metrics = (JSON.parse(result.stdout) as { metrics: Record<string, { value: number }> }).metrics;
      const differences = Object.fromEntries(
        Object.entries(reference).map(([name, value]) => [
          name,
          Math.abs(100 * (metrics[name]?.value ?? Number.NaN) - value) <= 0.2,
        ]),
      );
      expect(differences).toEqual({
        prompt_strict: true,
        instruction_strict: true,
        prompt_loose: true,
        instruction_loose: true,
      });
    });
  },
);
