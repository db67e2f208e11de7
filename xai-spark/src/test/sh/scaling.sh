#!/usr/bin/env bash
# local[2] ÷ local[1] in separate JVMs (issue 22): ROUNDS rounds, each one local[1] JVM and one local[2] JVM back to
# back (the order swapped every round), each timed under xai-bench's quiet.sh with SparkThroughputBench's
# steady-state warm-up. Prints every JVM's passes, each round's ratio of the timed medians and the median ratio.
#   usage: scaling.sh CLASSPATH_FILE [ROUNDS=3] [ROWS=1024] [PASSES=5] [METHOD PARAM...]
#   env:   JAVA_OPTS (default: the `xai spark` launcher's memory options with -Xmx2g), OMP_NUM_THREADS (default 1),
#          CLASSES (xai-spark's classes; default its target/classes and target/test-classes),
#          KIND (local: a job per pass, the default; stream: one long job read in windows, PASSES windows)
# Run from the repository root after
#   mvn -B -o -q -pl xai-spark -am test-compile dependency:build-classpath -Dmdep.outputFile=CLASSPATH_FILE \
#       -Dmdep.includeScope=test
set -eu
cp_file=$1; rounds=${2:-3}; rows=${3:-1024}; passes=${4:-5}; shift $(( $# < 4 ? $# : 4 ))
method=("$@"); [ ${#method[@]} -gt 0 ] || method=(integrated-gradients steps=50)
root=$(cd "$(dirname "$0")/../../.." && pwd)
opens=$(sed -n 's:.*<spark.test.opens>\(.*\)</spark.test.opens>.*:\1:p' "$root/pom.xml")
opts=${JAVA_OPTS:--Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4G -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dxai4j.spark.maxrss=8G}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratios=()
for ((r = 1; r <= rounds; r++)); do
  k=${KIND:-local}
  if (( r % 2 )); then order=("$k[1]" "$k[2]"); else order=("$k[2]" "$k[1]"); fi
  declare -A rate=()
  for v in "${order[@]}"; do
    out=$("$root/../xai-bench/src/main/sh/quiet.sh" timeout 600 java $opens $opts \
        -cp "${CLASSES:-$root/target/classes:$root/target/test-classes}:$(cat "$cp_file")" \
        org.xai4j.spark.SparkThroughputBench "$rows" "$v" "$passes" "${method[@]}" 2>&1 | grep -E '^  |median')
    echo "round $r $v"; echo "$out"
    rate[$v]=$(echo "$out" | sed -n 's/.*: median \([0-9.]*\) rows\/s.*/\1/p')
  done
  ratio=$(awk -v a="${rate[$k[2]]}" -v b="${rate[$k[1]]}" 'BEGIN {printf "%.3f", a / b}')
  echo "round $r: $k[1] ${rate[$k[1]]}, $k[2] ${rate[$k[2]]} rows/s, ratio $ratio"
  ratios+=("$ratio")
done
echo "ratios ${ratios[*]}, median $(printf '%s\n' "${ratios[@]}" | median)"
