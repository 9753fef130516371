export { defineBenchmark, type BenchmarkDefinition } from './define-benchmark.ts';
export { defineProtocol } from './define-protocol.ts';
export { extractors } from './extractors.ts';
export { matchers } from './matchers.ts';
export { multipleChoiceVariables, type MultipleChoiceData } from './multiple-choice-variables.ts';
export { parseDefinition, type ProtocolDefinition } from './protocol-definition.ts';
export { promptTemplates } from './prompt-templates.ts';
export {
  SIMPLE_EVALS_MULTIPLE_CHOICE_TEMPLATE,
  formatSimpleEvalsMultipleChoice,
} from './simple-evals-multiple-choice.ts';
