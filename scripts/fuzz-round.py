#!/usr/bin/env python3
"""One fuzzing round over Kyso's cargo-fuzz targets, measured in CPU time.

    python3 scripts/fuzz-round.py seed  [TARGET ...] [--seed-dir DIR]  # (re)seed fuzz/corpus/<target>/
    python3 scripts/fuzz-round.py build [TARGET ...]      # cargo fuzz build -O -a
    python3 scripts/fuzz-round.py run   [TARGET ...] --cpu-minutes 20.5 --parallel 2
    python3 scripts/fuzz-round.py all   [TARGET ...]      # seed, build, run

`run` starts the fuzz binaries themselves (not `cargo fuzz run`, so the pid it
watches *is* the fuzzer), `--parallel` at a time, each a single process under
`nice -n 5`. Every few seconds it reads utime+stime of each fuzzer from
/proc/<pid>/stat; once a run has used `--cpu-minutes` of CPU it gets SIGINT,
so libFuzzer prints its final stats (`-print_final_stats=1`) and exits. The
CPU time reported is the exact rusage of the reaped child. Wall time therefore
depends on the machine's load; CPU time does not.

On a loaded machine a round can be bounded in wall time as well:
`--wall-minutes M` stops a run after M wall minutes, `--deadline HH:MM` (UTC)
starts nothing after that time and stops what still runs. The summary's
`stopped_by` says which limit ended each run; libFuzzer keeps its corpus, so a
later `run` of the same target continues from where this one stopped (add the
CPU minutes of both runs).

It then writes a summary (Markdown table + JSON) to fuzz/artifacts/round/:
target, commit, CPU minutes, wall, executions, exec/s, cov/ft start -> end,
corpus size, crashes / timeouts / OOMs (artifact files written during the
run). A run that stops early (a crash, an OOM, a timeout: libFuzzer exits on
the first finding) is reported as such; minimise the artifact with
`cargo fuzz tmin`, fix, rebuild and run the target again.

Seeds (written to the git-ignored fuzz/corpus/<target>/, named by content
hash, never committed): the repository's fixtures/** and crates/*/tests/data/*
plus the local shared corpus ($KYSO_SHARED/corpus, default ../shared/corpus
beside the repository), read in place. Per target:

  pdf_parse, pdf_diff, pdf_source, known_digests
                       every *.pdf
  verify_any           every PDF, CMS, time-stamp, XML and OOXML file
  cms_verify           *.p7s/*.p7m/*.pkcs7/*.tst and the /Contents of signed
                       PDFs, each behind a mode byte 0, 1 and 2
  pki_path             certificates from those CMS blobs, the PDFs' DSS and
                       the PEM/CRT fixtures, as u16-big-endian-length-prefixed
                       chunks: leaf, then (candidate, CRL, OCSP) triples
  content_marks        decoded page content streams and form XObjects of the
                       PDFs (qpdf --json), plus a few hand-written ones
  page_text            u16 length + a ToUnicode CMap of the PDFs + one of
                       those content streams, plus hand-written text drawing
                       with the target's fonts /F1../F6
  rsa_public           u16 modulus length, u8 exponent length, modulus,
                       exponent, signature value: the RSA keys of the
                       PEM/CRT fixtures (openssl) with e = 3, 65537 and a
                       32-byte one, beside small and lopsided hand-made ones
  image_blank          fixtures/images/* and the PDFs' image XObjects behind
                       an 8-byte header that picks the matching filter, plus
                       small generated raw / Flate / JPEG / CCITT G4 images

With --seed-dir DIR (issue 14's round: the output of `gen-hostile DIR --ci`)
the files under DIR join the inputs above, and the XML, ZIP, edXML, package
and text targets get hostile shapes of their own kind written here
(hostile_non_pdf_seeds: deep nesting, entity expansion, ZIP bombs, lying
central directories, traversing names, a 1 MiB line).

Needs: cargo-fuzz 0.13 (`cargo install cargo-fuzz`), a nightly toolchain (or
`--toolchain stable`, which sets RUSTC_BOOTSTRAP=1), qpdf and openssl for
seeding, Pillow (optional) for the generated JPEG/G4 images.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
TARGETS = [
    "cms_verify",
    "pki_path",
    "content_marks",
    "page_text",
    "image_blank",
    "pdf_parse",
    "pdf_diff",
    "verify_any",
    # Issues 10 and 11: text layout, XML, edXML and Office packages. Seeds are
    # whole files of the matching kind (see build_seeds).
    "vn_doc",
    "xml_c14n",
    "xml_dsig",
    "edxml",
    "package",
    "zip",
    # Issue 13: the parser through a Source, and the worker's WebCrypto path
    # (digests computed outside the core) against the core's own pass.
    "pdf_source",
    "known_digests",
    # Kyso's own RSAVP1 against num-bigint-dig (differential).
    "rsa_public",
]
# Whole signed documents are up to ~1 MB; mutating those runs at ~50 exec/s.
# The PDF-level targets are capped so libFuzzer keeps to small inputs (seeds
# longer than this are truncated when loaded).
DEFAULT_MAX_LEN = {"pdf_parse": 65536, "pdf_diff": 65536, "pdf_source": 65536, "known_digests": 65536, "verify_any": 65536, "content_marks": 65536, "page_text": 65536}
CLK_TCK = os.sysconf("SC_CLK_TCK")
SEED_DIRS: list[str] = []
SEED_DIR_MAX_BYTES = 4 << 20


# --------------------------------------------------------------------------
# Seeding


def shared_corpus() -> Path:
    base = os.environ.get("KYSO_SHARED")
    return (Path(base) if base else ROOT.parent / "shared") / "corpus"


def input_files() -> list[Path]:
    files = [p for p in sorted((ROOT / "fixtures").rglob("*")) if p.is_file()]
    files += [p for p in sorted(ROOT.glob("crates/*/tests/data/*")) if p.is_file()]
    sc = shared_corpus()
    if sc.is_dir():
        files += [p for p in sorted(sc.iterdir()) if p.is_file()]
    else:
        print(f"note: no shared corpus at {sc}", file=sys.stderr)
    # The Vietnamese material beside it: edXML packages, the model letter, the decrees.
    vn = sc.parent / "vn"
    files += [p for p in sorted((vn / "edxml").glob("*.edxml")) if p.is_file()]
    files += [p for p in sorted(vn.glob("*.txt")) if p.is_file()]
    # The two real signed decrees: chains that reach the bundled national anchors.
    files += [p for p in sorted((vn / "pdf").glob("*.pdf")) if p.is_file()]
    # Extra seed directories (--seed-dir), e.g. the hostile shapes of
    # `gen-hostile OUTDIR --ci`: files up to SEED_DIR_MAX_BYTES, so that
    # seeding (qpdf dumps, openssl) stays quick and libFuzzer loads them.
    for d in SEED_DIRS:
        files += [p for p in sorted(Path(d).rglob("*")) if p.is_file() and p.stat().st_size <= SEED_DIR_MAX_BYTES]
    return files


def ext(p: Path) -> str:
    return p.suffix.lower().lstrip(".")


def der_length(blob: bytes) -> int | None:
    """Length of the outer DER TLV at the start of `blob` (None if not DER)."""
    if len(blob) < 2 or blob[0] != 0x30:
        return None
    n = blob[1]
    if n < 0x80:
        return 2 + n
    k = n & 0x7F
    if k == 0 or k > 4 or len(blob) < 2 + k:
        return None
    return 2 + k + int.from_bytes(blob[2 : 2 + k], "big")


def trim_der(blob: bytes) -> bytes:
    n = der_length(blob)
    return blob[:n] if n and n <= len(blob) else blob


def pdf_contents_blobs(pdf: bytes) -> list[bytes]:
    """The CMS blobs of a PDF's signature dictionaries (hex /Contents)."""
    out = []
    for m in re.finditer(rb"/Contents\s*<([0-9A-Fa-f\s]{200,})>", pdf):
        hexs = re.sub(rb"\s", b"", m.group(1))
        if len(hexs) % 2:
            hexs = hexs[:-1]
        blob = trim_der(bytes.fromhex(hexs.decode()))
        if blob.startswith(b"\x30"):
            out.append(blob)
    return out


def run_quiet(cmd: list[str], data: bytes | None = None) -> bytes | None:
    try:
        r = subprocess.run(cmd, input=data, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def pem_blocks(text: bytes, kind: bytes) -> list[bytes]:
    import base64

    out = []
    for m in re.finditer(rb"-----BEGIN " + kind + rb"-----(.*?)-----END " + kind + rb"-----", text, re.S):
        try:
            out.append(base64.b64decode(re.sub(rb"\s", b"", m.group(1))))
        except ValueError:
            pass
    return out


def cms_certs(blob: bytes) -> tuple[list[bytes], list[bytes]]:
    """(certificates, CRLs) of a CMS SignedData, via openssl."""
    pem = run_quiet(["openssl", "pkcs7", "-inform", "DER", "-print_certs"], blob)
    if not pem:
        return [], []
    return pem_blocks(pem, b"CERTIFICATE"), pem_blocks(pem, b"X509 CRL")


def order_chain(certs: list[bytes]) -> list[bytes]:
    """Put the most likely leaf first (a certificate that issued none of the others)."""
    import warnings

    warnings.simplefilter("ignore")  # cryptography's deprecation notes on odd real-world certificates
    try:
        from cryptography import x509
    except ImportError:
        return certs
    parsed = []
    for c in certs:
        try:
            parsed.append((c, x509.load_der_x509_certificate(c)))
        except Exception:  # noqa: BLE001 - malformed certificates stay as they are
            parsed.append((c, None))
    issuers = {p.issuer.public_bytes() for _, p in parsed if p is not None}
    leaves = [c for c, p in parsed if p is not None and p.subject.public_bytes() not in issuers]
    rest = [c for c in certs if c not in leaves]
    return leaves + rest


def u16_chunks(parts: list[bytes]) -> bytes:
    out = bytearray()
    for p in parts:
        p = p[:0xFFFF]
        out += len(p).to_bytes(2, "big") + p
    return bytes(out)


def pki_seed(leaf: bytes, candidates: list[bytes], crls: list[bytes], ocsps: list[bytes]) -> bytes:
    """leaf, then (candidate, CRL, OCSP) triples, as kyso_pki::fuzzing::chunks splits them."""
    parts = [leaf]
    n = max(len(candidates), len(crls), len(ocsps))
    for i in range(min(n, 5)):
        parts.append(candidates[i] if i < len(candidates) else b"")
        parts.append(crls[i] if i < len(crls) else b"")
        parts.append(ocsps[i] if i < len(ocsps) else b"")
    while parts and not parts[-1]:
        parts.pop()
    return u16_chunks(parts)


class QpdfDump:
    """Streams of one PDF via `qpdf --json=2 --json-stream-data=file`."""

    def __init__(self, pdf: Path, tmp: Path):
        self.objects: dict[str, dict] = {}
        self.pages: list[dict] = []
        self.files: dict[str, Path] = {}
        out = tmp / (hashlib.sha1(str(pdf).encode()).hexdigest()[:12])
        out.mkdir(parents=True, exist_ok=True)
        j = run_quiet(
            [
                "qpdf", "--json=2", "--json-key=qpdf", "--json-key=pages",
                "--json-stream-data=file", f"--json-stream-prefix={out}/s",
                "--decode-level=generalized", str(pdf), "-",
            ]
        )
        if j is None:
            return
        try:
            doc = json.loads(j)
        except ValueError:
            return
        self.pages = doc.get("pages", [])
        for k, v in doc.get("qpdf", [{}, {}])[1].items():
            if k.startswith("obj:"):
                ref = k[4:]
                self.objects[ref] = v
                st = v.get("stream")
                if st and st.get("datafile"):
                    self.files[ref] = Path(st["datafile"])

    def stream(self, ref: str) -> tuple[dict, bytes] | None:
        v = self.objects.get(ref, {}).get("stream")
        f = self.files.get(ref)
        if not v or f is None or not f.is_file():
            return None
        return v.get("dict", {}), f.read_bytes()

    def resolve(self, val):
        if isinstance(val, str) and val.endswith(" R") and val in self.objects:
            return self.objects[val].get("value", self.objects[val].get("stream", {}).get("dict"))
        return val

    def dss(self) -> tuple[list[bytes], list[bytes], list[bytes]]:
        """(Certs, CRLs, OCSPs) of the catalog's /DSS, if any."""
        certs, crls, ocsps = [], [], []
        trailer = self.objects.get("trailer", {}).get("value", {})
        root = self.resolve(trailer.get("/Root"))
        if not isinstance(root, dict):
            return certs, crls, ocsps
        dss = self.resolve(root.get("/DSS"))
        if not isinstance(dss, dict):
            return certs, crls, ocsps
        for key, out in (("/Certs", certs), ("/CRLs", crls), ("/OCSPs", ocsps)):
            arr = self.resolve(dss.get(key))
            for ref in arr if isinstance(arr, list) else []:
                s = self.stream(ref) if isinstance(ref, str) else None
                if s:
                    out.append(s[1])
        return certs, crls, ocsps


def flt_name(d: dict) -> str:
    f = d.get("/Filter")
    if isinstance(f, list):
        f = f[0] if len(f) == 1 else "multi"
    return f or ""


def image_header(filt: str, k: int = 0, align: bool = False, cs: int = 0, bpc_sel: int = 3, seed: int = 0) -> bytes:
    """The 8-byte head `kyso_pdf_content::image::fuzz_one` decodes (see image.rs)."""
    sel = {"": 0, "DCT": 1, "CCITT": 2, "Flate": 3}[filt] | (0x40 if seed & 1 else 0)
    kb = 0
    if filt == "CCITT":
        # `k as i8 % 3` is /K (its sign picks G4 / G3-1D / G3-2D); bit 3 is
        # EncodedByteAlign; bits 2, 4, 5 clear: BlackIs1 false, EndOfBlock, no EndOfLine.
        def rem(b: int) -> int:
            v = b - 256 if b > 127 else b
            return int(v - 3 * int(v / 3))  # Rust's % truncates toward zero

        kb = next(
            b for b in range(256)
            if (rem(b) > 0) - (rem(b) < 0) == k and bool(b & 8) == align and not b & 0x34
        )
    w = h = 63  # 64 x 64
    rx, ry = (seed * 37) & 0xFF, (seed * 91) & 0xFF
    return bytes([sel, w, h, cs, bpc_sel, kb, rx, ry])


def generated_images() -> list[bytes]:
    """Small 64x64 images whose geometry matches the header."""
    out = []
    # Raw 8-bit gray: blank, a mark, noise; raw 1-bit; Flate of each.
    blank = bytes([255]) * 64 * 64
    mark = bytearray(blank)
    for y in range(20, 30):
        for x in range(10, 50):
            mark[y * 64 + x] = 0
    bits_blank = bytes(8 * 64)
    bits_mark = bytearray(bits_blank)
    for y in range(30, 34):
        bits_mark[y * 8 + 2] = 0xFF
    for i, (raw, bpc) in enumerate([(blank, 3), (bytes(mark), 3), (bits_blank, 0), (bytes(bits_mark), 0)]):
        out.append(image_header("", cs=0, bpc_sel=bpc, seed=i) + raw)
        out.append(image_header("Flate", cs=0, bpc_sel=bpc, seed=i) + zlib.compress(raw))
    rgb = bytes([250, 250, 250]) * 64 * 64
    out.append(image_header("Flate", cs=1, bpc_sel=3) + zlib.compress(rgb))
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return out
    im = Image.new("L", (64, 64), 255)
    ImageDraw.Draw(im).rectangle((8, 20, 56, 28), fill=0)
    for mode, cs in (("L", 0), ("RGB", 1), ("CMYK", 2)):
        b = io.BytesIO()
        im.convert(mode).save(b, "JPEG", quality=80)
        out.append(image_header("DCT", cs=cs, bpc_sel=3) + b.getvalue())
    # CCITT G4 / G3 via libtiff: the one strip of a 64x64 bilevel TIFF.
    for comp, k, opts in (("group4", -1, None), ("group3", 0, 0), ("group3", 1, 1)):
        try:
            b = io.BytesIO()
            kw = {"compression": comp}
            if opts is not None:
                kw["tiffinfo"] = {292: opts}
            im.convert("1").save(b, "TIFF", **kw)
            t = Image.open(io.BytesIO(b.getvalue()))
            off, cnt = t.tag_v2[273], t.tag_v2[279]
            off = off[0] if isinstance(off, tuple) else off
            cnt = cnt[0] if isinstance(cnt, tuple) else cnt
            out.append(image_header("CCITT", k=k, cs=0, bpc_sel=0) + b.getvalue()[off : off + cnt])
        except Exception:  # noqa: BLE001 - Pillow without libtiff: skip
            pass
    return out


HANDWRITTEN_TEXT = [
    b"BT /F1 12 Tf 72 712 Td (!\"#AB) Tj ET BT /F2 10 Tf 72 690 Td <0003000A000B> Tj ET",
    b"BT /F3 11 Tf 1 0 0 1 72 650 Tm <01> Tj T* <0102> Tj ET",
    b"BT /F4 12 Tf 72 600 Td (Vi\xd6t Nam C\xa4ng h\xdfa) Tj ET BT /F5 12 Tf 0 -20 Td (Vie\xe4t Nam) Tj ET",
    b"BT /F6 12 Tf 72 560 Td (AB) Tj 2 Tr [(A) -120 (B)] TJ ET q 0.5 0 0 0.5 0 0 cm /Fm1 Do Q",
    b"BT /F1 9 Tf 10 TL 3 Tc 2 Tw 90 Tz 72 500 Td (line) ' 1 2 (more) \" ET",
]

HANDWRITTEN_CMAPS = [
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> "
    b"endcodespacerange 2 beginbfchar <0003> <0041> <000A> <1EA0> endbfchar 1 beginbfrange <0010> <0014> <0061> "
    b"endbfrange 1 begincidrange <0000> <00FF> 1 endcidrange endcmap CMapName currentdict /CMap defineresource pop end end",
]

HANDWRITTEN_CONTENT = [
    b"BT /F1 12 Tf 72 712 Td (Hello, signed world) Tj ET",
    b"q 1 0 0 1 100 100 cm 0 0 1 rg 0 0 200 50 re f Q",
    b"q 0.5 0 0 0.5 0 0 cm /Fm1 Do Q /Im1 Do",
    b"BT /F2 10 Tf 1 0 0 1 50 50 Tm <0003000A0014> Tj [(a) -250 (b)] TJ ET",
    b"/G1 gs 0 0 m 100 100 l 200 0 l h S 1 w 10 10 300 300 re W n",
    b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q q",
    b"/OC /X BDC BT 3 Tr /F1 9 Tf (invisible) Tj ET EMC",
]


def rsa_public_seed(n: bytes, e: bytes, s: bytes) -> bytes:
    return len(n).to_bytes(2, "big") + bytes([len(e)]) + n + e + s


def rsa_public_seeds(files: list[Path]) -> list[bytes]:
    """Real moduli from the certificate fixtures, and a few hand-made shapes."""
    out = []
    moduli = set()
    if shutil.which("openssl"):
        for p in files:
            if ext(p) not in ("crt", "cer", "pem"):
                continue
            r = subprocess.run(["openssl", "x509", "-noout", "-modulus", "-in", str(p)],
                               capture_output=True, text=True, timeout=30)
            m = r.stdout.strip()
            hexdigits = m[len("Modulus="):]
            if r.returncode == 0 and m.startswith("Modulus=") and re.fullmatch(r"[0-9A-Fa-f]+", hexdigits):
                n = bytes.fromhex(hexdigits.rjust(len(hexdigits) + len(hexdigits) % 2, "0"))
                if len(n) <= 1024:
                    moduli.add(n)
    for n in sorted(moduli):
        sig = bytes([0]) + hashlib.sha512(n).digest() * (len(n) // 64 + 1)
        for e in (b"\x03", b"\x01\x00\x01", hashlib.sha256(n).digest()):
            out.append(rsa_public_seed(n, e, sig[: len(n)]))
    # Tiny, even, all-ones and leading-zero moduli.
    for n in (b"\x05", b"\x00\x00\xc5", b"\xff" * 64 + b"\xfd", b"\x80" + b"\x00" * 63 + b"\x01", b"\x10" * 9):
        out.append(rsa_public_seed(n, b"\x01\x00\x01", b"\x02" * (len(n) - 1)))
    return out


def build_seeds(targets: list[str]) -> dict[str, list[bytes]]:
    files = input_files()
    pdfs = [p for p in files if ext(p) == "pdf"]
    cms_files = [p for p in files if ext(p) in ("p7s", "p7m", "pkcs7", "tst", "p7b")]
    any_ext = {"pdf", "p7s", "p7m", "pkcs7", "tst", "p7b", "xml", "docx", "xlsx", "pptx", "odt"}
    seeds: dict[str, list[bytes]] = {t: [] for t in targets}

    if any(t in seeds for t in ("pdf_parse", "pdf_diff", "pdf_source", "known_digests")):
        for t in ("pdf_parse", "pdf_diff", "pdf_source", "known_digests"):
            if t in seeds:
                seeds[t] += [p.read_bytes() for p in pdfs]
    if "verify_any" in seeds:
        seeds["verify_any"] += [p.read_bytes() for p in files if ext(p) in any_ext]
    # Whole files for the targets that read one document kind.
    by_ext = {
        "xml_c14n": {"xml", "edxml"},
        "xml_dsig": {"xml", "edxml"},
        "edxml": {"edxml"},
        "package": {"docx", "xlsx", "pptx", "odt", "ods", "odp"},
        "vn_doc": {"txt"},
        "zip": {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"},
    }
    for t, exts in by_ext.items():
        if t in seeds:
            seeds[t] += [p.read_bytes() for p in files if ext(p) in exts]

    cms_blobs: list[bytes] = []
    if {"cms_verify", "pki_path"} & set(seeds):
        for p in cms_files:
            b = p.read_bytes()
            if b.lstrip().startswith(b"-----BEGIN"):
                b = next(iter(pem_blocks(b, rb"[A-Z0-9 ]+")), b)
            cms_blobs.append(b)
        for p in pdfs:
            cms_blobs += pdf_contents_blobs(p.read_bytes())
        cms_blobs = list(dict.fromkeys(cms_blobs))
    if "cms_verify" in seeds:
        for b in cms_blobs:
            seeds["cms_verify"] += [bytes([m]) + b for m in (0, 1, 2)]

    need_qpdf = {"pki_path", "content_marks", "page_text", "image_blank"} & set(seeds)
    dumps: list[QpdfDump] = []
    tmp = Path(tempfile.mkdtemp(prefix="kyso-fuzz-seed-"))
    try:
        if need_qpdf and shutil.which("qpdf"):
            for p in pdfs:
                dumps.append(QpdfDump(p, tmp))
        elif need_qpdf:
            print("warning: qpdf not found; content_marks/image_blank/pki_path get fewer seeds", file=sys.stderr)

        if "pki_path" in seeds:
            loose = []
            for p in files:
                if ext(p) in ("crt", "cer", "pem"):
                    b = p.read_bytes()
                    loose += pem_blocks(b, b"CERTIFICATE") if b"-----BEGIN" in b else [b]
            for b in cms_blobs:
                certs, crls = cms_certs(b)
                if certs:
                    chain = order_chain(certs)
                    seeds["pki_path"].append(pki_seed(chain[0], chain[1:], crls, []))
                    seeds["pki_path"].append(u16_chunks([chain[0]]))
            for d in dumps:
                certs, crls, ocsps = d.dss()
                if certs or crls or ocsps:
                    chain = order_chain(certs) or [b""]
                    seeds["pki_path"].append(pki_seed(chain[0], chain[1:], crls, ocsps))
                    for o in ocsps[:3]:
                        seeds["pki_path"].append(pki_seed(chain[0], [], [], [o]))
                    for c in crls[:3]:
                        seeds["pki_path"].append(pki_seed(chain[0], [], [c], []))
            chain = order_chain(loose)
            for c in loose:
                seeds["pki_path"].append(u16_chunks([c]))
            if chain:
                seeds["pki_path"].append(pki_seed(chain[0], chain[1:], [], []))

        if "rsa_public" in seeds:
            seeds["rsa_public"] += rsa_public_seeds(files)

        if "content_marks" in seeds:
            seeds["content_marks"] += HANDWRITTEN_CONTENT
            for d in dumps:
                refs = []
                for pg in d.pages:
                    refs += pg.get("contents", [])
                for ref, v in d.objects.items():
                    st = v.get("stream")
                    if st and st.get("dict", {}).get("/Subtype") == "/Form":
                        refs.append(ref)
                for ref in refs:
                    s = d.stream(ref)
                    if s and s[1].strip():
                        seeds["content_marks"].append(s[1])

        if "page_text" in seeds:
            cmaps = list(HANDWRITTEN_CMAPS)
            contents = list(HANDWRITTEN_TEXT)
            for d in dumps:
                for ref, v in d.objects.items():
                    val = v.get("value")
                    if isinstance(val, dict) and isinstance(val.get("/ToUnicode"), str):
                        s = d.stream(val["/ToUnicode"])
                        if s and s[1].strip():
                            cmaps.append(s[1])
                for pg in d.pages:
                    for ref in pg.get("contents", []):
                        s = d.stream(ref)
                        if s and b"BT" in s[1]:
                            contents.append(s[1])
            cmaps = list(dict.fromkeys(cmaps))[:200]
            contents = list(dict.fromkeys(contents))
            for i, c in enumerate(contents):
                cm = cmaps[i % len(cmaps)][:0xFFFF]
                seeds["page_text"].append(len(cm).to_bytes(2, "big") + cm + c)
                seeds["page_text"].append(b"\x00\x00" + c)

        if "image_blank" in seeds:
            for p in files:
                if p.parent.name == "images" and ext(p) in ("jpg", "ccitt", "pbm"):
                    b = p.read_bytes()
                    params = p.name
                    if ext(p) == "jpg":
                        cs = 2 if "cmyk" in params else 1 if "rgb" in params else 0
                        seeds["image_blank"].append(image_header("DCT", cs=cs) + b)
                    elif ext(p) == "ccitt":
                        k = -1 if "g4" in params else 1 if "2d" in params else 0
                        seeds["image_blank"].append(image_header("CCITT", k=k, align="aligned" in params, bpc_sel=0) + b)
                    else:  # P4 PBM: raw 1-bit rows after the text header
                        m = re.match(rb"P4\s+\d+\s+\d+\s", b)
                        raw = b[m.end() :] if m else b
                        seeds["image_blank"].append(image_header("", bpc_sel=0) + raw)
                        seeds["image_blank"].append(image_header("Flate", bpc_sel=0, seed=1) + zlib.compress(raw))
            seeds["image_blank"] += generated_images()
            for d in dumps:
                for ref, v in d.objects.items():
                    st = v.get("stream")
                    if not st or st.get("dict", {}).get("/Subtype") != "/Image":
                        continue
                    s = d.stream(ref)
                    if not s or len(s[1]) > 65536:
                        continue
                    f = flt_name(s[0])
                    cs = {"/DeviceRGB": 1, "/DeviceCMYK": 2}.get(str(s[0].get("/ColorSpace")), 0)
                    if f == "/DCTDecode":
                        seeds["image_blank"].append(image_header("DCT", cs=cs) + s[1])
                    elif f == "/CCITTFaxDecode":
                        parms = s[0].get("/DecodeParms") or {}
                        k = parms.get("/K", 0) if isinstance(parms, dict) else 0
                        k = -1 if isinstance(k, int) and k < 0 else 1 if isinstance(k, int) and k > 0 else 0
                        seeds["image_blank"].append(image_header("CCITT", k=k, bpc_sel=0) + s[1])
                    elif f == "":
                        seeds["image_blank"].append(image_header("", cs=cs) + s[1])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if SEED_DIRS:
        for t, extra in hostile_non_pdf_seeds().items():
            if t in seeds:
                seeds[t] += extra
    return seeds


def hostile_non_pdf_seeds() -> dict[str, list[bytes]]:
    """Hostile shapes for the targets that read XML, ZIP and text (issue 14).

    The PDF and CMS shapes come from `gen-hostile --ci` through --seed-dir;
    these are the classic attacks on the other readers, small enough to be
    seeds: nesting 10^4 deep, entity expansion (billion laughs, external
    entities), 10^4 attributes, an element name of 64 KiB, a ZIP whose one
    entry inflates 1,000-fold, 10^4 entries, duplicate and traversing names,
    a central directory that claims more entries than it holds, an edXML
    attachment whose base64 is a ZIP bomb, and a text of one 1 MiB line.
    """
    import base64
    import zipfile

    deep = b"<a>" * 10000 + b"x" + b"</a>" * 10000
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((ch,) + (ch - 1,) * 10)
                         for ch in range(ord("b"), ord("j")))
              + b"]><l>&i;</l>")
    external = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    attrs = b"<r " + b" ".join(b'a%d="%d"' % (i, i) for i in range(10000)) + b"/>"
    longname = b"<" + b"n" * 65536 + b"/>"
    sig = (b'<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="r">' + b"<i>" * 2000 + b"</i>" * 2000
           + b'<ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
           + b'<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
           + b"".join(b'<ds:Reference URI="#r"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
                      b'</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference>'
                      for _ in range(1000))
           + b"</ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature></r>")
    xml = [deep, laughs, external, attrs, longname, sig]

    def zipped(entries: list[tuple[str, bytes]]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in entries:  # a fixed date: the same seeds every time
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        return buf.getvalue()

    ct = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    bomb = zipped([("[Content_Types].xml", ct), ("word/document.xml", b"\0" * (3 << 20))])
    many = zipped([("[Content_Types].xml", ct)] + [(f"f/{i}.xml", b"<a/>") for i in range(10000)])
    import warnings

    warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, which is the point
    dup = zipped([("[Content_Types].xml", ct), ("word/document.xml", b"<a/>"), ("word/document.xml", b"<b/>"),
                  ("../../etc/passwd", b"x"), ("/abs", b"y"), ("c:\\win", b"z")])
    # End of central directory claiming 65,535 entries and a directory larger than the file.
    lying = bytearray(many)
    eocd = lying.rfind(b"PK\x05\x06")
    lying[eocd + 8:eocd + 12] = b"\xff\xff\xff\xff"
    lying[eocd + 12:eocd + 16] = (0x7FFFFFFF).to_bytes(4, "little")
    zips = [bomb, many, dup, bytes(lying)]

    edxml = (b'<?xml version="1.0" encoding="UTF-8"?><edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">'
             b"<edXML:edXMLHeader><edXML:MessageHeader>" + b"<edXML:From>" * 3000 + b"</edXML:From>" * 3000
             + b"</edXML:MessageHeader></edXML:edXMLHeader><edXML:edXMLBody/></edXML:edXMLEnvelope>"
             b'<Attachment><ContentId>a</ContentId><AttachmentName>a.docx</AttachmentName><Value>'
             + base64.b64encode(bomb) + b"</Value></Attachment>")
    text = [("Số: " + "9" * (1 << 20)).encode(), ("CỘNG HÒA\n" * 100000).encode()]
    return {
        "xml_c14n": xml, "xml_dsig": xml, "edxml": xml + [edxml],
        "package": zips, "zip": zips, "vn_doc": text,
    }


def cmd_seed(targets: list[str]) -> None:
    seeds = build_seeds(targets)
    for t in targets:
        d = FUZZ / "corpus" / t
        d.mkdir(parents=True, exist_ok=True)
        new = 0
        for s in dict.fromkeys(seeds[t]):
            if not s:
                continue
            f = d / ("seed-" + hashlib.sha1(s).hexdigest())
            if not f.exists():
                f.write_bytes(s)
                new += 1
        total = sum(1 for _ in d.iterdir())
        print(f"seed {t:14} {len(seeds[t]):4} seeds ({new} new), corpus now {total} files")


# --------------------------------------------------------------------------
# Building


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", "/work/target-fuzz"))


def host_triple() -> str:
    out = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    return re.search(r"^host: (\S+)", out, re.M).group(1)


def cargo_fuzz_cmd(args: argparse.Namespace) -> tuple[list[str], dict]:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir()))
    cmd = ["cargo"]
    if args.toolchain == "stable":
        env["RUSTC_BOOTSTRAP"] = "1"
    else:
        cmd.append(f"+{args.toolchain}")
    return cmd + ["fuzz"], env


def cmd_build(args: argparse.Namespace, targets: list[str]) -> None:
    base, env = cargo_fuzz_cmd(args)
    flags = ["-O", "-a", "-s", args.sanitizer]
    # One cargo invocation per target keeps the log readable; deps are shared.
    for t in targets:
        cmd = base + ["build"] + flags + [t]
        print("+", " ".join(cmd), flush=True)
        subprocess.run(["nice", "-n", str(args.nice)] + cmd, cwd=FUZZ, env=env, check=True)


def binary(t: str) -> Path:
    return target_dir() / host_triple() / "release" / t


# --------------------------------------------------------------------------
# Running


def cpu_seconds(pid: int) -> float | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def git_head() -> str:
    r = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return r.stdout.strip() or "?"


def dir_stats(d: Path) -> tuple[int, int]:
    files = [p for p in d.iterdir() if p.is_file()] if d.is_dir() else []
    return len(files), sum(p.stat().st_size for p in files)


ARTIFACT_KINDS = ("crash", "timeout", "oom", "leak", "slow-unit")


def artifacts(d: Path) -> set[str]:
    return {p.name for p in d.iterdir()} if d.is_dir() else set()


class Run:
    def __init__(self, t: str, args: argparse.Namespace, stamp: str):
        self.t = t
        self.goal = args.cpu_minutes * 60
        self.corpus = FUZZ / "corpus" / t
        self.art = FUZZ / "artifacts" / t
        self.art.mkdir(parents=True, exist_ok=True)
        self.log_path = FUZZ / "artifacts" / "round" / f"{stamp}-{t}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.before = artifacts(self.art)
        self.files0, self.bytes0 = dir_stats(self.corpus)
        self.commit = git_head()
        max_len = args.max_len if args.max_len is not None else DEFAULT_MAX_LEN.get(t)
        self.max_len = max_len
        cmd = ["nice", "-n", str(args.nice), str(binary(t))]
        cmd += [
            f"-rss_limit_mb={args.rss_limit_mb}",
            f"-timeout={args.timeout}",
            "-print_final_stats=1",
            f"-artifact_prefix={self.art}/",
        ]
        if max_len:
            cmd.append(f"-max_len={max_len}")
        cmd += args.libfuzzer_arg or []
        cmd.append(str(self.corpus))
        env = dict(os.environ)
        if args.sanitizer == "address":
            # What `cargo fuzz run` sets for ASan builds.
            env["ASAN_OPTIONS"] = ",".join(filter(None, [env.get("ASAN_OPTIONS", ""), "detect_odr_violation=0"]))
        self.cmd = cmd
        self.log = open(self.log_path, "wb")
        self.log.write((" ".join(cmd) + "\n").encode())
        self.log.flush()
        self.start = time.time()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=FUZZ)
        self.cpu = 0.0
        self.wall_cap = args.wall_minutes * 60 if args.wall_minutes else None
        self.stop_reason: str | None = None
        self.interrupted_at: float | None = None
        self.done = False
        self.rc: int | None = None
        print(f"[{time.strftime('%H:%M:%S')}] start {t} pid {self.proc.pid} at {self.commit}", flush=True)

    def poll(self) -> bool:
        """True once the run has finished (and been reaped)."""
        pid = self.proc.pid
        try:
            wpid, status, ru = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            wpid, status, ru = pid, 0, None
        if wpid == pid:
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            self.rc = self.proc.returncode
            if ru is not None:
                self.cpu = ru.ru_utime + ru.ru_stime
            self.wall = time.time() - self.start
            self.done = True
            self.log.close()
            print(f"[{time.strftime('%H:%M:%S')}] end   {self.t} rc {self.rc} cpu {self.cpu / 60:.2f} min wall {self.wall / 60:.1f} min", flush=True)
            return True
        c = cpu_seconds(pid)
        if c is not None:
            self.cpu = c
        if self.cpu >= self.goal:
            self.interrupt("cpu goal")
        elif self.wall_cap and time.time() - self.start >= self.wall_cap:
            self.interrupt("wall cap")
        if self.interrupted_at is not None and time.time() - self.interrupted_at > 120:
            os.kill(pid, signal.SIGKILL)
        return False

    def interrupt(self, why: str) -> None:
        """SIGINT our own child: libFuzzer prints its final stats and exits."""
        if self.interrupted_at is None and not self.done:
            os.kill(self.proc.pid, signal.SIGINT)
            self.interrupted_at = time.time()
            self.stop_reason = why

    def summary(self) -> dict:
        text = self.log_path.read_bytes().decode("utf-8", "replace")
        inited = re.search(r"^#(\d+)\s+INITED.*?cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", text, re.M)
        pulses = re.findall(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", text, re.M)
        seedinfo = re.search(r"seed corpus: files: (\d+)", text)
        stat = dict(re.findall(r"^stat::(\w+):\s+(\S+)", text, re.M))
        last = pulses[-1] if pulses else None
        files1, bytes1 = dir_stats(self.corpus)
        new_art = sorted(artifacts(self.art) - self.before)
        kinds = {k: [a for a in new_art if a.startswith(k + "-")] for k in ARTIFACT_KINDS}
        execs = int(stat.get("number_of_executed_units", last[0] if last else 0))
        return {
            "target": self.t,
            "commit": self.commit,
            "cpu_min": round(self.cpu / 60, 2),
            "wall_min": round(self.wall / 60, 1),
            "executions": execs,
            "exec_per_s_cpu": round(execs / self.cpu, 1) if self.cpu else 0,
            "exec_per_s": int(stat.get("average_exec_per_sec", 0)),
            "seeds": int(seedinfo.group(1)) if seedinfo else self.files0,
            "seeds_kept": int(inited.group(4)) if inited else None,
            "cov_start": f"{inited.group(2)} / {inited.group(3)}" if inited else "?",
            "cov_end": f"{last[1]} / {last[2]}" if last else "?",
            "corpus_files": files1,
            "corpus_mb": round(bytes1 / 1e6, 1),
            "new_units": int(stat.get("new_units_added", 0)),
            "slowest_unit_s": int(stat.get("slowest_unit_time_sec", 0)),
            "peak_rss_mb": int(stat.get("peak_rss_mb", 0)),
            "crashes": kinds["crash"] + kinds["leak"],
            "timeouts": kinds["timeout"],
            "ooms": kinds["oom"],
            "stopped_by": self.stop_reason or f"exited rc {self.rc}",
            "max_len": self.max_len,
            "log": str(self.log_path.relative_to(ROOT)),
        }


def table(rows: list[dict]) -> str:
    out = [
        "| target | commit | CPU min | wall min | executions | exec/s | cov / ft start → end | corpus after | crashes | timeouts | OOMs |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| `{r['target']}` | {r['commit']} | {r['cpu_min']:.1f} | {r['wall_min']:.0f} | {r['executions']:,} | "
            f"{r['exec_per_s_cpu']:.0f} | {r['cov_start']} → {r['cov_end']} | "
            f"{r['corpus_files']} ({r['corpus_mb']} MB) | {len(r['crashes'])} | {len(r['timeouts'])} | {len(r['ooms'])} |".replace(",", " ")
        )
    return "\n".join(out)


def cmd_run(args: argparse.Namespace, targets: list[str]) -> list[dict]:
    for t in targets:
        if not binary(t).exists():
            sys.exit(f"{binary(t)} missing: run `{sys.argv[0]} build {t}` first")
        if not (FUZZ / "corpus" / t).is_dir():
            sys.exit(f"fuzz/corpus/{t} missing: run `{sys.argv[0]} seed {t}` first")
    stamp = time.strftime("%Y%m%dT%H%M%S")
    deadline = None
    if args.deadline:
        hh, mm = map(int, args.deadline.split(":"))
        now = time.time()
        lt = time.gmtime(now)
        deadline = now + ((hh * 60 + mm) - (lt.tm_hour * 60 + lt.tm_min)) * 60 - lt.tm_sec
        if deadline <= now:
            sys.exit(f"deadline {args.deadline} UTC has passed")
    queue = list(targets)
    running: list[Run] = []
    rows: list[dict] = []
    out_dir = FUZZ / "artifacts" / "round"

    def stop_all(signum, _frame):
        queue.clear()
        for r in running:
            r.interrupt("stopped (SIGTERM)")

    signal.signal(signal.SIGTERM, stop_all)
    try:
        while queue or running:
            if deadline and time.time() >= deadline:
                queue.clear()
                for r in running:
                    r.interrupt("deadline")
            while queue and len(running) < args.parallel:
                running.append(Run(queue.pop(0), args, stamp))
            time.sleep(args.poll)
            for r in list(running):
                if r.poll():
                    running.remove(r)
                    rows.append(r.summary())
                    (out_dir / f"{stamp}-summary.json").write_text(json.dumps(rows, indent=1))
                    (out_dir / f"{stamp}-summary.md").write_text(table(rows) + "\n")
    except KeyboardInterrupt:
        stop_all(None, None)
        for r in running:
            r.proc.wait()
        raise
    print(table(rows))
    print(f"\nsummary: {out_dir.relative_to(ROOT)}/{stamp}-summary.{{md,json}}")
    for r in rows:
        if r["crashes"] or r["timeouts"] or r["ooms"]:
            print(f"FINDING {r['target']}: {r['crashes'] + r['timeouts'] + r['ooms']}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["seed", "build", "run", "all"])
    ap.add_argument("targets", nargs="*", help=f"default: all ({' '.join(TARGETS)})")
    ap.add_argument("--seed-dir", action="append", default=[], help="seed: also read the files (<= 4 MiB) under this directory (repeatable)")
    ap.add_argument("--cpu-minutes", type=float, default=20.5, help="CPU-time goal per target (default 20.5)")
    ap.add_argument("--wall-minutes", type=float, help="also stop a run after this much wall time")
    ap.add_argument("--deadline", help="HH:MM UTC: start nothing after it, SIGINT what still runs")
    ap.add_argument("--parallel", type=int, default=2, help="targets run at once (default 2)")
    ap.add_argument("--nice", type=int, default=5)
    ap.add_argument("--toolchain", default="nightly", help="rustup toolchain, or 'stable' (RUSTC_BOOTSTRAP=1)")
    ap.add_argument("--sanitizer", default="address", help="address (default) or none")
    ap.add_argument("--max-len", type=int, help="override -max_len (default: 65536 for the PDF-level targets)")
    ap.add_argument("--rss-limit-mb", type=int, default=2048)
    ap.add_argument("--timeout", type=int, default=10, help="libFuzzer -timeout per input, seconds")
    ap.add_argument("--poll", type=float, default=3.0, help="seconds between CPU-time checks")
    ap.add_argument("--libfuzzer-arg", action="append", help="extra libFuzzer flag (repeatable)")
    args = ap.parse_args()
    SEED_DIRS.extend(args.seed_dir)
    targets = args.targets or TARGETS
    for t in targets:
        if t not in TARGETS:
            sys.exit(f"unknown target {t}")
    if args.step in ("seed", "all"):
        cmd_seed(targets)
    if args.step in ("build", "all"):
        cmd_build(args, targets)
    if args.step in ("run", "all"):
        cmd_run(args, targets)


if __name__ == "__main__":
    main()
