// `node --import tsx bench/serving-model-error.ts`: the serving model (src/cost/serving-model.ts) against every
// published throughput measurement in the catalog, at each measurement's conditions. Prints, never fails.
// Baseline in the same run: the memory-bandwidth-only decode estimate the model replaced (no prefill, no
// compute limit, no step overhead, 60% of peak bandwidth).
import { loadGpuCatalog, loadModelCatalog } from '../src/cost/load-catalog.ts';
import { servingModelErrors, summarizeErrors } from '../src/cost/serving-model-calibration.ts';
import { formatServingModelErrors } from '../src/report/format-serving-model-errors.ts';

const catalog = loadModelCatalog();
const gpuCatalog = loadGpuCatalog();
const rows = servingModelErrors({ catalog, gpuCatalog });
console.log(formatServingModelErrors(rows, summarizeErrors(rows)));
const bandwidthOnly = servingModelErrors({
  catalog,
  gpuCatalog,
  parameters: {
    computeEfficiency: 1e9,
    bandwidthEfficiency: 0.6,
    stepOverheadMsByEngine: {},
    estimateEngine: 'none',
    tensorParallelOverheadMsPerGpu: 0,
  },
});
const baseline = summarizeErrors(bandwidthOnly);
console.log(
  `baseline (bandwidth-only decode estimate): mean |error| ${(baseline.meanAbsoluteError * 100).toFixed(1)}%, median ${(baseline.medianAbsoluteError * 100).toFixed(1)}%, largest ${(baseline.maxAbsoluteError * 100).toFixed(1)}%`,
);
