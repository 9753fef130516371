import type { ItemPageRow, ItemView } from '../../src/report/view-model.ts';
import type { DataSource } from '../data-source.ts';
import { formatMs, h, replaceChildren } from '../dom.ts';

export function scoreText(item: ItemView | undefined): string {
  if (!item) return '—';
  if (item.status === 'error') return 'error';
  return item.score === null ? 'unscored' : String(item.score);
}

function textBlock(label: string, text: string | null): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('div', { class: 'field-label' }, label),
    h('pre', { class: 'text' }, text ?? '—'),
  );
}

function facts(item: ItemView): HTMLElement {
  const tokens = `${item.inputTokens ?? '?'} in / ${item.outputTokens ?? '?'} out`;
  return h(
    'dl',
    { class: 'facts' },
    ...[
      ['score', scoreText(item)],
      ['extracted', item.extracted ?? '—'],
      ['latency', formatMs(item.latencyMs)],
      ['time to first token', formatMs(item.ttftMs)],
      ['tokens', tokens],
      ['finish', item.finishReason ?? '—'],
      ['cached', item.cached ? 'yes' : 'no'],
    ].flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** The gold answer and, for multiple choice, every choice with the gold one marked. */
function goldBlock(item: ItemView): HTMLElement | null {
  if (item.target === undefined && item.choices === undefined) return null;
  const target = item.target ?? '';
  const isGold = (choice: string): boolean => target !== '' && choice.startsWith(`${target}. `);
  return h(
    'div',
    { class: 'field gold' },
    h('div', { class: 'field-label' }, 'gold answer'),
    h('pre', { class: 'text gold-target' }, target || '—'),
    item.choices
      ? h(
          'ol',
          { class: 'choices' },
          ...item.choices.map((choice) =>
            h(
              'li',
              { class: isGold(choice) ? 'choice gold-choice' : 'choice' },
              choice,
              isGold(choice) ? ' ✓ gold' : '',
              !isGold(choice) && item.extracted !== null && choice.startsWith(`${item.extracted}. `)
                ? ' ← extracted'
                : '',
            ),
          ),
        )
      : null,
  );
}

/** The opened row: prompt, then A's (and B's) figures and response; the full request on demand (live app). */
export function itemDetail(
  row: ItemPageRow,
  runId: string,
  source: DataSource,
  labels: { a: string; b: string },
): HTMLElement {
  const { item, vs } = row;
  const full = h('div');
  const side = (label: string, view: ItemView): HTMLElement =>
    h(
      'div',
      { class: 'side' },
      h('h3', {}, label),
      facts(view),
      textBlock('response', view.response),
      view.error ? textBlock('error', view.error) : null,
    );
  const showFull =
    source.mode === 'live' && item.messageCount > 1
      ? h(
          'button',
          { type: 'button', class: 'small-button' },
          `Show the full request (${item.messageCount} messages)`,
        )
      : null;
  showFull?.addEventListener('click', () => {
    void source.messages(runId, item.key).then((messages) => {
      replaceChildren(
        full,
        ...(messages ?? []).map((message, index) =>
          textBlock(`${index + 1}. ${message.role}`, message.content),
        ),
      );
    });
  });
  return h(
    'div',
    { class: 'detail' },
    textBlock(`prompt (last user message of ${item.messageCount})`, item.prompt),
    goldBlock(item),
    showFull,
    full,
    h('div', { class: 'sides' }, side(labels.a, item), vs ? side(labels.b, vs) : null),
  );
}
