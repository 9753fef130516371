// DOM helpers that can only make inert content: text goes in through text nodes, never parsed as HTML;
// attributes are checked so no event handler, inline style or non-fragment link can be set.

export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | undefined>;

const svgNamespace = 'http://www.w3.org/2000/svg';

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') {
      throw new Error(`refusing to set attribute ${name}`);
    }
    const text = value === true ? '' : String(value);
    if ((lower === 'href' || lower === 'src' || lower === 'xlink:href') && !text.startsWith('#')) {
      throw new Error(`refusing a non-fragment ${name}`);
    }
    element.setAttribute(name, text);
  }
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element with checked attributes; strings among the children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element with checked attributes; strings among the children become text nodes. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Replaces an element's content. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function formatPercent(value: number | null, kind: 'proportion' | 'graded' = 'proportion'): string {
  if (value === null) return '—';
  return kind === 'proportion' ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

/**
 * A difference of two scores: percentage points ("pts") for proportions, since "+29.5%" reads as a relative
 * change; the benchmark's own units for graded scores. `signed` puts "+" before positive values.
 */
export function formatPoints(
  value: number | null,
  kind: 'proportion' | 'graded' = 'proportion',
  options: { signed?: boolean; unit?: boolean } = {},
): string {
  if (value === null) return '—';
  const sign = options.signed && value > 0 ? '+' : '';
  if (kind === 'graded') return `${sign}${value.toFixed(2)}`;
  return `${sign}${(value * 100).toFixed(1)}${options.unit === false ? '' : ' pts'}`;
}

export function formatMs(value: number | null): string {
  if (value === null) return '—';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function formatCount(value: number | null): string {
  if (value === null) return '—';
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e4) return `${Math.round(value / 1e3)}k`;
  return String(value);
}

/** Text cut to `length` characters with an ellipsis, for table cells (the detail shows the whole text). */
export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
