#!/usr/bin/env bash
# Installs what building the portal and running the tests need, idempotently:
# every step checks for the right version first and is skipped when present.
#
#   scripts/setup.sh portal   wasm32 target, trunk, wasm-bindgen-cli (the version
#                             in Cargo.lock), wasm-opt (binaryen 132 from npm)
#   scripts/setup.sh test     portal + rustfmt/clippy, Chromium + chromedriver,
#                             Firefox ESR + geckodriver, WebKitGTK WebDriver, Xvfb,
#                             and the fixture tools (pyHanko, certomancer, Pillow,
#                             OpenSSL, poppler, qpdf, xmlsec1)
#   scripts/setup.sh env      print the PATH line the other scripts use
#
# Nothing here downloads a browser outside the distribution's packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${KYSO_TOOLS:-$HOME/.cache/kyso}"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
AXE_VERSION="4.14.1"
GECKODRIVER_VERSION="0.37.1"
export PATH="$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

# --- apt: `apt-get update` at most once, only when a package is missing -------
APT_UPDATED=0
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root for: $*"; exit 1; fi
}
apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "apt: installing ${missing[*]}"
    if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The wasm-bindgen the code is built against: the CLI must be the same version.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_portal() {
    apt_install ca-certificates build-essential pkg-config python3
    # Node.js may come from another packaging (NodeSource bundles npm in its
    # nodejs package, which conflicts with Debian's npm): install Debian's only
    # when the commands are missing.
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        log "rustup: adding wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
        log "cargo: installing trunk $TRUNK_VERSION"
        CARGO_PROFILE_RELEASE_LTO=false cargo install --locked trunk --version "$TRUNK_VERSION"
    fi
    local wbg
    wbg="$(wasm_bindgen_version)"
    [ -n "$wbg" ] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }
    if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$wbg" ] ||
        ! command -v wasm-bindgen-test-runner >/dev/null; then
        log "cargo: installing wasm-bindgen-cli $wbg"
        # Not --locked: the CLI's own lockfile pins dependencies that no longer build.
        CARGO_PROFILE_RELEASE_LTO=false cargo install wasm-bindgen-cli --version "$wbg" --force
    fi
    # Binaryen from npm, never Debian's binaryen 108 (it emits broken wasm here).
    if [ "$(wasm-opt --version 2>/dev/null | cut -d' ' -f3)" != "$BINARYEN_VERSION" ]; then
        log "npm: installing binaryen@$BINARYEN_VERSION into $TOOLS/binaryen"
        mkdir -p "$TOOLS/binaryen"
        npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
    fi
    # Trunk runs offline (Trunk.toml); fetch the crates once here.
    (cd "$ROOT" && cargo fetch --locked -q)
}

setup_test() {
    setup_portal
    for c in rustfmt clippy; do
        rustup component list --installed | grep -q "^$c" || rustup component add "$c"
    done
    apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth \
        poppler-utils qpdf xmlsec1 openssl python3-pip
    if [ "$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
        log "cargo: installing geckodriver $GECKODRIVER_VERSION"
        CARGO_PROFILE_RELEASE_LTO=false cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
    fi
    # axe-core, the accessibility checker the browser tests inject into the
    # portal and the demo page (KYSO_AXE_JS, from `setup.sh env`).
    if [ "$(node -p "require('$TOOLS/axe-core/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_VERSION" ]; then
        log "npm: installing axe-core@$AXE_VERSION into $TOOLS/axe-core"
        mkdir -p "$TOOLS/axe-core"
        npm install --prefix "$TOOLS/axe-core" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
    fi
    # Fixture generators (scripts/gen-*.py): pyHanko and its CLI, certomancer,
    # Pillow (scanned-page and image fixtures). The tests read the committed
    # fixtures; these are for regenerating them.
    # xsdata: pyHanko's bindings of the ETSI TS 119 102-2 schema, with which
    # kyso-cli's tests/etsi.rs reads Kyso's ETSI reports.
    if ! python3 -c 'import pyhanko, pyhanko.cli, certomancer, PIL, xsdata, pyhanko.generated.etsi.ts_11910202' 2>/dev/null; then
        log "pip: installing pyhanko pyhanko-cli certomancer pillow xsdata"
        python3 -m pip install -q --break-system-packages pyhanko pyhanko-cli certomancer pillow xsdata ||
            python3 -m pip install -q pyhanko pyhanko-cli certomancer pillow xsdata
    fi
}

case "${1:-}" in
    portal) setup_portal ;;
    test) setup_test ;;
    env) echo "export PATH=\"$TOOLS/binaryen/node_modules/.bin:\$HOME/.cargo/bin:\$PATH\""
         echo "export KYSO_AXE_JS=\"$TOOLS/axe-core/node_modules/axe-core/axe.min.js\"" ;;
    *) echo "usage: $0 portal|test|env" >&2; exit 2 ;;
esac
