// What the first-screen benches share: production builds of this checkout, of the floor (a bare
// React page with one button) and of earlier commits (from `git archive`, with this checkout's
// node_modules), each served compressed from loopback; medians and ratios to the floor.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './bench-static-server.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITE = join(root, 'node_modules/vite/bin/vite.js');
// Inside node_modules so the floor and archived commits resolve this checkout's packages.
const cache = join(root, 'node_modules/.cache/awaknow-bench');

/** `vite build` of `cwd` into `outDir` with the app's settings `env`. */
export function viteBuild(cwd, outDir, env) {
  const run = spawnSync(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`vite build in ${cwd} failed:\n${run.stdout}\n${run.stderr}`);
  return outDir;
}

/** The floor: a bare React page with the start page's heading and a "Start session" button. */
export function buildFloor(outDir) {
  const dir = join(cache, 'floor');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Floor</title></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>',
  );
  writeFileSync(
    join(dir, 'main.jsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<main><h1>Reflect</h1><p>A guided reflection.</p><button type=\"button\">Start session</button></main>);\n",
  );
  writeFileSync(join(dir, 'vite.config.mjs'), "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n");
  return viteBuild(dir, outDir, {});
}

/** A commit's build, from `git archive` (its own sources, this checkout's packages). */
export function buildCommit(commit, outDir, env) {
  const dir = join(cache, `commit-${commit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('sh', ['-c', `git -C "${root}" archive "${commit}" | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (archive.status !== 0) throw new Error(`git archive ${commit}: ${archive.stderr}`);
  // The build reads some packages' files by path from its root (PGlite's version, say).
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return viteBuild(dir, outDir, env);
}

/** The floor, this checkout and each BENCH_COMPARE commit, built with `env` into `work`: [{ name, kind, dist }]. */
export function buildTargets(work, env) {
  const compare = (process.env.BENCH_COMPARE ?? '').split(',').filter(Boolean);
  return [
    { name: 'floor (bare React)', kind: 'floor', dist: buildFloor(join(work, 'floor')) },
    { name: 'this checkout', kind: 'app', dist: viteBuild(root, join(work, 'app'), env) },
    ...compare.map((commit) => ({ name: `commit ${commit}`, kind: 'app', dist: buildCommit(commit, join(work, `commit-${commit}`), env) })),
  ];
}

/** Serves each target from `port` on (a port another checkout holds: one the system picks); answers the servers. */
export async function serveTargets(targets, port) {
  const servers = [];
  for (const [index, target] of targets.entries()) {
    const server = await serveStatic(target.dist, port + index).catch(() => serveStatic(target.dist, 0));
    servers.push(server);
    target.url = server.url;
  }
  return servers;
}

export const median = (values) => {
  const known = values.filter((v) => v !== null && v !== undefined).sort((x, y) => x - y);
  return known.length ? known[Math.floor(known.length / 2)] : null;
};

/** One cell of the table: the target's median of `pick` over its rounds, and its ratio to the floor's. */
export function cell(target, floor, pick, kb = false) {
  const value = median(target.rounds.map(pick));
  if (value === null) return '-';
  const base = median(floor.rounds.map(pick));
  const ratio = target !== floor && base ? ` (${(value / base).toFixed(1)}x)` : '';
  return `${kb ? value.toFixed(1) : Math.round(value).toLocaleString('en')}${ratio}`;
}

/** Samples the load average every 2 s until stopped; answers { stop(), range() }. */
export function sampleLoad() {
  const load = [];
  const timer = setInterval(() => load.push(loadavg()[0]), 2_000);
  return {
    stop: () => clearInterval(timer),
    range: () => `${Math.min(...load, loadavg()[0]).toFixed(2)}-${Math.max(...load, loadavg()[0]).toFixed(2)}`,
  };
}

/** Prints each check against its budget; answers whether any was over (or not measured). */
export function printChecks(checks) {
  let over = false;
  console.log('');
  for (const [label, value, budget] of checks) {
    const ok = value !== null && value <= budget;
    if (!ok) over = true;
    console.log(`${ok ? 'ok  ' : 'OVER'}  ${label}: ${value === null ? 'not measured' : value.toFixed(1)} (budget ${budget})`);
  }
  return over;
}
