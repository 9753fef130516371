import { instructionChecks, type InstructionArguments } from './instruction-checkers.ts';

export interface IfevalInstruction {
  /** e.g. 'keywords:existence'. */
  readonly id: string;
  readonly args: InstructionArguments;
}

/**
 * The response variants the reference's loose mode tries (`test_instruction_following_loose`): the response,
 * without its first line, last line, or both (each stripped), and each of those with every `*` removed.
 */
export function looseVariants(response: string): string[] {
  const lines = response.split('\n');
  const withoutFirst = lines.slice(1).join('\n').trim();
  const withoutLast = lines.slice(0, -1).join('\n').trim();
  const withoutBoth = lines.slice(1, -1).join('\n').trim();
  const unstarred = (value: string) => value.replaceAll('*', '');
  return [
    response,
    unstarred(response),
    withoutFirst,
    withoutLast,
    withoutBoth,
    unstarred(withoutFirst),
    unstarred(withoutLast),
    unstarred(withoutBoth),
  ];
}

/**
 * Whether the response follows each instruction, strict (the response as given) or loose (any loose variant
 * follows it). An empty (white-space) response follows nothing. Unknown instruction ids throw.
 */
export function checkInstructions(options: {
  response: string;
  instructions: readonly IfevalInstruction[];
  mode: 'strict' | 'loose';
}): boolean[] {
  const responses = options.mode === 'strict' ? [options.response] : looseVariants(options.response);
  return options.instructions.map((instruction) => {
    const check = instructionChecks[instruction.id];
    if (check === undefined) throw new Error(`unknown IFEval instruction '${instruction.id}'`);
    return responses.some((response) => response.trim() !== '' && check(response, instruction.args));
  });
}
