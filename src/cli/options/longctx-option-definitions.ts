import { Option } from 'commander';

export const longctxOptions = (): Option[] => [
  new Option(
    '--lengths <tokens>',
    'longctx: prompt lengths in tokens, comma-separated; 4k = 4096 (default 4k,8k,16k,32k,64k,128k)',
  ),
  new Option(
    '--depths <percents>',
    'longctx: needle depths in percent of the context (default 0,25,50,75,100)',
  ),
  new Option('--item-seed <n>', 'longctx: seed the items are generated from (default 42)'),
  new Option('--items-per-cell <n>', 'longctx: items per task, length and depth (default 5)'),
  new Option('--chars-per-token <x>', 'longctx: characters per token to size haystacks (default 4)'),
  new Option(
    '--context-window <tokens>',
    "longctx: the endpoint's context window (default: learned from the endpoint, as parity probe shows); longer lengths are refused with one line",
  ),
  new Option(
    '--calibrate',
    "longctx: measure characters per token from the server's reported prompt tokens (one request) before generating",
  ),
  new Option(
    '--threshold <accuracy>',
    'longctx: accuracy the effective context length must stay above, 0-1 (default 0.856, RULER)',
  ),
];
