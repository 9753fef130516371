import { createHash } from 'node:crypto';
import type { ReportData } from './view-model.ts';

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * JSON that is safe inside a <script type="application/json"> element: `<`, `>` and `&` become \u escapes,
 * so no model text can close the element or open a comment; JSON.parse restores them.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

function escapeHtmlText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** The Content-Security-Policy of the HTML report: only its own inline script and style (by hash), nothing fetched. */
export function reportContentSecurityPolicy(options: { script: string; style: string }): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(options.script)}'`,
    `style-src 'sha256-${sha256Base64(options.style)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * One self-contained HTML file: the front end's script and style inline (allowed by hash in a CSP meta tag),
 * the data inline as JSON in a non-executed script element. Opens offline; fetches nothing.
 */
export function renderHtmlReport(options: {
  data: ReportData;
  script: string;
  style: string;
  title: string;
}): string {
  if (/<\/script/i.test(options.script) || /<\/style/i.test(options.style)) {
    throw new Error('the front-end bundle holds a closing </script> or </style> tag and cannot be inlined');
  }
  const csp = reportContentSecurityPolicy(options);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtmlText(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtmlText(options.title)}</title>`,
    `<style>${options.style}</style>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `<script type="application/json" id="parity-data">${jsonForScriptElement(options.data)}</script>`,
    `<script>${options.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
