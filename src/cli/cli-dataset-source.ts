import { resolve } from 'node:path';
import { loadDatasetManifest } from '../benchmarks/load-dataset-manifest.ts';
import { createDatasetSource } from '../datasets/dataset-source.ts';
import type { DownloadEvent } from '../datasets/download-event.ts';
import type { DatasetSource } from '../spec/index.ts';
import type { CliIo } from './cli-io.ts';
import { cacheDir } from './paths.ts';

/**
 * The dataset source every command uses: the given data folder (`--data-dir`, PARITY_DATA_DIR or a stored
 * run's), then the download cache under PARITY_CACHE_DIR, then a verified download when allowed. Downloads
 * say on stderr where the files come from and under which licence. Non-commercial data sets download only
 * once accepted (`--accept-license NAMES` or PARITY_ACCEPT_LICENSES, comma-separated; remembered in the cache).
 */
export function cliDatasetSource(
  io: CliIo,
  options: { directory: string | undefined; allowDownload: boolean; acceptLicense?: string | undefined },
): DatasetSource {
  const accepted = [options.acceptLicense, io.env.PARITY_ACCEPT_LICENSES]
    .flatMap((list) => (list ?? '').split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  // One source per benchmark folder, made when the folder is first asked for, with only that benchmark's pinned
  // download: loading every manifest cost each command ~30 ms of start-up (docs/decisions/0320). The sources
  // share nothing a single one would share across benchmarks (downloads, licences and markers are per benchmark).
  const sources = new Map<string, Promise<DatasetSource>>();
  const sourceFor = (benchmark: string): Promise<DatasetSource> => {
    let source = sources.get(benchmark);
    if (source === undefined) {
      source = loadDatasetManifest(benchmark).then((manifest) =>
        createDatasetSource({
          ...(options.directory ? { dataDir: options.directory } : {}),
          cacheDir: resolve(cacheDir(io), 'datasets'),
          allowDownload: options.allowDownload,
          manifests: manifest === undefined ? {} : { [benchmark]: manifest },
          acceptedLicenses: accepted,
          onProgress: (event) => reportDownload(io, event),
          ...(io.fetch ? { fetch: io.fetch } : {}),
        }),
      );
      sources.set(benchmark, source);
    }
    return source;
  };
  return {
    resolveFile: async (benchmark, relativePath) =>
      (await sourceFor(benchmark)).resolveFile(benchmark, relativePath),
    listFiles: async (benchmark, relativeDir) =>
      (await sourceFor(benchmark)).listFiles(benchmark, relativeDir),
  };
}

/** Files at least this large get a line of their own when they finish downloading. */
const reportedBytes = 1_000_000;

function reportDownload(io: CliIo, event: DownloadEvent): void {
  if (event.type === 'license') {
    const terms = event.license.nonCommercial ? ', non-commercial use only' : '';
    io.stderr(
      `Downloading ${event.benchmark} from ${event.source} (licence: ${event.license.name}${terms})\n`,
    );
  } else if (event.type === 'file-set-finish') {
    io.stderr(`  ${event.benchmark}: ${event.target} (${event.fileCount} files) verified\n`);
  } else if (event.type === 'download-finish' && event.bytesTotal >= reportedBytes) {
    const megabytes = (event.bytesTotal / 1e6).toFixed(1);
    io.stderr(
      `  ${event.benchmark}: ${event.url.split('/').at(-1) ?? event.url} (${megabytes} MB) verified\n`,
    );
  }
}
