"""Edits for scripts/gen-cms-fixtures.sh (not run on its own).

- rsa-sha256-tampered-attr.p7s: one digit of signingTime changed after signing
  (messageDigest still matches, the signature over the attributes must fail).
- rsa-sha256-unsorted-attrs.p7s: the signed attributes written in reverse
  (non-DER) order and re-signed over those exact bytes: a verifier that
  re-encodes (sorts) the SET OF before hashing would wrongly call it invalid.
- rsa-sha256-tst.p7s: a signature timestamp token (RFC 3161 Appendix A) over
  the signature value, added as the unsigned attribute
  id-aa-signatureTimeStampToken.
- token-sha256-badsig.tst: token-sha256.tst with its TSA signature's last byte flipped.
"""
import subprocess
import sys
from pathlib import Path

from asn1crypto import cms
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

out, work, tscnf = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
raw = (out / "rsa-sha256-detached.p7s").read_bytes()
ci = cms.ContentInfo.load(raw)
si = ci["content"]["signer_infos"][0]
attrs_el = si["signed_attrs"]
attrs_der = attrs_el.dump()  # [0] IMPLICIT, original bytes (parsed, not modified)
assert raw.count(attrs_der) == 1
sig = si["signature"].native
assert raw.count(sig) == 1

# 1. Tampered signingTime.
st = next(a for a in attrs_el if a["type"].native == "signing_time")["values"][0].dump()
assert raw.count(st) == 1
bad = bytearray(st)
bad[-2] = ord("0") if bad[-2] != ord("0") else ord("1")  # last seconds digit before 'Z'
(out / "rsa-sha256-tampered-attr.p7s").write_bytes(raw.replace(st, bytes(bad)))

# 2. Reverse (non-DER) order, re-signed over the bytes as written.
children = [a.dump() for a in attrs_el]
assert len(children) >= 3
rev = b"".join(reversed(children))
header = attrs_der[: len(attrs_der) - len(rev)]
new_attrs = header + rev
assert len(new_attrs) == len(attrs_der)
key = serialization.load_pem_private_key((work / "rsa.key").read_bytes(), password=None)
to_sign = b"\x31" + new_attrs[1:]
new_sig = key.sign(to_sign, padding.PKCS1v15(), hashes.SHA256())
assert len(new_sig) == len(sig)
(out / "rsa-sha256-unsorted-attrs.p7s").write_bytes(raw.replace(attrs_der, new_attrs).replace(sig, new_sig))

# 3. Signature timestamp over the signature value.
(work / "sigval.bin").write_bytes(sig)
subprocess.run(["openssl", "ts", "-query", "-data", "sigval.bin", "-sha256", "-cert", "-out", "sv.tsq"], cwd=work, check=True)
subprocess.run(["openssl", "ts", "-reply", "-config", tscnf, "-section", "tsa_config", "-queryfile", "sv.tsq", "-out", "sv.tsr"],
               cwd=work, check=True, stderr=subprocess.DEVNULL)
subprocess.run(["openssl", "ts", "-reply", "-in", "sv.tsr", "-token_out", "-out", "sv.tst"], cwd=work, check=True,
               stderr=subprocess.DEVNULL)
token = cms.ContentInfo.load((work / "sv.tst").read_bytes())
si["unsigned_attrs"] = cms.CMSAttributes([{"type": "signature_time_stamp_token", "values": [token]}])
with_tst = ci.dump(force=False)
assert attrs_der in with_tst, "signed attributes must keep their original bytes"
(out / "rsa-sha256-tst.p7s").write_bytes(with_tst)

# 4. Token with a broken TSA signature (the SignerInfo's signature is the last element).
tok = bytearray((out / "token-sha256.tst").read_bytes())
tok[-1] ^= 0x01
(out / "token-sha256-badsig.tst").write_bytes(bytes(tok))

# 5. Ed25519 (RFC 8419): OpenSSL 3.0's CMS cannot sign with EdDSA, so build the
#    SignedData with asn1crypto and sign with `cryptography`, once with signed
#    attributes (digest SHA-512, as RFC 8419 §3.1 requires) and once without.
import hashlib  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from asn1crypto import x509 as a_x509  # noqa: E402
from asn1crypto import algos  # noqa: E402

content = (out / "content.txt").read_bytes()
ed_key = serialization.load_pem_private_key((work / "ed25519.key").read_bytes(), password=None)
ed_cert = a_x509.Certificate.load(
    subprocess.run(["openssl", "x509", "-in", "ed25519.crt", "-outform", "DER"], cwd=work, check=True,
                   capture_output=True).stdout)
sid = cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber(
    {"issuer": ed_cert.issuer, "serial_number": ed_cert.serial_number})})
for name, with_attrs in (("ed25519-attached.p7m", True), ("ed25519-noattr-attached.p7m", False)):
    info = {
        "version": "v1",
        "sid": sid,
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha512"}),
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "ed25519"}),
    }
    if with_attrs:
        attrs = cms.CMSAttributes([
            {"type": "content_type", "values": ["data"]},
            {"type": "signing_time", "values": [cms.Time({"utc_time": datetime.now(timezone.utc).replace(microsecond=0)})]},
            {"type": "message_digest", "values": [hashlib.sha512(content).digest()]},
        ])
        info["signed_attrs"] = attrs
        info["signature"] = ed_key.sign(attrs.dump())
    else:
        info["signature"] = ed_key.sign(content)
    sd = cms.SignedData({
        "version": "v1",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha512"})],
        "encap_content_info": {"content_type": "data", "content": content},
        "certificates": [ed_cert],
        "signer_infos": [cms.SignerInfo(info)],
    })
    (out / name).write_bytes(cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump())
