#!/bin/bash
# Regenerates the pictures of docs/visualisation.md from synthetic data (no model) and, when Debian's
# chromium is installed, the screenshot docs/images/report-sample.png of the sample report.
# Run from the repository root:  xai-viz/src/test/sh/make_doc_images.sh
set -euo pipefail
root=$(pwd)
mvn -o -B -q -pl xai-viz -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
out=$(mktemp -d)
java -Djava.awt.headless=true \
    -cp "xai-viz/target/test-classes:xai-viz/target/classes:$(cat xai-viz/target/cp.txt)" \
    org.xai4j.viz.docs.Gallery "$out"
mkdir -p docs/images
cp "$out"/*.png docs/images/
if command -v chromium >/dev/null; then
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --screenshot="$root/docs/images/report-sample.png" \
        --window-size=1280,1600 "file://$out/report.html" 2>/dev/null
    rm -rf "$profile"
else
    echo "chromium not installed: docs/images/report-sample.png left as it was" >&2
fi
echo "report: $out/report.html"
