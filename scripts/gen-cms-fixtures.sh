#!/usr/bin/env bash
# Generate the CMS / RFC 3161 fixtures of crates/kyso-cms/tests/data with OpenSSL
# (and a small Python step using asn1crypto + cryptography, installed with pyHanko).
# Re-running it produces new keys and signatures; the tests only rely on the
# properties stated in README.md there, never on exact bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/crates/kyso-cms/tests/data"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
cd "$WORK"

cat > ext.cnf <<'CNF'
[req]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[dn]
[v3ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

openssl req -x509 -newkey rsa:3072 -nodes -keyout ca.key -out ca.crt -days 3650 \
  -subj "/C=VN/O=Kyso Test/CN=Kyso Test Root CA" -extensions v3ca -config ext.cnf 2>/dev/null

leaf() { # name keygen-args subject [ext]
  local name=$1 ext=${4:-leaf}
  openssl genpkey $2 -out "$name.key" 2>/dev/null
  openssl req -new -config ext.cnf -key "$name.key" -subj "$3" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions "$ext" -out "$name.crt" 2>/dev/null
}
leaf rsa "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "/C=VN/O=Kyso Test/CN=Nguyễn Văn A"
leaf rsa2 "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "/C=VN/O=Kyso Test/CN=Trần Thị B"
leaf p256 "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "/C=VN/O=Kyso Test/CN=EC P-256 signer"
leaf p384 "-algorithm EC -pkeyopt ec_paramgen_curve:P-384" "/C=VN/O=Kyso Test/CN=EC P-384 signer"
leaf p521 "-algorithm EC -pkeyopt ec_paramgen_curve:P-521" "/C=VN/O=Kyso Test/CN=EC P-521 signer"
leaf ed25519 "-algorithm ED25519" "/C=VN/O=Kyso Test/CN=Ed25519 signer"
leaf tsa "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "/C=VN/O=Kyso Test/CN=Kyso Test TSA" tsa

printf 'Nghị định thử nghiệm — nội dung được ký.\nKyso CMS fixture.\n' > content.txt
cp content.txt "$OUT/content.txt"
sed 's/thử nghiệm/THỬ NGHIỆM/' content.txt > "$OUT/content-tampered.txt"

sign() { # out key-name extra-args...
  local out=$1 k=$2; shift 2
  openssl cms -sign -binary -in content.txt -signer "$k.crt" -inkey "$k.key" -outform DER -out "$OUT/$out" "$@"
}
sign rsa-sha256-attached.p7m rsa -md sha256 -nodetach
sign rsa-sha256-detached.p7s rsa -md sha256
sign rsa-sha1-detached.p7s rsa -md sha1
sign rsa-sha384-detached.p7s rsa -md sha384
sign rsa-sha512-detached.p7s rsa -md sha512
sign rsa-sha3-256-detached.p7s rsa -md sha3-256
sign rsa-noattr-detached.p7s rsa -md sha256 -noattr
sign rsa-noattr-attached.p7m rsa -md sha256 -noattr -nodetach
sign rsa-keyid-detached.p7s rsa -md sha256 -keyid
sign rsa-pss-sha256-detached.p7s rsa -md sha256 -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32
sign rsa-pss-sha384-detached.p7s rsa -md sha384 -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:48
sign ec-p256-sha256-detached.p7s p256 -md sha256
sign ec-p384-sha384-detached.p7s p384 -md sha384
sign ec-p521-sha512-detached.p7s p521 -md sha512
# Ed25519: OpenSSL 3.0 CMS cannot sign with EdDSA; cms_fixture_edit.py builds those.
# Two signers over the same content.
openssl cms -sign -binary -in content.txt -signer rsa.crt -inkey rsa.key -signer p256.crt -inkey p256.key \
  -md sha256 -outform DER -out "$OUT/two-signers-detached.p7s"
# No certificate embedded.
sign rsa-nocerts-detached.p7s rsa -md sha256 -nocerts

# Timestamp tokens from a TSA with the critical timeStamping EKU (RFC 3161 §2.3).
cat > ts.cnf <<CNF
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = $WORK
serial = $WORK/tsaserial
crypto_device = builtin
signer_cert = $WORK/tsa.crt
certs = $WORK/ca.crt
signer_key = $WORK/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha1, sha256, sha384, sha512
accuracy = secs:1, millisecs:500
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > tsaserial
printf 'data stamped by the test TSA\n' > "$OUT/tst-data.txt"
for md in sha256 sha1; do
  openssl ts -query -data "$OUT/tst-data.txt" -"$md" -cert -out "q-$md.tsq"
  openssl ts -reply -config ts.cnf -section tsa_config -queryfile "q-$md.tsq" -out "r-$md.tsr" 2>/dev/null
  openssl ts -reply -in "r-$md.tsr" -token_out -out "$OUT/token-$md.tst" 2>/dev/null
done

# Python steps: tampered signed attribute, non-DER-ordered signed attributes
# (re-signed over the bytes as written), and a signature timestamp token added
# as an unsigned attribute.
python3 "$ROOT/scripts/cms_fixture_edit.py" "$OUT" "$WORK" ts.cnf

# PEM copies of the certificates the tests compare with.
cp ca.crt "$OUT/ca.crt"
cp rsa.crt "$OUT/rsa.crt"
cp tsa.crt "$OUT/tsa.crt"
echo "fixtures written to $OUT"
