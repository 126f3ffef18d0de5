#!/usr/bin/env python3
"""Generate the page-image fixtures of crates/kyso-pdf-content/tests/image.rs
(blank-paper detection in scanned pages). Uses Pillow (with its bundled libjpeg
and libtiff, i.e. real encoders, not ours); run from the repository root:

    pip install pillow
    python3 scripts/gen-image-fixtures.py

Outputs are committed; the tests only read them. Deterministic: no randomness,
so a re-run with the same Pillow gives the same bitmaps (encoders may differ
slightly between versions; the tests only depend on the drawn layout).

The "page" is 240 x 320 pixels, white, with
  - a text block (black, Pillow's default font) in rows 20..90, columns 16..150:
    the top-left of the page. In PDF unit space (y up, row 0 at the top) the
    region x 0.05..0.45, y 0.75..0.95 is inside it;
  - single-pixel specks (scanner dust) in the bottom-right quarter, so that the
    region x 0.55..0.95, y 0.05..0.45 is blank paper with noise.

Files in fixtures/images/:
  page.pbm            the 1-bit page (P4, 1 = black), the reference for the CCITT tests
  page-gray.jpg       8-bit gray JPEG (baseline)
  page-gray-prog.jpg  the same, progressive
  page-rgb.jpg        YCbCr JPEG, 4:2:0, blue text on slightly yellowish paper
  page-cmyk.jpg       Adobe CMYK JPEG (APP14, values stored inverted: 255 = no ink)
  page-g4.ccitt       the strip of a TIFF Group 4 (T.6) file of page.pbm: K -1; CCITT
                      black = the page's black (PDF /BlackIs1 false shows it right)
  page-g3-1d.ccitt    the strip of a TIFF Group 3 1D (T.4 MH) file: K 0, EOLs present
  page-g3-2d.ccitt    the strip of a TIFF Group 3 2D (T.4 MR) file: K > 0, EOL + tag bit per row
  page-g3-*-aligned.ccitt  the same with fill bits (T4Options bit 2): /EncodedByteAlign true
  MANIFEST.tsv        file, size, sha256, and the TIFF parameters libtiff used
"""

import hashlib
import io
import os
import struct
import sys

from PIL import Image, ImageDraw, ImageOps, TiffImagePlugin

OUT = os.path.join("fixtures", "images")
W, H = 240, 320


def page(mode="L", ink=0, paper=255):
    im = Image.new(mode, (W, H), paper)
    d = ImageDraw.Draw(im)
    lines = [
        "CONG HOA XA HOI CHU NGHIA",
        "Doc lap - Tu do - Hanh phuc",
        "So: 1234/QD-UBND",
        "Ha Noi, ngay 01 thang 06",
        "QUYET DINH 5.000.000 d",
        "Dieu 1. Phe duyet ...",
    ]
    for i, t in enumerate(lines):
        d.text((16, 20 + 12 * i), t[:22], fill=ink)
    # Scanner dust: isolated pixels in the bottom-right quarter.
    for k in range(40):
        x = 130 + (k * 37) % 105
        y = 170 + (k * 53) % 145
        im.putpixel((x, y), ink)
    return im


def strip_of(tiff_bytes):
    """The single strip of a little- or big-endian TIFF, and its tags of interest."""
    im = Image.open(io.BytesIO(tiff_bytes))
    tags = im.tag_v2
    offs = tags[273]
    counts = tags[279]
    assert len(offs) == 1 and len(counts) == 1, "expected one strip"
    info = {
        "compression": tags.get(259),
        "photometric": tags.get(262),
        "fillorder": tags.get(266, 1),
        "t4options": tags.get(292),
        "t6options": tags.get(293),
    }
    assert info["fillorder"] == 1, "PDF CCITT data is MSB-first"
    return tiff_bytes[offs[0] : offs[0] + counts[0]], info


def tiff(im, compression, **extra):
    buf = io.BytesIO()
    im.save(buf, format="TIFF", compression=compression, **extra)
    return buf.getvalue()


def main():
    if not os.path.isdir("fixtures"):
        sys.exit("run from the repository root")
    os.makedirs(OUT, exist_ok=True)
    files = {}

    gray = page("L")
    bw = gray.point(lambda v: 255 if v >= 128 else 0).convert("1")

    # P4: 1 = black, rows padded to bytes.
    pbm = io.BytesIO()
    bw.save(pbm, format="PPM")
    files["page.pbm"] = pbm.getvalue()

    b = io.BytesIO()
    gray.save(b, format="JPEG", quality=85)
    files["page-gray.jpg"] = b.getvalue()
    b = io.BytesIO()
    gray.save(b, format="JPEG", quality=85, progressive=True)
    files["page-gray-prog.jpg"] = b.getvalue()

    rgb = page("RGB", ink=(20, 40, 170), paper=(250, 246, 230))
    b = io.BytesIO()
    rgb.save(b, format="JPEG", quality=85, subsampling=2)
    files["page-rgb.jpg"] = b.getvalue()

    cmyk = page("CMYK", ink=(0, 0, 0, 255), paper=(0, 0, 0, 0))
    b = io.BytesIO()
    cmyk.save(b, format="JPEG", quality=90)
    files["page-cmyk.jpg"] = b.getvalue()

    # libtiff codes 1-bits as CCITT black. Pillow's mode "1" has 1 = white
    # (and tags the file MinIsBlack), so encode the inverted bitmap: then the
    # CCITT black runs are the page's black pixels, as a scanner writes them
    # (and as PDF's default /BlackIs1 false expects).
    bw = ImageOps.invert(bw.convert("L")).convert("1")
    params = {}
    data, info = strip_of(tiff(bw, "group4"))
    files["page-g4.ccitt"] = data
    params["page-g4.ccitt"] = info
    data, info = strip_of(tiff(bw, "group3"))
    files["page-g3-1d.ccitt"] = data
    params["page-g3-1d.ccitt"] = info
    # T4Options bit 0: 2D coding (libtiff picks K itself).
    TiffImagePlugin.WRITE_LIBTIFF = True
    data, info = strip_of(tiff(bw, "group3", tiffinfo={292: 1}))
    files["page-g3-2d.ccitt"] = data
    params["page-g3-2d.ccitt"] = info
    assert info["t4options"] and info["t4options"] & 1, "libtiff did not use 2D coding"
    # T4Options bit 2: fill bits before each EOL so that it ends on a byte
    # boundary, i.e. every row begins on one: PDF's /EncodedByteAlign true.
    for name, opts in (("page-g3-1d-aligned.ccitt", 4), ("page-g3-2d-aligned.ccitt", 5)):
        data, info = strip_of(tiff(bw, "group3", tiffinfo={292: opts}))
        assert info["t4options"] == opts, f"libtiff ignored T4Options {opts}"
        files[name] = data
        params[name] = info

    manifest = ["file\tsize\tsha256\tparameters"]
    for name, data in sorted(files.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        p = params.get(name, {})
        manifest.append(
            f"{name}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}\t"
            + " ".join(f"{k}={v}" for k, v in sorted(p.items()) if v is not None)
        )
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("\n".join(manifest) + "\n")
    print("\n".join(manifest))


if __name__ == "__main__":
    main()
