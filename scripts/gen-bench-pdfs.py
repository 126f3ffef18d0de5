#!/usr/bin/env python3
"""Make large signed PDFs for the verification benchmark (not committed).

    python3 scripts/gen-bench-pdfs.py [OUT_DIR] [--sizes 1,20,100]

OUT_DIR defaults to $KYSO_BENCH_DIR, else target/bench-pdfs. For each size S
(MiB) writes `bench-S.pdf`: one page showing an uncompressed DeviceGray image
XObject whose stream carries ~S MiB of seeded pseudo-random bytes (so nothing
compresses it away), signed by pyHanko (PAdES B-B, RSA-2048, SHA-256) with the
fixture PKI of scripts/gen-fixtures.py. Existing files of the right size are
kept, so the benchmark only pays for generation once.
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_fixture_module():
    spec = importlib.util.spec_from_file_location("gen_fixtures", REPO / "scripts" / "gen-fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gen_fixtures"] = mod
    spec.loader.exec_module(mod)
    return mod


def big_pdf(size_bytes: int, seed: int) -> bytes:
    """One page + one image XObject of about size_bytes (classic xref)."""
    side = max(1, int(size_bytes**0.5))
    payload = random.Random(seed).randbytes(side * side)
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=os.environ.get("KYSO_BENCH_DIR", str(REPO / "target" / "bench-pdfs")))
    ap.add_argument("--sizes", default="1,20,100", help="comma-separated sizes in MiB")
    args = ap.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    gf = load_fixture_module()
    gf.ensure_keys()
    gf.freeze_pyhanko_clock()
    ctx = gf.Ctx(gf.load_pki())
    signer = ctx.signer("rsa2048")
    for s in (int(x) for x in args.sizes.split(",")):
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
