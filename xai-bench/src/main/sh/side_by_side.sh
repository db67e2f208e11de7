#!/bin/sh
# The side-by-side table of docs/benchmarks.md ("Side by side with the Python anchors (issue 19)"): xai4j at its
# defaults against torch/Captum/pytorch-grad-cam/lime, alternating in each run. Run from the repository root; each
# group is one quiet run of at most 10 minutes (split by model and by cost). Results are appended to
# xai-bench/target/sidebyside/results.md; copy the tables and the "ratios per commit" lines into the docs.
#   ANCHORS  folder with the anchors' sources (default /tmp/anchors; made below when missing)
#   QUIET    command prefix for timed runs (default quiet.sh (beside this script) timeout 600; empty to run as is)
#   TUNED=1  also the tuned rows (OMP_NUM_THREADS=1 -Dxai4j.conv.threads=2 on the xai4j side)
#   SKIP_BUILD=1  use the existing xai-bench/target/benchmarks.jar
set -eu
ANCHORS=${ANCHORS:-/tmp/anchors}
QUIET=${QUIET-$(dirname "$0")/quiet.sh timeout 600}
M=/work/.mirror
if [ ! -d "$ANCHORS/captum" ]; then
  /work/shared/tools/anchor-pylibs.sh "$ANCHORS" captum=$M/pytorch+captum/repo@v0.6.0 \
    pytorch_grad_cam=$M/jacobgil+pytorch-grad-cam/repo@084273b lime=$M/marcotcr+lime/repo@0.2.0.0
fi
[ -n "${SKIP_BUILD:-}" ] || mvn -B -o -q -pl xai-bench -am package -DskipTests
[ -f xai-bench/target/resnet18.onnx ] || /usr/bin/python3 xai-bench/src/main/python/make_resnet18.py
S="java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.sidebyside.SideBySide --anchors $ANCHORS"
$QUIET $S --models fashion-cnn
$QUIET $S --models resnet18 --methods forward,saliency,gradcam
$QUIET $S --models resnet18 --methods ig --rounds 3
$QUIET $S --models resnet18 --methods occlusion,scorecam --rounds 3
# the anchor with torch's own default here (1 thread: torch.get_num_threads() prints 1 on the 2-core machine);
# on 2 threads its no_grad forward passes are 3-6x slower here, so ResNet-18's LIME (1000 of them) would take
# over 3 minutes a call: it is measured against the 1-thread anchor only
$QUIET $S --models fashion-cnn --torch-threads 1
$QUIET $S --models resnet18 --methods forward,saliency,gradcam --torch-threads 1
$QUIET $S --models resnet18 --methods ig --rounds 3 --torch-threads 1
$QUIET $S --models resnet18 --methods occlusion,scorecam --rounds 3 --torch-threads 1
$QUIET $S --models resnet18 --methods lime --rounds 3 --torch-threads 1
if [ -n "${TUNED:-}" ]; then
  T="env OMP_NUM_THREADS=1 java -Dxai4j.conv.threads=2 -cp xai-bench/target/benchmarks.jar org.xai4j.bench.sidebyside.SideBySide --anchors $ANCHORS"
  $QUIET $T --models fashion-cnn
  $QUIET $T --models resnet18 --methods forward,saliency,gradcam
fi
