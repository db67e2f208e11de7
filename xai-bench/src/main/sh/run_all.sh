#!/bin/sh
# Reproduces every number of docs/benchmarks.md ("Explanation graph, methods and memory"). Run from the
# repository root; takes about an hour on 2 cores. Results go to xai-bench/target/results/.
#   OMP_NUM_THREADS  threads of libnd4j and PyTorch (default 1; the tables were also taken with 2)
#   ISA              oneDNN build: avx512 (default) or avx2 (see /proc/cpuinfo)
set -eu
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
export OMP_NUM_THREADS
ISA=${ISA:-avx512}
T=xai-bench/target
R=$T/results
E=-Dorg.bytedeco.javacpp.platform.extension=-onednn-$ISA

# the two benchmark jars: default ND4J native backend (OpenBLAS), and the oneDNN build
mvn -B -q -Ponednn -Donednn.isa=$ISA -pl xai-bench -am package -DskipTests
cp $T/benchmarks.jar $T/benchmarks-onednn.jar
mvn -B -q -pl xai-bench -am package -DskipTests
cp $T/benchmarks.jar $T/benchmarks-default.jar
/usr/bin/python3 xai-bench/src/main/python/make_resnet18.py
mkdir -p $R

# the ResNet-18 graph reproduces PyTorch's logits on both backends
java -cp $T/benchmarks-default.jar org.xai4j.bench.graph.ResNetAgreement
java $E -cp $T/benchmarks-onednn.jar org.xai4j.bench.graph.ResNetAgreement

# explanation graph passes, and PyTorch on the same model
java -jar $T/benchmarks-default.jar GraphBenchmark -wi 2 -i 5 -f 1 -rf json -rff $R/graph-default.json
java $E -jar $T/benchmarks-onednn.jar GraphBenchmark -wi 2 -i 5 -f 1 -jvmArgsAppend $E -rf json -rff $R/graph-onednn.json
/usr/bin/python3 xai-bench/src/main/python/time_torch.py "$OMP_NUM_THREADS" 5
cp $T/torch-resnet18.md $R/torch.md
/usr/bin/python3 xai-bench/src/main/python/time_torch.py "$OMP_NUM_THREADS" 2 lime

# method ÷ raw passes: JMH (both scores, minutes apart) ...
java -jar $T/benchmarks-default.jar AttributionBenchmark -p model=fashion-cnn -wi 2 -i 5 -w 1 -r 1 -f 1 -rf json -rff $R/attr-fashion.json
java -jar $T/benchmarks-default.jar PerturbationBenchmark -p model=fashion-cnn -wi 2 -i 5 -w 1 -r 1 -f 1 -rf json -rff $R/pert-fashion.json
java $E -jar $T/benchmarks-onednn.jar AttributionBenchmark -p model=resnet18 -wi 1 -i 3 -w 1 -r 1 -f 1 -jvmArgsAppend $E -rf json -rff $R/attr-resnet.json
/usr/bin/python3 xai-bench/src/main/python/jmh_table.py $R/*.json > $R/jmh-tables.md

# ... and interleaved (each round times both back to back)
for jar in default onednn; do
  X=""; [ $jar = onednn ] && X=$E
  J="java $X -cp $T/benchmarks-$jar.jar org.xai4j.bench.support.OverheadRatios"
  for m in ig50 smoothgrad25 gradshap25; do $J attribution fashion-cnn $m 30 3; done
  for m in occlusion lime1000 kernelshap2000; do $J perturbation fashion-cnn $m 30 3; done
  for m in fashion-cnn resnet18; do $J gradcam $m gradcam 20 3; done
done 2>&1 | grep RATIO | tee $R/ratios.txt
J="java $E -cp $T/benchmarks-onednn.jar org.xai4j.bench.support.OverheadRatios"
for m in ig50 smoothgrad25 gradshap25; do $J attribution resnet18 $m 8 1; done 2>&1 | grep RATIO | tee -a $R/ratios.txt
$J perturbation resnet18 occlusion 5 1 2>&1 | grep RATIO | tee -a $R/ratios.txt
$J perturbation resnet18 lime1000 3 0 2>&1 | grep RATIO | tee -a $R/ratios.txt
java -cp $T/benchmarks-default.jar org.xai4j.bench.cam.CamOverhead 30 | tee -a $R/ratios.txt

# peak resident memory, one workload per JVM
M="java -Xmx1g $E -cp $T/benchmarks-onednn.jar org.xai4j.bench.memory.PeakMemory"
B="-Dorg.bytedeco.javacpp.maxphysicalbytes=1700M -Dorg.bytedeco.javacpp.maxbytes=1200M"
{
  java -Xmx1g -cp $T/benchmarks-default.jar org.xai4j.bench.memory.PeakMemory graph resnet18 16 1
  java -Xmx1g -cp $T/benchmarks-default.jar org.xai4j.bench.memory.PeakMemory graph resnet18 16 8
  $M graph resnet18 16 1
  $M graph resnet18 16 8
  java -Xmx1g $B $E -cp $T/benchmarks-onednn.jar org.xai4j.bench.memory.PeakMemory graph resnet18 16 8
  for s in 16 256; do $M ig resnet18 $s 64; $M ig resnet18 $s 16; done
  for s in 16 256; do java -Xmx1g $B $E -cp $T/benchmarks-onednn.jar org.xai4j.bench.memory.PeakMemory ig resnet18 $s 16; done
} 2>&1 | grep PEAK | tee $R/memory.txt
