import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemRecord } from '../spec/index.ts';
import { junitXml } from './junit-report.ts';

const request = { messages: [], parameters: {} };
const item = (
  itemId: string,
  score: number | null,
  text: string,
  status: 'ok' | 'error' = 'ok',
): ItemRecord => ({
  itemId,
  sample: 0,
  status,
  request,
  ...(status === 'ok'
    ? {
        response: {
          text,
          usage: { inputTokens: 1, outputTokens: 1 },
          timing: { totalMs: 1 },
        } as ItemRecord['response'],
      }
    : { error: { name: 'ProviderError', message: 'openai: 400 <bad> & "worse"' } }),
  extracted: null,
  scores: status === 'ok' ? { score } : {},
  cached: false,
  attempts: 1,
  cacheKey: itemId,
});

const xml = junitXml([
  {
    name: 'triage.v1 on openai:<model> & co',
    items: [
      item('t1', 1, 'billing'),
      item('t<2>', 0, 'hostile ]]> </failure> \u0000\u0007 & "quotes" \uFFFE'),
      item('t3', null, 'unscored'),
      item('t4', null, '', 'error'),
    ],
    scoreKey: 'score',
    reasons: (record) => [`FAIL queue: ${record.itemId} lacks "billing" <here>`],
  },
]);

describe('junitXml', () => {
  it('one test case per item: passes, failures with reasons and response, errors', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<testsuites name="parity" tests="4" failures="2" errors="1">');
    expect(xml).toContain('<testcase classname="triage.v1 on openai:&lt;model&gt; &amp; co" name="t1"/>');
    expect(xml).toContain('FAIL queue: t&lt;2&gt; lacks &quot;billing&quot; &lt;here&gt;');
    expect(xml).toContain('<failure message="score unscored" type="score">');
    expect(xml).toContain(
      '<error message="openai: 400 &lt;bad&gt; &amp; &quot;worse&quot;" type="ProviderError"/>',
    );
    expect([...xml].filter((char) => ['\u0000', '\u0007', '\uFFFE'].includes(char))).toEqual([]);
  });

  it.skipIf(!existsSync('/usr/bin/xmllint'))(
    'validates against the JUnit XML schema (skipped: no xmllint)',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'parity-junit-'));
      try {
        const file = join(folder, 'junit.xml');
        writeFileSync(file, xml);
        const schema = resolve(import.meta.dirname, '../../test/support/junit.xsd');
        const output = execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        expect(output).toBe('');
        // The schema is strict enough to refuse a broken file.
        writeFileSync(file, xml.replace('<testcase classname', '<testcase nom'));
        expect(() =>
          execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' }),
        ).toThrow();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
