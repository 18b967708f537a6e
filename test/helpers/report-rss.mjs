// Preloaded with `node --import`: reports the process's peak resident set size when it exits.
// process.resourceUsage().maxRSS is in KiB (getrusage ru_maxrss on Linux).
process.on('exit', () => {
  process.stderr.write(`[report-rss] maxRSS=${process.resourceUsage().maxRSS}\n`);
});
