#!/bin/sh
# asan-outlived.sh — a test whose helper outlives it: after the test has
# exited, the helper goes on writing reports where LeakSanitizer's
# log_path (the last one set, by asan-leaks.py) points, as a test desktop
# or an API server on its way out does.
#
# Copyright 2026 The Tessera developers
# SPDX-License-Identifier: GPL-3.0-or-later
log_path=$(printf '%s\n' "$LSAN_OPTIONS" | tr ':' '\n' | sed -n 's/^log_path=//p' | tail -n 1)
[ -n "$log_path" ] || { echo "not run by asan-leaks.py" >&2; exit 1; }
{
  i=0
  while [ "$i" -lt 20000 ]; do
    : > "$log_path.helper$i"
    i=$((i + 1))
  done
} 2>/dev/null &
# The test ends once its helper is writing.
n=0
while [ ! -e "$log_path.helper3" ]; do
  n=$((n + 1))
  [ "$n" -lt 1000 ] || { echo "the helper never wrote" >&2; exit 1; }
  sleep 0.01
done
exit 0
