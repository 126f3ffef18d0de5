#!/usr/bin/env bash
# Signed Office package fixtures for kyso-package (crates/kyso-package/tests/data/),
# made and signed by a real signer, plus attacks derived from the signed files.
#
#   - PKI (openssl): a test CA (key fixtures/pki/keys/root.key.pem) and a signer
#     certificate (fixtures/pki/keys/signer-rsa2048.key.pem) it issues; the CA
#     certificate is written beside the fixtures (ca.crt) as their trust anchor.
#     TEST ONLY keys. The signer's key and chain go into a throwaway NSS database.
#   - Apache POI first (scripts/poi/SignOoxml.java, compiled with javac against
#     Debian's libapache-poi-java 4.0.1): on Debian bookworm it cannot sign
#     (poi-ooxml-schemas-4.0.1.jar lacks the XMLBeans type system and the
#     generated schema classes POI's signature facets use); the script prints
#     the missing class and goes on. If it ever works, poi-signed.docx is written.
#   - LibreOffice (soffice --headless, pyuno: scripts/package-fixtures/
#     lo_make_and_sign.py) makes .odt/.ods/.odp and .docx/.xlsx/.pptx from
#     scratch and signs each with its own signing code (xmlsec1 + NSS), as
#     File > Digital Signatures does: XAdES document signatures for ODF
#     (META-INF/documentsignatures.xml), OPC package signatures for OOXML
#     (_xmlsignatures/), and a macro signature (META-INF/macrosignatures.xml).
#   - Attacks (python3 zipfile: scripts/package-fixtures/attacks.py), each
#     repacking a signed file and changing only what the attack needs.
#
# Usage: scripts/gen-package-fixtures.sh
# Needs: openssl, certutil/pk12util (libnss3-tools), LibreOffice with
# python3-uno (libreoffice-{writer,calc,impress}-nogui), python3;
# for the POI attempt: javac, libapache-poi-java, libxml-security-java,
# libbcpkix-java, libslf4j-java.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=crates/kyso-package/tests/data
KEYS=fixtures/pki/keys
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# --- PKI ---------------------------------------------------------------------
cat > "$TMP/ext.cnf" <<'CNF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
openssl req -x509 -new -key "$KEYS/root.key.pem" -subj "/C=VN/O=Kyso Test/CN=Kyso Package Test CA" \
  -days 9000 -set_serial 1 -config "$TMP/ext.cnf" -extensions ca -out "$TMP/ca.crt"
openssl req -new -key "$KEYS/signer-rsa2048.key.pem" -subj "/C=VN/O=Kyso Test/CN=Kyso Package Test Signer" \
  -config "$TMP/ext.cnf" -out "$TMP/signer.csr"
openssl x509 -req -in "$TMP/signer.csr" -CA "$TMP/ca.crt" -CAkey "$KEYS/root.key.pem" -set_serial 2 \
  -days 8000 -extfile "$TMP/ext.cnf" -extensions leaf -out "$TMP/signer.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$KEYS/signer-rsa2048.key.pem" -in "$TMP/signer.crt" -certfile "$TMP/ca.crt" \
  -name "Kyso Package Test Signer" -passout pass: -out "$TMP/signer.p12"
# The attacker's look-alike: a CA and a signer with the same names and serial
# numbers as the test CA and signer, other keys, a shorter validity (certificate doubling).
openssl req -x509 -new -key "$KEYS/untrusted-root.key.pem" -subj "/C=VN/O=Kyso Test/CN=Kyso Package Test CA" \
  -days 9000 -set_serial 1 -config "$TMP/ext.cnf" -extensions ca -out "$TMP/lookalike-ca.crt"
openssl req -new -key "$KEYS/untrusted-signer.key.pem" -subj "/C=VN/O=Kyso Test/CN=Kyso Package Test Signer" \
  -config "$TMP/ext.cnf" -out "$TMP/lookalike.csr"
openssl x509 -req -in "$TMP/lookalike.csr" -CA "$TMP/lookalike-ca.crt" -CAkey "$KEYS/untrusted-root.key.pem" \
  -set_serial 2 -days 7000 -extfile "$TMP/ext.cnf" -extensions leaf -out "$TMP/lookalike.crt" 2>/dev/null
mkdir "$TMP/nss"
certutil -N -d "sql:$TMP/nss" --empty-password
pk12util -i "$TMP/signer.p12" -d "sql:$TMP/nss" -W '' >/dev/null
certutil -A -d "sql:$TMP/nss" -n "Kyso Package Test CA" -t "CT,C,C" -i "$TMP/ca.crt"

# A small picture (8×8 red PNG) for the text documents.
python3 - "$TMP/stamp.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\x00" + bytes([200, 30, 30] * 8) for _ in range(8))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY

mkdir "$TMP/out"
# --- LibreOffice: make and sign ---------------------------------------------
/usr/bin/python3 scripts/package-fixtures/lo_make_and_sign.py "$TMP/out" "$TMP/stamp.png" "$TMP/nss"

# --- Apache POI (attempt) ----------------------------------------------------
J=/usr/share/java
CP=""
for j in poi poi-ooxml poi-ooxml-schemas xmlbeans commons-codec commons-collections4 commons-compress \
         commons-logging commons-math3 curvesapi xmlsec bcprov bcpkix bcutil slf4j-api slf4j-nop; do
  [ -f "$J/$j.jar" ] && CP="$CP:$J/$j.jar"
done
if command -v javac >/dev/null && [ -f "$J/poi-ooxml.jar" ]; then
  mkdir "$TMP/poi"
  javac -nowarn -d "$TMP/poi" -cp "$CP" scripts/poi/SignOoxml.java
  openssl pkcs8 -topk8 -nocrypt -in "$KEYS/signer-rsa2048.key.pem" -outform DER -out "$TMP/signer.p8"
  openssl x509 -in "$TMP/signer.crt" -outform DER -out "$TMP/signer.der"
  openssl x509 -in "$TMP/ca.crt" -outform DER -out "$TMP/ca.der"
  if java -cp "$TMP/poi$CP" SignOoxml "$TMP/out/unsigned.docx" "$TMP/out/poi-signed.docx" \
       "$TMP/signer.p8" "$TMP/signer.der" "$TMP/ca.der" 2>"$TMP/poi.log"; then
    echo "Apache POI signed poi-signed.docx"
    cp "$TMP/out/poi-signed.docx" "$OUT/"
  else
    echo "Apache POI cannot sign with these jars: $(grep -m1 -oE '(NoClassDefFoundError|ClassNotFoundException)[^ ]*: [^ ]+' "$TMP/poi.log" || head -1 "$TMP/poi.log")"
  fi
else
  echo "javac or libapache-poi-java missing: Apache POI not tried"
fi

# --- Attacks ----------------------------------------------------------------
python3 scripts/package-fixtures/attacks.py "$TMP/out" "$KEYS/untrusted-signer.key.pem" "$TMP/lookalike.crt"

cp "$TMP/ca.crt" "$OUT/ca.crt"
for f in lo-signed.odt lo-signed.ods lo-signed.odp lo-signed.docx lo-signed.xlsx lo-signed.pptx \
         lo-macro-signed.odt lo-signed-macros.odt "$TMP"/out/attack-*; do
  cp "$TMP/out/$(basename "$f")" "$OUT/"
done
ls -l "$OUT"
