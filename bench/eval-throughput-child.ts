// Runs one `parity eval` in this process and prints {"seconds", "max_rss_mb"} as the last stdout line.
// Used by bench/run.ts so the peak memory measured is the CLI's alone.
import { main } from '../src/cli/main.ts';
import { processIo } from '../src/cli/cli-io.ts';

const io = processIo();
const quietIo = { ...io, stdout: () => undefined, stderr: (text: string) => void process.stderr.write(text) };
const started = performance.now();
const code = await main(process.argv.slice(2), quietIo);
const seconds = (performance.now() - started) / 1000;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ code, seconds, max_rss_mb: maxRssMb }));
