#!/usr/bin/env bash
# Runs the whole vitest suite with the machine's clock set to dates where calendar code breaks, each in
# another time zone: a test that passes only on some days, or in UTC, fails here.
#
# libfaketime (Debian's faketime) fakes the clock for Node and for every process it starts: PGlite's now()
# runs inside Node, and the PostgreSQL server the race tests start inherits the preload. The clock keeps
# ticking from the given instant, so a run that starts at 23:59:59 crosses midnight, and a month's end.
# The Deno functions' test starts Deno with a clean environment (no LD_PRELOAD), so Deno keeps the real
# clock: V8 inside Deno aborts under libfaketime, and its downloads check certificates against the date.
#
#   scripts/test-at-dates.sh                 every date below
#   scripts/test-at-dates.sh '2030-06-01 00:00:00 UTC' Europe/Paris    one date in one zone
set -euo pipefail
cd "$(dirname "$0")/.."

command -v faketime >/dev/null || { echo "faketime is missing: apt-get install -y faketime" >&2; exit 1; }

runs=(
  '2027-01-01 00:00:00 UTC|UTC'                      # the first day of a month (and of a year)
  '2027-02-28 23:59:59 UTC|Pacific/Kiritimati'       # the last day of a month at 23:59:59 UTC; already March 1st there
  '2028-02-29 12:00:00 UTC|America/Los_Angeles'      # a leap day
  '2027-03-31 23:59:59 UTC|Asia/Kolkata'             # a 31-day month's last second; a half-hour zone
)
[ $# -ge 1 ] && runs=("$1|${2:-UTC}")

failed=()
for run in "${runs[@]}"; do
  at=${run%%|*}
  zone=${run##*|}
  echo "== npm test at $at (TZ=$zone)"
  TZ=$zone faketime "$at" npm test --silent || failed+=("$at ($zone)")
done
# every date runs, so one report names all the dates that fail
if [ ${#failed[@]} -gt 0 ]; then
  printf 'failed at: %s\n' "${failed[@]}" >&2
  exit 1
fi
