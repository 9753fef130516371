/**
 * The files `parity init` writes: a commented project file, one example task and its small dataset (written by
 * parity itself, no third-party data). Paths are relative to the working folder.
 */
export const starterFiles: readonly { readonly path: string; readonly text: string }[] = [
  {
    path: 'parity.yaml',
    text: `# parity project file. 'parity eval' with no flags runs every model below on every task and benchmark
# (each model x task/benchmark pair is one stored, resumable run). Flags given on the command line win over
# this file: 'parity eval --limit 3' runs the project on three items. Docs: docs/tasks.md ("Project file").

models:
  # A model spec as --model takes it: openai:<model> (any OpenAI-compatible server), anthropic:, gemini:,
  # local:<file.gguf>, vllm:, ollama: ... ('parity eval --help' lists them).
  - spec: openai:gpt-4o-mini
    # base_url: http://127.0.0.1:8000/v1   # an OpenAI-compatible server (default: OPENAI_BASE_URL, else OpenAI)
    # api_key_env: MY_OPENAI_KEY           # the variable holding its key (default: the provider's, OPENAI_API_KEY)
  # - spec: openai:llama-3.1-8b-instruct
  #   base_url: \${LOCAL_BASE_URL}          # \${VARIABLE} is read from the environment

tasks:
  - tasks/example.yaml   # your own prompts and graders (docs/tasks.md)

# benchmarks: [gsm8k, mmlu]   # built-in benchmarks, run on every model too

defaults:
  concurrency: 4          # requests in flight per model
  # limit: 50             # only the first items of each task and benchmark
  # store: .parity/parity.db
  # judge: openai:gpt-4o  # grades llm_rubric graders and judge-graded benchmarks
  # fail_under: [score=0.8]   # for CI: exit 1 when a run's metric is below the value
  # junit: parity-junit.xml
`,
  },
  {
    path: 'tasks/example.yaml',
    text: `# An example task: answer with a country's capital, graded by whether the answer names it.
# Change the prompt, the dataset and the graders to your own workload (docs/tasks.md).
id: capitals
version: 1                 # raise it when you change the task: a changed task is a new version
description: Name the capital of a country
dataset: example.jsonl     # JSON Lines or CSV beside this file; each row's fields are {{variables}}
prompt:
  system: You are a concise geography assistant.
  user: "What is the capital of {{country}}? Answer with the city's name only."
generation: {temperature: 0, max_tokens: 16}
graders:
  - type: includes
    name: capital
    value: "{{capital}}"
    ignore_case: true
`,
  },
  {
    path: 'tasks/example.jsonl',
    text: [
      { id: 'fr', country: 'France', capital: 'Paris' },
      { id: 'jp', country: 'Japan', capital: 'Tokyo' },
      { id: 'ke', country: 'Kenya', capital: 'Nairobi' },
      { id: 'ca', country: 'Canada', capital: 'Ottawa' },
      { id: 'au', country: 'Australia', capital: 'Canberra' },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n')
      .concat('\n'),
  },
];
