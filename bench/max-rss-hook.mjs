// Preloaded with `node --import` into a process under measurement: prints its peak RSS and exit code as one
// JSON line on stderr when it exits.
process.on('exit', (code) => {
  process.stderr.write(`${JSON.stringify({ max_rss_mb: process.resourceUsage().maxRSS / 1024, code })}\n`);
});
