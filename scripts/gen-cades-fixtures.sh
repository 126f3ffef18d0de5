#!/usr/bin/env bash
# Generate the CMS-file fixtures of crates/kyso-cades/tests/data with OpenSSL
# `cms -sign` (and a Python step using asn1crypto + cryptography, installed with
# pyHanko, for the countersignature OpenSSL cannot make). Re-running it makes
# new keys and signatures; the tests rely only on the properties listed in
# crates/kyso-cades/tests/data/README.md, never on exact bytes.
#
#   bash scripts/gen-cades-fixtures.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/crates/kyso-cades/tests/data"
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
CNF

openssl req -x509 -newkey rsa:3072 -nodes -keyout ca.key -out ca.crt -days 3650 \
  -subj "/C=VN/O=Kyso Test/CN=Kyso CAdES Test Root" -extensions v3ca -config ext.cnf 2>/dev/null
leaf() { # name keygen-args subject
  openssl genpkey $2 -out "$1.key" 2>/dev/null
  openssl req -new -config ext.cnf -key "$1.key" -subj "$3" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions leaf -out "$1.crt" 2>/dev/null
}
leaf signer "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "/C=VN/O=UBND Tỉnh Thử Nghiệm/CN=Nguyễn Văn A"
leaf clerk "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "/C=VN/O=UBND Tỉnh Thử Nghiệm/CN=Văn thư"

printf 'Công văn thử nghiệm — nội dung được ký trong tệp .p7m.\n' > content.txt
cp content.txt "$OUT/content.txt"
# A signed PDF inside a .p7m: the content is verified as a child report.
cp "$ROOT/fixtures/pdf/i3-rsa2048-cades.pdf" decision.pdf

sign() { # out in key extra-args...
  local out=$1 in=$2 k=$3; shift 3
  openssl cms -sign -binary -in "$in" -signer "$k.crt" -inkey "$k.key" -md sha256 -out "$OUT/$out" "$@"
}
sign attached.p7m content.txt signer -nodetach -outform DER
sign attached-pem.p7m content.txt signer -nodetach -outform PEM
openssl base64 -in "$OUT/attached.p7m" -out "$OUT/attached-base64.p7m"
sign content.txt.p7s content.txt signer -outform DER
sign detached-pss.p7s content.txt signer -outform DER -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32
sign decision.pdf.p7m decision.pdf signer -nodetach -outform DER
# Two signers of the same content (a leader and the office's clerk).
openssl cms -sign -binary -in content.txt -signer signer.crt -inkey signer.key \
  -signer clerk.crt -inkey clerk.key -md sha256 -nodetach -outform DER -out "$OUT/two-signers.p7m"

# Python: a countersignature of the first signer by the clerk, and a copy of
# attached.p7m whose encapsulated content was changed after signing.
python3 - "$OUT" "$WORK" <<'PY'
import sys, ssl, hashlib, datetime
from asn1crypto import cms, core, algos, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

out, work = sys.argv[1], sys.argv[2]
info = cms.ContentInfo.load(open(f"{out}/attached.p7m", "rb").read())
sd = info["content"]
si = sd["signer_infos"][0]
clerk_cert = x509.Certificate.load(ssl.PEM_cert_to_DER_cert(open(f"{work}/clerk.crt").read()))
clerk_key = serialization.load_pem_private_key(open(f"{work}/clerk.key", "rb").read(), None)

# RFC 5652 §11.4: the countersignature's messageDigest is the digest of the
# contents octets of the countersigned SignerInfo's signature OCTET STRING;
# its signed attributes carry no content-type.
digest = hashlib.sha256(si["signature"].native).digest()
attrs = cms.CMSAttributes([
    cms.CMSAttribute({"type": "signing_time",
                      "values": [cms.Time({"utc_time": core.UTCTime(datetime.datetime.now(datetime.timezone.utc))})]}),
    cms.CMSAttribute({"type": "message_digest", "values": [core.OctetString(digest)]}),
])
signature = clerk_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
counter = cms.SignerInfo({
    "version": "v1",
    "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
        "issuer": clerk_cert.issuer, "serial_number": clerk_cert.serial_number})}),
    "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
    "signed_attrs": attrs,
    "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
    "signature": signature,
})
si["unsigned_attrs"] = cms.CMSAttributes([
    cms.CMSAttribute({"type": "counter_signature", "values": [counter]})])
sd["certificates"] = list(sd["certificates"]) + [cms.CertificateChoices({"certificate": clerk_cert})]
open(f"{out}/counter-signed.p7m", "wb").write(info.dump(force=True))

# The same countersignature over a different value: it must not verify.
bad = cms.ContentInfo.load(open(f"{out}/counter-signed.p7m", "rb").read())
bsi = bad["content"]["signer_infos"][0]
cs = bsi["unsigned_attrs"][0]["values"][0]
cs_sig = bytearray(cs["signature"].native)
cs_sig[-1] ^= 0x01
cs["signature"] = bytes(cs_sig)
open(f"{out}/counter-signature-broken.p7m", "wb").write(bad.dump(force=True))

# Content changed after signing, same length, signature untouched.
raw = bytearray(open(f"{out}/attached.p7m", "rb").read())
needle, changed = "thử nghiệm".encode(), "THỬ NGHIỆM".encode()
assert len(needle) == len(changed)
i = raw.index(needle)
raw[i:i + len(needle)] = changed
open(f"{out}/content-changed.p7m", "wb").write(bytes(raw))
PY

cp ca.crt "$OUT/ca.crt"
echo "fixtures written to $OUT"
