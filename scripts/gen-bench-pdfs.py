#!/usr/bin/env python3
"""Make large signed PDFs for the verification benchmarks (not committed).

    python3 scripts/gen-bench-pdfs.py [OUT_DIR] [--sizes 1,20,100] [--decree PAGES]

OUT_DIR defaults to $KYSO_BENCH_DIR, else target/bench-pdfs. For each size S
(MiB) writes `bench-S.pdf`: one page showing an uncompressed DeviceGray image
XObject whose stream carries ~S MiB of seeded pseudo-random bytes (so nothing
compresses it away), signed by pyHanko (PAdES B-B, RSA-2048, SHA-256) with the
fixture PKI of scripts/gen-fixtures.py. Existing files of the right size are
kept, so the benchmark only pays for generation once.

`--decree N` (N >= 11) also writes `decree-N.pdf` (`--sizes` then defaults to
none): the workload of issue 9's covering check, a tagged N-page decree
(struct tree, one marked-content sequence per text line, FlateDecode pages of
real text, a table every seventh page, two appendices) signed six times in six
incremental updates, the way a Vietnamese office does it: the leader's
certification signature (DocMDP P=2, PAdES) on the last page, then the clerk's
adbe.pkcs7.detached signatures with opaque stamps on blank space -- document
number and date on page 1, the seal on the last page, one stamp at the head of
each appendix (pages N-9 and N-4). Every update also tags the new widget and
writes /ParentTree anew (scripts/gen-attack-fixtures.py's `tag_new_widget`,
as the government's signing software does), a new XMP stream and Info.
`decree-N-append.pdf` is the same document whose updates append the widget's
entry to the existing /ParentTree instead (what Kyso accepted before it
compared ParentTrees by their entries, commit d9dc764: a like-for-like input
for timing commits on both sides of that change).
Signers: the "vn" and "rsa2048" leaves of the fixture PKI, so

    cargo run -p kyso-cli -- verify --trust fixtures/pdf/trust/kyso-test-root.pem decree-30.pdf

says TOTAL_PASSED. The clock is frozen (gen-fixtures.py), so the file is
byte-identical from run to run.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_module(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def load_fixture_module():
    return load_module("gen_fixtures", "gen-fixtures.py")


def big_pdf(size_bytes: int, seed: int) -> bytes:
    """One page + one image XObject of about size_bytes (classic xref)."""
    side = max(1, int(size_bytes**0.5))
    rng = random.Random(seed)
    n = side * side
    # randbytes takes at most 2**31 bits at a time: 64 MiB pieces.
    payload = b"".join(rng.randbytes(min(1 << 26, n - i)) for i in range(0, n, 1 << 26))
    content = b"q 500 0 0 500 48 300 cm /Im1 Do Q\nBT /F1 12 Tf 48 280 Td (Kyso benchmark payload) Tj ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> "
        b"/Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % (side, side, len(payload)) + payload + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------------------
# The 30-page multi-signature decree (--decree)
# ---------------------------------------------------------------------------
WORDS = (
    "quy dinh nay ap dung doi voi co quan to chuc ca nhan co lien quan den viec quan ly su dung "
    "chu ky so dich vu chung thuc van ban dien tu trong hoat dong cua he thong hanh chinh nha nuoc "
    "bo truong thu truong chu tich uy ban nhan dan tinh thanh pho truc thuoc trung uong chiu trach "
    "nhiem thi hanh nghi dinh theo chuc nang nhiem vu quyen han duoc giao bao dam an toan thong tin "
    "luu tru giao dich tiep nhan xu ly ho so thu tuc trinh tu thoi han noi dung hinh thuc ban hanh"
).encode().split()


def decree_widgets(pages: int):
    """The signatures, in signing order: (field, fixture PKI signer, page index, widget box,
    stamp text, certify). The appendices start on page indices N-10 and N-5 (pages N-9 and N-4).
    Every box lies on blank space of its page as laid out by `decree_pdf`."""
    last, app1, app2 = pages - 1, pages - 10, pages - 5
    return [
        ("ChuKyLanhDao", "vn", last, (370, 225, 560, 355), "Nguyen Thi Thu Huong\nThu tuong", True),
        ("SoVanBan", "rsa2048", 0, (96, 742, 196, 766), "15/2026", False),
        ("NgayBanHanh", "rsa2048", 0, (405, 742, 565, 766), "01/03/2026", False),
        ("DauCoQuan", "rsa2048", last, (280, 250, 365, 335), "CHINH PHU", False),
        ("PhuLucI", "rsa2048", app1, (430, 795, 570, 832), "Phu luc I - 15/2026", False),
        ("PhuLucII", "rsa2048", app2, (430, 795, 570, 832), "Phu luc II - 15/2026", False),
    ]


def decree_pdf(pages: int, seed: int = 9) -> bytes:
    """A tagged PDF 1.7 decree of `pages` pages, classic xref, compressed page content."""
    import zlib

    rnd = random.Random(seed)
    gaf = sys.modules.get("gen_attack_fixtures") or load_module("gen_attack_fixtures", "gen-attack-fixtures.py")
    objs: dict[int, bytes] = {}
    nxt = [11]

    def new(body: bytes = b"") -> int:
        n = nxt[0]
        nxt[0] += 1
        objs[n] = body
        return n

    def line() -> bytes:
        words, width = [], 0
        while width < 74:
            w = rnd.choice(WORDS)
            words.append(w)
            width += len(w) + 1
        return b" ".join(words)

    app1, app2 = pages - 10, pages - 5
    page_refs, parent_entries, doc_kids = [], [], []
    article = 0
    for pi in range(pages):
        page = new()
        page_refs.append(page)
        mcid_elems: list[int] = []  # MCID -> structure element
        ops: list[bytes] = [b"/Artifact BMC BT /F1 9 Tf 290 40 Td (%d) Tj ET EMC" % (pi + 1)]

        def text(x: float, y: float, s: bytes, size: int = 11, bold: bool = False, elem: int | None = None) -> int:
            mcid = len(mcid_elems)
            mcid_elems.append(elem if elem is not None else 0)
            f = b"/F2" if bold else b"/F1"
            ops.append(b"/P <</MCID %d>> BDC BT %s %d Tf %g %g Td (%s) Tj ET EMC" % (mcid, f, size, x, y, s))
            return mcid

        # (structure element kind, [(x, y, text, size, bold)]) in reading order
        blocks: list[tuple[bytes, list]] = []
        top = 780
        if pi == 0:
            blocks += [
                (b"P", [(90, 800, b"CHINH PHU", 12, True)]),
                (b"P", [(300, 800, b"CONG HOA XA HOI CHU NGHIA VIET NAM", 11, True),
                        (340, 784, b"Doc lap - Tu do - Hanh phuc", 11, True)]),
                # Blank after "So:" and "Ha Noi, ngay": the number and date stamps.
                (b"P", [(72, 750, b"So:", 12, False), (200, 750, b"/ND-CP", 12, False)]),
                (b"P", [(330, 750, b"Ha Noi, ngay", 12, False)]),
                (b"H1", [(250, 700, b"NGHI DINH", 14, True),
                         (120, 682, b"Quy dinh ve chu ky so va dich vu chung thuc chu ky so", 12, True)]),
            ]
            top = 650
        elif pi in (app1, app2):
            # Blank top-right corner: the appendix stamp.
            blocks.append((b"H1", [(260, 780, b"PHU LUC I" if pi == app1 else b"PHU LUC II", 13, True)]))
            top = 756
        bottom = 420 if pi == pages - 1 else 90
        y = top
        table = pi % 7 == 3
        while y >= bottom:
            if table and y < 600 and y > 420:
                # A 5-row, 3-column table with ruled cells.
                rows = []
                for r in range(5):
                    ry = y - r * 24
                    ops.append(b"0.5 w 72 %g 150 22 re S 222 %g 180 22 re S 402 %g 120 22 re S" % (ry - 6, ry - 6, ry - 6))
                    rows.append((76, ry, b"%d" % (r + 1), 10, False))
                    rows.append((226, ry, b" ".join(rnd.sample(WORDS, 3)), 10, False))
                    rows.append((406, ry, b"%d.000.000" % rnd.randrange(1, 999), 10, False))
                blocks.append((b"Table", rows))
                y -= 5 * 24 + 10
                table = False
                continue
            if rnd.random() < 0.2:
                article += 1
                blocks.append((b"H2", [(72, y, b"Dieu %d. %s" % (article, b" ".join(rnd.sample(WORDS, 6))), 11, True)]))
                y -= 16
                continue
            n = min(rnd.randrange(2, 7), int((y - bottom) // 14) + 1)
            blocks.append((b"P", [(72, y - 14 * k, line(), 11, False) for k in range(n)]))
            y -= 14 * n + 6
        if pi == pages - 1:
            blocks += [
                (b"P", [(72, 380, b"Noi nhan:", 10, True)] +
                       [(72, 366 - 12 * k, s, 9, False) for k, s in enumerate(
                           [b"- Ban Bi thu Trung uong Dang;", b"- Thu tuong, cac Pho Thu tuong;",
                            b"- Cac bo, co quan ngang bo;", b"- HDND, UBND cac tinh, thanh pho;",
                            b"- Van phong Trung uong Dang;", b"- Luu: VT, KSTT (2b)."])]),
                # Blank between "THU TUONG" and the name: the leader's signature and the seal.
                (b"P", [(400, 380, b"TM. CHINH PHU", 11, True), (415, 366, b"THU TUONG", 11, True)]),
                (b"P", [(400, 205, b"Nguyen Thi Thu Huong", 11, True)]),
            ]
        for kind, runs in blocks:
            elem = new()
            mcids = [text(x, yy, s, size, bold, elem) for (x, yy, s, size, bold) in runs]
            objs[elem] = (b"<< /Type /StructElem /S /%s /P 8 0 R /Pg %d 0 R /K [%s] >>"
                          % (kind, page, b" ".join(b"%d" % m for m in mcids)))
            doc_kids.append(elem)
        content = zlib.compress(b"\n".join(ops) + b"\n", 6)
        c = new(b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                      b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /StructParents %d /Tabs /S >>" % (c, pi))
        arr = new(b"[%s]" % b" ".join(b"%d 0 R" % e for e in mcid_elems))
        parent_entries.append(arr)

    objs[1] = (b"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 7 0 R "
               b"/Lang (vi-VN) /Metadata 5 0 R >>")
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in page_refs), pages)
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objs[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    objs[5] = gaf.stream(b"/Type /Metadata /Subtype /XML", gaf.XMP)
    objs[6] = (b"<< /Title (Nghi dinh so 15/2026/ND-CP) /Producer (kyso gen-bench-pdfs) "
               b"/CreationDate (D:20260301080000+07'00') >>")
    objs[7] = b"<< /Type /StructTreeRoot /K [8 0 R] /ParentTree 9 0 R /ParentTreeNextKey %d >>" % pages
    objs[8] = b"<< /Type /StructElem /S /Document /P 7 0 R /K [%s] >>" % b" ".join(b"%d 0 R" % e for e in doc_kids)
    objs[9] = b"<< /Nums [%s] >>" % b" ".join(b"%d %d 0 R" % (i, a) for i, a in enumerate(parent_entries))

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 00000 f \n"
    doc_id = hashlib.md5(bytes(out)).hexdigest().encode()
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, doc_id, doc_id, xref)
    return bytes(out)


def signed_decree(gf, ctx, pages: int, rewrite_tree: bool = True) -> bytes:
    """`decree_pdf(pages)` signed once per `decree_widgets` entry, each in its own incremental update.
    `rewrite_tree`: every update writes /ParentTree anew (VGCA tools); else it appends the new
    widget's entry to the existing /Nums in place."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigFieldSpec

    import logging

    # The number/date stamps are 24 pt high: pyHanko says each time that it drops the text box's margin.
    logging.getLogger("pyhanko.pdf_utils.layout").setLevel(logging.ERROR)
    gaf = sys.modules.get("gen_attack_fixtures") or load_module("gen_attack_fixtures", "gen-attack-fixtures.py")
    data = decree_pdf(pages)
    gf.freeze_pyhanko_clock()  # fresh /ID counters: the same bytes whichever files one run writes
    for i, (field, label, page, box, stamp_text, certify) in enumerate(decree_widgets(pages)):
        gf.at(gf.T0 + i * gf.HOUR)
        w = IncrementalPdfFileWriter(io.BytesIO(data))
        fields.append_signature_field(w, SigFieldSpec(field, box=box, on_page=page))
        gaf.tag_new_widget(field, "VGCASignService", rewrite_tree=rewrite_tree)(w)
        meta = signers.PdfSignatureMetadata(
            field_name=field,
            certify=certify,
            docmdp_permissions=MDPPerm.FILL_FORMS,
            subfilter=gf.PADES if certify else gf.PKCS7,
            reason="Ký số văn bản (Kyso benchmark)",
            location="Hà Nội",
        )
        out = io.BytesIO()
        signers.PdfSigner(meta, signer=ctx.signer(label), stamp_style=gaf.opaque_stamp(stamp_text)).sign_pdf(
            w, output=out)
        data = out.getvalue()
    return data


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=os.environ.get("KYSO_BENCH_DIR", str(REPO / "target" / "bench-pdfs")))
    ap.add_argument("--sizes", default=None, help="comma-separated sizes in MiB (default 1,20,100; none with --decree)")
    ap.add_argument("--decree", type=int, default=None, metavar="PAGES", help="also write decree-PAGES.pdf and decree-PAGES-append.pdf (PAGES >= 11)")
    args = ap.parse_args()
    if args.sizes is None:
        args.sizes = "" if args.decree else "1,20,100"
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    gf = load_fixture_module()
    gf.ensure_keys()
    gf.freeze_pyhanko_clock()
    ctx = gf.Ctx(gf.load_pki())
    signer = ctx.signer("rsa2048")
    for rewrite, suffix in ((True, ""), (False, "-append")) if args.decree else ():
        path = out_dir / f"decree-{args.decree}{suffix}.pdf"
        if path.exists():
            print(f"{path} exists ({path.stat().st_size} bytes)")
            continue
        signed = signed_decree(gf, ctx, args.decree, rewrite_tree=rewrite)
        path.write_bytes(signed)
        print(f"{path}: {len(signed)} bytes")
    for s in (int(x) for x in args.sizes.split(",") if x.strip()):
        path = out_dir / f"bench-{s}.pdf"
        target = s * 1024 * 1024
        if path.exists() and abs(path.stat().st_size - target) < target // 10 + 65536:
            print(f"{path} exists ({path.stat().st_size} bytes)")
            continue
        signed = gf.sign(big_pdf(target, seed=s), signer)
        path.write_bytes(signed)
        print(f"{path}: {len(signed)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
