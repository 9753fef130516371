import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../../scoring/json-schema/json-schema-validator.ts';
import { createDirectorySourceForTests } from '../directory-source-for-tests.ts';
import { jsonSchemaBenchStructured } from './jsonschemabench-protocols.ts';
import { loadJsonSchemaBenchItems } from './load-jsonschemabench-items.ts';

const folder = resolve(import.meta.dirname, '../../../../shared/datasets/jsonschemabench');
const subsets = ['Github_trivial', 'Github_easy', 'Glaiveai2K', 'JME'];

/**
 * Instances whose upstream label parity's validator does not reproduce, with the reason (docs/jsonschemabench.md,
 * upstream disagreements): `12345.0` is an integer for JSON.parse (and for drafts 06 onwards), while the
 * upstream label follows draft-04's "integer: no fraction part" written form, which a parsed value no longer has.
 */
const knownDisagreements = new Set(['Github_trivial/o14485#1', 'Github_easy/o24544#3']);

interface Record {
  readonly name: string;
  readonly schema: unknown;
  readonly tests: readonly { readonly valid: boolean; readonly data: unknown }[];
}

describe.skipIf(!existsSync(join(folder, 'Github_easy.jsonl')))(
  'JSONSchemaBench valid/invalid instances (skipped: ../shared/datasets/jsonschemabench not present)',
  () => {
    it.each(subsets)(
      '%s: every schema compiles, every valid instance passes and every invalid one fails',
      (subset) => {
        const lines = readFileSync(join(folder, `${subset}.jsonl`), 'utf8')
          .split('\n')
          .filter(Boolean);
        const wrong: string[] = [];
        let instances = 0;
        for (const line of lines) {
          const record = JSON.parse(line) as Record;
          const check = compileJsonSchema(record.schema);
          record.tests.forEach((test, index) => {
            instances += 1;
            const key = `${subset}/${record.name}#${index}`;
            const agrees = check(test.data).valid === test.valid;
            if (agrees === knownDisagreements.has(key))
              wrong.push(`${key} (labelled ${test.valid ? 'valid' : 'invalid'})`);
          });
        }
        expect(wrong).toEqual([]);
        expect(instances).toBe(
          { Github_trivial: 1231, Github_easy: 7252, Glaiveai2K: 2738, JME: 100 }[subset],
        );
      },
      240_000,
    );

    it('loads 4194 schemas in 4 subsets; each reference completion (a valid instance) is compliant', async () => {
      const items = await loadJsonSchemaBenchItems(createDirectorySourceForTests(resolve(folder, '..')));
      expect(items).toHaveLength(4194);
      expect(new Set(items.map((item) => item.group))).toEqual(new Set(subsets));
      const withReference = items.filter((item) => 'validInstance' in item.data);
      expect(withReference).toHaveLength(4194 - 306);
      const failing = withReference.filter(
        (item) =>
          jsonSchemaBenchStructured.score(item, jsonSchemaBenchStructured.referenceCompletion(item)).scores
            .schema_compliance !== 1,
      );
      expect(failing.map((item) => item.id)).toEqual([]);
    }, 240_000);
  },
);
