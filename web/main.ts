import type { ReportData } from '../src/report/view-model.ts';
import { createApiSource } from './api-source.ts';
import { startApp } from './app.ts';
import { createEmbeddedSource } from './embedded-source.ts';

// Entry point. An HTML report carries its data in <script type="application/json" id="parity-data">;
// without it the page talks to the `parity view` server it came from.
const root = document.getElementById('app');
const inline = document.getElementById('parity-data');
if (root) {
  const source = inline
    ? createEmbeddedSource(JSON.parse(inline.textContent ?? '{}') as ReportData)
    : createApiSource();
  startApp(root, source);
}
