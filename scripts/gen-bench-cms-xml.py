#!/usr/bin/env python3
"""Write the unsigned inputs of scripts/bench-cms-xml.sh: deterministic payloads
of a given size, so that runs of the benchmark time the same bytes.

  gen-bench-cms-xml.py payload OUT SIZE_BYTES
      SHA-256 in counter mode (incompressible, random-looking, recognised by
      no format detector, the same bytes every run);
  gen-bench-cms-xml.py xml OUT SIZE_BYTES
      an XML document of about SIZE_BYTES (UTF-8, Vietnamese text, default
      namespace, attributes, indentation): a list of invoice lines, each
      `<Dong stt="N">` with five children, about 11 nodes per 330 bytes, the
      shape of a large tabular declaration (not one big base64 text node, which
      would time hashing only), followed by an enveloped-signature template
      (C14N 1.0, RSA-SHA256, SHA-256, X509Certificate in KeyInfo) for
      `xmlsec1 --sign`.
"""
import hashlib
import sys

DS = "http://www.w3.org/2000/09/xmldsig#"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
RSA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

TEMPLATE = (
    f'<ds:Signature xmlns:ds="{DS}" Id="sig">'
    f'<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="{C14N}"/>'
    f'<ds:SignatureMethod Algorithm="{RSA256}"/>'
    f'<ds:Reference URI=""><ds:Transforms>'
    f'<ds:Transform Algorithm="{ENVELOPED}"/><ds:Transform Algorithm="{C14N}"/>'
    f'</ds:Transforms><ds:DigestMethod Algorithm="{SHA256}"/><ds:DigestValue/>'
    f"</ds:Reference></ds:SignedInfo><ds:SignatureValue/>"
    f"<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>"
    f"</ds:Signature>"
)


def payload(out, size):
    # SHA-256 in counter mode: no dependency beyond the standard library.
    with open(out, "wb") as f:
        block = bytearray()
        n = 0
        written = 0
        while written < size:
            block.clear()
            for _ in range(2048):
                block += hashlib.sha256(b"kyso-bench-%d" % n).digest()
                n += 1
            chunk = bytes(block[: size - written])
            f.write(chunk)
            written += len(chunk)


def xml(out, size):
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<BangKe xmlns="urn:kyso:bench" xmlns:hd="urn:kyso:hoadon" Nam="2026">\n'
        "  <hd:NguoiBan MST=\"0102357802\">Công ty TNHH Kyso &amp; cộng sự</hd:NguoiBan>\n"
    )
    tail = "\n" + TEMPLATE + "\n</BangKe>\n"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        written = len(head.encode())
        n = 1
        budget = size - len(tail.encode())
        while True:
            row = (
                f'  <Dong stt="{n}" hd:loai="{"HH" if n % 3 else "DV"}">\n'
                f"    <Ten>Hàng hoá số {n} — vở ô li, bút bi &lt;xanh&gt;</Ten>\n"
                f"    <SoLuong>{n % 97 + 1}</SoLuong><DonGia>{(n * 7919) % 1000000}</DonGia>\n"
                f"    <ThanhTien>{(n % 97 + 1) * ((n * 7919) % 1000000)}</ThanhTien>\n"
                f"    <GhiChu>Giao tại kho số {n % 13}, thanh toán chuyển khoản trong 30 ngày.</GhiChu>\n"
                f"  </Dong>\n"
            )
            b = len(row.encode())
            if written + b > budget:
                break
            f.write(row)
            written += b
            n += 1
        f.write(tail)


def main():
    kind, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"payload": payload, "xml": xml}[kind](out, size)


if __name__ == "__main__":
    main()
