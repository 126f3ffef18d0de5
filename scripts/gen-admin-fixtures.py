#!/usr/bin/env python3
"""Generate the Vietnamese administrative-document fixtures (issue 10).

    python3 scripts/gen-admin-fixtures.py            # regenerate fixtures/admin/
    python3 scripts/gen-admin-fixtures.py --keep-tmp # keep the .fodt/.pdf intermediates

Needs: LibreOffice (soffice), poppler-utils, qpdf, iconv, fonts-dejavu-core, and in the
user site (pip install --user): fonttools, and "uharfbuzz<0.56" for pyHanko's
[opentype] extra (the stamp font); pyHanko 0.38, pyhanko-cli and certomancer as
for scripts/gen-fixtures.py. No python-docx/odfpy: the documents are written as
LibreOffice-native flat ODT XML here.

Writes
  fixtures/admin/*.pdf          signed PDFs made by real tools (below)
  fixtures/admin/expected.json  every field a correct reader must give, per file
  fixtures/admin/keys/*.pem     the keys of the two personal test certificates
                                (created once if missing, then reused)

What it does, per fixture:
 1. Writes the document as a LibreOffice flat ODT (.fodt, ODF 1.3 XML written
    by hand here: no python-docx/odfpy needed) with the layout of Nghị định
    30/2020/NĐ-CP, Phụ lục I: A4, margins top 2 cm / bottom 2 cm / left 3 cm /
    right 2 cm; header as a borderless two-column table (issuing body bold
    capitals, short rule, "Số: …", "V/v …" in 12 pt | Quốc hiệu and Tiêu ngữ
    bold, rule, italic place and date); body 13 pt justified; "Kính gửi:" with
    "- …" lines; closing as a borderless two-column table (bold italic "Nơi
    nhận:" with 11 pt items | authority, position, blank space, name); a page
    break and the appendix. The model is the text of Công văn 986/UBND-HCTC of
    UBND tỉnh Kon Tum (../shared/vn/000_bc47f22fae456a87.txt), body shortened
    (the footnote dropped), header, lists, closing and Phụ lục I kept,
    including the Phụ lục's real citation of "086 /UBND-HCTC" (the forwarded
    letter 2887/VPCP-KSTT and its Phụ lục II are left out). The Quyết định is
    written for these fixtures: parent body over issuing body, a HỎA TỐC box
    under the number, title, trích yếu, authority line, căn cứ, "QUYẾT ĐỊNH:",
    Điều 1-3, closing "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC".
 2. Converts it with LibreOffice: `soffice --headless --convert-to pdf`, with
    its own user profile (-env:UserInstallation=file:///tmp/lo-profile-kyso)
    and its own fontconfig file (FONTCONFIG_FILE) that adds the generated
    TCVN3 fonts for this process only.
 3. Signs it with pyHanko (adbe.pkcs7.detached, SHA-256, as VGCA's signing
    software does) with a visible widget in the blank space above the printed
    signer's name, drawn as a VGCA-like text stamp ("Người ký: …", "Cơ quan:
    …", "Thời gian ký: dd.mm.yyyy hh:mm:ss +07:00", the real signing time in
    UTC+7), in DejaVu Sans (embedded, with ToUnicode).

Fonts
  Unicode fixtures: DejaVu Serif (fonts-dejavu-core; the only serif font with
  Vietnamese on a stock machine). TCVN3 fixture: no `.Vn*` font is packaged in
  Debian or on PyPI, so this script builds one with fontTools (pip install
  --user fonttools) from DejaVu Serif Regular/Bold/Italic/BoldItalic: family
  ".VnTime" (lowercase table) and ".VnTimeH" (the capitals-only "H" table used
  for headings). Each font's only cmap is a (3,1) table over U+0020..U+007E and
  the TCVN3 byte values U+00A0..U+00FF (the code points Windows passes for the
  bytes of a legacy 8-bit font), each mapped to the glyph of the letter the
  byte stands for; in .VnTimeH the lowercase bytes (and a..z) draw the
  capital. The document text is converted to those byte values as ABC/Vietkey
  typed it: mixed-case text in .VnTime, a capital toned letter (no code in
  TCVN3) as the lowercase code in .VnTimeH, all-caps headings wholly in
  .VnTimeH. So the PDF's text layer is TCVN3 mojibake ("C«ng v¨n"), exactly as
  in an old Word document printed to PDF.

  LibreOffice embeds them as subset TrueType fonts named "BAAAAA+.VnTime",
  "CAAAAA+.VnTimeH-Bold", … (PostScript name kept, leading dot included), with
  a ToUnicode map giving the U+00XX byte values. One thing it does not do:
  draw U+00AD, which is TCVN3's "ư" and, in Unicode, SOFT HYPHEN (Writer
  treats it as an invisible hyphenation point: the well-known "lost ư" of
  TCVN3 documents opened in LibreOffice). The document therefore carries the
  alias U+F0AD for "ư" (mapped to the same glyph), and the ToUnicode maps are
  set back to U+00AD afterwards with qpdf (fix_soft_hyphen), as a Word-made
  PDF reads.

  TCVN3 table: TCVN 5712:1993 VN3 = the 0xA0..0xFF part of VN1 without the
  16 capital toned letters and the 5 combining tone marks (VN3 has 67
  lowercase letters, 7 capitals Ă Â Ê Ô Ơ Ư Đ and NBSP). Source: glibc's
  iconv module TCVN5712-1 (iconvdata/tcvn5712-1.c, from the standard's VN1
  table; the same table as XFree86's xc/lib/X11/lcUniConv/tcvn.h); the
  script checks VN3 below against `iconv -f TCVN5712-1` when iconv is there.

Signers (test PKI only, fixtures/pki): the personal certificates
  CN=Nguyễn Văn Hòa (O=Ủy ban nhân dân tỉnh Kon Tum) and CN=Trần Thị Mai
  (O=Sở Nội vụ tỉnh Kon Tum) are made here, issued by "Kyso Test Intermediate
  CA" with its key from fixtures/pki/keys, shaped like the "vn" leaf of
  fixtures/pki/certomancer.yml (KU digitalSignature+nonRepudiation, EKU
  clientAuth+emailProtection, UID CCCD:…), so the PKI config and the existing
  fixtures stay unchanged. pyHanko, the frozen clock and the PKI loader are
  imported from scripts/gen-fixtures.py. Signing time: 2026-03-01T02:00Z (T0
  of the fixture time line = 09:00 in Vietnam); the test root is valid from
  2020 only, so the 2019 letter is signed years after its date.

Self-check (exit 1 on failure): pdffonts (DejaVu / .VnTime fonts embedded),
pdftotext (Unicode text / TCVN3 mojibake), pdfsig, and `pyhanko sign validate
--pretty-print --no-revocation-check --validation-time claimed --trust-replace
--trust fixtures/pdf/trust/kyso-test-root.pem`.

Reruns give byte-identical PDFs on the same tool versions: LibreOffice's
/CreationDate and /ID are pinned (pin_conversion_metadata), pyHanko's clock and
/ID source are frozen by gen-fixtures.py, the stamp font's subset tag is seeded,
fontTools' head.modified follows SOURCE_DATE_EPOCH, and RSA PKCS#1 v1.5
signatures are deterministic.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import importlib.util
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import logging

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "fixtures" / "admin"
KEYS = OUT / "keys"
TRUST_ROOT = REPO / "fixtures" / "pdf" / "trust" / "kyso-test-root.pem"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LO_PROFILE = "file:///tmp/lo-profile-kyso"
FONT_DIR = Path("/tmp/kyso-admin-fonts")
MAX_SIZE = 150 * 1024

# ---------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3): byte -> character. glibc iconv TCVN5712-1 for
# 0xA0..0xFF, minus what VN3 leaves out (capital toned letters, combining marks).
# ---------------------------------------------------------------------------
VN3 = {
    0xA0: "\u00a0", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ", 0xCC: "è",
    0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò",
    0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù",
    0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
ENC = {c: chr(b) for b, c in VN3.items()}
# TCVN3 puts "ư" at 0xAD, i.e. U+00AD SOFT HYPHEN, which LibreOffice Writer never draws (the "lost ư" of
# TCVN3 documents opened in LibreOffice). The document carries U+F0AD instead (the symbol-font alias of
# byte 0xAD), which the generated fonts also map to the ư glyph; after the conversion the ToUnicode maps
# are set back to U+00AD (fix_soft_hyphen), so the PDF reads as a Word/ABC one does.
SOFT_HYPHEN_ALIAS = "\uf0ad"
ENC["ư"] = SOFT_HYPHEN_ALIAS
assert len(VN3) == 75, len(VN3)


def check_vn3_against_iconv() -> None:
    if shutil.which("iconv") is None:
        print("iconv not found: VN3 table not cross-checked")
        return
    for b, c in VN3.items():
        r = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        got = r.stdout.decode("utf-8")
        if got != c:
            sys.exit(f"VN3 0x{b:02X}: table says {c!r}, iconv TCVN5712-1 says {got!r}")
    print("VN3 table agrees with iconv TCVN5712-1 on its 75 bytes")


def tcvn3_runs(text: str, heading: bool) -> list[tuple[str, bool]]:
    """Unicode text -> [(TCVN3 byte values as U+00XX text, in_H_font)], as typed with ABC:
    a heading wholly in the H font; elsewhere only capital toned letters (no VN3 code) in H."""
    out: list[tuple[str, bool]] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == "\n" or " " <= ch <= "~":
            enc, h = ch, heading
        elif ch in ENC:
            enc, h = ENC[ch], heading
        elif ch.lower() in ENC:
            enc, h = ENC[ch.lower()], True
        else:
            raise ValueError(f"no TCVN3 code for {ch!r} in {text!r}")
        if out and out[-1][1] == h:
            out[-1] = (out[-1][0] + enc, h)
        else:
            out.append((enc, h))
    return out


def tcvn3_plain(text: str, heading: bool = False) -> str:
    """The text as a PDF reader extracts it from the TCVN3 fixture (U+00XX per byte)."""
    return "".join(t for t, _ in tcvn3_runs(text, heading)).replace(SOFT_HYPHEN_ALIAS, "\u00ad")


# ---------------------------------------------------------------------------
# The generated legacy fonts
# ---------------------------------------------------------------------------
STYLES = {  # style name -> (DejaVu file, PostScript suffix)
    "Regular": ("DejaVuSerif.ttf", ""),
    "Bold": ("DejaVuSerif-Bold.ttf", "-Bold"),
    "Italic": ("DejaVuSerif-Italic.ttf", "-Italic"),
    "Bold Italic": ("DejaVuSerif-BoldItalic.ttf", "-BoldItalic"),
}


def build_legacy_font(src: Path, family: str, style: str, ps_suffix: str, upper: bool, out: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_4

    font = TTFont(str(src))
    ucmap = font.getBestCmap()
    mapping: dict[int, str] = {}
    for cp in range(0x20, 0x7F):
        ch = chr(cp)
        mapping[cp] = ucmap[ord(ch.upper() if upper else ch)]
    for b, ch in VN3.items():
        mapping[b] = ucmap[ord(ch.upper() if upper else ch)]
    mapping[ord(SOFT_HYPHEN_ALIAS)] = mapping[0xAD]
    opts = subset.Options()
    opts.glyph_names = True
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]  # a 1990s font had none of these
    sub = subset.Subsetter(opts)
    sub.populate(glyphs=sorted(set(mapping.values())))
    sub.subset(font)
    st = cmap_format_4(4)
    st.platformID, st.platEncID, st.language = 3, 1, 0
    st.cmap = dict(mapping)
    cmap = newTable("cmap")
    cmap.tableVersion = 0
    cmap.tables = [st]
    font["cmap"] = cmap
    name = font["name"]
    name.names = []
    ps = family + ps_suffix
    full = family if style == "Regular" else f"{family} {style}"
    for nid, val in (
        (0, "Generated by Kyso's scripts/gen-admin-fixtures.py from DejaVu Serif (Bitstream Vera license); test font"),
        (1, family),
        (2, style),
        (3, f"Kyso-TCVN3:{ps}"),
        (4, full),
        (5, "Version 1.0 (TCVN3 code table, TCVN 5712:1993 VN3)"),
        (6, ps),
    ):
        name.setName(val, nid, 3, 1, 0x409)
        name.setName(val, nid, 1, 0, 0)
    os2 = font["OS/2"]
    os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4 = 0b11, 0, 0, 0
    os2.ulCodePageRange1, os2.ulCodePageRange2 = 1, 0  # Latin 1 (cp1252): an "ANSI" font to Windows
    os2.usFirstCharIndex, os2.usLastCharIndex = 0x20, max(mapping)
    font.save(str(out))


def build_fonts() -> Path:
    """Make .VnTime / .VnTimeH (4 styles each) and a fontconfig file that adds them."""
    if FONT_DIR.exists():
        shutil.rmtree(FONT_DIR)
    (FONT_DIR / "fonts").mkdir(parents=True)
    for family, upper, stem in ((".VnTime", False, "vntime"), (".VnTimeH", True, "vntimeh")):
        for style, (src, suffix) in STYLES.items():
            out = FONT_DIR / "fonts" / f"{stem}{suffix.lower().replace('-', '_')}.ttf"
            build_legacy_font(DEJAVU / src, family, style, suffix, upper, out)
    conf = FONT_DIR / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <dir>{FONT_DIR / 'fonts'}</dir>\n"
        f"  <cachedir>{FONT_DIR / 'cache'}</cachedir>\n"
        "</fontconfig>\n"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    listed = subprocess.run(["fc-list", ":", "family", "style", "postscriptname"], env=env,
                            capture_output=True, text=True).stdout
    vn = sorted(l for l in listed.splitlines() if ".VnTime" in l)
    if len(vn) != 8:
        sys.exit(f"fontconfig does not list the 8 generated fonts: {vn}")
    print("generated fonts:", "; ".join(vn))
    return conf


# ---------------------------------------------------------------------------
# Document model -> flat ODT
# ---------------------------------------------------------------------------
@dataclass
class R:
    """A run of text. caps: typed as a heading (TCVN3: in the H font)."""

    text: str
    b: bool = False
    i: bool = False
    size: float | None = None
    caps: bool = False


@dataclass
class P:
    runs: list
    style: str = "body"


@dataclass
class Table:
    cols: list  # widths in cm
    rows: list  # rows of cells; a cell is a list of P
    style: str = "layout"  # "layout" (borderless) or "grid"
    indent: float = 0.0  # cm, may be negative


def p(text, style="body", **kw):
    return P([R(text, **kw)], style)


# Paragraph styles: name -> fo:/style: attributes of paragraph-properties, and text defaults.
PSTYLES = {
    "body": dict(pp='fo:text-align="justify" fo:text-indent="1cm" fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:line-height="115%"', size=13),
    "body-noindent": dict(pp='fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:line-height="115%"', size=13),
    "center": dict(pp='fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=13),
    "center-after": dict(pp='fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0.3cm"', size=13),
    "left": dict(pp='fo:text-align="start" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=13),
    "kinh-gui": dict(pp='fo:text-align="start" fo:margin-left="2.5cm" fo:margin-top="0.4cm" fo:margin-bottom="0cm"', size=13),
    "kinh-gui-item": dict(pp='fo:text-align="start" fo:margin-left="4.2cm" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=13),
    "after-list": dict(pp='fo:text-align="start" fo:margin-top="0cm" fo:margin-bottom="0.3cm"', size=13),
    "noi-nhan": dict(pp='fo:text-align="start" fo:margin-top="0.2cm" fo:margin-bottom="0cm"', size=12),
    "noi-nhan-item": dict(pp='fo:text-align="start" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=11),
    "blank": dict(pp='fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=13),
    "rule-left": dict(pp='fo:margin-left="1.9cm" fo:margin-right="1.9cm" fo:margin-top="0.16cm" fo:margin-bottom="0.12cm" fo:line-height="0.05cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="0.6pt solid #000000" fo:padding="0cm"', size=2),
    "rule-right": dict(pp='fo:margin-left="2.6cm" fo:margin-right="2.6cm" fo:margin-top="0.16cm" fo:margin-bottom="0.12cm" fo:line-height="0.05cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="0.6pt solid #000000" fo:padding="0cm"', size=2),
    "rule-center": dict(pp='fo:margin-left="6.5cm" fo:margin-right="6.5cm" fo:margin-top="0.16cm" fo:margin-bottom="0.3cm" fo:line-height="0.05cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" fo:border-bottom="0.6pt solid #000000" fo:padding="0cm"', size=2),
    "mark-box": dict(pp='fo:text-align="center" fo:margin-left="1.3cm" fo:margin-right="1.3cm" fo:margin-top="0.25cm" fo:margin-bottom="0cm" fo:border="0.8pt solid #000000" fo:padding="0.05cm"', size=13),
    "page-break": dict(pp='fo:text-align="center" fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"', size=14),
    "cell": dict(pp='fo:text-align="start" fo:margin-top="0.03cm" fo:margin-bottom="0.03cm"', size=13),
    "cell-center": dict(pp='fo:text-align="center" fo:margin-top="0.03cm" fo:margin-bottom="0.03cm"', size=13),
}


class Fodt:
    """Writes one flat ODT. mode: "unicode" (DejaVu Serif) or "tcvn3" (.VnTime/.VnTimeH)."""

    def __init__(self, mode: str, title: str):
        self.mode = mode
        self.title = title
        self.tstyles: dict[tuple, str] = {}

    def font_for(self, h: bool) -> str:
        if self.mode == "unicode":
            return "DejaVu Serif"
        return ".VnTimeH" if h else ".VnTime"

    def tstyle(self, b, i, size, font) -> str:
        key = (b, i, size, font)
        if key not in self.tstyles:
            self.tstyles[key] = f"T{len(self.tstyles) + 1}"
        return self.tstyles[key]

    @staticmethod
    def text_xml(s: str) -> str:
        out = []
        for k, line in enumerate(s.split("\n")):
            if k:
                out.append("<text:line-break/>")
            esc = escape(line)
            # runs of spaces: the first is kept, the others as <text:s/>
            esc = re.sub(r" {2,}", lambda m: " " + f'<text:s text:c="{len(m.group(0)) - 1}"/>', esc)
            if esc.startswith(" "):
                esc = "<text:s/>" + esc[1:]
            out.append(esc)
        return "".join(out)

    def para(self, par: P) -> str:
        st = PSTYLES[par.style]
        parts = []
        for r in par.runs:
            size = r.size or st["size"]
            if self.mode == "unicode":
                segs = [(unicodedata.normalize("NFC", r.text), False)]
            else:
                segs = tcvn3_runs(r.text, r.caps)
            for text, h in segs:
                name = self.tstyle(r.b, r.i, size, self.font_for(h))
                parts.append(f'<text:span text:style-name="{name}">{self.text_xml(text)}</text:span>')
        return f'<text:p text:style-name="P_{par.style}">{"".join(parts)}</text:p>'

    def table(self, t: Table, n: int) -> str:
        name = f"Tab{n}"
        cols = "".join(f'<table:table-column table:style-name="{name}.C{k}"/>' for k in range(len(t.cols)))
        rows = []
        for row in t.rows:
            cells = []
            for cell in row:
                body = "".join(self.para(x) for x in cell) or '<text:p text:style-name="P_cell"/>'
                cells.append(f'<table:table-cell table:style-name="{name}.{t.style}" office:value-type="string">{body}</table:table-cell>')
            rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        self.table_styles.append((name, t))
        return f'<table:table table:name="{name}" table:style-name="{name}">{cols}{"".join(rows)}</table:table>'

    def render(self, blocks: list) -> str:
        self.table_styles = []
        body = []
        for k, blk in enumerate(blocks):
            body.append(self.table(blk, k) if isinstance(blk, Table) else self.para(blk))
        auto = []
        for name, st in PSTYLES.items():
            auto.append(
                f'<style:style style:name="P_{name}" style:family="paragraph" style:parent-style-name="Standard">'
                f'<style:paragraph-properties {st["pp"]}/>'
                f'<style:text-properties fo:font-size="{st["size"]}pt" style:font-name="{self.font_for(False)}"/></style:style>'
            )
        for name, t in self.table_styles:
            width = sum(t.cols)
            auto.append(
                f'<style:style style:name="{name}" style:family="table"><style:table-properties style:width="{width}cm" '
                f'fo:margin-left="{t.indent}cm" table:align="left"/></style:style>'
            )
            for k, w in enumerate(t.cols):
                auto.append(
                    f'<style:style style:name="{name}.C{k}" style:family="table-column">'
                    f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
                )
            border = "0.6pt solid #000000" if t.style == "grid" else "none"
            pad = "0.08cm" if t.style == "grid" else "0cm"
            auto.append(
                f'<style:style style:name="{name}.{t.style}" style:family="table-cell">'
                f'<style:table-cell-properties fo:border="{border}" fo:padding="{pad}" style:vertical-align="top"/></style:style>'
            )
        for (b, i, size, font), name in self.tstyles.items():
            auto.append(
                f'<style:style style:name="{name}" style:family="text"><style:text-properties style:font-name="{font}" '
                f'fo:font-size="{size}pt" fo:font-weight="{"bold" if b else "normal"}" '
                f'fo:font-style="{"italic" if i else "normal"}"/></style:style>'
            )
        faces = "".join(
            f'<style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" style:font-family-generic="roman" '
            f'style:font-pitch="variable"/>'
            for f in (["DejaVu Serif"] if self.mode == "unicode" else [".VnTime", ".VnTimeH"])
        )
        lang = 'fo:language="vi" fo:country="VN"'
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{escape(self.title)}</dc:title><meta:generator>Kyso scripts/gen-admin-fixtures.py</meta:generator></office:meta>
<office:font-face-decls>{faces}</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
<style:text-properties style:font-name="{self.font_for(False)}" fo:font-size="13pt" {lang} fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
 style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
{"".join(auto)}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{"".join(body)}
</office:text></office:body></office:document>
"""


# ---------------------------------------------------------------------------
# The documents
# ---------------------------------------------------------------------------
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"

KINH_GUI = [
    "Các cơ quan chuyên môn thuộc UBND tỉnh",
    "Văn phòng Hội đồng nhân dân tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Ủy ban nhân dân các huyện, thành phố",
    "Các cơ quan Trung ương đóng trên địa bàn tỉnh",
    "Viễn thông Kon Tum",
]
NOI_NHAN = [
    "Như trên",
    "TT Tỉnh ủy (b/c)",
    "TT HĐND tỉnh (b/c)",
    "CT, các PCT UBND tỉnh",
    "Lãnh đạo VP UBND tỉnh",
    "Lưu: VT.HCTC",
]
PHU_LUC_I_ROWS = [
    ("I", "VĂN BẢN QUY PHẠM PHÁP LUẬT"),
    ("1.", "Nghị quyết của Hội đồng nhân dân tỉnh"),
    ("2.", "Quyết định của Ủy ban nhân dân tỉnh"),
    ("II.", "VĂN BẢN HÀNH CHÍNH"),
    ("1.", "Văn bản hành chính của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh"),
    ("2.", "Quyết định của Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh, lãnh đạo các sở, ban, ngành, địa phương"),
] + [(f"{k}.", t) for k, t in enumerate([
    "Chỉ thị", "Quy chế", "Quy định", "Thông báo", "Hướng dẫn", "Kế hoạch", "Đề án", "Dự án", "Báo cáo",
    "Tờ trình", "Công văn", "Công điện", "Giấy mời", "Phiếu chuyển", "Phiếu báo", "Lịch công tác",
    "Tài liệu phục vụ các cuộc họp, hội nghị"], start=3)]

BODY_986 = [
    P([R("Thực hiện Công văn số 2887/VPCP-KSTT ngày 09 tháng 4 năm 2019 của Văn phòng Chính phủ về việc gửi, "
         "nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia (có phê duyệt kèm theo); Chủ tịch "
         "Ủy ban nhân dân tỉnh có ý kiến như sau:")]),
    p("1. Văn phòng Ủy ban nhân dân tỉnh:"),
    p("- Triển khai ký số trên tất cả các văn bản điện tử của Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân tỉnh "
      "và thực hiện gửi, nhận trên Trục liên thông văn bản quốc gia (trừ văn bản mật) giữa Ủy ban nhân dân tỉnh với "
      "các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương và "
      "Văn phòng Chính phủ. Thí điểm không gửi văn bản giấy đối với các văn bản điện tử đã ký số (theo Phụ lục I kèm "
      "theo). Thời gian thực hiện thí điểm từ nay đến hết ngày 10 tháng 5 năm 2019."),
    p("2. Thủ trưởng các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh; Văn phòng Hội đồng nhân dân tỉnh, Ban Quản lý "
      "Khu kinh tế tỉnh; Ủy ban nhân dân các huyện, thành phố (sau đây gọi tắt là các đơn vị, địa phương):"),
    P([R("- Thực hiện ký số trên tất cả các văn bản điện tử gửi, nhận trên Trục liên thông Hệ thống Ioffice (trừ văn "
         "bản mật) giữa các sở, ban, ngành và các đơn vị trực thuộc; Ủy ban nhân dân các huyện, thành phố; Ủy ban "
         "nhân dân các xã, phường, thị trấn và Văn phòng Ủy ban nhân dân tỉnh. "),
       R("Thí điểm không gửi văn bản giấy đối với các văn bản điện tử đã ký số theo Danh mục gửi kèm (Phụ lục số I). "
         "Khi gửi văn bản điện tử đã ký số thì đồng thời gửi bản mềm (file words, excel) trên Hệ thống Ioffice.", b=True),
       R(" Thời gian thực hiện thí điểm từ nay đến hết ngày 30 tháng 5 năm 2019.")]),
    p("3. Trên cơ sở kết quả thí điểm gửi, nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia, Văn "
      "phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Nội vụ và các cơ quan có liên "
      "quan rà soát, nghiên cứu, đề xuất các quy định liên quan về gửi, nhận văn bản điện tử đối với các đơn vị, địa "
      "phương trên địa bàn tỉnh./."),
]

SIGNER_BLANK_LINES = 5


def closing(recipients, authority, position, name):
    left = [P([R("Nơi nhận:", b=True, i=True)], "noi-nhan")] + [
        P([R(f"- {r}{';' if k < len(recipients) - 1 else ''}")], "noi-nhan-item")
        for k, r in enumerate(recipients)
    ]
    right = [P([R(a, b=True, caps=True)], "center") for a in authority]
    right.append(P([R(position, b=True, caps=True)], "center"))
    right += [P([R("")], "blank") for _ in range(SIGNER_BLANK_LINES)]
    right.append(P([R(name, b=True)], "center"))
    return Table([7.5, 8.5], [[left, right]])


def cong_van(number_line="Số: 986 /UBND-HCTC", one_column=False, appendix_cites="086 /UBND-HCTC",
             appendix_sep=": "):
    issuer = P([R("ỦY BAN NHÂN DÂN\nTỈNH KON TUM", b=True, caps=True)], "center")
    so = P([R(number_line)], "center")
    # The model breaks after "có" and "văn"; DejaVu Serif is wider than Times, so the column wraps it.
    vv = P([R("V/v gửi, nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia", size=12)], "center")
    qh = P([R(QH, b=True, size=12, caps=True)], "center")
    tn = P([R(TN, b=True)], "center")
    date = P([R("Kon Tum, ngày 25 tháng 4 năm 2019", i=True)], "center")
    if one_column:
        head = [
            P([R("ỦY BAN NHÂN DÂN TỈNH KON TUM", b=True, caps=True)], "center"),
            P([R(QH, b=True, size=12, caps=True)], "center"),
            P([R(TN, b=True)], "center"),
            P([R("")], "rule-center"),
            so,
            P([R("Kon Tum, ngày 25 tháng 4 năm 2019", i=True)], "center-after"),
            P([R("V/v gửi, nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia", size=12)], "center"),
        ]
    else:
        head = [Table([6.0, 11.0], [[
            [issuer, P([R("")], "rule-left"), so, vv],
            [qh, tn, P([R("")], "rule-right"), P([R("")], "blank"), date],
        ]], indent=-0.5)]
    kg = [P([R("Kính gửi:")], "kinh-gui")] + [
        P([R(f"- {a}{';' if k < len(KINH_GUI) - 1 else '.'}")], "kinh-gui-item") for k, a in enumerate(KINH_GUI)
    ] + [P([R("")], "after-list")]
    close = closing(NOI_NHAN, [], "CHỦ TỊCH", "Nguyễn Văn Hòa")
    appendix = [
        P([R("Phụ lục I", b=True)], "page-break"),
        P([R("DANH MỤC CÁC LOẠI VĂN BẢN THÍ ĐIỂM CHỈ GỬI, NHẬN VĂN BẢN ĐIỆN TỬ CÓ KÝ SỐ", b=True, caps=True)], "center"),
        P([R(citation(appendix_cites, appendix_sep),
             i=True)], "center-after"),
        Table([1.6, 14.4], [[[P([R("STT", b=True)], "cell-center")], [P([R("Tên văn bản", b=True)], "cell-center")]]]
              + [[[P([R(a, b=a.startswith("I"))], "cell-center")],
                  [P([R(t, b=a.startswith("I"), caps=t.isupper())], "cell")]] for a, t in PHU_LUC_I_ROWS],
              style="grid"),
    ]
    return head + kg + BODY_986 + [close] + appendix


def quyet_dinh():
    head = [Table([6.0, 11.0], [[
        [P([R("UBND TỈNH KON TUM", caps=True)], "center"),
         P([R("SỞ NỘI VỤ", b=True, caps=True)], "center"),
         P([R("")], "rule-left"),
         P([R("Số: 12/QĐ-SNV")], "center"),
         P([R("HỎA TỐC", b=True, caps=True)], "mark-box")],
        [P([R(QH, b=True, size=12, caps=True)], "center"), P([R(TN, b=True)], "center"),
         P([R("")], "rule-right"), P([R("")], "blank"),
         P([R("Kon Tum, ngày 01 tháng 3 năm 2026", i=True)], "center")],
    ]], indent=-0.5)]
    title = [
        P([R("")], "blank"),
        P([R("QUYẾT ĐỊNH", b=True, size=14, caps=True)], "center"),
        P([R("Về việc ban hành Quy chế văn thư, lưu trữ\ncủa Sở Nội vụ tỉnh Kon Tum", b=True, size=14)], "center"),
        P([R("")], "rule-center"),
        P([R("GIÁM ĐỐC SỞ NỘI VỤ TỈNH KON TUM", b=True, size=14, caps=True)], "center-after"),
    ]
    can_cu = [
        P([R("Căn cứ Luật Lưu trữ ngày 11 tháng 11 năm 2011;", i=True)]),
        P([R("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;", i=True)]),
        P([R("Căn cứ quy định của Ủy ban nhân dân tỉnh về chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở "
             "Nội vụ tỉnh Kon Tum;", i=True)]),
        P([R("Theo đề nghị của Chánh Văn phòng Sở.", i=True)]),
        P([R("QUYẾT ĐỊNH:", b=True, caps=True)], "center-after"),
    ]
    dieu = [
        P([R("Điều 1. ", b=True), R("Ban hành kèm theo Quyết định này Quy chế văn thư, lưu trữ của Sở Nội vụ tỉnh "
                                     "Kon Tum.")]),
        P([R("Điều 2. ", b=True), R("Quyết định này có hiệu lực kể từ ngày ký.")]),
        P([R("Điều 3. ", b=True), R("Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các cá nhân có liên "
                                     "quan chịu trách nhiệm thi hành Quyết định này./.")]),
        P([R("")], "after-list"),
    ]
    close = closing(["Như Điều 3", "UBND tỉnh (b/c)", "Giám đốc Sở", "Lưu: VT, VP"],
                    ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Trần Thị Mai")
    return head + title + can_cu + dieu + [close]


# ---------------------------------------------------------------------------
# Expected fields (kyso_report::AdministrativeInfo field names; values as printed, NFC)
# ---------------------------------------------------------------------------
def stamp_text(signer, org, t: _dt.datetime) -> str:
    local = t.astimezone(_dt.timezone(_dt.timedelta(hours=7)))
    return f"Người ký: {signer}\nCơ quan: {org}\nThời gian ký: {local:%d.%m.%Y %H:%M:%S} +07:00"


def citation(cites: str, sep: str) -> str:
    return f"(Kèm theo Công văn số{sep}{cites} ngày 25 tháng 4 năm 2019 của Ủy ban nhân dân tỉnh)"


def expected_cong_van(number="986", notation="UBND-HCTC", cited="086", stamp_signer="Nguyễn Văn Hòa", t=None,
                      number_line="Số: 986 /UBND-HCTC", cites="086 /UBND-HCTC", sep=": "):
    local = t.astimezone(_dt.timezone(_dt.timedelta(hours=7)))
    stamp_ok = stamp_signer == "Nguyễn Văn Hòa"
    return {
        "number_line_as_printed": number_line,
        "intended_findings": ["doc.admin.signer_name_matches", "doc.admin.signed_long_after_date",
                              "doc.admin.appendix_citation_mismatch",
                              "doc.admin.stamp_matches" if stamp_ok else "doc.admin.stamp_signer_mismatch"],
        "issuing_body": "ỦY BAN NHÂN DÂN TỈNH KON TUM",
        "parent_body": None,
        "number": number,
        "notation": notation,
        "doc_type": "CÔNG VĂN",
        "doc_type_abbreviation": None,
        "place": "Kon Tum",
        "date": "2019-04-25",
        "subject": "gửi, nhận văn bản điện tử có ký số trên Trục liên thông văn bản quốc gia",
        "addressees": list(KINH_GUI),
        "recipients": list(NOI_NHAN),
        "authority": [],
        "signer_position": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Hòa",
        "urgency": None,
        "confidentiality": None,
        "appendices": [{"label": "Phụ lục I", "cites": citation(cites, sep), "cited_number": cited,
                        "cited_notation": "UBND-HCTC", "cited_date": "2019-04-25"}],
        "stamps": [{"field": "ChuKySo1", "page": None, "signer": stamp_signer,
                    "organisation": "Ủy ban nhân dân tỉnh Kon Tum",
                    "time_as_written": f"{local:%d.%m.%Y %H:%M:%S} +07:00",
                    "time": local.isoformat()}],
    }


def expected_quyet_dinh(t):
    local = t.astimezone(_dt.timezone(_dt.timedelta(hours=7)))
    return {
        "number_line_as_printed": "Số: 12/QĐ-SNV",
        "intended_findings": ["doc.admin.signer_name_matches", "doc.admin.date_consistent", "doc.admin.stamp_matches"],
        "issuing_body": "SỞ NỘI VỤ",
        "parent_body": "UBND TỈNH KON TUM",
        "number": "12",
        "notation": "QĐ-SNV",
        "doc_type": "QUYẾT ĐỊNH",
        "doc_type_abbreviation": "QĐ",
        "place": "Kon Tum",
        "date": "2026-03-01",
        "subject": "Về việc ban hành Quy chế văn thư, lưu trữ của Sở Nội vụ tỉnh Kon Tum",
        "addressees": [],
        "recipients": ["Như Điều 3", "UBND tỉnh (b/c)", "Giám đốc Sở", "Lưu: VT, VP"],
        "authority": ["KT. GIÁM ĐỐC"],
        "signer_position": "PHÓ GIÁM ĐỐC",
        "signer_name": "Trần Thị Mai",
        "urgency": "HỎA TỐC",
        "confidentiality": None,
        "appendices": [],
        "stamps": [{"field": "ChuKySo1", "page": None, "signer": "Trần Thị Mai",
                    "organisation": "Sở Nội vụ tỉnh Kon Tum",
                    "time_as_written": f"{local:%d.%m.%Y %H:%M:%S} +07:00",
                    "time": local.isoformat()}],
    }


# ---------------------------------------------------------------------------
# PKI: two personal certificates under the test intermediate
# ---------------------------------------------------------------------------
def load_module(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@dataclass
class Person:
    label: str
    cn: str
    org: str
    province: str
    locality: str
    cccd: str
    serial: int


PEOPLE = {
    "hoa": Person("hoa", "Nguyễn Văn Hòa", "Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum", "Thành phố Kon Tum",
                  "CCCD:062079000001", 0x4B59534F0A01),
    "mai": Person("mai", "Trần Thị Mai", "Sở Nội vụ tỉnh Kon Tum", "Kon Tum", "Thành phố Kon Tum",
                  "CCCD:062185000002", 0x4B59534F0A02),
}


def person_key(label: str):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    KEYS.mkdir(parents=True, exist_ok=True)
    path = KEYS / f"signer-{label}.key.pem"
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def person_cert(gf, pki, person: Person):
    """A leaf shaped like certomancer.yml's "vn": issued by the test intermediate with its key."""
    from asn1crypto import keys as akeys, x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = person_key(person.label)
    spki = akeys.PublicKeyInfo.load(key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
    interm = pki.cert("interm")
    template = pki.cert("vn")

    def rdn(typ, val):
        kind = "printable_string" if typ == "country_name" else "utf8_string"
        return x509.RelativeDistinguishedName([x509.NameTypeAndValue(
            {"type": typ, "value": x509.DirectoryString(name=kind, value=val)})])

    subject = x509.Name(name="", value=x509.RDNSequence([
        rdn("country_name", "VN"), rdn("state_or_province_name", person.province),
        rdn("locality_name", person.locality), rdn("organization_name", person.org),
        rdn("common_name", person.cn), rdn("user_id", person.cccd)]))
    exts = [
        {"extn_id": "key_usage", "critical": True, "extn_value": x509.KeyUsage({"digital_signature", "non_repudiation"})},
        {"extn_id": "extended_key_usage", "critical": False, "extn_value": ["client_auth", "email_protection"]},
        {"extn_id": "key_identifier", "critical": False, "extn_value": spki.sha1},
        {"extn_id": "authority_key_identifier", "critical": False,
         "extn_value": {"key_identifier": interm.key_identifier}},
    ]
    for e in template["tbs_certificate"]["extensions"]:
        if e["extn_id"].native in ("crl_distribution_points", "authority_information_access"):
            exts.append(e)
    tbs = x509.TbsCertificate({
        "version": "v3",
        "serial_number": person.serial,
        "signature": {"algorithm": "sha256_rsa"},
        "issuer": interm.subject,
        "validity": {"not_before": x509.Time({"utc_time": _dt.datetime(2025, 1, 1, tzinfo=_dt.timezone.utc)}),
                     "not_after": x509.Time({"general_time": _dt.datetime(2050, 1, 1, tzinfo=_dt.timezone.utc)})},
        "subject": subject,
        "subject_public_key_info": spki,
        "extensions": exts,
    })
    ikey = serialization.load_pem_private_key((REPO / "fixtures/pki/keys/interm.key.pem").read_bytes(), password=None)
    sig = ikey.sign(tbs.dump(), padding.PKCS1v15(), hashes.SHA256())
    cert = x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "sha256_rsa"},
                             "signature_value": sig})
    return cert, key


def person_signer(gf, pki, person: Person):
    from asn1crypto import keys as akeys
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert, key = person_cert(gf, pki, person)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=akeys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([pki.cert("interm"), pki.cert("root")]),
    )


# ---------------------------------------------------------------------------
# Convert, locate, sign, check
# ---------------------------------------------------------------------------
def soffice_convert(fodt: Path, outdir: Path, fc_conf: Path) -> Path:
    env = dict(os.environ, FONTCONFIG_FILE=str(fc_conf), SAL_USE_VCLPLUGIN="svp")
    r = subprocess.run(
        ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(outdir), str(fodt)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    pdf = outdir / (fodt.stem + ".pdf")
    if r.returncode != 0 or not pdf.exists():
        sys.exit(f"soffice failed on {fodt}: {r.stdout}\n{r.stderr}")
    return pdf


def fix_soft_hyphen(data: bytes, name: str) -> bytes:
    """Map the ư glyph back to U+00AD in the ToUnicode CMaps (see SOFT_HYPHEN_ALIAS): qpdf expands the
    streams, the hex strings are replaced in place (same length), qpdf compresses again."""
    with tempfile.TemporaryDirectory() as d:
        src, qdf, dst = Path(d) / "in.pdf", Path(d) / "q.pdf", Path(d) / "out.pdf"
        src.write_bytes(data)
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(src), str(qdf)], check=True)
        q = qdf.read_bytes()
        q, n = re.subn(rb"<[Ff]0[Aa][Dd]>", b"<00AD>", q)
        if n == 0:
            sys.exit(f"{name}: no U+F0AD in the ToUnicode maps")
        qdf.write_bytes(q)
        subprocess.run(["qpdf", "--object-streams=disable", "--compress-streams=y", "--recompress-flate",
                        str(qdf), str(dst)], check=True)
        return dst.read_bytes()


def pin_conversion_metadata(data: bytes, name: str, when: _dt.datetime) -> bytes:
    """LibreOffice stamps /CreationDate with the wall clock and draws a fresh /ID: set them, in place and
    length-preserving, to values fixed by the fixture (converted 10 minutes before it is signed), so the
    file does not claim to be made after its signature, and reruns give the same bytes."""
    stamp = when.strftime("%Y%m%d%H%M%S").encode()
    data, n = re.subn(rb"(/CreationDate\s*\(D:)\d{14}", lambda m: m.group(1) + stamp, data, count=1)
    if n != 1:
        sys.exit(f"{name}: no /CreationDate in LibreOffice's output")
    doc_id = hashlib.md5(b"kyso-admin-" + name.encode()).hexdigest().upper().encode()
    data, n = re.subn(rb"/ID \[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
                      lambda m: re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + doc_id + b">", m.group(0)), data)
    if n != 1:
        sys.exit(f"{name}: no /ID in LibreOffice's output")
    # LibreOffice's trailer /DocChecksum (an MD5 over the file as first written, wall clock included)
    data = re.sub(rb"(/DocChecksum\s*/)[0-9A-Fa-f]{32}",
                  lambda m: m.group(1) + hashlib.md5(b"kyso-admin-sum-" + name.encode()).hexdigest().upper().encode(),
                  data)
    return data


def find_line(pdf: Path, needle: str):
    """(page index, [x0, y0, x1, y1] in PDF user space) of the first text line equal to needle."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = re.sub(r'xmlns="[^"]*"', "", xml)
    root = ET.fromstring(xml)
    for pi, page in enumerate(root.iter("page")):
        h = float(page.get("height"))
        for line in page.iter("line"):
            words = " ".join(w.text or "" for w in line.iter("word"))
            if words.strip() == needle.strip():
                x0, y0, x1, y1 = (float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
                return pi, [x0, h - y1, x1, h - y0]
    raise SystemExit(f"{pdf.name}: line {needle!r} not found in the text layer")


def stamp_font() -> Path:
    """DejaVu Sans for the stamp, subset to Latin/Vietnamese and rescaled to 1000 units per em:
    pyHanko 0.38's GlyphAccumulator writes /W and TJ adjustments in font units, which PDF reads
    as thousandths of an em, so a 2048-unit font would be drawn letter-spaced."""
    out = FONT_DIR / "DejaVuSans-1000upm.ttf"
    if not out.exists():
        from fontTools import subset
        from fontTools.ttLib import TTFont
        from fontTools.ttLib.scaleUpem import scale_upem

        font = TTFont(str(DEJAVU / "DejaVuSans.ttf"))
        opts = subset.Options()
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        opts.drop_tables += ["FFTM"]
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=[*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370),
                               *range(0x1EA0, 0x1F00), *range(0x2000, 0x2070)])
        sub.subset(font)
        scale_upem(font, 1000)
        font.save(str(out))
    return out


def stamp_style(text: str):
    from pyhanko import stamp
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle

    return stamp.TextStampStyle(
        stamp_text=text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(stamp_font())), font_size=8,
                                    leading=10),
        border_width=1,
        background=None,
    )


def sign_pdf(gf, data: bytes, signer, box, page: int, text: str, t: _dt.datetime, location: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    gf.at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    fields.append_signature_field(w, fields.SigFieldSpec("ChuKySo1", box=tuple(int(round(v)) for v in box), on_page=page))
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo1",
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        md_algorithm="sha256",
        location=location,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style(text)).sign_pdf(w, output=out)
    return out.getvalue()


def run(cmd) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.stdout + r.stderr


@dataclass
class Fixture:
    name: str
    mode: str
    blocks: list
    person: str
    stamp_signer: str
    expected: dict
    title: str
    note: str
    must_text: tuple = ("ỦY BAN NHÂN DÂN", "Kính gửi:", "Nơi nhận:", "Nguyễn Văn Hòa", "Phụ lục I")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep-tmp", action="store_true")
    args = ap.parse_args()
    for tool in ("soffice", "pdftotext", "pdffonts", "pdfsig", "pyhanko"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found")
    # fontTools stamps head.modified of every font it writes (ours, and pyHanko's stamp subset) with
    # the wall clock unless SOURCE_DATE_EPOCH is set: use the fixtures' signing time.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(_dt.datetime(2026, 3, 1, 2, 0, tzinfo=_dt.timezone.utc).timestamp()))
    check_vn3_against_iconv()
    fc_conf = build_fonts()

    gf = load_module("gen_fixtures", "gen-fixtures.py")
    gf.freeze_pyhanko_clock()
    pki = gf.load_pki()
    t = gf.T0

    fixtures = [
        Fixture("cong-van-986-unicode", "unicode", cong_van(), "hoa", "Nguyễn Văn Hòa",
                expected_cong_van(t=t), "Công văn 986/UBND-HCTC",
                "the model letter, Unicode (DejaVu Serif); its Phụ lục I cites 086 as the real one does"),
        Fixture("cong-van-986-tcvn3", "tcvn3", cong_van(), "hoa", "Nguyễn Văn Hòa",
                expected_cong_van(t=t), "Công văn 986/UBND-HCTC (TCVN3)",
                "the same letter typed in TCVN3 (ABC) with the generated .VnTime/.VnTimeH fonts: the text layer is "
                "TCVN3 mojibake; a reader that decodes the legacy fonts gives these values"),
        Fixture("cong-van-one-column-header", "unicode", cong_van(one_column=True), "hoa", "Nguyễn Văn Hòa",
                expected_cong_van(t=t), "Công văn 986/UBND-HCTC (one-column header)",
                "header lines stacked in one centred column (issuing body on one line, Quốc hiệu, Tiêu ngữ, Số, "
                "date, V/v)"),
        Fixture("cong-van-number-stray-spaces", "unicode", cong_van(number_line="Số:  986 / UBND - HCTC"), "hoa",
                "Nguyễn Văn Hòa", expected_cong_van(t=t, number_line="Số:  986 / UBND - HCTC"),
                "Công văn 986/UBND-HCTC (stray spaces)",
                "the number printed as \"Số:  986 / UBND - HCTC\""),
        Fixture("cong-van-appendix-cites-wrong-number", "unicode",
                cong_van(appendix_cites="968/UBND-HCTC", appendix_sep=" "), "hoa", "Nguyễn Văn Hòa",
                expected_cong_van(cited="968", t=t, cites="968/UBND-HCTC", sep=" "),
                "Công văn 986/UBND-HCTC (appendix cites 968)",
                "Phụ lục I cites \"Công văn số 968/UBND-HCTC ngày 25 tháng 4 năm 2019\""),
        Fixture("cong-van-stamp-claims-other-signer", "unicode", cong_van(), "hoa", "Trần Văn Giả",
                expected_cong_van(stamp_signer="Trần Văn Giả", t=t), "Công văn 986/UBND-HCTC (stamp names another)",
                "the visible stamp says \"Người ký: Trần Văn Giả\"; the certificate is Nguyễn Văn Hòa's"),
        Fixture("quyet-dinh-urgent", "unicode", quyet_dinh(), "mai", "Trần Thị Mai",
                expected_quyet_dinh(t), "Quyết định 12/QĐ-SNV",
                "a Quyết định of Sở Nội vụ (parent UBND TỈNH KON TUM), marked HỎA TỐC, signed KT. GIÁM ĐỐC / "
                "PHÓ GIÁM ĐỐC, dated the day it is signed",
                must_text=("UBND TỈNH KON TUM", "SỞ NỘI VỤ", "HỎA TỐC", "QUYẾT ĐỊNH", "Nơi nhận:", "Trần Thị Mai")),
    ]

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kyso-admin-"))
    signers_cache = {}
    expected = {
        "_about": (
            "Fields a correct reader of fixtures/admin/*.pdf must give, in kyso_report::AdministrativeInfo field "
            "names; values as normalised by the reader (NFC, single spaces, dates YYYY-MM-DD, a công văn's trích "
            "yếu without its 'V/v' (as crates/kyso-vn-doc/tests/model_letter.rs), a titled document's trích yếu "
            "as printed, list items without '- ' and the closing ';'/'.'). null / [] = must be absent. "
            "stamps[].page is 1-based. Not fields: note, font_encoding, certificate_cn, signing_time, "
            "number_line_as_printed (the 'Số:' line as printed) and intended_findings (the doc.admin.* codes of "
            "kyso_vn_doc::cross_check each file is built to produce, in its order, given the signature's "
            "certificate and time). Made by scripts/gen-admin-fixtures.py."
        ),
        "trust_root": "fixtures/pdf/trust/kyso-test-root.pem",
        "files": {},
    }
    failures = []
    for fx in fixtures:
        fodt = tmp / f"{fx.name}.fodt"
        fodt.write_text(Fodt(fx.mode, fx.title).render(fx.blocks), encoding="utf-8")
        pdf = soffice_convert(fodt, tmp, fc_conf)
        if fx.mode == "tcvn3":
            pdf.write_bytes(fix_soft_hyphen(pdf.read_bytes(), fx.name))
        pdf.write_bytes(pin_conversion_metadata(pdf.read_bytes(), fx.name, t - _dt.timedelta(minutes=10)))
        person = PEOPLE[fx.person]
        name_line = person.cn if fx.mode == "unicode" else tcvn3_plain(person.cn)
        page, nb = find_line(pdf, name_line)
        cx = (nb[0] + nb[2]) / 2
        box = [cx - 95, nb[3] + 6, cx + 95, nb[3] + 6 + 44]
        if fx.person not in signers_cache:
            signers_cache[fx.person] = person_signer(gf, pki, person)
        text = stamp_text(fx.stamp_signer, person.org, t)
        random.seed(f"kyso-admin-{fx.name}")  # pyHanko draws the stamp font's subset tag with `random`
        signed = sign_pdf(gf, pdf.read_bytes(), signers_cache[fx.person], box, page, text, t, "Kon Tum")
        dest = OUT / f"{fx.name}.pdf"
        dest.write_bytes(signed)
        exp = dict(fx.expected)
        exp["stamps"] = [dict(s, page=page + 1) for s in exp["stamps"]]
        entry = {"note": fx.note, "font_encoding": "tcvn3" if fx.mode == "tcvn3" else "unicode",
                 "certificate_cn": person.cn, "signing_time": t.isoformat().replace("+00:00", "Z")}
        entry.update(exp)
        expected["files"][f"{fx.name}.pdf"] = entry

        # --- checks ---
        size = len(signed)
        fonts = run(["pdffonts", str(dest)])
        txt = run(["pdftotext", "-layout", str(dest), "-"])
        sig = run(["pdfsig", str(dest)])
        val = run(["pyhanko", "sign", "validate", "--pretty-print", "--no-revocation-check", "--validation-time",
                   "claimed", "--trust-replace", "--trust", str(TRUST_ROOT), str(dest)])
        problems = []
        if size > MAX_SIZE:
            problems.append(f"{size} bytes > {MAX_SIZE}")
        base_fonts = [l.split()[0] for l in fonts.splitlines()[2:] if l.strip()]
        if fx.mode == "unicode":
            if not any("DejaVuSerif" in f for f in base_fonts) or any("VnTime" in f for f in base_fonts):
                problems.append(f"fonts: {base_fonts}")
            for must in fx.must_text + ("Người ký: " + fx.stamp_signer,):
                if must not in txt:
                    problems.append(f"text lacks {must!r}")
        else:
            body_fonts = [f for f in base_fonts if "DejaVuSans" not in f]
            if not body_fonts or not all("VnTime" in f for f in body_fonts):
                problems.append(f"fonts: {base_fonts}")
            for must in (tcvn3_plain("Kính gửi:"), tcvn3_plain("Nguyễn Văn Hòa"), tcvn3_plain("ỦY BAN NHÂN DÂN", True),
                         tcvn3_plain("Trung ương đóng trên địa bàn tỉnh")):
                if must not in txt:
                    problems.append(f"text lacks {must!r}")
            if "Kính gửi" in txt:
                problems.append("TCVN3 fixture carries Unicode body text")
        if "Signature is Valid" not in sig or person.cn not in sig:
            problems.append("pdfsig: " + sig)
        if "The signature is judged VALID." not in val or "The signer's certificate is trusted." not in val:
            problems.append("pyhanko: " + val)
        status = "ok" if not problems else "FAIL: " + "; ".join(problems)
        print(f"{dest.relative_to(REPO)}: {size} bytes, page {page + 1} stamp {[round(v) for v in box]}, "
              f"fonts {sorted(set(f.split('+')[-1] for f in base_fonts))}: {status}")
        if problems:
            failures.append(fx.name)
        if args.keep_tmp:
            (tmp / f"{fx.name}.pdffonts.txt").write_text(fonts)
            (tmp / f"{fx.name}.pyhanko.txt").write_text(val)

    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.keep_tmp:
        print("intermediates in", tmp)
    else:
        shutil.rmtree(tmp)
    if failures:
        print("FAILED:", ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
