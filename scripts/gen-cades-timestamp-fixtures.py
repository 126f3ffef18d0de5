#!/usr/bin/env python3
"""CAdES fixtures with content, signature and archive timestamps, for
crates/kyso-cades/tests/data (files `ts-*`), signed by pyHanko
(`Signer.async_sign_general_data` with `CAdESSignedAttrSpec(timestamp_content=True)`)
and stamped by pyHanko's RFC 3161 time-stamper (`DummyTimeStamper`, the TSA
pyHanko's own tests use), with a throwaway CA, signer and TSA made by OpenSSL.

  ts-ca.crt                       the root of the signer and of the TSA (PEM)
  ts-content.p7m                  enveloping CAdES: content timestamp (signed
                                  attribute) + signature timestamp (unsigned)
  ts-content-mismatch.p7m         the content timestamp stamps other bytes (the
                                  signature over it is correct)
  ts-content-late.p7m             the content timestamp is a day later than the
                                  signature timestamp (TIMESTAMP_ORDER_FAILURE)
  ts-archive.p7m                  ts-content.p7m plus an archive-time-stamp-v3
                                  unsigned attribute (ETSI EN 319 122-1 §5.5.3)
                                  holding a real token; Kyso reads it, it does
                                  not rebuild what it covers

Re-running makes new keys; tests rely only on the properties above.

  python3 scripts/gen-cades-timestamp-fixtures.py   (needs openssl, pyHanko)
"""
import asyncio
import datetime
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from asn1crypto import cms
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign import signers
from pyhanko.sign.ades.api import CAdESSignedAttrSpec
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/kyso-cades/tests/data"
CONTENT = "Quyết định thử nghiệm — nội dung có dấu thời gian nội dung (CAdES).\n".encode()

EXT = """[req]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[dn]
[v3ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def sh(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)


def make_pki(work: Path) -> None:
    (work / "ext.cnf").write_text(EXT)
    sh("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout", "ca.key",
       "-out", "ca.crt", "-days", "3650", "-subj", "/C=VN/O=Kyso Test/CN=Kyso CAdES Timestamp Test Root",
       "-extensions", "v3ca", "-config", "ext.cnf", cwd=work)
    for name, subj, ext in (
        ("signer", "/C=VN/O=UBND Tỉnh Thử Nghiệm/CN=Trần Thị B", "leaf"),
        ("tsa", "/C=VN/O=Kyso Test/CN=Kyso Test TSA", "tsa"),
    ):
        sh("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
           "-out", f"{name}.key", cwd=work)
        sh("openssl", "req", "-new", "-config", "ext.cnf", "-key", f"{name}.key", "-subj", subj,
           "-out", f"{name}.csr", cwd=work)
        sh("openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
           "-CAcreateserial", "-days", "3650", "-extfile", "ext.cnf", "-extensions", ext,
           "-out", f"{name}.crt", cwd=work)


class Stamper(DummyTimeStamper):
    """pyHanko's TSA, asked first for the content timestamp and then for the
    signature timestamp; `first` can change what or when the first one stamps."""

    def __init__(self, *a, first_time=None, first_other_data=False, **kw):
        super().__init__(*a, **kw)
        self.calls = 0
        self.first_time = first_time
        self.first_other_data = first_other_data

    async def async_timestamp(self, message_digest, md_algorithm):
        self.calls += 1
        saved = self.fixed_dt
        if self.calls == 1:
            if self.first_time is not None:
                self.fixed_dt = self.first_time
            if self.first_other_data:
                message_digest = hashlib.new(md_algorithm, b"other bytes").digest()
        try:
            return await super().async_timestamp(message_digest, md_algorithm)
        finally:
            self.fixed_dt = saved


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_pki(work)
        ca = load_cert_from_pemder(str(work / "ca.crt"))
        tsa_cert = load_cert_from_pemder(str(work / "tsa.crt"))
        tsa_key = load_private_key_from_pemder(str(work / "tsa.key"), passphrase=None)
        signer = signers.SimpleSigner.load(
            str(work / "signer.key"), str(work / "signer.crt"), ca_chain_files=(str(work / "ca.crt"),)
        )
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

        def stamper(**kw) -> Stamper:
            return Stamper(
                tsa_cert, tsa_key,
                certs_to_embed=SimpleCertificateStore.from_certs([tsa_cert, ca]),
                fixed_dt=now, **kw,
            )

        def sign(ts: Stamper) -> cms.ContentInfo:
            attrs = PdfCMSSignedAttributes(
                signing_time=now,
                cades_signed_attrs=CAdESSignedAttrSpec(timestamp_content=True),
            )
            info = asyncio.run(signer.async_sign_general_data(
                CONTENT, "sha256", detached=False, use_cades=True, timestamper=ts,
                signed_attr_settings=attrs,
            ))
            assert ts.calls == 2, "content and signature timestamps"
            return info

        good = sign(stamper())
        (OUT / "ts-content.p7m").write_bytes(good.dump())
        (OUT / "ts-content-mismatch.p7m").write_bytes(sign(stamper(first_other_data=True)).dump())
        late = now + datetime.timedelta(days=1)
        (OUT / "ts-content-late.p7m").write_bytes(sign(stamper(first_time=late)).dump())

        # An archive-time-stamp-v3 (0.4.0.1733.2.4) appended to the good one's
        # unsigned attributes: a real token, stamped a minute later.
        archive_ts = stamper()
        archive_ts.fixed_dt = now + datetime.timedelta(minutes=1)
        si = good["content"]["signer_infos"][0]
        token = asyncio.run(archive_ts.async_timestamp(
            hashlib.sha256(si["signature"].native).digest(), "sha256"))
        attrs = list(si["unsigned_attrs"]) if si["unsigned_attrs"].native else []
        attrs.append(cms.CMSAttribute({
            "type": cms.CMSAttributeType("0.4.0.1733.2.4"),
            "values": [token],
        }))
        archived = cms.ContentInfo.load(good.dump())
        archived["content"]["signer_infos"][0]["unsigned_attrs"] = cms.CMSAttributes(attrs)
        (OUT / "ts-archive.p7m").write_bytes(archived.dump(force=True))
        (OUT / "ts-ca.crt").write_bytes((work / "ca.crt").read_bytes())
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("ts-*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
