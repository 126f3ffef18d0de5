#!/usr/bin/env bash
# Regenerates crates/kyso-pdf/tests/data/*.pdf: small PDFs made by real tools
# (qpdf for encryption, object/xref streams and linearization; pyHanko for
# signatures and incremental updates). Requires qpdf, openssl, python3 with pyHanko.
#
# The outputs are committed; re-running changes keys and IDs but not the facts
# the tests check (revision counts, algorithms, texts, byte-range layout).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=crates/kyso-pdf/tests/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# 1. A small two-page base document with a UTF-16 Vietnamese title, written
#    by hand so every byte is known; qpdf then normalises it.
python3 - "$TMP/raw.pdf" <<'PY'
import sys
title = "Nghị định thử nghiệm".encode("utf-16-be")
title_hex = "FEFF" + title.hex().upper()
content = b"BT /F1 24 Tf 72 720 Td (Kyso test page) Tj ET"
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    b"<< /Title <" + title_hex.encode() + b"> /Author (Kyso \\(test\\)) /Producer (handwritten) /CreationDate (D:20260610141542+07'00') >>",
]
out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
PY
cp "$TMP/raw.pdf" "$OUT/plain.pdf"

# 2. Encryption with the empty user password (opens) and with a user password (does not).
qpdf --allow-weak-crypto --encrypt "" owner 40 -- "$TMP/raw.pdf" "$OUT/rc4-40.pdf"
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$TMP/raw.pdf" "$OUT/rc4-128.pdf"
qpdf --encrypt "" owner 128 --use-aes=y -- "$TMP/raw.pdf" "$OUT/aes-128.pdf"
qpdf --encrypt "" owner 256 -- "$TMP/raw.pdf" "$OUT/aes-256.pdf"
qpdf --encrypt "secret" owner 256 -- "$TMP/raw.pdf" "$OUT/aes-256-user-password.pdf"

# 3. Cross-reference streams with object streams, and a linearized file.
qpdf --object-streams=generate --compress-streams=y "$TMP/raw.pdf" "$OUT/objstm.pdf"
qpdf --linearize "$TMP/raw.pdf" "$OUT/linearized.pdf"

# 4. Signatures by pyHanko: signed once, then signed again (incremental
#    update), and a signature over the xref-stream file.
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Kyso Test Signer/O=Kyso/C=VN" \
    -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null
sign() { # in out field
    python3 -m pyhanko sign addsig --field "$3" pemder --no-pass --key "$TMP/key.pem" --cert "$TMP/cert.pem" "$1" "$2"
}
sign "$OUT/plain.pdf" "$OUT/signed.pdf" Sig1
sign "$OUT/signed.pdf" "$OUT/signed-twice.pdf" Sig2
sign "$OUT/objstm.pdf" "$OUT/objstm-signed.pdf" Sig1
sign "$OUT/linearized.pdf" "$OUT/linearized-signed.pdf" Sig1
ls -l "$OUT"

# 5. An embedded file (qpdf), and signatures over encrypted documents (pyHanko
#    API, which can authenticate first): one opens with the empty password,
#    one needs the user password "secret".
printf 'hello attachment\n' > "$TMP/notes.txt"
qpdf "$OUT/plain.pdf" --add-attachment "$TMP/notes.txt" --key=notes.txt --mimetype=text/plain -- "$OUT/attachment.pdf"
python3 - "$TMP/key.pem" "$TMP/cert.pem" "$OUT" <<'PY'
import sys
from pyhanko.sign import signers
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
key, cert, out = sys.argv[1:4]
signer = signers.SimpleSigner.load(key, cert)
for src, dst, pw in [("rc4-128.pdf", "rc4-128-signed.pdf", ""), ("aes-256-user-password.pdf", "aes-256-user-password-signed.pdf", "secret")]:
    with open(f"{out}/{src}", "rb") as f:
        w = IncrementalPdfFileWriter(f)
        w.encrypt(pw)
        with open(f"{out}/{dst}", "wb") as o:
            signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name="Sig1", reason="Đồng ý"), signer=signer, output=o)
PY
ls -l "$OUT"
