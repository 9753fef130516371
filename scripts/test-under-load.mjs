// `npm run test:loaded`: runs `npm test` several times in a row while busy loops load the machine, to show the suite
// asserts behaviour rather than timing (issue: no flaky tests). Options: --busy N (busy loops, default 4),
// --runs K (default 3). Prints each run's exit code, duration and load average; exits 1 if any run failed.
import { spawn } from 'node:child_process';
import { setInterval, clearInterval } from 'node:timers';
import { loadavg, availableParallelism } from 'node:os';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`test-under-load: ${name} takes a whole number, got ${process.argv[at + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return value;
}

const busy = option('--busy', 4);
const runs = option('--runs', 3);
const loops = Array.from({ length: busy }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopLoops = () => loops.forEach((loop) => loop.kill('SIGKILL'));
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];
console.log(`${busy} busy loops on ${availableParallelism()} cores; npm test ${runs} times in a row`);
for (let run = 1; run <= runs; run += 1) {
  const started = Date.now();
  const highest = { load: 0 };
  const sampler = setInterval(() => (highest.load = Math.max(highest.load, loadavg()[0] ?? 0)), 5000);
  const code = await new Promise((resolve) => {
    const child = spawn(npm, ['test'], { stdio: 'inherit' });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  clearInterval(sampler);
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push(code);
  console.log(
    `test-under-load: run ${run} of ${runs}: exit ${code} in ${seconds} s, load average up to ${highest.load.toFixed(1)}`,
  );
}
const failed = results.filter((code) => code !== 0).length;
console.log(`test-under-load: ${runs - failed} of ${runs} runs passed with ${busy} busy loops`);
process.exit(failed === 0 ? 0 : 1);
