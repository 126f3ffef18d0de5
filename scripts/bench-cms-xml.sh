#!/usr/bin/env bash
# Issue 11's benchmark: verifying CMS (.p7s detached, .p7m attached) and
# XML-DSig files with `kyso verify` beside `openssl cms -verify` and
# `xmlsec1 --verify`, on the same files, at 1 MiB and 100 MiB payloads;
# `sha256sum` of the payload is the floor (reading and hashing it once).
#
#   scripts/bench-cms-xml.sh                       # 1 and 100 MiB, 5 runs
#   KYSO_BENCH_SIZES=1 RUNS=3 scripts/bench-cms-xml.sh
#   KYSO_BIN=/path/to/kyso KYSO_COMMIT=abc1234 scripts/bench-cms-xml.sh
#   GEN_ONLY=1 scripts/bench-cms-xml.sh            # inputs only (for the criterion benches)
#
# Inputs go to $KYSO_BENCH_DIR (default target/bench-cms-xml, never committed):
#   ca.pem                    test root (key: fixtures/pki/keys/root.key.pem, TEST ONLY)
#   signer.pem                its RSA-2048 leaf (key: fixtures/pki/keys/signer-rsa2048.key.pem)
#   data-N.bin, data-N.bin.p7s   N MiB payload (scripts/gen-bench-cms-xml.py) and its
#                             detached signature (`openssl cms -sign -binary`, DER)
#   data-N.p7m                the same payload signed attached (`-nodetach`, DER)
#   doc-N.xml                 N MiB XML document signed by `xmlsec1 --sign` (enveloped,
#                             C14N 1.0, RSA-SHA256, the leaf in ds:X509Certificate)
# Each tool's success is checked on each file before it is timed (a benchmark of
# a failing verification is worthless), Kyso's by its exit status 0 and
# `verdict.indication == TOTAL_PASSED` in its JSON.
#
# Wall time: hyperfine mean ± σ over $RUNS runs after one warm-up, and the mean
# CPU time (user+sys, the steadier number on a shared machine) of those runs;
# peak RSS: GNU time, the largest of two further runs. The table is printed and
# written to $KYSO_BENCH_DIR/results.md; docs/benchmarks.md is edited by hand.
#
# Needs: openssl, xmlsec1 (xmlsec1-openssl), hyperfine (apt-get install
# hyperfine), /usr/bin/time (GNU time), jq, python3, cargo (kyso release build).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
dir=${KYSO_BENCH_DIR:-$repo/target/bench-cms-xml}
sizes=${KYSO_BENCH_SIZES:-1,100}
runs=${RUNS:-5}
keys=$repo/fixtures/pki/keys
mkdir -p "$dir"

need="openssl xmlsec1 python3"
[[ -n ${GEN_ONLY:-} ]] || need="$need hyperfine jq /usr/bin/time"
for tool in $need; do
  command -v "$tool" >/dev/null || { echo "bench-cms-xml: missing $tool" >&2; exit 2; }
done

# --- inputs -------------------------------------------------------------------
if [[ ! -f $dir/ca.pem || ! -f $dir/signer.pem ]]; then
  cat >"$dir/ext.cnf" <<'EOF'
[req]
distinguished_name = dn
x509_extensions = ca
prompt = no
[dn]
CN = Kyso bench CMS XML root
O = Kyso test
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  openssl req -x509 -new -config "$dir/ext.cnf" -key "$keys/root.key.pem" -sha256 \
    -days 3650 -set_serial 1101 -out "$dir/ca.pem"
  openssl req -new -config "$dir/ext.cnf" -key "$keys/signer-rsa2048.key.pem" \
    -subj "/CN=Kyso bench signer/O=Kyso test" -out "$dir/signer.csr"
  openssl x509 -req -in "$dir/signer.csr" -CA "$dir/ca.pem" -CAkey "$keys/root.key.pem" \
    -set_serial 1102 -days 3650 -sha256 -extfile "$dir/ext.cnf" -extensions leaf \
    -out "$dir/signer.pem" 2>/dev/null
  rm -f "$dir/signer.csr"
fi
ca=$dir/ca.pem
signer=$dir/signer.pem
signkey=$keys/signer-rsa2048.key.pem

IFS=, read -ra list <<<"$sizes"
for s in "${list[@]}"; do
  bytes=$((s * 1048576))
  bin=$dir/data-$s.bin
  if [[ ! -f $bin.p7s || ! -f $dir/data-$s.p7m ]]; then
    echo "bench-cms-xml: CMS inputs, $s MiB" >&2
    python3 scripts/gen-bench-cms-xml.py payload "$bin" "$bytes"
    openssl cms -sign -binary -in "$bin" -signer "$signer" -inkey "$signkey" -md sha256 \
      -outform DER -out "$bin.p7s"
    openssl cms -sign -binary -nodetach -in "$bin" -signer "$signer" -inkey "$signkey" \
      -md sha256 -outform DER -out "$dir/data-$s.p7m"
  fi
  if [[ ! -f $dir/doc-$s.xml ]]; then
    echo "bench-cms-xml: XML input, $s MiB" >&2
    python3 scripts/gen-bench-cms-xml.py xml "$dir/doc-$s.tpl.xml" "$bytes"
    xmlsec1 --sign --privkey-pem "$signkey,$signer" --output "$dir/doc-$s.xml" "$dir/doc-$s.tpl.xml"
    rm -f "$dir/doc-$s.tpl.xml"
  fi
done
[[ -z ${GEN_ONLY:-} ]] || exit 0

if [[ -z ${KYSO_BIN:-} ]]; then
  target=${CARGO_TARGET_DIR:-$repo/target}
  cargo build --release -p kyso-cli >&2
  KYSO_BIN=$target/release/kyso
fi
[[ -x $KYSO_BIN ]] || { echo "bench-cms-xml: no kyso binary at $KYSO_BIN" >&2; exit 2; }
# KYSO_ENV="NAME=value ...": environment for kyso only (e.g. to try glibc tunables).
kyso=("$KYSO_BIN")
[[ -z ${KYSO_ENV:-} ]] || read -ra kyso <<<"env $KYSO_ENV $KYSO_BIN"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- each tool must succeed on each file before it is timed -------------------
check() { # what cmd...
  local what=$1; shift
  if ! "$@" >"$tmp/check.out" 2>"$tmp/check.err"; then
    echo "bench-cms-xml: $what FAILED: $*" >&2
    tail -5 "$tmp/check.err" >&2
    exit 1
  fi
}
# Kyso's verdict must be TOTAL_PASSED (exit 0); otherwise its cell says what
# it gave instead of a time.
check_kyso() { # file...
  local code=0
  "${kyso[@]}" verify --json --trust "$ca" "$@" >"$tmp/kyso.json" 2>"$tmp/kyso.err" || code=$?
  local ind
  ind=$(jq -r '.verdict.indication' "$tmp/kyso.json" 2>/dev/null || echo "?")
  if [[ $code != 0 || $ind != TOTAL_PASSED ]]; then
    local codes
    codes=$(jq -r '[.findings[]?.code, .signatures[]?.findings[]?.code] | map(select(test("limit|unreadable|refused|too_large"))) | join(", ")' "$tmp/kyso.json" 2>/dev/null || true)
    echo "bench-cms-xml: kyso on $* gave exit $code, indication $ind ($codes)" >&2
    echo "**$ind** ($codes), not timed"
    return 1
  fi
}

# wall mean ± sd and mean CPU time (user+sys, from getrusage: microseconds, where
# GNU time's %U/%S round to 10 ms) from hyperfine's JSON
hf() { # name cmd...
  local name=$1; shift
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/$name.json" \
    --command-name "$name" "$(printf '%q ' "$@")" >/dev/null 2>"$tmp/$name.hf.err" || {
      cat "$tmp/$name.hf.err" >&2; exit 1; }
  jq -r '.results[0] | "\(.mean*1000|round) ± \(.stddev*1000|round) ms, cpu \((.user+.system)*1000|round) ms"' "$tmp/$name.json"
}

# peak RSS (GNU time, largest of 2 runs)
rss() { # cmd...
  : >"$tmp/rss.txt"
  for _ in 1 2; do
    /usr/bin/time -f '%M' -o "$tmp/one.txt" "$@" >/dev/null 2>&1
    cat "$tmp/one.txt" >>"$tmp/rss.txt"
  done
  awk '{if ($1 > m) m = $1} END {printf "%.0f MiB", m / 1024}' "$tmp/rss.txt"
}

cell() { # name cmd...
  local name=$1; shift
  local w c
  w=$(hf "$name" "$@")
  c=$(rss "$@")
  echo "$w, $c"
}

mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }

rows_cms=""
rows_xml=""
for s in "${list[@]}"; do
  bin=$dir/data-$s.bin p7s=$dir/data-$s.bin.p7s p7m=$dir/data-$s.p7m xml=$dir/doc-$s.xml
  echo "bench-cms-xml: checking $s MiB" >&2
  kd=$(check_kyso "$p7s") && kd=
  ka=$(check_kyso "$p7m") && ka=
  kx=$(check_kyso "$xml") && kx=
  check "openssl detached $s" openssl cms -verify -binary -inform DER -in "$p7s" -content "$bin" -CAfile "$ca" -out /dev/null
  grep -q "Verification successful" "$tmp/check.err" || { echo "bench-cms-xml: openssl said: $(cat "$tmp/check.err")" >&2; exit 1; }
  check "openssl attached $s" openssl cms -verify -binary -inform DER -in "$p7m" -CAfile "$ca" -out /dev/null
  grep -q "Verification successful" "$tmp/check.err" || { echo "bench-cms-xml: openssl said: $(cat "$tmp/check.err")" >&2; exit 1; }
  check "xmlsec1 $s" xmlsec1 --verify --trusted-pem "$ca" "$xml"
  grep -q "^OK" "$tmp/check.err" || { echo "bench-cms-xml: xmlsec1 said: $(cat "$tmp/check.err")" >&2; exit 1; }

  echo "bench-cms-xml: timing $s MiB" >&2
  floor=$(cell "sha256sum-$s" sha256sum "$bin")
  [[ -n $kd ]] || kd=$(cell "kyso-p7s-$s" "${kyso[@]}" verify --json --trust "$ca" "$p7s")
  od=$(cell "openssl-p7s-$s" openssl cms -verify -binary -inform DER -in "$p7s" -content "$bin" -CAfile "$ca" -out /dev/null)
  [[ -n $ka ]] || ka=$(cell "kyso-p7m-$s" "${kyso[@]}" verify --json --trust "$ca" "$p7m")
  oa=$(cell "openssl-p7m-$s" openssl cms -verify -binary -inform DER -in "$p7m" -CAfile "$ca" -out /dev/null)
  xfloor=$(cell "sha256sum-xml-$s" sha256sum "$xml")
  [[ -n $kx ]] || kx=$(cell "kyso-xml-$s" "${kyso[@]}" verify --json --trust "$ca" "$xml")
  xx=$(cell "xmlsec1-$s" xmlsec1 --verify --trusted-pem "$ca" "$xml")
  rows_cms+="| data-$s.bin.p7s (detached) | $(mib "$bin") + $(stat -c %s "$p7s") B | $kd | $od | $floor |"$'\n'
  rows_cms+="| data-$s.p7m (attached) | $(mib "$p7m") | $ka | $oa | $floor |"$'\n'
  rows_xml+="| doc-$s.xml | $(mib "$xml") | $kx | $xx | $xfloor |"$'\n'
done

{
  echo "Generated by \`scripts/bench-cms-xml.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC at $("$KYSO_BIN" --version 2>/dev/null || echo kyso), commit ${KYSO_COMMIT:-$(git rev-parse --short HEAD)}${KYSO_ENV:+, kyso run with $KYSO_ENV};"
  echo "$(nproc) CPU(s), $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Cells: hyperfine wall mean ± σ and mean CPU time (user+sys) of $runs runs after 1 warm-up; peak RSS (GNU time, largest of 2 runs)."
  echo
  echo "| CMS file | size | kyso \`verify --json --trust ca.pem\` | $(openssl version | cut -d' ' -f1-2) \`cms -verify -binary\` | sha256sum (payload) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s' "$rows_cms"
  echo
  echo "| XML file | size | kyso \`verify --json --trust ca.pem\` | $(xmlsec1 --version | cut -d' ' -f1-2) \`--verify --trusted-pem\` | sha256sum (file) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  printf '%s' "$rows_xml"
} >"$dir/results.md"
cat "$dir/results.md"
