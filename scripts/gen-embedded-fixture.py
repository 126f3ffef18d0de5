#!/usr/bin/env python3
"""A signed PDF that carries another signed PDF as an embedded file (issue 10
item 4: embedded files listed with name, size and SHA-256, and each verified on
its own as a nested report).

    fixtures/admin/cong-van-with-embedded-decision.pdf
        a one-page cover letter (gen-fixtures.minimal_pdf) with
        fixtures/admin/quyet-dinh-urgent.pdf attached by qpdf --add-attachment,
        then signed by pyHanko with the test PKI's rsa2048 signer.

Needs: python3 with pyHanko and certomancer (as scripts/gen-fixtures.py), qpdf.
Reruns are byte-identical (frozen clock, qpdf --static-id).
"""
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ATTACHMENT = REPO / "fixtures/admin/quyet-dinh-urgent.pdf"
OUT = REPO / "fixtures/admin/cong-van-with-embedded-decision.pdf"


def load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / file)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    gf = load("gen_fixtures", "gen-fixtures.py")
    gf.freeze_pyhanko_clock()
    ctx = gf.Ctx(gf.load_pki())
    base = gf.minimal_pdf("cover letter with an embedded signed decision")
    with tempfile.TemporaryDirectory() as d:
        src, dst = Path(d) / "in.pdf", Path(d) / "out.pdf"
        src.write_bytes(base)
        subprocess.run(
            ["qpdf", "--static-id", str(src), "--add-attachment", str(ATTACHMENT),
             "--key=quyet-dinh-urgent.pdf", "--mimetype=application/pdf",
             "--creationdate=D:20260301090000+07'00'", "--moddate=D:20260301090000+07'00'", "--",
             str(dst)],
            check=True,
        )
        attached = dst.read_bytes()
    signed = gf.sign(attached, ctx.signer("rsa2048"), t=gf.T0)
    OUT.write_bytes(signed)
    print(f"{OUT.relative_to(REPO)}: {len(signed)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
