#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): completes dist/widget/ as the package a
# host page embeds (web/widget/README.md). Trunk has put there the page's
# wasm (data-target-path="widget"), the verifier worker's wasm and the files
# of web/widget/; this script
#   1. writes the page wasm's hashed names into kyso-verifier.js,
#   2. adds the report's types and JSON Schema (docs/schema/, generated from
#      the Rust report model) and the licences,
#   3. writes package.json (version from Cargo.toml),
#   4. writes integrity.json and appends the same SRI hashes to README.md,
#   5. fills in the portal's service worker (dist/sw.js): its file list and
#      its version, the hash of those files' contents.
# Needs only bash and coreutils (sha384sum, basenc, base64).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/widget"

one() {  # the single file matching a glob in $W
  local m=("$W"/$1)
  if [ "${#m[@]}" -ne 1 ] || [ ! -f "${m[0]}" ]; then
    echo "widget-package: expected one $1 in $W, found: ${m[*]}" >&2
    exit 1
  fi
  basename "${m[0]}"
}
js="$(one 'kyso-web-*.js')"
wasm="$(one 'kyso-web-*_bg.wasm')"
for f in kyso-verifier.js kyso.js kyso.css kyso-worker_loader.js kyso-worker.js kyso-worker_bg.wasm; do
  [ -f "$W/$f" ] || { echo "widget-package: $W/$f missing" >&2; exit 1; }
done
sed -i -e "s/__KYSO_WEB_JS__/$js/" -e "s/__KYSO_WEB_WASM__/$wasm/" "$W/kyso-verifier.js"
if grep -q "__KYSO_WEB_" "$W/kyso-verifier.js"; then
  echo "widget-package: placeholders left in kyso-verifier.js" >&2
  exit 1
fi

cp "$ROOT/docs/schema/report.d.ts" "$ROOT/docs/schema/report.schema.json" "$W/"
cp "$ROOT/LICENSE-APACHE" "$ROOT/LICENSE-MIT" "$W/"

version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' "$ROOT/Cargo.toml")"
cat > "$W/package.json" <<JSON
{
  "name": "kyso-verifier",
  "version": "$version",
  "description": "Verify digitally signed documents (PDF, CMS, XML, Office, edXML) in the browser; nothing is uploaded.",
  "license": "Apache-2.0 OR MIT",
  "type": "module",
  "main": "./kyso.js",
  "types": "./kyso.d.ts",
  "exports": {
    ".": { "types": "./kyso.d.ts", "default": "./kyso.js" },
    "./element": { "types": "./kyso-verifier.d.ts", "default": "./kyso-verifier.js" },
    "./report.schema.json": "./report.schema.json",
    "./kyso.css": "./kyso.css",
    "./package.json": "./package.json"
  },
  "sideEffects": ["./kyso-verifier.js"],
  "files": ["*.js", "*.wasm", "*.css", "*.d.ts", "report.schema.json", "integrity.json", "README.md", "LICENSE-*"]
}
JSON

sri() { printf 'sha384-%s' "$(sha384sum "$1" | cut -c1-96 | tr a-f A-F | basenc --base16 -d | base64 -w0)"; }
{
  printf '\n## Integrity (sha384, Subresource Integrity)\n\n| file | integrity |\n|---|---|\n'
} >> "$W/README.md"
entries=()
while IFS= read -r f; do
  h="$(sri "$W/$f")"
  entries+=("  \"$f\": \"$h\"")
  [ "$f" = README.md ] || printf '| `%s` | `%s` |\n' "$f" "$h" >> "$W/README.md"
done < <(cd "$W" && find . -maxdepth 1 -type f ! -name integrity.json ! -name README.md -printf '%P\n' | LC_ALL=C sort)
# README.md last, after its own table is complete.
entries+=("  \"README.md\": \"$(sri "$W/README.md")\"")
{
  echo "{"
  (IFS=$'\n'; echo "${entries[*]}") | sed '$!s/$/,/'
  echo "}"
} > "$W/integrity.json"
echo "widget-package: $W ($js, $wasm, ${#entries[@]} files hashed)"

# 5. The portal's service worker (sw.js): the files it caches for offline use
#    and its version, the hash of their contents (a new build, a new cache).
S="$TRUNK_STAGING_DIR"
shell=(index.html boot.js manifest.webmanifest favicon.ico icons/icon.svg icons/icon-192.png icons/icon-512.png
       widget/kyso.css "widget/$js" "widget/$wasm" widget/kyso-worker_loader.js widget/kyso-worker.js widget/kyso-worker_bg.wasm)
for f in "${shell[@]}"; do
  [ -f "$S/$f" ] || { echo "widget-package: $S/$f missing (service worker's file list)" >&2; exit 1; }
done
version="$(cd "$S" && sha256sum "${shell[@]}" | sha256sum | cut -c1-16)"
list="$(printf '"./",'; printf '"./%s",' "${shell[@]}")"
sed -i -e "s|__KYSO_SW_VERSION__|$version|" -e "s|__KYSO_SW_FILES__|[${list%,}]|" "$S/sw.js"
if grep -q "__KYSO_SW_" "$S/sw.js"; then
  echo "widget-package: placeholders left in sw.js" >&2
  exit 1
fi
echo "widget-package: sw.js version $version, ${#shell[@]} files"
