/** `Item.data` of an MBPP task (google-research `mbpp/mbpp.jsonl`, one row). */
export interface MbppData {
  readonly taskId: number;
  /** The problem statement. */
  readonly text: string;
  /** The reference solution (`\r\n` line endings, as upstream). */
  readonly code: string;
  /** Three assert statements. */
  readonly testList: readonly string[];
  /** Code run between the solution and the asserts (tasks 367 and 927 build trees with it); usually empty. */
  readonly testSetupCode: string;
  readonly challengeTestList: readonly string[];
}
