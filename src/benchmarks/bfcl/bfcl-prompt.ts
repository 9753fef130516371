import type { ChatMessage, Item, Protocol } from '../../spec/index.ts';
import { bfclMetrics } from './bfcl-metrics.ts';
import type { BfclData } from './bfcl-data.ts';
import { languageSpecificFunctions } from './bfcl-functions.ts';
import { bfclScoring } from './bfcl-scoring.ts';
import { bfclSystemPrompt } from './bfcl-system-prompt.ts';
import { decodePromptCalls } from './decode-calls.ts';
import { goldCalls } from './gold-calls.ts';
import { renderPythonCalls } from './render-calls.ts';

/**
 * Prompt mode for endpoints without a tools API: BFCL's default system prompt lists the functions and asks for
 * `[func(a=1)]`; a question's own system message follows it after a blank line (upstream
 * system_prompt_pre_processing_chat_model, bfcl_eval/model_handler/utils.py:374-400). The reply is read as
 * Python call syntax. Java and JavaScript values are then Python strings holding the source text (upstream
 * parses Java/JavaScript call syntax for those two categories; see docs/decisions/0156).
 */
export const bfclPrompt: Protocol<BfclData> = {
  kind: 'generate',
  id: 'bfcl.prompt',
  version: 1,
  benchmark: 'bfcl',
  description: 'BFCL v4 AST categories with the functions in the system prompt and [func(a=1)] replies',
  metrics: bfclMetrics,
  buildRequest(item: Item<BfclData>) {
    const system = bfclSystemPrompt(languageSpecificFunctions(item.data.functions, item.data.category));
    const [first, ...rest] = item.data.messages;
    const messages: ChatMessage[] =
      first?.role === 'system'
        ? [{ role: 'system', content: `${system}\n\n${first.content}` }, ...rest]
        : [{ role: 'system', content: system }, ...item.data.messages];
    return { messages, parameters: { temperature: 0.001 } };
  },
  score(item, completion) {
    return bfclScoring(item, decodePromptCalls(completion), { underscoreToDot: false });
  },
  referenceCompletion(item) {
    return item.data.category === 'irrelevance'
      ? 'None of the functions can answer this question.'
      : renderPythonCalls(goldCalls(item.data));
  },
};
