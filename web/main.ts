import type { ReportData } from '../src/report/view-model.ts';
import { createApiSource } from './api-source.ts';
import { startApp } from './app.ts';
import { createEmbeddedSource } from './embedded-source.ts';
import { reportOpening } from './report-opening.ts';

// Entry point. An HTML report carries its data in <script type="application/json" id="parity-data">;
// without it the page talks to the `parity view` server it came from.
const root = document.getElementById('app');
const inline = document.getElementById('parity-data');
if (root) {
  const data = inline ? (JSON.parse(inline.textContent ?? '{}') as ReportData) : undefined;
  // A report with a comparison opens on it (its runs picked), not on Runs with an empty Compare picker.
  const opening = data ? reportOpening(data) : undefined;
  if (opening && (location.hash === '' || location.hash === '#')) history.replaceState(null, '', opening);
  startApp(root, data ? createEmbeddedSource(data) : createApiSource());
}
