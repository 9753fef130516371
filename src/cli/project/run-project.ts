import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { keyVariablesFor, parseModelSpec } from '../../providers/create-language-model.ts';
import { InputError, type LanguageModel } from '../../spec/index.ts';
import type { CliIo } from '../cli-io.ts';
import { modelFromSpec } from '../model-from-spec.ts';
import { PROJECT_FILE_NAME, readProjectFile } from './read-project-file.ts';
import type { ProjectFile, ProjectModel } from './project-schema.ts';

/** The `parity eval` flags a project file can set, by their commander names. */
export interface ProjectEvalFlags {
  readonly model?: readonly string[];
  readonly baseUrl?: string;
  readonly limit?: string;
  readonly concurrency?: string;
  readonly timeout?: string;
  readonly retries?: string;
  readonly store?: string;
  readonly dataDir?: string;
  readonly protocol?: string;
  readonly judge?: string;
  readonly judgeBaseUrl?: string;
  readonly judgeRepeats?: string;
  readonly failUnder?: readonly string[];
  readonly junit?: string;
  readonly json?: string | boolean;
}

/** What one project run needs: the models (each with its own endpoint and key), the tasks and benchmarks. */
export interface ProjectPlan<Flags> {
  readonly file: string;
  readonly models: readonly ProjectModel[];
  readonly tasks: readonly string[];
  readonly benchmarks: readonly string[];
  /** The command's flags with the file's defaults filled in where the command line gave none. */
  readonly flags: Flags;
}

/** The file's defaults as flag values (strings, as commander gives them), paths resolved from the file's folder. */
function defaultFlags(
  project: ProjectFile,
  folder: string,
): Partial<Record<keyof ProjectEvalFlags, unknown>> {
  const defaults = project.defaults ?? {};
  const text = (value: number | undefined) => (value === undefined ? undefined : String(value));
  const entries: [keyof ProjectEvalFlags, unknown][] = [
    ['limit', text(defaults.limit)],
    ['concurrency', text(defaults.concurrency)],
    ['timeout', text(defaults.timeout)],
    ['retries', text(defaults.retries)],
    ['store', defaults.store === undefined ? undefined : resolve(folder, defaults.store)],
    ['dataDir', defaults.data_dir === undefined ? undefined : resolve(folder, defaults.data_dir)],
    ['protocol', defaults.protocol],
    ['judge', defaults.judge],
    ['judgeBaseUrl', defaults.judge_base_url],
    ['judgeRepeats', text(defaults.judge_repeats)],
    ['failUnder', defaults.fail_under],
    ['junit', defaults.junit === undefined ? undefined : resolve(folder, defaults.junit)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/**
 * `parity eval` without --task and --bench: reads `parity.yaml` in the working folder. The command line wins: a
 * flag the user gave (`given`) keeps its value, `--model` replaces the file's models; every other setting comes
 * from the file's `defaults`. Throws InputError (exit 2) when there is no project file or it is bad.
 */
export async function planProject<Flags extends ProjectEvalFlags>(
  flags: Flags,
  io: CliIo,
  given: ReadonlySet<string>,
): Promise<ProjectPlan<Flags>> {
  const file = resolve(io.cwd, PROJECT_FILE_NAME);
  if (!existsSync(file)) {
    throw new InputError(
      `no ${PROJECT_FILE_NAME} in ${io.cwd}: name --task or --bench with --model, or write one with 'parity init'`,
      { location: 'parity eval' },
    );
  }
  const project = await readProjectFile(file, io.env);
  const folder = dirname(file);
  const seen = new Set<string>();
  project.models.forEach((model, index) => {
    if (seen.has(model.spec)) {
      throw new InputError(`models[${index}].spec: ${model.spec} is listed twice`, { location: file });
    }
    seen.add(model.spec);
  });
  const fromFile = defaultFlags(project, folder);
  const merged: Record<string, unknown> = { ...(flags as unknown as Record<string, unknown>) };
  for (const [name, value] of Object.entries(fromFile)) {
    if (!given.has(name)) merged[name] = value;
  }
  const models =
    given.has('model') && flags.model !== undefined && flags.model.length > 0
      ? flags.model.map((spec) => ({ spec, ...(flags.baseUrl ? { base_url: flags.baseUrl } : {}) }))
      : project.models.map((model) =>
          given.has('baseUrl') && flags.baseUrl ? { ...model, base_url: flags.baseUrl } : model,
        );
  return {
    file,
    models,
    tasks: (project.tasks ?? []).map((task) => resolve(folder, task)),
    benchmarks: project.benchmarks ?? [],
    flags: merged as Flags,
  };
}

/**
 * The CliIo a project model runs with: with `api_key_env`, the provider's key variable (OPENAI_API_KEY, …) is
 * read from that variable instead. An unset variable is an error naming the file and the model.
 */
export function ioForModel(io: CliIo, model: ProjectModel, file: string): CliIo {
  if (model.api_key_env === undefined) return io;
  const key = io.env[model.api_key_env];
  if (key === undefined || key.trim() === '') {
    throw new InputError(`${model.spec}: api_key_env ${model.api_key_env} is not set`, { location: file });
  }
  const variables = keyVariablesFor(parseModelSpec(model.spec));
  return { ...io, env: { ...io.env, ...Object.fromEntries(variables.map((name) => [name, key])) } };
}

/** Opens a project model with its own base URL and key. */
export function openProjectModel(io: CliIo, model: ProjectModel, file: string): LanguageModel {
  return modelFromSpec(ioForModel(io, model, file), {
    spec: model.spec,
    ...(model.base_url === undefined ? {} : { baseUrl: model.base_url }),
  });
}
