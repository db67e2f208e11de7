#!/usr/bin/env bash
# Runs one command with every other java, mvn and python3 process on this machine paused (SIGSTOP), and resumes
# them when it ends, however it ends. For timings on a shared, small machine where builds and other benchmarks
# would otherwise run alongside. Timed commands are serialised by a lock, so two quiet runs never overlap; a
# process of that kind that starts during the run (another session's next build step) is paused too, once a second.
#   usage: quiet.sh COMMAND [ARG...]        (e.g. quiet.sh timeout 600 java -cp ... org.xai4j.bench...)
set -u
exec 9>/tmp/xai4j-quiet.lock
flock 9
self=$$
ancestors() {  # $1 and every process above it
  local p=$1
  while [ -n "$p" ] && [ "$p" -gt 1 ]; do echo "$p"; p=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' '); done
}
keep=" $(ancestors $self | tr '\n' ' ') "
stopped=" "
ours=" "  # the timed command's processes, found once: walking each one's ancestors every second with ps took a
          # fifth of a core, which a timed command using both cores lost (xai-spark throughput, docs/benchmarks.md)
pause_others() {  # pause every matching process that is not ours and not paused yet
  local p
  for p in $(pgrep -f 'java|mvn|python3|surefire' || true); do
    case "$keep$stopped$ours" in *" $p "*) continue ;; esac
    if [ -n "${child:-}" ]; then  # the timed command's own processes run
      case " $(ancestors "$p" | tr '\n' ' ') " in *" $child "*) ours="$ours$p "; continue ;; esac
    fi
    kill -STOP "$p" 2>/dev/null && stopped="$stopped$p "
  done
}
resume() { for p in $stopped; do kill -CONT "$p" 2>/dev/null; done; stopped=" "; }
trap resume EXIT
# stopped from outside (timeout, ^C): resume the others, end the timed command, exit as the signal says
trap 'resume; [ -n "${child:-}" ] && kill "$child" 2>/dev/null; exit 130' INT
trap 'resume; [ -n "${child:-}" ] && kill "$child" 2>/dev/null; exit 143' TERM
pause_others
"$@" &
child=$!
while kill -0 "$child" 2>/dev/null; do
  sleep 1
  pause_others
done
wait "$child"
