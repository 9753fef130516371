import { describe, expect, it } from 'vitest';
import { datasetManifests } from './dataset-manifests.ts';
import { loadDatasetManifest } from './load-dataset-manifest.ts';

describe('loadDatasetManifest', () => {
  it('loads the same manifest as datasetManifests for every benchmark folder', async () => {
    for (const [folder, manifest] of Object.entries(datasetManifests)) {
      expect(await loadDatasetManifest(folder), folder).toBe(manifest);
    }
  });

  it('has no manifest for folders datasetManifests does not list', async () => {
    for (const folder of ['mtbench', 'longctx', 'toString', '__proto__', '']) {
      expect(await loadDatasetManifest(folder), folder).toBeUndefined();
    }
  });
});
