#!/usr/bin/env bash
# Type-checks both edge functions the way the Supabase runtime resolves them: Deno, each function's
# deno.json import map (npm: specifiers, fetched from the npm registry into a cache).
set -euo pipefail
cd "$(dirname "$0")/.."

export DENO_DIR="${DENO_DIR:-${TMPDIR:-/tmp}/awaknow-deno-cache}"
export DENO_NO_UPDATE_CHECK=1

for fn in tavus tavus-webhook; do
  npx --no-install deno check --quiet --no-lock --config "supabase/functions/$fn/deno.json" "supabase/functions/$fn/index.ts"
done
echo "deno check: supabase/functions/tavus and supabase/functions/tavus-webhook are well typed"
