import type { ItemRecord } from '../spec/index.ts';

/** One run as a JUnit test suite: its items are the test cases. */
export interface JunitSuite {
  readonly name: string;
  readonly items: readonly ItemRecord[];
  /** The item score key that decides pass (< 1 fails). */
  readonly scoreKey: string;
  /** Per-item reasons (grader results) for failure messages. */
  readonly reasons: (item: ItemRecord) => string[];
}

/** XML 1.0 text: escapes markup characters and drops characters XML cannot hold. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Longest response quoted in a failure. */
const RESPONSE_CHARS = 4000;

/**
 * JUnit XML (the common Jenkins/Ant schema: testsuites > testsuite > testcase with failure/error) with one test
 * case per item: a failure when its score is below 1 (or unscored), with the response and grader reasons; an
 * error when the item ended as an error.
 */
export function junitXml(suites: readonly JunitSuite[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = suites.flatMap((suite) => suite.items);
  const failed = (suite: JunitSuite, item: ItemRecord): boolean =>
    item.status === 'ok' && !((item.scores[suite.scoreKey] ?? -1) >= 1);
  const totals = suites.reduce(
    (sum, suite) => ({
      failures: sum.failures + suite.items.filter((item) => failed(suite, item)).length,
      errors: sum.errors + suite.items.filter((item) => item.status === 'error').length,
    }),
    { failures: 0, errors: 0 },
  );
  lines.push(
    `<testsuites name="parity" tests="${all.length}" failures="${totals.failures}" errors="${totals.errors}">`,
  );
  for (const suite of suites) {
    const failures = suite.items.filter((item) => failed(suite, item)).length;
    const errors = suite.items.filter((item) => item.status === 'error').length;
    lines.push(
      `  <testsuite name="${xmlText(suite.name)}" tests="${suite.items.length}" failures="${failures}" errors="${errors}" skipped="0">`,
    );
    for (const item of suite.items) {
      const name = item.sample > 0 ? `${item.itemId}#${item.sample}` : item.itemId;
      const open = `    <testcase classname="${xmlText(suite.name)}" name="${xmlText(name)}"`;
      if (item.status === 'error') {
        lines.push(`${open}>`);
        lines.push(
          `      <error message="${xmlText(item.error?.message ?? 'error')}" type="${xmlText(item.error?.name ?? 'Error')}"/>`,
        );
        lines.push('    </testcase>');
      } else if (failed(suite, item)) {
        const score = item.scores[suite.scoreKey];
        const reasons = suite.reasons(item);
        const response = item.response?.text ?? '';
        const body = [
          ...reasons,
          '',
          'response:',
          response.length > RESPONSE_CHARS ? `${response.slice(0, RESPONSE_CHARS)}…` : response,
        ].join('\n');
        lines.push(`${open}>`);
        lines.push(
          `      <failure message="${xmlText(`score ${score === null || score === undefined ? 'unscored' : score}`)}" type="score">${xmlText(body)}</failure>`,
        );
        lines.push('    </testcase>');
      } else lines.push(`${open}/>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
