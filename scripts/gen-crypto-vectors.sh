#!/usr/bin/env bash
# Generate signature test vectors for kyso-crypto with OpenSSL into
# crates/kyso-crypto/tests/data/. `vectors.tsv` lists each case:
#   name <TAB> algorithm <TAB> public key (SPKI DER) <TAB> message <TAB> signature <TAB> expected (valid|invalid)
# algorithm: pkcs1:<hash> | pss:<hash>:<mgf1 hash>:<salt> | ecdsa:<hash> | ed25519 | ed448
# `pss-*.algid.der` are RSASSA-PSS AlgorithmIdentifiers written by OpenSSL into
# self-signed certificates, with the certificate's TBS and signature beside them.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/crates/kyso-crypto/tests/data"
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$OUT"
TSV=vectors.tsv
: > "$TSV"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$TSV"; }

printf 'Kyso crypto vector: ký số.\n' > msg.bin
key() { # name genpkey-args
  openssl genpkey $2 -out "$1.key" 2>/dev/null
  openssl pkey -in "$1.key" -pubout -outform DER -out "$1.spki.der"
}
key rsa "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
key rsa-other "-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
key p256 "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
key p256-other "-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
key p384 "-algorithm EC -pkeyopt ec_paramgen_curve:P-384"
key p521 "-algorithm EC -pkeyopt ec_paramgen_curve:P-521"
key ed25519 "-algorithm ED25519"
key ed25519-other "-algorithm ED25519"
key ed448 "-algorithm ED448"
key ed448-other "-algorithm ED448"

flip() { python3 -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[len(b)//2]^=0x10; open(sys.argv[2],'wb').write(b)" "$1" "$2"; }
trunc() { python3 -c "import sys; b=open(sys.argv[1],'rb').read(); open(sys.argv[2],'wb').write(b[:-1])" "$1" "$2"; }

# RSA PKCS#1 v1.5 with each digest.
for h in sha1 sha224 sha256 sha384 sha512 sha3-256 sha3-512; do
  openssl dgst -"$h" -sign rsa.key -out "rsa-pkcs1-$h.sig" msg.bin
  row "rsa-pkcs1-$h" "pkcs1:$h" rsa.spki.der msg.bin "rsa-pkcs1-$h.sig" valid
done
row rsa-pkcs1-sha256-as-sha384 pkcs1:sha384 rsa.spki.der msg.bin rsa-pkcs1-sha256.sig invalid
flip rsa-pkcs1-sha256.sig rsa-pkcs1-sha256-flipped.sig
row rsa-pkcs1-flipped-bit pkcs1:sha256 rsa.spki.der msg.bin rsa-pkcs1-sha256-flipped.sig invalid
row rsa-pkcs1-wrong-key pkcs1:sha256 rsa-other.spki.der msg.bin rsa-pkcs1-sha256.sig invalid
trunc rsa-pkcs1-sha256.sig rsa-pkcs1-sha256-truncated.sig
row rsa-pkcs1-truncated pkcs1:sha256 rsa.spki.der msg.bin rsa-pkcs1-sha256-truncated.sig invalid

# DigestInfo variants signed with raw PKCS#1 type-1 padding (pkeyutl without -digest):
# parameters absent (RFC 4055 §2.1: MUST be accepted) and garbage after the DigestInfo (must fail).
H=$(openssl dgst -sha256 -binary msg.bin | xxd -p -c 64)
printf '302f300b0609608648016503040201%s%s' 0420 "$H" | xxd -r -p > di-absent.bin
openssl pkeyutl -sign -inkey rsa.key -in di-absent.bin -out rsa-pkcs1-absent-null.sig
row rsa-pkcs1-digestinfo-absent-null pkcs1:sha256 rsa.spki.der msg.bin rsa-pkcs1-absent-null.sig valid
printf '3031300d06096086480165030402010500%s%sdeadbeef' 0420 "$H" | xxd -r -p > di-garbage.bin
openssl pkeyutl -sign -inkey rsa.key -in di-garbage.bin -out rsa-pkcs1-garbage.sig
row rsa-pkcs1-digestinfo-trailing-garbage pkcs1:sha256 rsa.spki.der msg.bin rsa-pkcs1-garbage.sig invalid
rm -f di-absent.bin di-garbage.bin

# RSASSA-PSS parameter sets.
pss() { # name hash mgf salt
  openssl dgst -"$2" -sign rsa.key -sigopt rsa_padding_mode:pss -sigopt rsa_mgf1_md:"$3" -sigopt rsa_pss_saltlen:"$4" -out "$1.sig" msg.bin
  row "$1" "pss:$2:$3:$4" rsa.spki.der msg.bin "$1.sig" valid
}
pss rsa-pss-sha256-mgf256-salt32 sha256 sha256 32
pss rsa-pss-sha384-mgf384-salt48 sha384 sha384 48
pss rsa-pss-sha512-mgf512-salt64 sha512 sha512 64
pss rsa-pss-sha1-defaults sha1 sha1 20
pss rsa-pss-sha256-mgf1-salt32 sha256 sha1 32
pss rsa-pss-sha256-mgf256-salt0 sha256 sha256 0
row rsa-pss-mgf-hash-mismatch pss:sha256:sha256:32 rsa.spki.der msg.bin rsa-pss-sha256-mgf1-salt32.sig invalid
row rsa-pss-salt-length-mismatch pss:sha256:sha256:20 rsa.spki.der msg.bin rsa-pss-sha256-mgf256-salt32.sig invalid
row rsa-pss-as-pkcs1 pkcs1:sha256 rsa.spki.der msg.bin rsa-pss-sha256-mgf256-salt32.sig invalid
flip rsa-pss-sha256-mgf256-salt32.sig rsa-pss-flipped.sig
row rsa-pss-flipped-bit pss:sha256:sha256:32 rsa.spki.der msg.bin rsa-pss-flipped.sig invalid
row rsa-pss-wrong-key pss:sha256:sha256:32 rsa-other.spki.der msg.bin rsa-pss-sha256-mgf256-salt32.sig invalid

# ECDSA (DER Ecdsa-Sig-Value).
ec() { # name key hash
  openssl dgst -"$3" -sign "$2.key" -out "$1.sig" msg.bin
  row "$1" "ecdsa:$3" "$2.spki.der" msg.bin "$1.sig" valid
}
ec ecdsa-p256-sha256 p256 sha256
ec ecdsa-p256-sha384 p256 sha384
ec ecdsa-p384-sha384 p384 sha384
ec ecdsa-p521-sha512 p521 sha512
ec ecdsa-p256-sha3-256 p256 sha3-256
flip ecdsa-p256-sha256.sig ecdsa-p256-flipped.sig
row ecdsa-p256-flipped-bit ecdsa:sha256 p256.spki.der msg.bin ecdsa-p256-flipped.sig invalid
row ecdsa-p256-wrong-key ecdsa:sha256 p256-other.spki.der msg.bin ecdsa-p256-sha256.sig invalid
trunc ecdsa-p384-sha384.sig ecdsa-p384-truncated.sig
row ecdsa-p384-truncated ecdsa:sha384 p384.spki.der msg.bin ecdsa-p384-truncated.sig invalid
row ecdsa-p256-sig-on-p384-key ecdsa:sha256 p384.spki.der msg.bin ecdsa-p256-sha256.sig invalid

# Ed25519 (pure).
openssl pkeyutl -sign -rawin -inkey ed25519.key -in msg.bin -out ed25519.sig
row ed25519 ed25519 ed25519.spki.der msg.bin ed25519.sig valid
flip ed25519.sig ed25519-flipped.sig
row ed25519-flipped-bit ed25519 ed25519.spki.der msg.bin ed25519-flipped.sig invalid
row ed25519-wrong-key ed25519 ed25519-other.spki.der msg.bin ed25519.sig invalid
trunc ed25519.sig ed25519-truncated.sig
row ed25519-truncated ed25519 ed25519.spki.der msg.bin ed25519-truncated.sig invalid

# Ed448 (pure, empty context: RFC 8410, RFC 8419).
openssl pkeyutl -sign -rawin -inkey ed448.key -in msg.bin -out ed448.sig
row ed448 ed448 ed448.spki.der msg.bin ed448.sig valid
flip ed448.sig ed448-flipped.sig
row ed448-flipped-bit ed448 ed448.spki.der msg.bin ed448-flipped.sig invalid
row ed448-wrong-key ed448 ed448-other.spki.der msg.bin ed448.sig invalid
trunc ed448.sig ed448-truncated.sig
row ed448-truncated ed448 ed448.spki.der msg.bin ed448-truncated.sig invalid

# PSS AlgorithmIdentifiers as OpenSSL writes them in certificates.
pss_cert() { # name hash salt
  openssl req -x509 -new -key rsa.key -subj "/CN=pss $1" -days 1 -"$2" \
    -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:"$3" -outform DER -out "$1.cert.der" \
    -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n') 2>/dev/null
  python3 - "$1" <<'PY'
import sys
from asn1crypto import x509
n = sys.argv[1]
c = x509.Certificate.load(open(n + ".cert.der", "rb").read())
open(n + ".tbs.der", "wb").write(c["tbs_certificate"].dump())
open(n + ".algid.der", "wb").write(c["signature_algorithm"].dump())
open(n + ".certsig.bin", "wb").write(c["signature_value"].native)
PY
  rm -f "$1.cert.der"
}
pss_cert pss-sha256 sha256 32
pss_cert pss-sha384 sha384 48
pss_cert pss-sha1 sha1 20
rm -f ./*.key
echo "vectors written to $OUT ($(wc -l < "$TSV") cases)"
