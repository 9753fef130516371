/** One XSTest v2 prompt (`xstest/xstest_v2_prompts.csv`). */
export interface XstestData {
  /** `v2-1` … `v2-450`: the `id_v2` column, also the item id. */
  readonly idV2: string;
  readonly prompt: string;
  /** One of 10 safe types or 8 unsafe `contrast_*` types; the item's group. */
  readonly type: string;
  /** Upstream rule: unsafe prompts are those whose type starts with `contrast_`. */
  readonly label: 'safe' | 'unsafe';
  /** The trigger word or phrase. */
  readonly focus: string;
  /** Free-text sub-topic; empty in many rows. */
  readonly note: string;
}
