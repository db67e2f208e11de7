#!/usr/bin/env bash
# Runs one command with every other java, mvn and python3 process on this machine paused (SIGSTOP), and resumes
# them when it ends, however it ends. For timings on a shared, small machine where builds and other benchmarks
# would otherwise run alongside. Timed commands are serialised by a lock, so two quiet runs never overlap.
#   usage: quiet.sh COMMAND [ARG...]        (e.g. quiet.sh timeout 600 java -cp ... org.xai4j.bench...)
set -u
exec 9>/tmp/xai4j-quiet.lock
flock 9
self=$$
descendants() {  # every process below $1
  local kids; kids=$(pgrep -P "$1" 2>/dev/null || true)
  for k in $kids; do echo "$k"; descendants "$k"; done
}
ancestors() {  # $1 and every process above it
  local p=$1
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do echo "$p"; p=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' '); done
}
keep=" $(ancestors $self | tr '\n' ' ') "
stopped=()
for p in $(pgrep -f 'java|mvn|python3|surefire' || true); do
  case "$keep" in *" $p "*) continue ;; esac
  kill -STOP "$p" 2>/dev/null && stopped+=("$p")
done
resume() { for p in "${stopped[@]}"; do kill -CONT "$p" 2>/dev/null; done; }
trap resume EXIT INT TERM
"$@" &
child=$!
wait "$child"
