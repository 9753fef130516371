import type { Command } from 'commander';
import type { CliIo } from '../../cli-io.ts';
import { failedGates, parseFailUnder } from './fail-under.ts';
import { evalCommand } from './eval-command.ts';
import { evalOrTaskCommand, evalTaskCommand, type EvalCommandFlags } from './eval-task-command.ts';

/** Exit codes of several commands as one: an interruption (3) over a failed gate or item errors (1) over 0. */
function worstExitCode(codes: readonly number[]): number {
  return codes.reduce((worst, code) => Math.max(worst, code), 0);
}

/**
 * `parity eval` as typed: with --task or --bench, those; without either, the project file `parity.yaml` in the
 * working folder — every model × task and model × benchmark is one run; `given` names the flags typed on the
 * command line (they win over the file's defaults).
 */
export async function evalEntryCommand(
  flags: EvalCommandFlags,
  io: CliIo,
  given: ReadonlySet<string>,
): Promise<number> {
  if ((flags.task?.length ?? 0) > 0 || flags.bench !== undefined) return evalOrTaskCommand(flags, io);
  // The project file's modules load only without --task and --bench (docs/decisions/0320).
  const { ioForModel, openProjectModel, planProject } = await import('../../project/run-project.ts');
  const plan = await planProject(flags, io, given);
  const specs = plan.models.map((model) => model.spec);
  // Every model's key variable is checked before the first run starts.
  for (const model of plan.models) ioForModel(io, model, plan.file);
  io.stderr(
    `project ${plan.file}: ${specs.length} model(s) × ${plan.tasks.length} task(s) and ${plan.benchmarks.length} benchmark(s)\n`,
  );
  const byModel = new Map(plan.models.map((model) => [model.spec, model]));
  // With --json on stdout, each part prints one { runs } document: collect them and print one.
  const collected: unknown[] = [];
  const partIo: CliIo =
    plan.flags.json === true
      ? {
          ...io,
          stdout: (text) => {
            // Notes printed beside the document (judge usage) go to stderr, so stdout stays one JSON document.
            try {
              collected.push(...(JSON.parse(text) as { runs: unknown[] }).runs);
            } catch {
              io.stderr(text);
            }
          },
        }
      : io;
  const codes: number[] = [];
  if (plan.tasks.length > 0) {
    codes.push(
      await evalTaskCommand(
        {
          ...plan.flags,
          model: specs,
          task: plan.tasks,
          openModel: (spec) => {
            const model = byModel.get(spec);
            if (!model) throw new Error(`no project model ${spec}`);
            return openProjectModel(io, model, plan.file);
          },
        },
        partIo,
      ),
    );
  }
  if (plan.benchmarks.length > 0) {
    const gates = parseFailUnder(plan.flags.failUnder);
    for (const model of plan.models) {
      codes.push(
        await evalCommand(
          {
            ...plan.flags,
            model: model.spec,
            bench: plan.benchmarks.join(','),
            ...(model.base_url === undefined ? {} : { baseUrl: model.base_url }),
          },
          ioForModel(partIo, model, plan.file),
          (results) => {
            const failures = failedGates(results, gates, { lower: plan.flags.failUnderLower === true });
            for (const failure of failures) io.stderr(`${failure}\n`);
            return failures.length > 0 ? 1 : 0;
          },
        ),
      );
    }
  }
  if (plan.flags.json === true) io.stdout(`${JSON.stringify({ runs: collected }, null, 2)}\n`);
  return worstExitCode(codes);
}

/** The options typed on the command line (or set by their environment variable), not commander's defaults. */
export function givenFlags(command: Command): Set<string> {
  const options = command.opts();
  return new Set(
    Object.keys(options).filter((name) => {
      const source = command.getOptionValueSource(name);
      return source === 'cli' || source === 'env';
    }),
  );
}
