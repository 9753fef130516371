import type { DataSource } from './data-source.ts';
import { h } from './dom.ts';

/** A view draws into `container`; the function it returns stops its timers when another view opens. */
export type View = (container: HTMLElement, source: DataSource, parameters: URLSearchParams) => () => void;

/** A link to a view with parameters (always a same-page fragment). */
export function viewLink(path: string, parameters: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value) query.set(name, value);
  const text = query.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** Shows an error in the view instead of leaving it blank. */
export function showError(container: HTMLElement, error: unknown): void {
  container.append(
    h('p', { class: 'error' }, `Could not load: ${error instanceof Error ? error.message : String(error)}`),
  );
}
