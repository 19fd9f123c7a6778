#!/usr/bin/env node
// Runs every benchmark in turn; each prints its figures against its budget and exits non-zero when over.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const benches = [
  ['first screen: paint, start button, click to call, database start-up, first-page JS', 'bench-first-visit.mjs'],
  ['first screen in supabase data mode: paint before supabase-js, round trips before the start button', 'bench-supabase.mjs'],
  ['journey: round trips to the conversation URL', 'bench-journey.mjs'],
  ['database: start + end against history size', 'bench-db.mjs'],
  ['usage queries against history size', 'bench-usage.mjs'],
];

const only = process.argv[2];
let failed = 0;
for (const [title, file] of benches) {
  if (only && !file.includes(only)) continue;
  const path = join(here, file);
  if (!existsSync(path)) continue;
  console.log(`\n=== ${title} (${file})`);
  const run = spawnSync(process.execPath, [path], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.log(`!!! ${file} exited with ${run.status}`);
  }
}
process.exit(failed ? 1 : 0);
