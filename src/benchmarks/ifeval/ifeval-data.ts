import type { IfevalInstruction } from '../../scoring/ifeval/check-instructions.ts';

export interface IfevalData {
  readonly key: number;
  readonly prompt: string;
  /** The prompt's verifiable instructions with their arguments (`instruction_id_list` + `kwargs`). */
  readonly instructions: readonly IfevalInstruction[];
}
