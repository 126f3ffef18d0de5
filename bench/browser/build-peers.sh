#!/usr/bin/env bash
# Bundle the browser benchmark's JavaScript peer, the npm package
# pdf-signature-reader (pinned), into target/bench-npm/psr.mjs for
# tests/tests/bench_browsers.rs, which serves it beside bench/browser/ (never
# in dist/: it is not part of the product). Idempotent; needs npm.
#
# node-forge, which it uses, requires Node built-ins (tls, net, crypto, …) for
# features a PDF verification never reaches: they are bundled as empty
# modules. The package brings its own Buffer.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/target/bench-npm
mkdir -p "$out"
cd "$out"
[[ -f package.json ]] || echo '{"private": true}' >package.json
if [[ ! -x node_modules/.bin/esbuild || ! -d node_modules/pdf-signature-reader ]]; then
  npm install --no-audit --no-fund --save-exact pdf-signature-reader@1.4.3 esbuild@0.28.2 >&2
fi
echo "export default {};" >empty.js
aliases=()
for m in tls net http https crypto child_process fs url path os util; do
  aliases+=("--alias:$m=./empty.js")
done
node_modules/.bin/esbuild node_modules/pdf-signature-reader/index.js --bundle --format=esm \
  --platform=browser "${aliases[@]}" --log-level=warning --outfile=psr.mjs
echo "bench/browser/build-peers.sh: $out/psr.mjs ($(stat -c %s psr.mjs) bytes)" >&2
