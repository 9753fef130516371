// FastChat (lm-sys/FastChat 0e6d3e4beaab66f4d3f93db72541a4abab8af28d) answers MT-Bench questions for API models
// with `gen_api_answer.py`, which starts each conversation from `get_conversation_template(model)` and sends
// `conv.to_openai_api_messages()`: a system message when the template has a non-empty one. For OpenAI models
// (`model_path in OPENAI_MODEL_LIST`, fastchat/model/model_adapter.py) `ChatGPTAdapter` picks the template.

/** fastchat/model/model_adapter.py `OPENAI_MODEL_LIST`. */
const openaiModelList: readonly string[] = [
  'gpt-3.5-turbo',
  'gpt-3.5-turbo-0301',
  'gpt-3.5-turbo-0613',
  'gpt-3.5-turbo-1106',
  'gpt-3.5-turbo-0125',
  'gpt-4',
  'gpt-4-0314',
  'gpt-4-0613',
  'gpt-4-turbo',
  'gpt-4-1106-preview',
  'gpt-4-0125-preview',
  'gpt-4-turbo-browsing',
  'gpt-4-turbo-2024-04-09',
  'gpt2-chatbot',
  'im-also-a-good-gpt2-chatbot',
  'im-a-good-gpt2-chatbot',
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-2024-05-13',
  'gpt-4o-2024-08-06',
  'chatgpt-4o-latest-20240903',
  'chatgpt-4o-latest',
  'o1-preview',
  'o1-mini',
];

/** fastchat/conversation.py template `chatgpt`. */
const chatgptSystem = 'You are a helpful assistant.';
/** Template `gpt-4-turbo-2024-04-09`; FastChat sends the `{{currentDateTime}}` placeholder as written. */
const gpt4TurboSystem =
  'You are ChatGPT, a large language model trained by OpenAI, based on the GPT-4 architecture.\n' +
  'Knowledge cutoff: 2023-11\n' +
  'Current date: {{currentDateTime}}\n\n' +
  'Image input capabilities: Enabled\n' +
  'Personality: v2';
/** Template `gpt-mini`. */
const gptMiniSystem =
  'You are ChatGPT, a large language model trained by OpenAI, based on the GPT-4 architecture.\n' +
  'Current date: {{currentDateTime}}\n\n' +
  'Image input capabilities: Enabled\n' +
  'Personality: v2';

/**
 * The system message FastChat sends with MT-Bench answers of `modelId`, or undefined when it sends none.
 * `ChatGPTAdapter.get_default_conv_template`, in its order: "browsing" and "o1" → `api_based_default` (empty);
 * gpt-4-turbo-2024-04-09, gpt2-chatbot, gpt-4o-2024-05-13, anonymous-chatbot, chatgpt-4o-latest →
 * `gpt-4-turbo-2024-04-09`; gpt-4o-2024-08-06, gpt-mini, gpt-4o-mini-2024-07-18 → `gpt-mini`; other listed
 * models → `chatgpt`. Models outside the list (Claude's template has no system message; local models use
 * their own adapters) get none here: the endpoint applies the model's own chat template.
 */
export function fastchatAnswerSystemMessage(modelId: string | undefined): string | undefined {
  if (modelId === undefined || !openaiModelList.includes(modelId)) return undefined;
  if (modelId.includes('browsing')) return undefined;
  const turbo = ['gpt-4-turbo-2024-04-09', 'gpt2-chatbot', 'gpt-4o-2024-05-13', 'anonymous-chatbot'];
  if (turbo.some((name) => modelId.includes(name))) return gpt4TurboSystem;
  if (modelId.includes('gpt-4o-2024-08-06')) return gptMiniSystem;
  if (modelId.includes('chatgpt-4o-latest')) return gpt4TurboSystem;
  if (['gpt-mini', 'gpt-4o-mini-2024-07-18'].some((name) => modelId.includes(name))) return gptMiniSystem;
  if (modelId.includes('o1')) return undefined;
  return chatgptSystem;
}
