import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../spec/index.ts';
import { loadTask } from './load-task.ts';
import { taskProtocol, taskRequest } from '../../../tasks/task-protocol.ts';

const folder = mkdtempSync(join(tmpdir(), 'parity-task-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(folder, name), text);
  return name;
}

const goodTask = `id: support-triage
version: 1
description: Route support tickets to a queue
dataset: tickets.jsonl
prompt:
  system: You are a support triage assistant.
  user: "Ticket: {{text}}\\nAnswer with one word: billing, bug or other."
generation: {temperature: 0, max_tokens: 16}
graders:
  - type: includes
    value: "{{label}}"
    ignore_case: true
`;

async function inputError(path: string): Promise<InputError> {
  const error = await loadTask(folder, path).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('loadTask', () => {
  it('reads the issue example with a JSON Lines dataset and fills the prompt', async () => {
    write(
      'tickets.jsonl',
      '{"id": "t1", "text": "I was charged twice", "label": "billing"}\n{"text": "crash", "label": "bug"}\n',
    );
    const task = await loadTask(folder, write('triage.yaml', goodTask));
    expect(task.definition.id).toBe('support-triage');
    expect(task.rows.map((row) => row.id)).toEqual(['t1', '2']);
    const request = taskRequest(
      task.definition,
      { id: 't1', data: { fields: task.rows[0]?.fields ?? {} } },
      task.file,
    );
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are a support triage assistant.' },
      { role: 'user', content: 'Ticket: I was charged twice\nAnswer with one word: billing, bug or other.' },
    ]);
    expect(request.parameters).toMatchObject({ temperature: 0, maxTokens: 16 });
    expect(taskProtocol(task.definition, task.file).metrics.map((metric) => metric.name)).toEqual([
      'score',
      'pass_rate.includes',
    ]);
  });

  it('reads CSV datasets with quoted fields', async () => {
    write('rows.csv', 'id,text,label\nr1,"a, ""quoted""\nline",bug\nr2,plain,other\n');
    const task = await loadTask(folder, write('csv.yaml', goodTask.replace('tickets.jsonl', 'rows.csv')));
    expect(task.rows[0]?.fields).toEqual({ id: 'r1', text: 'a, "quoted"\nline', label: 'bug' });
    expect(task.rows).toHaveLength(2);
  });

  it('names file, line and field of a bad task file (exit 2)', async () => {
    const badGrader = goodTask.replace('type: includes', 'type: contains');
    const error = await inputError(write('bad-grader.yaml', badGrader));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/bad-grader\.yaml:10: graders\[0\]\.type: /);
    const badId = await inputError(
      write('bad-id.yaml', goodTask.replace('id: support-triage', 'id: Support Triage')),
    );
    expect(badId.message).toMatch(/bad-id\.yaml:1: id: /);
    const missing = await inputError(write('no-version.yaml', goodTask.replace('version: 1\n', '')));
    expect(missing.message).toMatch(/no-version\.yaml(:\d+)?: version: /);
    const extra = await inputError(write('extra.yaml', `${goodTask}    colour: red\n`));
    expect(extra.message).toMatch(/extra\.yaml:10: graders\[0\]/);
    const yaml = await inputError(write('broken.yaml', 'id: [unclosed\n'));
    expect(yaml.message).toMatch(/broken\.yaml:\d+: not valid YAML/);
  });

  it('names the dataset line of a bad row, and refuses unknown dataset types', async () => {
    write('broken.jsonl', '{"text": "ok", "label": "bug"}\n{"text": \n');
    const error = await inputError(
      write('broken-data.yaml', goodTask.replace('tickets.jsonl', 'broken.jsonl')),
    );
    expect(error.message).toMatch(/broken\.jsonl:2: not valid JSON/);
    write('rows.txt', 'x');
    expect(
      (await inputError(write('txt.yaml', goodTask.replace('tickets.jsonl', 'rows.txt')))).message,
    ).toContain('JSON Lines (.jsonl) or CSV');
  });

  it('reads a TypeScript task written with defineTask', async () => {
    const module = join(import.meta.dirname, '../../../tasks/task-schema.ts');
    write(
      'triage.ts',
      `import { defineTask } from ${JSON.stringify(module)};\nexport default defineTask({ id: 'ts-task', version: 2, dataset: 'tickets.jsonl', prompt: { user: '{{text}}' }, graders: [{ type: 'exact', value: '{{label}}' }] });\n`,
    );
    const task = await loadTask(folder, 'triage.ts');
    expect(task.definition).toMatchObject({ id: 'ts-task', version: 2 });
    write(
      'bad.ts',
      `export default { id: 'x', version: 0, dataset: 'tickets.jsonl', prompt: { user: 'u' }, graders: [] };\n`,
    );
    expect((await inputError('bad.ts')).message).toMatch(/bad\.ts: default export: version: /);
  });
});
