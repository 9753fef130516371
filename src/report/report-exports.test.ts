import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { renderHtmlReport, jsonForScriptElement } from './html-report.ts';
import { csvField, itemsCsv, itemsJson } from './items-export.ts';
import { escapeMarkdown, renderMarkdownReport } from './markdown-report.ts';
import type { ComparisonView, ItemView, LatencyView, ReportData, RunView } from './view-model.ts';

const hostile = '<script>alert(1)</script> | `x` [a](javascript:alert(1)) </script><!--';

const run: RunView = {
  runId: 'r1',
  kind: 'eval',
  model: `openai:${hostile}`,
  benchmark: 'mmlu',
  protocol: 'mmlu.gen.5shot',
  status: 'completed',
  doneItems: 2,
  totalItems: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  headline: { name: 'accuracy', kind: 'proportion', value: 0.5, ci95: [0.1, 0.9], n: 2 },
  errors: 0,
  unscored: 0,
  inputTokens: 10,
  outputTokens: 2,
  medianLatencyMs: 5,
};

const item: ItemView = {
  key: 'a/0#0',
  itemId: 'a/0',
  sample: 0,
  group: 'a',
  status: 'ok',
  score: 1,
  extracted: '=HYPERLINK("http://x")',
  prompt: 'line one\nline "two", with comma',
  messageCount: 1,
  response: hostile,
  error: null,
  latencyMs: 5,
  ttftMs: null,
  inputTokens: 10,
  outputTokens: 2,
  finishReason: 'stop',
  cached: false,
};

const data: ReportData = {
  version: 1,
  generatedAt: '2026-01-01T00:00:00.000Z',
  runs: [run],
  leaderboards: [],
  comparisons: [],
  latency: [],
  items: { r1: [item] },
};

describe('HTML report', () => {
  it('inlines data that cannot close its element and allows only its own script and style by hash', () => {
    const script = 'document.title="x"';
    const style = 'body{color:red}';
    const html = renderHtmlReport({ data, script, style, title: `report ${hostile}` });
    const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
    expect(html).toContain(
      `content="default-src 'none'; script-src 'sha256-${hash(script)}'; style-src 'sha256-${hash(style)}'; img-src data:; base-uri 'none'; form-action 'none'"`,
    );
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(html).toContain('<title>report &lt;script&gt;alert(1)&lt;/script&gt;');
    const inline = /<script type="application\/json" id="parity-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(inline)).toEqual(data);
    expect(jsonForScriptElement('</script>&')).toBe('"\\u003c/script\\u003e\\u0026"');
    expect(() => renderHtmlReport({ data, script: 'x="</script>"', style, title: 't' })).toThrow(
      /cannot be inlined/,
    );
  });
});

describe('Markdown report', () => {
  it('escapes HTML and Markdown in every text cell', () => {
    expect(escapeMarkdown('<b>x</b> | [a](javascript:y)\nnext')).toBe(
      '&lt;b&gt;x&lt;/b&gt; \\| \\[a\\]\\(javascript:y\\) next',
    );
    expect(escapeMarkdown('mmlu.gen.5shot on 2026-12-07, #1 + "x"!')).toBe(
      'mmlu.gen.5shot on 2026-12-07, #1 + "x"!',
    );
    expect(escapeMarkdown('a*b_c~~d`e\\f')).toBe('a\\*b\\_c\\~\\~d\\`e\\\\f');
    const markdown = renderMarkdownReport(data);
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toContain('](javascript');
    expect(markdown).toContain('| 50.0 [10.0, 90.0] |');
  });
});

describe('Markdown report numbers', () => {
  const comparison: ComparisonView = {
    benchmark: 'mmlu',
    protocol: 'mmlu.gen.5shot',
    metric: 'accuracy',
    kind: 'proportion',
    nPaired: 200,
    a: { runId: 'r1', model: 'a', value: 0.8 },
    b: { runId: 'r2', model: 'b', value: 0.505 },
    difference: { value: 0.295, ci95: [0.12, 0.401], n: 200 },
    aBetterCount: 70,
    bBetterCount: 11,
    test: { name: 'mcnemar_exact', pValue: 0.001, pAdjusted: 0.001 },
    verdict: 'a_better',
    intervalLevel: 0.95,
    mismatchedItems: 0,
    method: 'exact',
  };
  const latency: LatencyView = {
    runId: 'r1',
    model: 'a',
    kind: 'eval',
    steps: [
      {
        step: 'all',
        load: null,
        count: 2,
        e2eMs: [40, 48],
        ttftMs: [],
        p50Ms: 40,
        p90Ms: 48,
        p99Ms: 48,
        failed: 0,
        requestsPerSecond: null,
        outputTokensPerSecond: null,
      },
    ],
  };

  it('gives differences in points (pts), never %, and a benchmark column in the latency table', () => {
    const markdown = renderMarkdownReport({ ...data, comparisons: [comparison], latency: [latency] });
    expect(markdown).toContain('| +29.5 pts [+12.0, +40.1] at 95% |');
    expect(markdown).not.toMatch(/\+29\.5 ?%/);
    expect(markdown).toContain('| model | benchmark | step | n | p50 | p90 | p99 |');
    expect(markdown).toContain('| openai:&lt;script&gt;');
    expect(markdown).toMatch(/\| mmlu \| all \| 2 \| 40 \| 48 \| 48 \|/);
  });
});

describe('item exports', () => {
  it('writes latencies to the microsecond, not with floating-point noise', () => {
    const timed = { ...item, latencyMs: 375.96416900000077, ttftMs: 12.0000001 };
    const [, line] = itemsCsv([{ run, items: [timed] }]).split('\r\n');
    expect(line).toContain(',375.964,12,');
    expect(itemsJson([{ run, items: [timed] }]).items[0]).toMatchObject({ latency_ms: 375.964, ttft_ms: 12 });
  });

  it('writes RFC 4180 CSV with formula-looking text defused, and snake_case JSON', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
    const csv = itemsCsv([{ run, items: [item] }]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(
      'run_id,model,benchmark,protocol,item_id,sample,group,status,score,target,extracted,choices,response,error,latency_ms,ttft_ms,input_tokens,output_tokens,finish_reason,cached,prompt',
    );
    expect(line).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv.endsWith('"line one\nline ""two"", with comma"\r\n')).toBe(true);
    expect(itemsJson([{ run, items: [item] }]).items[0]).toMatchObject({
      run_id: 'r1',
      item_id: 'a/0',
      score: 1,
      response: hostile,
    });
  });
});
