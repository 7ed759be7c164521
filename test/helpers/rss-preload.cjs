// Preloaded into a measured child (test/helpers/measured-bin.ts): its peak memory, written at exit.
'use strict';
process.on('exit', () => {
  if (process.env.RSS_OUT) require('node:fs').writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS));
});
