#!/usr/bin/env bash
# Reruns every generator that takes its references from the anchor libraries themselves (Captum,
# pytorch-grad-cam, lime, shap), with Debian's /usr/bin/python3. Run from the repository root:
#
#   tools/anchors.sh [DEST]        # DEST: where the anchors' sources go (default /tmp/xai4j-anchors)
#
# Needs (Debian bookworm): cython3 gcc python3-dev (shap's one compiled piece, explainers/_kernel_lib.pyx, is
#   compiled here from the pinned source), python3-torch (1.13) python3-torchvision python3-onnx python3-numpy python3-scipy
#   python3-sklearn python3-skimage python3-opencv python3-tqdm python3-matplotlib python3-pandas
#   python3-packaging python3-numba python3-cloudpickle
#   (apt-get install -y ...; python3-opencv is the one pytorch-grad-cam adds to the lead's list).
# and the anchors' git history (bare repositories), by default under /work/.mirror (override with the
# variables below). Two small pure-Python dependencies that Debian does not package: ttach v0.0.3
# (pytorch-grad-cam's test-time augmentation, used by aug_smooth; from its git history, qubvel/ttach) and
# slicer 0.0.8 (imported by shap's Explanation; fetched from PyPI with pip's ordinary client).
# The anchors' code is only run, never committed: the generators commit their outputs and print the
# revisions they ran.
set -euo pipefail
DEST=${1:-/tmp/xai4j-anchors}
MIRROR=${MIRROR:-/work/.mirror}
CAPTUM_REV=${CAPTUM_REV:-v0.8.0}
GRADCAM_REV=${GRADCAM_REV:-084273b}
LIME_REV=${LIME_REV:-0.2.0.0}
SHAP_REV=${SHAP_REV:-v0.49.1}
TTACH_REV=${TTACH_REV:-v0.0.3}
PY=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

mkdir -p "$DEST"
take() {  # name gitdir rev subdir
  local tmp; tmp=$(mktemp -d)
  # (a partial mirror may lack objects outside the folder: git names them on stderr)
  git --git-dir="$2" archive "$3" "$4" 2>/dev/null | tar x -C "$tmp"
  [ -d "$tmp/$4" ] || { echo "could not extract $4 at $3 from $2" >&2; exit 1; }
  rm -rf "${DEST:?}/$1"; mv "$tmp/$4" "$DEST/$1"; rm -rf "$tmp"
  echo "$1: $(git --git-dir="$2" rev-parse "$3^{commit}") ($3)"
}
take captum "$MIRROR/pytorch+captum/repo" "refs/tags/$CAPTUM_REV" captum
take pytorch_grad_cam "$MIRROR/jacobgil+pytorch-grad-cam/repo" "$GRADCAM_REV" pytorch_grad_cam
take lime "$MIRROR/marcotcr+lime/repo" "refs/tags/$LIME_REV" lime
take shap "$MIRROR/shap+shap/repo" "refs/tags/$SHAP_REV" shap
take ttach "$MIRROR/qubvel+ttach/repo" "refs/tags/$TTACH_REV" ttach
if [ ! -d "$DEST/slicer" ]; then
  $PY -m pip download --no-deps -d "$DEST/wheels" slicer==0.0.8
  $PY -m zipfile -e "$DEST"/wheels/slicer-0.0.8-py3-none-any.whl "$DEST/"
fi
# shap's KernelExplainer imports the Cython module _kernel_lib (built by shap's setup.py): compile it from the
# pinned source with Debian's cython3.
mkdir -p "$DEST/build"
cython3 -3 "$DEST/shap/explainers/_kernel_lib.pyx" -o "$DEST/build/_kernel_lib.c"
gcc -shared -fPIC -O2 -w -I"$($PY -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" \
  -I"$($PY -c 'import numpy; print(numpy.get_include())')" "$DEST/build/_kernel_lib.c" \
  -o "$DEST/_kernel_lib$($PY -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"

export PYTHONPATH="$DEST"
cd "$root"
$PY xai-attribution/src/test/python/captum_anchor.py
$PY xai-perturbation/src/test/python/anchor_reference.py
$PY xai-cam/src/test/python/gradcam_anchor.py
$PY xai-viz/src/test/python/make_viz_reference.py
