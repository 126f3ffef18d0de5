#!/usr/bin/env python3
"""Generate Kyso's signed-PDF fixtures with real signers.

    python3 scripts/gen-fixtures.py            # regenerate everything
    python3 scripts/gen-fixtures.py --no-peers # skip the pyHanko/pdfsig cross-check

Writes
  fixtures/pki/keys/*.pem        test keys (created once if missing, then reused)
  fixtures/pdf/*.pdf             signed PDFs, each one case
  fixtures/pdf/trust/*.pem       "Kyso Test Root CA" (the anchor `kyso corpus` trusts)
  fixtures/pdf/MANIFEST.tsv      same columns as ../shared/corpus/MANIFEST.tsv

Signers: pyHanko 0.38 (PdfSigner, PdfTimeStamper, DocumentSecurityStore,
IncrementalPdfFileWriter) over a certomancer 0.16 PKI (fixtures/pki/certomancer.yml)
loaded in-process: no network, no services. Two legacy formats pyHanko cannot
emit are built here with `cryptography`/asn1crypto through pyHanko's own
byte-range machinery (adbe.x509.rsa_sha1, adbe.pkcs7.sha1, no signed
attributes). qpdf makes the object-stream and encrypted bases.

Reproducibility: the clock is frozen (every pyHanko module's `datetime.now`
returns the fixture's signing time), the /ID and time-stamp serial/nonce
sources of pyHanko are counter-based, base PDFs are written byte by byte,
keys are committed: RSA PKCS#1 v1.5 and Ed25519 fixtures are byte-identical
from run to run. What still varies: RSA-PSS and ECDSA signature values
(randomised by design) and whatever follows them, and the signingTime OpenSSL
puts in the adbe.pkcs7.sha1 CMS (the real clock), the AES-256 (R6) salts of
qpdf and pyHanko. Verdicts do not depend on
those.

Every file is cross-checked with `pyhanko sign validate` (our test root as
the only trust anchor, validation at the claimed signing time, no revocation
fetch: the same invocation as ../shared/corpus/README.md) and poppler's
`pdfsig`; their answers are recorded in the manifest's peer columns.
"""
from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as _dt
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import algos, cms, core, ocsp, x509
from certomancer.registry import CertomancerConfig, EntityLabel
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

UTC = _dt.timezone.utc
REPO = Path(__file__).resolve().parent.parent
PKI_DIR = REPO / "fixtures" / "pki"
KEY_DIR = PKI_DIR / "keys"
OUT_DIR = REPO / "fixtures" / "pdf"
TRUST_DIR = OUT_DIR / "trust"

# Fixed times (see the time line in fixtures/pki/certomancer.yml).
T0 = _dt.datetime(2026, 3, 1, 2, 0, 0, tzinfo=UTC)  # 09:00 Vietnam time
HOUR = _dt.timedelta(hours=1)


# ---------------------------------------------------------------------------
# Frozen clock
# ---------------------------------------------------------------------------
class _Clock:
    now = T0


CLOCK = _Clock()
_RealDateTime = _dt.datetime


class _FrozenDateTime(_RealDateTime):
    """`datetime` whose now() is CLOCK.now, converted to the requested zone."""

    @classmethod
    def now(cls, tz=None):  # noqa: D102
        t = CLOCK.now
        return t.astimezone(tz) if tz is not None else t.replace(tzinfo=None)

    @classmethod
    def utcnow(cls):  # noqa: D102
        return CLOCK.now.astimezone(UTC).replace(tzinfo=None)


def freeze_pyhanko_clock() -> None:
    """Point every pyHanko module's `datetime` name at the frozen class.

    pyHanko reads the time through `datetime.now(...)` in the signer, the CMS
    builder, the dummy time stamper and the metadata writer; patching the
    module globals is enough and keeps asyncio's own clock untouched.
    """
    import pyhanko.pdf_utils.generic  # noqa: F401  (make sure modules are loaded)
    import pyhanko.pdf_utils.metadata.info  # noqa: F401
    import pyhanko.pdf_utils.metadata.model  # noqa: F401
    import pyhanko.pdf_utils.metadata.xmp_xml  # noqa: F401
    import pyhanko.sign.signers.cms_embedder  # noqa: F401
    import pyhanko.sign.signers.functions  # noqa: F401
    import pyhanko.sign.signers.pdf_signer  # noqa: F401
    import pyhanko.sign.timestamps.dummy_client  # noqa: F401
    import pyhanko.stamp.text  # noqa: F401

    import pyhanko.pdf_utils.incremental_writer as iw

    for name, mod in list(sys.modules.items()):
        if name.startswith("pyhanko") and getattr(mod, "datetime", None) is _RealDateTime:
            mod.datetime = _FrozenDateTime
    # The second /ID element of each incremental update comes from
    # os.urandom in pyHanko's incremental writer: give that module (only) a
    # counter-based source so fixtures without randomised signatures (RSA
    # PKCS#1 v1.5, Ed25519) come out byte-identical on every run.
    iw.os = _DeterministicOs()
    # Same for time-stamp serial numbers and nonces (pyHanko's get_nonce).
    import pyhanko.sign.timestamps.common_utils as tsu

    tsu.os = _DeterministicOs()
    # And the AES IVs pyHanko draws when it encrypts strings/streams of an
    # update to an encrypted document (ISO 32000-1 §7.6.2: IVs need only be
    # unpredictable to protect confidentiality, which test files do not need).
    import pyhanko.pdf_utils.crypt._util as cu
    import pyhanko.pdf_utils.crypt.filter_mixins as fm
    import secrets

    cu.secrets = fm.secrets = _DeterministicOs(secrets)


class _DeterministicOs:
    """`os`/`secrets` stand-in whose urandom()/token_bytes() is SHA-256 of a
    call counter (n <= 32)."""

    def __init__(self, module=None):
        import os

        self._os = module or os
        self._n = 0

    def urandom(self, n: int) -> bytes:
        self._n += 1
        return hashlib.sha256(b"kyso-fixture-id-%d" % self._n).digest()[:n]

    token_bytes = urandom

    def __getattr__(self, name):
        return getattr(self._os, name)


def at(t: _dt.datetime) -> None:
    CLOCK.now = t


# ---------------------------------------------------------------------------
# Keys and PKI
# ---------------------------------------------------------------------------
KEY_SPECS = {
    "root.key.pem": ("rsa", 3072),
    "interm.key.pem": ("rsa", 2048),
    "tsa.key.pem": ("rsa", 2048),
    "ocsp.key.pem": ("rsa", 2048),
    "signer-rsa2048.key.pem": ("rsa", 2048),
    "signer-rsa3072.key.pem": ("rsa", 3072),
    "signer-p256.key.pem": ("ec", ec.SECP256R1()),
    "signer-p384.key.pem": ("ec", ec.SECP384R1()),
    "signer-ed25519.key.pem": ("ed25519", None),
    "signer-vn.key.pem": ("rsa", 2048),
    "signer-expired.key.pem": ("rsa", 2048),
    "signer-revoked-before.key.pem": ("rsa", 2048),
    "signer-revoked-after.key.pem": ("rsa", 2048),
    "untrusted-root.key.pem": ("rsa", 2048),
    "untrusted-signer.key.pem": ("rsa", 2048),
}


def ensure_keys() -> None:
    """Create missing test keys (PKCS#8 PEM, unencrypted). Existing ones are kept,
    so certificates stay stable across runs once the keys are committed."""
    KEY_DIR.mkdir(parents=True, exist_ok=True)
    for fname, (kind, param) in KEY_SPECS.items():
        path = KEY_DIR / fname
        if path.exists():
            continue
        if kind == "rsa":
            key = rsa.generate_private_key(public_exponent=65537, key_size=param)
        elif kind == "ec":
            key = ec.generate_private_key(param)
        else:
            key = ed25519.Ed25519PrivateKey.generate()
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def vn_subject() -> x509.Name:
    """Vietnamese subject as issued by VN CAs: UTF8String values with
    diacritics, identifiers in UID (0.9.2342.19200300.100.1.1) as `MST:` (tax
    code) and `CCCD:` (citizen ID), one RDN per attribute."""
    attrs = [
        ("country_name", "VN"),
        ("state_or_province_name", "Hà Nội"),
        ("locality_name", "Quận Ba Đình"),
        ("organization_name", "Công ty Cổ phần Kiểm thử Ký Số"),
        ("common_name", "Nguyễn Thị Thu Hương"),
        ("user_id", "MST:0102357802"),
        ("user_id", "CCCD:001099000001"),
    ]
    rdns = []
    for typ, val in attrs:
        # countryName is PrintableString (RFC 5280 App. A); everything else
        # UTF8String, as VN CAs issue them (UID included).
        kind = "printable_string" if typ == "country_name" else "utf8_string"
        value = x509.NameTypeAndValue(
            {"type": typ, "value": x509.DirectoryString(name=kind, value=val)}
        )
        rdns.append(x509.RelativeDistinguishedName([value]))
    return x509.Name(name="", value=x509.RDNSequence(rdns))


@dataclass
class Pki:
    arch: object
    untrusted: object

    def cert(self, label: str) -> x509.Certificate:
        return self.arch.get_cert(label)

    def key(self, label: str):
        return self.arch.key_set.get_private_key(label)

    def crl(self, repo: str, t: _dt.datetime):
        return self.arch.service_registry.get_crl(repo, at_time=t)

    def ocsp(self, cert_label: str, t: _dt.datetime) -> ocsp.OCSPResponse:
        """OCSP response for one leaf from the in-process responder, produced at t."""
        cert = self.cert(cert_label)
        issuer = self.cert("interm")
        cid = ocsp.CertId(
            {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha1"}),
                "issuer_name_hash": hashlib.sha1(issuer.subject.dump()).digest(),
                "issuer_key_hash": issuer.public_key.sha1,
                "serial_number": cert.serial_number,
            }
        )
        responder = self.arch.service_registry.summon_responder("interm", at_time=t)
        single = responder.format_single_ocsp_response(cid, issuer)
        return responder.assemble_simple_ocsp_responses([single])


def load_pki() -> Pki:
    cfg = CertomancerConfig.from_file(str(PKI_DIR / "certomancer.yml"), key_search_dir=str(PKI_DIR))
    arch = cfg.get_pki_arch("kyso")
    # Certificates are generated lazily, so replacing the entity name before
    # the first get_cert() gives the "vn" leaf the multi-UID subject.
    arch.entities._dict[EntityLabel("vn")] = vn_subject()
    return Pki(arch=arch, untrusted=cfg.get_pki_arch("untrusted"))


# ---------------------------------------------------------------------------
# Base documents: written byte by byte so the unsigned base is reproducible.
# ---------------------------------------------------------------------------
def minimal_pdf(label: str, pages: int = 1, text_field: bool = False) -> bytes:
    """A small PDF 1.7 file, classic xref table, uncompressed content.

    Objects: 1 Catalog, 2 Pages, 3 Font, then per page a Page and its content
    stream, then (optionally) an unlocked text field "note" whose widget sits
    on page 1 with an empty appearance stream.
    """
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    catalog = add(b"")  # placeholder, filled below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for i in range(pages):
        text = f"Kyso test document: {label} (page {i + 1} of {pages})".encode("latin-1")
        stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET\n" + (
            b"BT /F1 10 Tf 72 740 Td (Fixture made by scripts/gen-fixtures.py; not a real document.) Tj ET\n"
        )
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        page_ids.append(add(b""))  # page placeholder
        objs[page_ids[-1] - 1] = (
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R%%ANNOTS%% >>"
            % (pages_obj, font, content)
        )
    acroform = b""
    if text_field:
        ap_stream = b"/Tx BMC EMC\n"
        ap = add(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 300 20] /Resources << /Font << /Helv %d 0 R >> >> "
            b"/Length %d >>\nstream\n" % (font, len(ap_stream)) + ap_stream + b"endstream"
        )
        field = add(
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (note) /V () /F 4 /Rect [72 600 372 620] "
            b"/P %d 0 R /DA (/Helv 10 Tf 0 g) /AP << /N %d 0 R >> >>" % (page_ids[0], ap)
        )
        objs[page_ids[0] - 1] = objs[page_ids[0] - 1].replace(b"%ANNOTS%", b" /Annots [%d 0 R]" % field)
        acroform = b" /AcroForm << /Fields [%d 0 R] /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv %d 0 R >> >> >>" % (
            field,
            font,
        )
    for pid in page_ids:
        objs[pid - 1] = objs[pid - 1].replace(b"%ANNOTS%", b"")
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_obj, acroform)
    objs[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % p for p in page_ids),
        pages,
    )

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    doc_id = hashlib.md5(label.encode()).hexdigest().encode()
    out += (
        b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objs) + 1, catalog, doc_id, doc_id, xref_at)
    )
    return bytes(out)


def hybrid_pdf(label: str) -> bytes:
    """A hybrid-reference file (ISO 32000-1 §7.5.8.4): a classic xref table
    whose trailer's /XRefStm points at a cross-reference stream. The font
    (object 5) lives only in an object stream: the classic table marks it
    free, the xref stream gives its compressed location, so a PDF 1.4 reader
    sees no font and a 1.5 reader sees everything."""
    text = f"Kyso test document: {label}".encode("latin-1")
    content = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET\n"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objstm_head = b"5 0 "
    objstm_body = objstm_head + font
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def put(num: int, body: bytes) -> None:
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    put(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    put(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
           b"/Contents 4 0 R >>")
    put(4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
    put(6, b"<< /Type /ObjStm /N 1 /First %d /Length %d >>\nstream\n" % (len(objstm_head), len(objstm_body))
        + objstm_body + b"\nendstream")
    # xref stream: one entry, object 5 -> type 2 (compressed), in objstm 6, index 0
    xs = bytes([2, 0, 6, 0])
    put(7, b"<< /Type /XRef /Size 8 /Index [5 1] /W [1 2 1] /Length %d >>\nstream\n" % len(xs) + xs
        + b"\nendstream")
    xref_at = len(out)
    out += b"xref\n0 8\n0000000000 65535 f \n"
    for num in range(1, 8):
        if num == 5:
            out += b"0000000000 00001 f \n"
        else:
            out += b"%010d 00000 n \n" % offsets[num]
    doc_id = hashlib.md5(label.encode()).hexdigest().encode()
    out += (b"trailer\n<< /Size 8 /Root 1 0 R /XRefStm %d /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (offsets[7], doc_id, doc_id, xref_at))
    return bytes(out)


def qpdf(data: bytes, *args: str) -> bytes:
    """Run qpdf on data and return the output."""
    with tempfile.TemporaryDirectory() as d:
        src, dst = Path(d) / "in.pdf", Path(d) / "out.pdf"
        src.write_bytes(data)
        # --static-id/--static-aes-iv: qpdf's test switches for reproducible
        # output (fixed /ID and AES IVs); harmless here, never for real files.
        subprocess.run(["qpdf", "--static-id", "--static-aes-iv", *args, str(src), str(dst)], check=True)
        return dst.read_bytes()


# ---------------------------------------------------------------------------
# Signing helpers (pyHanko)
# ---------------------------------------------------------------------------
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.pdf_utils import generic  # noqa: E402
from pyhanko.sign import signers, timestamps  # noqa: E402
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter  # noqa: E402
from pyhanko.sign.signers import pdf_signer as _pdf_signer_mod  # noqa: E402
from pyhanko.sign.signers.pdf_byterange import SignatureObject  # noqa: E402
from pyhanko.sign.validation.dss import DocumentSecurityStore  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402
from pyhanko_certvalidator.registry import SimpleCertificateStore  # noqa: E402

PADES = SigSeedSubFilter.PADES
PKCS7 = SigSeedSubFilter.ADOBE_PKCS7_DETACHED


class Ctx:
    """Everything the fixture builders need: PKI, signers, time stampers."""

    def __init__(self, pki: Pki):
        self.pki = pki

    def signer(self, label: str, prefer_pss: bool = False, untrusted: bool = False, mechanism=None):
        arch = self.pki.untrusted if untrusted else self.pki.arch
        chain = [arch.get_cert("root")] if untrusted else [self.pki.cert("interm"), self.pki.cert("root")]
        return signers.SimpleSigner(
            signing_cert=arch.get_cert(label),
            signing_key=arch.key_set.get_private_key(label),
            cert_registry=SimpleCertificateStore.from_certs(chain),
            prefer_pss=prefer_pss,
            signature_mechanism=mechanism,
        )

    def tsa(self, t: _dt.datetime):
        """RFC 3161 TSA (pyHanko's in-process DummyTimeStamper with the
        certomancer TSA key/cert), genTime fixed to t."""
        return timestamps.DummyTimeStamper(
            tsa_cert=self.pki.cert("tsa"),
            tsa_key=self.pki.key("tsa"),
            certs_to_embed=SimpleCertificateStore.from_certs([self.pki.cert("root")]),
            fixed_dt=t,
        )

    def tsa_without_eku(self, t: _dt.datetime):
        return timestamps.DummyTimeStamper(
            tsa_cert=self.pki.cert("tsa-no-eku"),
            tsa_key=self.pki.key("tsa"),
            certs_to_embed=SimpleCertificateStore.from_certs([self.pki.cert("root")]),
            fixed_dt=t,
        )

    def wrong_imprint_tsa(self, t: _dt.datetime):
        return _WrongImprintTimeStamper(
            tsa_cert=self.pki.cert("tsa"),
            tsa_key=self.pki.key("tsa"),
            certs_to_embed=SimpleCertificateStore.from_certs([self.pki.cert("root")]),
            fixed_dt=t,
        )

    def vc(self, t: _dt.datetime, leaves=("rsa2048",)) -> ValidationContext:
        """Validation context with revocation info produced in-process at t."""
        crls = [self.pki.crl("interm", t - HOUR), self.pki.crl("root", t - HOUR)]
        ocsps = [self.pki.ocsp(lbl, t - _dt.timedelta(minutes=1)) for lbl in leaves]
        return ValidationContext(
            trust_roots=[self.pki.cert("root")],
            other_certs=[self.pki.cert("interm"), self.pki.cert("ocsp"), self.pki.cert("tsa")],
            crls=crls,
            ocsps=ocsps,
            allow_fetching=False,
            moment=t,
            revocation_mode="hard-fail",
        )


class _WrongImprintTimeStamper(timestamps.DummyTimeStamper):
    """A TSA that time-stamps the wrong data: the messageImprint it receives is
    altered (last byte flipped), so the token is validly signed by the TSA but
    does not cover the signature value (RFC 3161 §2.4.2, RFC 5652 App. A
    id-aa-timeStampToken over SignerInfo.signature)."""

    def request_cms(self, message_digest, md_algorithm):
        wrong = bytes(message_digest[:-1]) + bytes([message_digest[-1] ^ 0xFF])
        return super().request_cms(wrong, md_algorithm)


def sign_ignoring_docmdp(*a, **kw) -> bytes:
    """sign(), with pyHanko's refusal to sign a P=1 certified document
    switched off: we need the forbidden revision as a fixture."""
    orig = signers.PdfSigner._enforce_certification_constraints
    signers.PdfSigner._enforce_certification_constraints = lambda self, reader: None
    try:
        return sign(*a, **kw)
    finally:
        signers.PdfSigner._enforce_certification_constraints = orig


def sign(
    base: bytes,
    signer,
    *,
    t: _dt.datetime = T0,
    field: str = "Signature1",
    subfilter=PADES,
    md: str | None = None,
    timestamper=None,
    certify: bool = False,
    docmdp: MDPPerm | None = None,
    embed_validation_info: bool = False,
    validation_context=None,
    lta: bool = False,
    password: bytes | None = None,
    reason: str | None = None,
    strict: bool = True,
) -> bytes:
    """One pyHanko signature as an incremental update of `base` at time t."""
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(base), strict=strict)
    if password is not None:
        w.encrypt(password)
    kw = {}
    if docmdp is not None:
        kw["docmdp_permissions"] = docmdp
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=subfilter,
        md_algorithm=md,
        certify=certify,
        embed_validation_info=embed_validation_info,
        validation_context=validation_context,
        use_pades_lta=lta,
        timestamp_field_name="DocTimeStamp1" if lta else None,
        reason=reason,
        location="Hà Nội",
        **kw,
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer, timestamper=timestamper).sign_pdf(w, output=out)
    return out.getvalue()


def doc_timestamp(base: bytes, ctx: Ctx, t: _dt.datetime) -> bytes:
    """ETSI.RFC3161 document time-stamp (PAdES §5.4 / ISO 32000-2 §12.8.5)."""
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(base))
    out = io.BytesIO()
    n = len(PdfFileReader(io.BytesIO(base)).embedded_signatures) + 1
    signers.PdfTimeStamper(ctx.tsa(t), field_name=f"DocTimeStamp{n}").timestamp_pdf(
        w, md_algorithm="sha256", output=out
    )
    return out.getvalue()


def add_dss(data: bytes, t: _dt.datetime, *, certs=(), ocsps=(), crls=()) -> bytes:
    """Append a DSS (+VRI) revision for the last signature (PAdES-LT, ETSI EN 319 142-1 §5.4.2)."""
    at(t)
    r = PdfFileReader(io.BytesIO(data))
    sig = r.embedded_signatures[-1]
    buf = io.BytesIO(data)
    DocumentSecurityStore.add_dss(
        buf,
        sig.pkcs7_content,
        certs=list(certs),
        ocsps=list(ocsps),
        crls=list(crls),
        force_write=True,
    )
    return buf.getvalue()


class _LegacySigObject(SignatureObject):
    """Signature dictionary with a SubFilter pyHanko does not emit itself, and
    optionally a /Cert entry (ISO 32000-1 §12.8.3.2: adbe.x509.rsa_sha1 carries
    the signer certificate in /Cert)."""

    subfilter_name = "/adbe.pkcs7.detached"
    cert_der: bytes | None = None

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self["/SubFilter"] = generic.NameObject(self.subfilter_name)
        if self.cert_der is not None:
            self["/Cert"] = generic.ByteStringObject(self.cert_der)


def sign_external(
    base: bytes,
    ctx: Ctx,
    make_contents,
    *,
    signer_label: str = "rsa2048",
    md: str = "sha256",
    subfilter_name: str | None = None,
    cert_der: bytes | None = None,
    t: _dt.datetime = T0,
    field: str = "Signature1",
    reserve: int = 8192,
) -> bytes:
    """Sign with contents built outside pyHanko's CMS writer.

    pyHanko lays out the signature dictionary, /ByteRange and placeholder and
    hashes the byte ranges (PdfSigner.digest_doc_for_signing); make_contents
    receives (document digest, signed bytes) and returns the raw /Contents.
    """
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(base))
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm=md, subfilter=PKCS7)
    ext = signers.ExternalSigner(
        signing_cert=ctx.pki.cert(signer_label),
        cert_registry=SimpleCertificateStore.from_certs([ctx.pki.cert("interm")]),
        signature_value=bytes(256),
    )
    pdf_signer = signers.PdfSigner(meta, ext)
    orig = _pdf_signer_mod.SignatureObject
    _LegacySigObject.subfilter_name = subfilter_name or "/adbe.pkcs7.detached"
    _LegacySigObject.cert_der = cert_der
    _pdf_signer_mod.SignatureObject = _LegacySigObject
    try:
        prep, _tbs, output = asyncio.run(pdf_signer.async_digest_doc_for_signing(w, bytes_reserved=reserve))
    finally:
        _pdf_signer_mod.SignatureObject = orig
    buf = output.getvalue()
    signed = buf[: prep.reserved_region_start] + buf[prep.reserved_region_end :]
    contents = make_contents(prep.document_digest, signed)
    prep.fill_with_cms(output, contents)
    return output.getvalue()


def _crypto_key(ctx: Ctx, label: str):
    return serialization.load_der_private_key(ctx.pki.key(label).dump(), password=None)


def cms_without_signed_attrs(ctx: Ctx, label: str = "rsa2048"):
    """SignedData whose SignerInfo has no signedAttrs: RFC 5652 §5.4 then
    signs the content (here the byte ranges) directly."""

    def build(digest: bytes, _signed: bytes) -> bytes:
        key = _crypto_key(ctx, label)
        sig = key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
        cert = ctx.pki.cert(label)
        si = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    {
                        "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                            {"issuer": cert.issuer, "serial_number": cert.serial_number}
                        )
                    }
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "rsassa_pkcs1v15"}),
                "signature": sig,
            }
        )
        sd = cms.SignedData(
            {
                "version": "v1",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {"content_type": "data"},
                "certificates": [cert, ctx.pki.cert("interm")],
                "signer_infos": [si],
            }
        )
        return cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump()

    return build


def x509_rsa_sha1(ctx: Ctx, label: str = "rsa2048"):
    """adbe.x509.rsa_sha1 (ISO 32000-1 §12.8.3.2): /Contents is a DER OCTET
    STRING holding the PKCS#1 v1.5 RSA signature of the SHA-1 digest of the
    byte ranges; the signer certificate sits in /Cert."""

    def build(_digest: bytes, signed: bytes) -> bytes:
        key = _crypto_key(ctx, label)
        sig = key.sign(signed, padding.PKCS1v15(), hashes.SHA1())
        return core.OctetString(sig).dump()

    return build


def _openssl_cms_attached(ctx: Ctx, label: str, content: bytes, md: str) -> bytes:
    """OpenSSL `cms -sign` WITHOUT `-detach`: a SignedData whose eContent is
    `content` (id-data), signed attributes with digest `md`, signer `label`
    plus the intermediate."""
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        (d / "content").write_bytes(content)
        (d / "cert.pem").write_bytes(pem_cert(ctx.pki.cert(label)))
        (d / "chain.pem").write_bytes(pem_cert(ctx.pki.cert("interm")))
        (d / "key.pem").write_bytes(
            _crypto_key(ctx, label).private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        subprocess.run(
            ["openssl", "cms", "-sign", "-binary", "-nodetach", "-md", md, "-nosmimecap",
             "-in", str(d / "content"), "-signer", str(d / "cert.pem"), "-inkey", str(d / "key.pem"),
             "-certfile", str(d / "chain.pem"), "-outform", "DER", "-out", str(d / "out.p7")],
            check=True,
        )
        return (d / "out.p7").read_bytes()


def pkcs7_sha1(ctx: Ctx, label: str = "rsa2048"):
    """adbe.pkcs7.sha1 (ISO 32000-1 §12.8.3.3): the SHA-1 digest of the byte
    ranges is the encapsulated id-data content of the SignedData, which is
    then signed as usual (here: signed attributes, SHA-1), with OpenSSL."""

    def build(_digest: bytes, signed: bytes) -> bytes:
        return _openssl_cms_attached(ctx, label, hashlib.sha1(signed).digest(), "sha1")

    return build


def pkcs7_encapsulating_document(ctx: Ctx, label: str = "rsa2048"):
    """adbe.pkcs7.detached whose SignedData nevertheless encapsulates what it
    signs (OpenSSL `cms -sign` without `-detach` over the byte ranges): eContent
    is the signed bytes, so the signed messageDigest matches both eContent and
    the byte ranges. ISO 32000-2 §12.8.3.3 forbids any encapsulated data in a
    detached PDF signature."""

    def build(_digest: bytes, signed: bytes) -> bytes:
        return _openssl_cms_attached(ctx, label, signed, "sha256")

    return build


def pem_cert(cert: x509.Certificate) -> bytes:
    import base64

    b64 = base64.encodebytes(cert.dump()).replace(b"\n", b"")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return b"-----BEGIN CERTIFICATE-----\n" + b"\n".join(lines) + b"\n-----END CERTIFICATE-----\n"


# ---------------------------------------------------------------------------
# Post-signing edits (legitimate incremental updates and corruptions)
# ---------------------------------------------------------------------------
def fill_note(data: bytes, t: _dt.datetime, value: str = "Đã duyệt / approved") -> bytes:
    """Fill the unlocked text field "note": new /V and a new appearance
    stream, as a viewer does (ISO 32000-1 §12.7.3.3, §12.7.4.3)."""
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    root = w.root
    field_ref = None
    for f in root["/AcroForm"]["/Fields"]:
        if f.get_object().get("/T") == "note":
            field_ref = f
    assert field_ref is not None, "no note field"
    field = field_ref.get_object()
    # keep the printable ASCII part for the appearance (WinAnsi Helvetica)
    shown = value.encode("ascii", errors="replace").decode("ascii").replace("(", "[").replace(")", "]")
    ap_data = b"/Tx BMC q BT /Helv 10 Tf 0 g 2 6 Td (" + shown.encode() + b") Tj ET Q EMC\n"
    ap = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 300, 20)]),
            generic.NameObject("/Resources"): root["/AcroForm"]["/DR"],
        },
        stream_data=ap_data,
    )
    ap_ref = w.add_object(ap)
    field[generic.NameObject("/V")] = generic.TextStringObject(value)
    field[generic.NameObject("/AP")] = generic.DictionaryObject({generic.NameObject("/N"): ap_ref})
    w.update_container(field)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def add_text_annotation(data: bytes, t: _dt.datetime) -> bytes:
    """Add a sticky-note (/Text) annotation to page 1 (ISO 32000-1 §12.5.6.4):
    a commenting change, allowed by DocMDP P=3 and forbidden by P=2."""
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = w.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (400, 700, 420, 720)]),
            generic.NameObject("/Contents"): generic.TextStringObject("Ghi chú của người duyệt"),
            generic.NameObject("/P"): page_ref,
            generic.NameObject("/F"): generic.NumberObject(4),
        }
    )
    annot_ref = w.add_object(annot)
    annots = page.get("/Annots")
    if annots is None:
        page[generic.NameObject("/Annots")] = generic.ArrayObject([annot_ref])
    else:
        annots = annots.get_object()
        annots.append(annot_ref)
        if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
            w.update_container(annots)
    w.update_container(page)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def add_page(data: bytes, t: _dt.datetime) -> bytes:
    """Append a new page in an incremental update: a disallowed change after
    any signature (ISO 32000-1 §12.8.2.2 DocMDP allows no page additions
    except through page templates)."""
    at(t)
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    pages = w.root["/Pages"]
    first = pages["/Kids"][0].get_object()
    stream = b"BT /F1 14 Tf 72 760 Td (Page added after signing) Tj ET\n"
    content_ref = w.add_object(generic.StreamObject(stream_data=stream))
    page = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/Parent"): w.root.raw_get("/Pages"),
            generic.NameObject("/MediaBox"): first["/MediaBox"],
            generic.NameObject("/Resources"): first["/Resources"],
            generic.NameObject("/Contents"): content_ref,
        }
    )
    page_ref = w.add_object(page)
    pages["/Kids"].append(page_ref)
    pages[generic.NameObject("/Count")] = generic.NumberObject(int(pages["/Count"]) + 1)
    w.update_container(pages)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def flip_in_signed_content(data: bytes) -> bytes:
    """Change one letter of the page text inside the first signed range."""
    needle = b"(Kyso test document"
    i = data.index(needle)
    b = bytearray(data)
    b[i + 1] = ord("k")  # "Kyso" -> "kyso": same length, offsets intact
    return bytes(b)


def flip_in_signature_value(data: bytes) -> bytes:
    """Flip bits of the last byte of the SignerInfo signature value inside
    the hex /Contents (the CMS still parses; only the signature breaks)."""
    r = PdfFileReader(io.BytesIO(data))
    sig = r.embedded_signatures[0]
    value = sig.signer_info["signature"].native
    hexval = value.hex().encode()
    m = re.search(re.escape(hexval), data, flags=re.IGNORECASE)
    assert m, "signature value not found in /Contents"
    b = bytearray(data)
    last = m.end() - 1
    b[last] = ord("0") if b[last] != ord("0") else ord("1")
    return bytes(b)


def break_byterange_gap(data: bytes) -> bytes:
    """Make /ByteRange's gap disagree with the /Contents string: the first
    range ends 4 bytes early (ISO 32000-1 §12.8.1: the gap must be exactly
    the /Contents hex string including its delimiters)."""
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)(\s+)(\d+)(\s+)(\d+)\s*\]", data)
    assert m
    a = int(m.group(1))
    new = str(a - 4).encode()
    new = new + b" " * (len(m.group(1)) - len(new))  # same width: offsets intact
    return data[: m.start(1)] + new + data[m.end(1) :]


def append_uncovered_tail(data: bytes) -> bytes:
    """Bytes after %%EOF that are not an incremental update: the signature's
    ByteRange no longer reaches the end of the file."""
    return data + b"% bytes appended after signing, outside any revision\n" * 4


# ---------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------
def pyhanko_peer(path: Path, password: str | None = None) -> str:
    cmd = [
        "pyhanko", "sign", "validate", "--pretty-print", "--no-revocation-check",
        "--validation-time", "claimed", "--trust-replace", "--trust", str(TRUST_DIR / "kyso-test-root.pem"),
    ]
    if password is not None:
        cmd += ["--password", password]
    res = subprocess.run(cmd + [str(path)], capture_output=True, text=True, timeout=300)
    summary = summarise_pyhanko(res.stdout + res.stderr)
    if "ERROR" in summary or "hybrid" in summary:
        # as in the shared corpus: retry leniently and show both answers
        res = subprocess.run(cmd + ["--no-strict-syntax", str(path)], capture_output=True, text=True, timeout=300)
        summary += " || retry --no-strict-syntax: " + summarise_pyhanko(res.stdout + res.stderr)
    return summary


def summarise_pyhanko(text: str) -> str:
    """`<field>: <bottom line> [tags]` per signature, as in the shared corpus."""
    out = []
    blocks = re.split(r"\n(?=Field \d+: )", "\n" + text)
    for blk in blocks:
        m = re.match(r"\s*Field \d+: (\S+)", blk)
        if not m:
            continue
        name = m.group(1)
        tags = []
        bottom = re.search(r"The signature is judged (\w+)", blk)
        if bottom:
            bottom = bottom.group(1)
        else:
            err = re.search(r"error occurred while validating this signature: ([^\n]*)", blk)
            bottom = "ERROR " + err.group(1).strip().rstrip(".") if err else "?"
        if "cryptographically sound" in blk:
            tags.append("crypto-ok")
        elif re.search(r"INVALID|not sound|compromised", blk):
            tags.append("crypto-BAD")
        if "timestamp token is cryptographically unsound" in blk:
            tags.append("timestamp-BAD")
        if re.search(r"signer's certificate is trusted", blk, re.I):
            tags.append("trusted")
        elif re.search(r"untrusted|not trusted", blk, re.I):
            tags.append("untrusted")
        if re.search(r"expired", blk, re.I):
            tags.append("expired")
        if "covers the entire file" in blk:
            tags.append("covers-entire-file")
        mods = re.search(r"(The signature does not cover the entire file\..*?)(?:\n\n|\n[A-Z][a-z]+ [a-z]+:|$)", blk, re.S)
        if mods:
            tags.append("mods: " + " ".join(mods.group(1).split()))
        out.append(f"{name}: {bottom}. [{', '.join(tags)}]")
    if not out:
        # No per-field report: keep pyHanko's own warnings/errors, without the
        # logging prefix (`sign validate` prints nothing for document
        # time-stamps and skips SubFilters it does not support).
        msgs = [re.sub(r"^.*? - (WARNING|ERROR) - ", r"\1: ", ln).strip() for ln in text.splitlines() if ln.strip()]
        msgs = [m for m in msgs if not m.startswith(("Usage:", "Try "))]
        return " | ".join(msgs)[:300] if msgs else "no signature reported (sign validate skips document time-stamps)"
    return "; ".join(out)


def pdfsig_peer(path: Path, password: str | None = None) -> str:
    cmd = ["pdfsig"]
    if password:
        cmd += ["-opw", password]
    res = subprocess.run(cmd + [str(path)], capture_output=True, text=True, timeout=120)
    text = res.stdout + res.stderr
    sigs = []
    for blk in re.split(r"\n(?=Signature #\d+:)", text):
        m = re.match(r"Signature #(\d+):", blk)
        if not m:
            continue
        sub = re.search(r"Signature Type: (\S+)", blk)
        val = re.search(r"Signature Validation: (.+)", blk)
        cert = re.search(r"Certificate Validation: (.+)", blk)
        cover = "total" if "Total document signed" in blk else (
            "partial" if "Not total document signed" in blk else "?"
        )
        sigs.append(
            f"#{m.group(1)}:{sub.group(1) if sub else 'unknown'}:"
            f"{val.group(1).strip().rstrip('.') if val else '?'}/"
            f"{cert.group(1).strip().rstrip('.') if cert else '?'}/{cover}"
        )
    notes = [ln.strip() for ln in text.splitlines() if ln.startswith(("Syntax Error", "Syntax Warning", "Internal Error"))]
    res_s = "; ".join(sigs) if sigs else " ".join(text.split())[:200]
    if notes:
        res_s += "; poppler:" + " | ".join(sorted(set(notes)))[:200]
    return res_s


# ---------------------------------------------------------------------------
# Fixture table
# ---------------------------------------------------------------------------
@dataclass
class Fixture:
    file: str
    fmt: str
    expected: str
    why: str
    data: bytes
    password: str | None = None


def build_all(ctx: Ctx) -> list[Fixture]:
    """Every fixture, in manifest order. Issue 3: PDF + CMS; issue 4: trust,
    time-stamps, revocation; issue 5: legitimate incremental updates."""
    fx: list[Fixture] = []

    def add(file, fmt, expected, why, data, password=None):
        fx.append(Fixture(file, fmt, expected, why, data, password))

    base = minimal_pdf("one page")
    base2 = minimal_pdf("two pages", pages=2)
    form = minimal_pdf("form with a text field", text_field=True)
    rsa = ctx.signer("rsa2048")
    root_note = "chains to Kyso Test Root CA (trust/)"

    # --- issue 3: algorithms x SubFilters -----------------------------------
    add("i3-rsa2048-pkcs7.pdf", "pdf/adbe.pkcs7.detached", "valid-with-test-root",
        f"RSA-2048 PKCS#1 v1.5 + SHA-256, adbe.pkcs7.detached, whole file; {root_note}",
        sign(base, rsa, subfilter=PKCS7))
    add("i3-rsa2048-cades.pdf", "pdf/ETSI.CAdES.detached", "valid-with-test-root",
        f"RSA-2048 PKCS#1 v1.5 + SHA-256, ETSI.CAdES.detached (PAdES B-B), whole file; {root_note}",
        sign(base, rsa))
    pss_sha256 = algos.SignedDigestAlgorithm({
        "algorithm": "rsassa_pss",
        "parameters": algos.RSASSAPSSParams({
            "hash_algorithm": {"algorithm": "sha256"},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
            "salt_length": 32,
        }),
    })
    add("i3-rsa3072-pss-cades.pdf", "pdf/ETSI.CAdES.detached RSASSA-PSS", "valid-with-test-root",
        f"RSA-3072 RSASSA-PSS (RFC 4055 params: SHA-256, MGF1-SHA-256, salt 32), PAdES B-B; {root_note}",
        sign(base, ctx.signer("rsa3072", mechanism=pss_sha256), md="sha256"))
    add("i3-rsa3072-pss-pkcs7.pdf", "pdf/adbe.pkcs7.detached RSASSA-PSS", "valid-with-test-root",
        "RSA-3072 RSASSA-PSS as pyHanko chooses it: SHA-512, MGF1-SHA-512, maximal salt (318 bytes), in "
        f"adbe.pkcs7.detached; {root_note}",
        sign(base, ctx.signer("rsa3072", prefer_pss=True), subfilter=PKCS7, md="sha512"))
    add("i3-p256-cades.pdf", "pdf/ETSI.CAdES.detached ECDSA P-256", "valid-with-test-root",
        f"ECDSA P-256 + SHA-256, PAdES B-B; {root_note}",
        sign(base, ctx.signer("p256")))
    add("i3-p256-pkcs7.pdf", "pdf/adbe.pkcs7.detached ECDSA P-256", "valid-with-test-root",
        f"ECDSA P-256 + SHA-256, adbe.pkcs7.detached; {root_note}",
        sign(base, ctx.signer("p256"), subfilter=PKCS7))
    add("i3-p384-cades.pdf", "pdf/ETSI.CAdES.detached ECDSA P-384", "valid-with-test-root",
        f"ECDSA P-384 + SHA-384, PAdES B-B; {root_note}",
        sign(base, ctx.signer("p384"), md="sha384"))
    add("i3-ed25519-cades.pdf", "pdf/ETSI.CAdES.detached Ed25519", "valid-with-test-root",
        f"Ed25519 (RFC 8419, digest SHA-512), PAdES B-B; {root_note}",
        sign(base, ctx.signer("ed25519"), md="sha512"))
    add("i3-vn-subject-eku.pdf", "pdf/ETSI.CAdES.detached", "valid-with-test-root",
        "Vietnamese subject (CN/O/ST/L with diacritics in UTF8String, UID=MST:0102357802, UID=CCCD:001099000001); "
        "EKU clientAuth+emailProtection only, as many VN certificates: must still verify, identifiers decoded; "
        + root_note,
        sign(base, ctx.signer("vn"), reason="Phê duyệt văn bản"))
    add("i3-no-signed-attrs.pdf", "pdf/adbe.pkcs7.detached no-signedAttrs", "valid-with-test-root",
        "SignerInfo without signedAttrs (RFC 5652 §5.4): RSA PKCS#1 v1.5 directly over the SHA-256 of the byte "
        f"ranges; built with asn1crypto inside pyHanko's byte-range layout; {root_note}",
        sign_external(base, ctx, cms_without_signed_attrs(ctx)))
    add("i3-x509-rsa-sha1.pdf", "pdf/adbe.x509.rsa_sha1", "weak-algorithm",
        "Legacy adbe.x509.rsa_sha1 (ISO 32000-1 §12.8.3.2): /Contents = DER OCTET STRING of a PKCS#1 v1.5 RSA "
        "signature over SHA-1 of the byte ranges, signer cert in /Cert; intact, but SHA-1 signature dated 2026",
        sign_external(base, ctx, x509_rsa_sha1(ctx), md="sha1", subfilter_name="/adbe.x509.rsa_sha1",
                      cert_der=ctx.pki.cert("rsa2048").dump()))
    add("i3-pkcs7-sha1.pdf", "pdf/adbe.pkcs7.sha1", "weak-algorithm",
        "Legacy adbe.pkcs7.sha1 (ISO 32000-1 §12.8.3.3): SHA-1 of the byte ranges encapsulated as id-data, "
        "signed by OpenSSL cms with SHA-1 signed attributes; intact, but SHA-1 signature dated 2026",
        sign_external(base, ctx, pkcs7_sha1(ctx), md="sha1", subfilter_name="/adbe.pkcs7.sha1"))

    # successive signatures
    two = sign(base, rsa, field="Signature1")
    two = sign(two, ctx.signer("p256"), field="Signature2", t=T0 + HOUR)
    add("i3-two-signatures.pdf", "pdf/ETSI.CAdES.detached x2", "valid-with-permitted-updates",
        "Two signatures (RSA then ECDSA P-256) in successive incremental updates; the second revision only adds a "
        "signature (permitted); " + root_note, two)
    three = sign(two, ctx.signer("ed25519"), field="Signature3", t=T0 + 2 * HOUR, md="sha512")
    add("i3-three-signatures.pdf", "pdf/ETSI.CAdES.detached x3", "valid-with-permitted-updates",
        "Three signatures (RSA, P-256, Ed25519) in three successive incremental updates; " + root_note, three)

    # xref streams / object streams
    objstm = qpdf(base2, "--object-streams=generate")
    add("i3-objstm-xrefstream.pdf", "pdf/ETSI.CAdES.detached xref-stream", "valid-with-test-root",
        "Base rewritten by qpdf --object-streams=generate (xref stream + object streams), then signed "
        "incrementally by pyHanko (its update also uses an xref stream); " + root_note,
        sign(objstm, rsa))

    add("i3-hybrid-xref.pdf", "pdf/ETSI.CAdES.detached hybrid-xref", "valid-with-test-root",
        "Hybrid-reference base (classic xref + /XRefStm, font only in an object stream, ISO 32000-1 §7.5.8.4) "
        "signed incrementally by pyHanko (non-strict mode); " + root_note,
        sign(hybrid_pdf("hybrid reference"), rsa, strict=False))

    # encrypted bases (empty user password, owner password "kyso-owner")
    for tag, enc_args, desc in (
        ("rc4-128", ["--allow-weak-crypto", "--encrypt", "", "kyso-owner", "128", "--use-aes=n", "--"], "RC4 128-bit (R3)"),
        ("aes-128", ["--encrypt", "", "kyso-owner", "128", "--use-aes=y", "--"], "AES-128 (V4/R4)"),
        ("aes-256", ["--encrypt", "", "kyso-owner", "256", "--"], "AES-256 (V5/R6)"),
    ):
        enc = qpdf(base, *enc_args)
        add(f"i3-encrypted-{tag}.pdf", "pdf/encrypted+ETSI.CAdES.detached", "valid-with-test-root",
            f"qpdf-encrypted ({desc}, empty user password) then signed by pyHanko with the owner password: "
            "/Contents is never encrypted (ISO 32000-1 §7.6.1), the byte ranges are hashed as stored; " + root_note,
            sign(enc, rsa, password=b"kyso-owner"))

    # document timestamp alone, certification levels
    add("i3-doc-timestamp.pdf", "pdf/ETSI.RFC3161", "valid-with-test-root",
        "Document time-stamp only (SubFilter ETSI.RFC3161, TimeStampToken over the byte ranges) by the Kyso Test TSA; "
        + root_note, doc_timestamp(base, ctx, T0))
    for p, perm, what in ((1, MDPPerm.NO_CHANGES, "no changes"), (2, MDPPerm.FILL_FORMS, "form filling and signing"),
                          (3, MDPPerm.ANNOTATE, "form filling, signing and annotations")):
        add(f"i3-certified-p{p}.pdf", f"pdf/certification DocMDP P={p}", "valid-with-test-root",
            f"Certification signature (DocMDP transform, P={p}: {what}), no later revision; {root_note}",
            sign(base, rsa, certify=True, docmdp=perm))

    # negatives
    good = sign(base, rsa)
    add("i3-neg-content-byte-flipped.pdf", "pdf/ETSI.CAdES.detached", "invalid-modified",
        "One byte of the page text inside the signed range changed after signing (Kyso->kyso): messageDigest "
        "mismatch", flip_in_signed_content(good))
    add("i3-neg-signature-value-flipped.pdf", "pdf/ETSI.CAdES.detached", "invalid-crypto",
        "Last hex digit of the SignerInfo signature value changed: digest matches, RSA signature does not verify",
        flip_in_signature_value(good))
    add("i3-neg-byterange-gap.pdf", "pdf/ETSI.CAdES.detached", "invalid-structure",
        "/ByteRange's first range ends 4 bytes before /Contents: the gap is not exactly the /Contents string "
        "(ISO 32000-1 §12.8.1)", break_byterange_gap(good))
    add("i3-neg-uncovered-tail.pdf", "pdf/ETSI.CAdES.detached", "flag-coverage",
        "Signature intact, but comment bytes appended after %%EOF outside any incremental update: ByteRange does "
        "not reach the end of the file", append_uncovered_tail(good))
    return fx


def build_issue4(ctx: Ctx) -> list[Fixture]:
    fx: list[Fixture] = []

    def add(file, fmt, expected, why, data):
        fx.append(Fixture(file, fmt, expected, why, data))

    base = minimal_pdf("trust and time")
    rsa = ctx.signer("rsa2048")
    add("i4-signature-timestamp.pdf", "pdf/ETSI.CAdES.detached+TST", "valid-with-test-root",
        "PAdES B-T: signature time-stamp (RFC 3161, unsigned attr id-aa-timeStampToken) by the Kyso Test TSA "
        "(EKU timeStamping) at 2026-03-01T02:00Z; chains to Kyso Test Root CA",
        sign(base, rsa, timestamper=ctx.tsa(T0)))
    add("i4-pkcs7-signature-timestamp.pdf", "pdf/adbe.pkcs7.detached+TST", "valid-with-test-root",
        "adbe.pkcs7.detached with a signature time-stamp token from the Kyso Test TSA; chains to Kyso Test Root CA",
        sign(base, rsa, subfilter=PKCS7, timestamper=ctx.tsa(T0)))
    add("i4-expired-after-timestamp.pdf", "pdf/ETSI.CAdES.detached+TST", "valid-with-test-root",
        "Signer cert valid 2025-07-01..2026-06-30, signed and time-stamped 2026-03-01: expired now, but the "
        "time-stamp proves the signature existed while the cert was valid (ETSI EN 319 102-1 §5.6.2.1)",
        sign(base, ctx.signer("expired"), timestamper=ctx.tsa(T0)))
    add("i4-expired-no-timestamp.pdf", "pdf/ETSI.CAdES.detached", "invalid-cert-expired",
        "Same expired signer, no time-stamp: only the claimed signingTime 2026-03-01; at validation time the cert "
        "has expired and nothing proves the signature predates expiry (OUT_OF_BOUNDS_NO_POE)",
        sign(base, ctx.signer("expired")))

    # revocation: DSS with OCSP + CRL in a later revision (PAdES B-LT)
    rb = sign(base, ctx.signer("revoked-before"))
    rb = add_dss(rb, T0 + HOUR, certs=[ctx.pki.cert("ocsp")],
                 ocsps=[ctx.pki.ocsp("revoked-before", T0)], crls=[ctx.pki.crl("interm", T0)])
    add("i4-revoked-before-signing.pdf", "pdf/ETSI.CAdES.detached+DSS", "indeterminate",
        "Signer revoked 2026-02-01 (keyCompromise), signature claims 2026-03-01, no time-stamp; DSS holds an OCSP "
        "response and a CRL (both 2026-03-01) saying revoked: REVOKED_NO_POE, never valid",
        rb)
    ra = sign(base, ctx.signer("revoked-after"), timestamper=ctx.tsa(T0))
    ra = add_dss(ra, T0 + HOUR, certs=[ctx.pki.cert("ocsp")],
                 ocsps=[ctx.pki.ocsp("revoked-after", T0 + _dt.timedelta(minutes=5))],
                 crls=[ctx.pki.crl("interm", _dt.datetime(2026, 6, 1, tzinfo=UTC))])
    add("i4-revoked-after-signing.pdf", "pdf/ETSI.CAdES.detached+TST+DSS", "valid-with-permitted-updates",
        "Signer revoked 2026-05-01, signature time-stamped 2026-03-01; DSS: OCSP 'good' at 2026-03-01 and a CRL of "
        "2026-06-01 listing the revocation: the time-stamp predates revocation, so the signature stays valid "
        "(ETSI EN 319 102-1 §5.6.2.1); the DSS revision is a permitted update",
        ra)
    add("i4-pades-b-lt.pdf", "pdf/ETSI.CAdES.detached+TST+DSS", "valid-with-permitted-updates",
        "PAdES B-LT made by pyHanko (embed_validation_info): signature time-stamp, then a DSS revision with the "
        "chain, OCSP and CRLs (fetched in-process from certomancer); chains to Kyso Test Root CA",
        sign(base, rsa, timestamper=ctx.tsa(T0), embed_validation_info=True,
             validation_context=ctx.vc(T0)))
    add("i4-pades-b-lta.pdf", "pdf/ETSI.CAdES.detached+TST+DSS+DocTimeStamp", "valid-with-permitted-updates",
        "PAdES B-LTA made by pyHanko (use_pades_lta): B-LT plus a document time-stamp over everything; "
        "chains to Kyso Test Root CA",
        sign(base, rsa, timestamper=ctx.tsa(T0), embed_validation_info=True,
             validation_context=ctx.vc(T0), lta=True))
    add("i4-neg-timestamp-imprint.pdf", "pdf/ETSI.CAdES.detached+TST", "invalid-timestamp",
        "Signature intact, but its signature time-stamp token's messageImprint is not the hash of the signature "
        "value (TSA asked to stamp altered bytes): the TST is genuine but covers something else",
        sign(base, rsa, timestamper=ctx.wrong_imprint_tsa(T0)))
    add("i4-expired-tsa-without-eku.pdf", "pdf/ETSI.CAdES.detached+TST", "invalid-cert-expired",
        "Expired signer (valid until 2026-06-30) with a time-stamp of 2026-03-01 whose TSA certificate lacks "
        "the critical id-kp-timeStamping EKU (RFC 3161 §2.3): the token is no proof of time, so nothing shows "
        "the signature predates expiry (unlike i4-expired-after-timestamp)",
        sign(base, ctx.signer("expired"), timestamper=ctx.tsa_without_eku(T0)))
    add("i4-untrusted-root.pdf", "pdf/ETSI.CAdES.detached", "valid-untrusted",
        "Intact signature whose chain ends at 'Kyso Untrusted Root CA', which is not in trust/: intact, signer not "
        "trusted",
        sign(base, ctx.signer("signer", untrusted=True)))
    return fx


def build_issue9(ctx: Ctx) -> list[Fixture]:
    """Issue 9 item 4: container rules of PDF signatures."""
    base = minimal_pdf("one page")
    return [Fixture(
        "i9-neg-pkcs7-encapsulated-content.pdf", "pdf/adbe.pkcs7.detached+eContent", "invalid-structure",
        "adbe.pkcs7.detached whose CMS SignedData also encapsulates the signed bytes (OpenSSL cms -sign without "
        "-detach over the byte ranges, spliced into /Contents inside pyHanko's byte-range layout): the digest and "
        "the signature value verify and the chain reaches Kyso Test Root CA, but ISO 32000-2 §12.8.3.3 forbids "
        "encapsulated data in a PDF signature (what was signed becomes ambiguous): a format failure",
        sign_external(base, ctx, pkcs7_encapsulating_document(ctx), reserve=16384),
    )]


def build_issue5(ctx: Ctx) -> list[Fixture]:
    fx: list[Fixture] = []

    def add(file, fmt, expected, why, data):
        fx.append(Fixture(file, fmt, expected, why, data))

    base = minimal_pdf("changes after signing")
    form = minimal_pdf("changes after signing, form", text_field=True)
    rsa, p256 = ctx.signer("rsa2048"), ctx.signer("p256")

    c2 = sign(base, rsa, certify=True, docmdp=MDPPerm.FILL_FORMS)
    add("i5-certified-p2-then-signed.pdf", "pdf/certification P=2+ETSI.CAdES.detached", "valid-with-permitted-updates",
        "Certification P=2 then an approval signature in a later revision: signing is allowed by P=2 "
        "(ISO 32000-1 §12.8.2.2.2)", sign(c2, p256, field="Signature2", t=T0 + HOUR))
    c1 = sign(base, rsa, certify=True, docmdp=MDPPerm.NO_CHANGES)
    add("i5-certified-p1-then-signed.pdf", "pdf/certification P=1+ETSI.CAdES.detached", "flag-modified-after-signing",
        "Certification P=1 (no changes), then a second signature added anyway (pyHanko's refusal bypassed): "
        "any change, signing included, violates P=1 (ISO 32000-1 Table 254)",
        sign_ignoring_docmdp(c1, p256, field="Signature2", t=T0 + HOUR))
    approved = sign(form, rsa)
    add("i5-form-filled-after-signature.pdf", "pdf/ETSI.CAdES.detached+form-fill", "valid-with-permitted-updates",
        "Approval signature, then the unlocked text field 'note' filled (new /V and appearance) in an incremental "
        "update: form filling is permitted", fill_note(approved, T0 + HOUR))
    c3 = sign(base, rsa, certify=True, docmdp=MDPPerm.ANNOTATE)
    add("i5-annotation-after-p3.pdf", "pdf/certification P=3+annotation", "valid-with-permitted-updates",
        "Certification P=3, then a /Text (sticky-note) annotation added to page 1: annotations are allowed by P=3 "
        "(ISO 32000-1 Table 254)", add_text_annotation(c3, T0 + HOUR))
    add("i5-annotation-after-p2.pdf", "pdf/certification P=2+annotation", "flag-modified-after-signing",
        "Certification P=2, then a /Text annotation added: not allowed by P=2 (only form filling and signing)",
        add_text_annotation(c2, T0 + HOUR))
    add("i5-page-added-after-signing.pdf", "pdf/ETSI.CAdES.detached+page", "flag-modified-after-signing",
        "Approval signature, then a page appended to /Pages in an incremental update: the signed revision is "
        "intact but the document shown is not what was signed", add_page(sign(base, rsa), T0 + HOUR))
    signed = sign(base, rsa, timestamper=ctx.tsa(T0))
    add("i5-dss-added-after-signing.pdf", "pdf/ETSI.CAdES.detached+TST+DSS", "valid-with-permitted-updates",
        "Signature (time-stamped), then a DSS with the chain, OCSP response and CRLs added in a later revision "
        "(LTV data, ETSI EN 319 142-1 §5.4.2): permitted update",
        add_dss(signed, T0 + HOUR, certs=[ctx.pki.cert("interm"), ctx.pki.cert("ocsp")],
                ocsps=[ctx.pki.ocsp("rsa2048", T0)], crls=[ctx.pki.crl("interm", T0), ctx.pki.crl("root", T0)]))
    add("i5-doc-timestamp-after-signature.pdf", "pdf/ETSI.CAdES.detached+DocTimeStamp", "valid-with-permitted-updates",
        "Approval signature, then a document time-stamp in a later revision: permitted update",
        doc_timestamp(sign(base, rsa), ctx, T0 + HOUR))
    return fx


# ---------------------------------------------------------------------------
# Self-check against pyHanko
# ---------------------------------------------------------------------------
# Where pyHanko is known not to reach our expected verdict, and why. Any other
# disagreement fails the generator: it means a fixture is not what it claims.
KNOWN_PEER_GAPS = {
    "i3-x509-rsa-sha1.pdf": "pyHanko ignores the adbe.x509.rsa_sha1 SubFilter",
    "i3-pkcs7-sha1.pdf": "pyHanko ignores the adbe.pkcs7.sha1 SubFilter",
    "i3-doc-timestamp.pdf": "`sign validate` does not report document time-stamps",
    "i3-neg-uncovered-tail.pdf": "pyHanko's bottom line is VALID, with a 'may be illegitimate' remark",
    "i4-expired-no-timestamp.pdf": "validated at the claimed time, where the cert was still valid",
    "i4-revoked-before-signing.pdf": "`sign validate` ignores DSS revocation data (run with --no-revocation-check)",
    "i5-annotation-after-p3.pdf": "pyHanko's diff policy has no annotation rule: any annotation is disallowed",
}


def peer_agrees(expected: str, pyhanko: str) -> bool:
    """Does pyHanko's summary support expected_verdict? (for the first signature;
    a lenient retry's answer counts, as in the shared corpus)."""
    pyhanko = pyhanko.split(" || retry --no-strict-syntax: ")[-1]
    first = pyhanko.split("; ")[0]
    if expected == "invalid-structure" and "FORMAT_FAILURE" in first:
        return True  # pyHanko refused the signature's structure (an ERROR, not a bottom line)
    if not re.match(r"^[^:]+: (VALID|INVALID)\.", first):
        return False  # pyHanko did not evaluate the signature at all
    if expected in ("valid-with-test-root", "valid-with-permitted-updates"):
        return first.startswith(("Signature1: VALID", "Signature1: VALID.")) and "crypto-ok" in first
    if expected == "valid-untrusted":
        return "crypto-ok" in first and "untrusted" in first
    if expected in ("invalid-modified", "invalid-crypto"):
        return "crypto-BAD" in first
    if expected == "invalid-timestamp":
        return "timestamp-BAD" in first
    if expected in ("flag-modified-after-signing", "flag-coverage"):
        return ": INVALID." in first and ("illegitimate" in first or "incompatible" in first)
    if expected in ("invalid-cert-expired", "indeterminate", "weak-algorithm", "invalid-structure"):
        return ": INVALID." in first
    return False


def self_check(rows: list[list[str]]) -> int:
    bad = 0
    for r in rows:
        file, expected, ph = r[0], r[6], r[8]
        if ph == "-":
            continue
        ok = peer_agrees(expected, ph)
        if not ok and file not in KNOWN_PEER_GAPS:
            bad += 1
            print(f"SELF-CHECK: {file}: expected {expected}, pyHanko says {ph[:200]}", file=sys.stderr)
        elif ok and file in KNOWN_PEER_GAPS:
            print(f"SELF-CHECK: {file}: pyHanko now agrees; drop it from KNOWN_PEER_GAPS", file=sys.stderr)
            bad += 1
    agree = sum(1 for r in rows if r[8] != "-" and peer_agrees(r[6], r[8]))
    print(f"pyHanko agrees with expected_verdict on {agree}/{len(rows)}; "
          f"{len(KNOWN_PEER_GAPS)} known gaps; {bad} unexpected")
    return bad


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
HEADER = [
    "file", "source_repo", "path_in_repo", "commit", "licence", "format", "expected_verdict", "why",
    "pyhanko_verdict", "pdfsig_verdict", "other_peer_verdict", "sha256", "size",
]


def tsv_cell(s: str) -> str:
    s = s.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return '"' + s.replace('"', '""') + '"' if '"' in s else s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-peers", action="store_true", help="skip pyhanko/pdfsig cross-checks")
    args = ap.parse_args()

    ensure_keys()
    freeze_pyhanko_clock()
    pki = load_pki()
    ctx = Ctx(pki)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    TRUST_DIR.mkdir(parents=True, exist_ok=True)
    (TRUST_DIR / "kyso-test-root.pem").write_bytes(pem_cert(pki.cert("root")))

    fixtures = build_all(ctx) + build_issue4(ctx) + build_issue5(ctx) + build_issue9(ctx)
    for f in fixtures:
        (OUT_DIR / f.file).write_bytes(f.data)

    have_pyhanko, have_pdfsig = shutil.which("pyhanko"), shutil.which("pdfsig")
    if not args.no_peers and not (have_pyhanko and have_pdfsig):
        print("peers missing (pip install pyhanko-cli; apt-get install poppler-utils): "
              "their manifest columns will read '-'", file=sys.stderr)

    def peers(f: Fixture) -> tuple[str, str]:
        if args.no_peers:
            return "-", "-"
        path = OUT_DIR / f.file
        return (pyhanko_peer(path, f.password) if have_pyhanko else "-",
                pdfsig_peer(path, f.password) if have_pdfsig else "-")

    # The peers are separate processes (pyHanko's CLI start-up dominates): two at a time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(peers, fixtures))
    rows = []
    for f, (ph, ps) in zip(fixtures, answers):
        rows.append([
            f.file, "kyso", "scripts/gen-fixtures.py", "-", "Apache-2.0 OR MIT", f.fmt, f.expected, f.why,
            ph, ps, "-", hashlib.sha256(f.data).hexdigest(), str(len(f.data)),
        ])
        print(f"{f.file:45s} {len(f.data):7d}  {f.expected:30s} pyhanko: {ph[:110]}", flush=True)
    with open(OUT_DIR / "MANIFEST.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for r in rows:
            fh.write("\t".join(tsv_cell(c) for c in r) + "\n")
    print(f"{len(rows)} fixtures written to {OUT_DIR.relative_to(REPO)}")
    return 1 if self_check(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
