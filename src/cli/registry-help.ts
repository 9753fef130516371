/**
 * Help sections built from the benchmark and provider registries. Those registries are most of a start-up's
 * code (every benchmark's protocols, every provider and the openai SDK), so they are loaded only when a help
 * text is about to be printed (`loadRegistryHelp`, called by `main` when the command line asks for help), not
 * by every `parity` command (docs/decisions/0275).
 */
export interface RegistryHelp {
  /** `  mmlu     mmlu.gen.5shot, … (default …)`, one line per benchmark. */
  readonly benchmarks: string;
  /** The model spec section (`modelSpecHelp`). */
  readonly modelSpecs: string;
}

let loaded: RegistryHelp | undefined;

/** Loads the registries and builds the sections; later calls reuse them. */
export async function loadRegistryHelp(): Promise<RegistryHelp> {
  if (loaded) return loaded;
  const [{ listBenchmarks }, { modelSpecHelp }] = await Promise.all([
    import('../benchmarks/registry.ts'),
    import('./model-spec-help.ts'),
  ]);
  loaded = {
    benchmarks: listBenchmarks()
      .map(
        (benchmark) =>
          `  ${benchmark.id.padEnd(8)} ${benchmark.protocols.map((protocol) => protocol.id).join(', ')} (default ${benchmark.defaultProtocol})`,
      )
      .join('\n'),
    modelSpecs: modelSpecHelp(),
  };
  return loaded;
}

/**
 * The sections when `loadRegistryHelp` ran; otherwise (help printed without being asked for, which commander
 * does not do for `eval`) a pointer to where they are.
 */
export function registryHelp(): RegistryHelp {
  return (
    loaded ?? {
      benchmarks: "  (run 'parity eval --help' for the list)",
      modelSpecs: "Model specs: run 'parity eval --help' for the list.",
    }
  );
}

/** Whether commander will print a help text for this command line: `--help`/`-h` anywhere, or `parity help …`. */
export function asksForHelp(argv: readonly string[]): boolean {
  return argv[0] === 'help' || argv.some((argument) => argument === '--help' || argument === '-h');
}
