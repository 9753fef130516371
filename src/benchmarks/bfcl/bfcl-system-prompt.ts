import { pyJsonDumps, pyList, type PyValue } from './py-value.ts';

/**
 * BFCL's default prompt-mode system prompt (format "ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&
 * prompt_fmt=plaintext&style=classic"), byte for byte: upstream bfcl_eval/constants/default_prompts.py
 * (PROMPT_STYLE_TEMPLATES "classic", OUTPUT_FORMAT_MAPPING "python", _PLAINTEXT_SYSTEM_PROMPT_TEMPLATE
 * "{persona}{task}\n\n{tool_call_format}\n\n{multiturn_behavior}\n\n{available_tools}") filled as
 * formulate_system_prompt does (bfcl_eval/model_handler/utils.py:656-699), functions as json.dumps(indent=4).
 */
export function bfclSystemPrompt(functions: readonly PyValue[]): string {
  const persona = 'You are an expert in composing functions.';
  const task =
    'You are given a question and a set of possible functions. Based on the question, you will need to make one or more function/tool calls to achieve the purpose. If none of the functions can be used, point it out. If the given question lacks the parameters required by the function, also point it out.';
  const outputFormat =
    '[func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]';
  const toolCallFormat = `You should only return the function calls in your response.\n\nIf you decide to invoke any of the function(s), you MUST put it in the format of ${outputFormat}.  You SHOULD NOT include any other text in the response.`;
  const multiturn =
    "At each turn, you should try your best to complete the tasks requested by the user within the current turn. Continue to output functions to call until you have fulfilled the user's request to the best of your ability. Once you have no more functions to call, the system will consider the current turn complete and proceed to the next turn or task.";
  const availableTools = `Here is a list of functions in json format that you can invoke.\n${pyJsonDumps(pyList(functions), 4)}\n`;
  return `${persona}${task}\n\n${toolCallFormat}\n\n${multiturn}\n\n${availableTools}`;
}
