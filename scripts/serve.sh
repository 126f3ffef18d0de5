#!/usr/bin/env bash
# Command (1): build the portal and serve it at http://127.0.0.1:8080/
# (PORT to change the port). Installs the build tools first when missing.
# The server only hands out the static files of dist/: the portal has no
# server side, any static host serves dist/ the same way.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" portal
eval "$("$ROOT/scripts/setup.sh" env)"
cd "$ROOT"
trunk build --release
PORT="${PORT:-8080}"
echo "Kyso portal: http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec python3 - "$PORT" "$ROOT/dist" <<'PY'
import functools, http.server, sys
port, root = int(sys.argv[1]), sys.argv[2]
class Handler(http.server.SimpleHTTPRequestHandler):
    # Explicit types: instantiateStreaming needs application/wasm.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".css": "text/css"}
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root)).serve_forever()
PY
