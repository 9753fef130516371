import { existsSync } from 'node:fs';
import { startViewServer } from '../../../server/view/view-server.ts';
import { shippedCatalog } from '../../../server/view/view-data.ts';
import { loadWebBundle } from '../../../server/view/web-bundle.ts';
import { InputError } from '../../../spec/index.ts';
import { openRunStore } from '../../open-run-store.ts';
import type { CliIo } from '../../cli-io.ts';
import { parsePort } from '../../../server/view/parse-port.ts';
import { storePath } from '../../paths.ts';
import { isPostgresUrl } from '../../../store/postgres/postgres-store-error.ts';

export interface ViewFlags {
  readonly host: string;
  readonly port: string;
  readonly store?: string;
  /** Print `{ "url", "store" }` (one JSON line) instead of the text lines. */
  readonly json?: boolean;
}

/**
 * `parity view`: serves the web app over the run store until Ctrl-C. A non-loopback host is served only when
 * `--host` was given on the command line (`hostIsExplicit`).
 */
export async function viewCommand(
  flags: ViewFlags,
  io: CliIo,
  options: { hostIsExplicit: boolean },
): Promise<number> {
  const path = storePath(io, flags.store);
  if (!isPostgresUrl(path) && !existsSync(path)) {
    throw new InputError(`no run store here; run 'parity eval' or 'parity demo' first, or pass --store`, {
      location: path,
    });
  }
  const port = parsePort(flags.port);
  const store = openRunStore(io, { store: flags.store, allowReadOnly: true });
  try {
    const bundle = await loadWebBundle();
    const catalog = shippedCatalog();
    const server = await startViewServer({
      store,
      bundle,
      host: flags.host,
      port,
      allowNonLoopback: options.hostIsExplicit,
      ...(catalog ? { catalog } : {}),
    });
    io.stdout(
      flags.json
        ? `${JSON.stringify({ url: `${server.url}/`, store: path })}\n`
        : `parity view: ${path}\n${server.url}/\n`,
    );
    if (!options.hostIsExplicit) io.stderr('(loopback only; Ctrl-C to stop)\n');
    else io.stderr(`warning: serving on ${flags.host}: anyone who can reach it can read every stored run\n`);
    await new Promise<void>((resolveStop) => {
      if (!io.signal) return; // no signal: serve until the process ends
      if (io.signal.aborted) resolveStop();
      io.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    await server.close();
    return 0;
  } finally {
    store.close();
  }
}
