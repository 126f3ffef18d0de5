#!/usr/bin/env python3
"""Generate the certificate fixtures of crates/kyso-pki/tests (path building,
constraints, revocation). Uses `cryptography`; run from the repository root:

    python3 scripts/gen-pki-fixtures.py

Everything is valid 2025-01-01 .. 2030-01-01 unless said otherwise; the tests
validate at 2026-06-01 ("T"). Keys are fresh on every run (outputs are committed,
the tests only read them). Files, all DER, in crates/kyso-pki/tests/data/:

  root.der            trusted root "Kyso Test Root" (RSA-2048)
  ca.der              intermediate "Kyso Test CA" (P-256), pathLen 0
  leaf-good.der       signer: KU digitalSignature+nonRepudiation, EKU clientAuth+emailProtection (like VN certs)
  leaf-ku-encipher.der signer with KU keyEncipherment only
  leaf-critical-ext.der signer with an unknown critical extension
  leaf-expired.der    valid 2024-01-01 .. 2025-06-01
  leaf-future.der     valid 2027-01-01 .. 2030-01-01
  tsa.der             timestamp authority (EKU timeStamping, critical)
  ca-pathlen0-sub.der "Kyso Sub CA" issued by ca.der (violates ca's pathLen 0), leaf-under-sub.der below it
  nc-ca.der           "Kyso NC CA": name constraints permit DNS .kyso.test, email @kyso.test,
                      DN O=Kyso Test Org, IP 10.0.0.0/8; excluded DNS bad.kyso.test
  nc-leaf-ok.der      inside every subtree; nc-leaf-email.der (email elsewhere),
  nc-leaf-dns.der     (excluded DNS), nc-leaf-dn.der (O outside), nc-leaf-ip.der (IP outside)
  rekey-ca-old.der / rekey-ca-new.der  two "Kyso Rekeyed CA" with different keys (SKI differ)
  rekey-leaf.der      issued by the NEW key
  rekey-ca-new-noski.der  the new CA again without SKI; rekey-leaf-noaki.der issued by it without AKI
                      (only the signature can tell the two same-name CAs apart)
  cross-root.der      untrusted "Kyso Other Root"; cross-ca-by-other.der and cross-ca-by-root.der:
                      "Kyso Cross CA" (same key) issued by the other root and by the trusted root
  cross-leaf.der      issued by Kyso Cross CA
  sha1-ca.der / sha1-leaf.der  intermediate signed with SHA-1 by the root, and its leaf
  rev-leaf-before.der, rev-leaf-after.der, rev-leaf-ok.der  leaves for revocation tests
  crl-ca.der          CRL of ca.der (thisUpdate 2026-09-02, nextUpdate 2026-10-01): before revoked 2026-03-01
                      (keyCompromise), after revoked 2026-09-01
  crl-ca-stale.der    CRL of ca.der with nextUpdate 2026-02-01 (before T), listing nothing
  crl-ca-badsig.der   crl-ca.der with a flipped signature byte
  ocsp-*.der          OCSPResponse by ca.der: good (ok leaf), revoked-before, revoked-after;
  ocsp-delegated-good.der signed by ocsp-responder.der (EKU OCSPSigning, issued by ca.der);
  ocsp-rogue.der      "good" for rev-leaf-before signed by a responder NOT issued by ca.der
  ria-crl.der         Adobe RevocationInfoArchival with crl-ca.der and ocsp-good.der
  bundle.p7b          PKCS#7 certs-only bundle (DER, `openssl crl2pkcs7`) with root.der and ca.der
  mesh.pem            90 certificates: 10 keys all named "Kyso Mesh CA", each certified by every
                      other, without key identifiers; mesh-leaf.der issued by the first key. No path
                      reaches a root: path building must stop on its budget, not explode.
"""
import datetime as dt
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "kyso-pki", "tests", "data")
os.makedirs(OUT, exist_ok=True)


def d(y, m, day):
    return dt.datetime(y, m, day, tzinfo=dt.timezone.utc)


NB, NA = d(2025, 1, 1), d(2030, 1, 1)


def name(cn, o="Kyso Test Org"):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, o),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def write(fn, der):
    with open(os.path.join(OUT, fn), "wb") as f:
        f.write(der)


def der(c):
    return c.public_bytes(serialization.Encoding.DER)


def cert(subject, key, issuer_name, issuer_key, *, ca=False, pathlen=None, ku=None, eku=None,
         nb=NB, na=NA, ski=True, aki_key=None, extra=(), san=None, hash_alg=None, nc=None):
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(nb).not_valid_after(na))
    b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=pathlen if ca else None), critical=True)
    if ku is None:
        ku = dict(key_cert_sign=True, crl_sign=True) if ca else dict(digital_signature=True, content_commitment=True)
    full = dict(digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)
    full.update(ku)
    b = b.add_extension(x509.KeyUsage(**full), critical=True)
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku[0]), critical=eku[1])
    if ski:
        b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    if aki_key is not None:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_key.public_key()), critical=False)
    if san:
        b = b.add_extension(x509.SubjectAlternativeName(san), critical=False)
    if nc:
        b = b.add_extension(nc, critical=True)
    for ext, crit in extra:
        b = b.add_extension(ext, critical=crit)
    if hash_alg is None:
        hash_alg = hashes.SHA256()
    return b.sign(issuer_key, hash_alg)


SIGNER_EKU = ([ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION], False)

root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
root_name = name("Kyso Test Root")
root = cert(root_name, root_key, root_name, root_key, ca=True)
write("root.der", der(root))

ca_key = ec_key()
ca_name = name("Kyso Test CA")
ca = cert(ca_name, ca_key, root_name, root_key, ca=True, pathlen=0, aki_key=root_key)
write("ca.der", der(ca))


def leaf(fn, cn, **kw):
    k = ec_key()
    kw.setdefault("eku", SIGNER_EKU)
    c = cert(name(cn), k, kw.pop("issuer_name", ca_name), kw.pop("issuer_key", ca_key),
             aki_key=kw.pop("aki", ca_key), **kw)
    write(fn, der(c))
    return c, k


leaf_good, _ = leaf("leaf-good.der", "Nguyễn Văn A")
leaf("leaf-ku-encipher.der", "Key Encipherment Only", ku=dict(key_encipherment=True))
leaf("leaf-critical-ext.der", "Unknown Critical Extension",
     extra=[(x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00"), True)])
leaf("leaf-expired.der", "Expired Signer", nb=d(2024, 1, 1), na=d(2025, 6, 1))
leaf("leaf-future.der", "Future Signer", nb=d(2027, 1, 1))
leaf("tsa.der", "Kyso Test TSA", eku=([ExtendedKeyUsageOID.TIME_STAMPING], True))

# pathLen 0 on ca.der: a sub-CA below it must not issue.
sub_key = ec_key()
sub = cert(name("Kyso Sub CA"), sub_key, ca_name, ca_key, ca=True, aki_key=ca_key)
write("ca-pathlen0-sub.der", der(sub))
leaf("leaf-under-sub.der", "Under Sub CA", issuer_name=name("Kyso Sub CA"), issuer_key=sub_key, aki=sub_key)

# Name constraints (RFC 5280 §4.2.1.10).
nc_key = ec_key()
nc_name = name("Kyso NC CA")
nc = x509.NameConstraints(
    permitted_subtrees=[
        x509.DNSName("kyso.test"),
        x509.RFC822Name("kyso.test"),
        x509.DirectoryName(x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kyso Test Org")])),
        x509.IPAddress(ipaddress.ip_network("10.0.0.0/8")),
    ],
    excluded_subtrees=[x509.DNSName("bad.kyso.test")],
)
nc_ca = cert(nc_name, nc_key, root_name, root_key, ca=True, aki_key=root_key, nc=nc)
write("nc-ca.der", der(nc_ca))
ok_san = [x509.DNSName("www.kyso.test"), x509.RFC822Name("a@kyso.test"), x509.IPAddress(ipaddress.ip_address("10.1.2.3"))]
leaf("nc-leaf-ok.der", "NC OK", issuer_name=nc_name, issuer_key=nc_key, aki=nc_key, san=ok_san)
leaf("nc-leaf-email.der", "NC email", issuer_name=nc_name, issuer_key=nc_key, aki=nc_key,
     san=[x509.RFC822Name("a@example.com")])
leaf("nc-leaf-dns.der", "NC dns", issuer_name=nc_name, issuer_key=nc_key, aki=nc_key,
     san=[x509.DNSName("bad.kyso.test")])
k = ec_key()
write("nc-leaf-dn.der", der(cert(name("NC dn", o="Other Org"), k, nc_name, nc_key, aki_key=nc_key, eku=SIGNER_EKU)))
leaf("nc-leaf-ip.der", "NC ip", issuer_name=nc_name, issuer_key=nc_key, aki=nc_key,
     san=[x509.IPAddress(ipaddress.ip_address("192.168.1.1"))])

# Re-keyed CA: same name, two keys.
rk_name = name("Kyso Rekeyed CA")
old_key, new_key = ec_key(), ec_key()
write("rekey-ca-old.der", der(cert(rk_name, old_key, root_name, root_key, ca=True, aki_key=root_key)))
write("rekey-ca-new.der", der(cert(rk_name, new_key, root_name, root_key, ca=True, aki_key=root_key)))
leaf("rekey-leaf.der", "Rekeyed Leaf", issuer_name=rk_name, issuer_key=new_key, aki=new_key)
write("rekey-ca-old-noski.der", der(cert(rk_name, old_key, root_name, root_key, ca=True, ski=False)))
write("rekey-ca-new-noski.der", der(cert(rk_name, new_key, root_name, root_key, ca=True, ski=False)))
k = ec_key()
write("rekey-leaf-noaki.der", der(cert(name("Rekeyed Leaf NoAKI"), k, rk_name, new_key, eku=SIGNER_EKU)))

# Cross certificates: one CA key, certified by an untrusted root and by the trusted root.
other_key = ec_key()
other_name = name("Kyso Other Root")
write("cross-root.der", der(cert(other_name, other_key, other_name, other_key, ca=True)))
x_key = ec_key()
x_name = name("Kyso Cross CA")
write("cross-ca-by-other.der", der(cert(x_name, x_key, other_name, other_key, ca=True, aki_key=other_key)))
write("cross-ca-by-root.der", der(cert(x_name, x_key, root_name, root_key, ca=True, aki_key=root_key)))
leaf("cross-leaf.der", "Cross Leaf", issuer_name=x_name, issuer_key=x_key, aki=x_key)

# SHA-1 intermediate.
s1_key = ec_key()
s1_name = name("Kyso SHA1 CA")
# `cryptography` refuses to sign with SHA-1, so OpenSSL issues this one from a CSR.
def issue_sha1_ca(subject, key, issuer_cert, issuer_key):
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        def p(n):
            return os.path.join(tmp, n)
        with open(p("k.pem"), "wb") as f:
            f.write(issuer_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()))
        with open(p("ca.pem"), "wb") as f:
            f.write(issuer_cert.public_bytes(serialization.Encoding.PEM))
        csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
        with open(p("r.pem"), "wb") as f:
            f.write(csr.public_bytes(serialization.Encoding.PEM))
        with open(p("ext.cnf"), "w") as f:
            f.write("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                    "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n")
        subprocess.run(["openssl", "x509", "-req", "-in", p("r.pem"), "-CA", p("ca.pem"), "-CAkey", p("k.pem"),
                        "-sha1", "-set_serial", "4242", "-extfile", p("ext.cnf"), "-outform", "DER",
                        "-out", p("o.der"), "-days", "1500"], check=True, capture_output=True)
        with open(p("o.der"), "rb") as f:
            return x509.load_der_x509_certificate(f.read())


s1 = issue_sha1_ca(s1_name, s1_key, root, root_key)
assert s1.signature_hash_algorithm.name == "sha1", s1.signature_hash_algorithm
write("sha1-ca.der", der(s1))
leaf("sha1-leaf.der", "SHA1 Leaf", issuer_name=s1_name, issuer_key=s1_key, aki=s1_key)

# Revocation.
before, _ = leaf("rev-leaf-before.der", "Revoked Before")
after, _ = leaf("rev-leaf-after.der", "Revoked After")
okc, _ = leaf("rev-leaf-ok.der", "Not Revoked")


def crl(entries, this, nxt):
    b = (x509.CertificateRevocationListBuilder().issuer_name(ca_name).last_update(this).next_update(nxt)
         .add_extension(x509.CRLNumber(1), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False))
    for c, when, reason in entries:
        e = x509.RevokedCertificateBuilder().serial_number(c.serial_number).revocation_date(when)
        if reason:
            e = e.add_extension(x509.CRLReason(reason), critical=False)
        b = b.add_revoked_certificate(e.build())
    return b.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


main_crl = crl([(before, d(2026, 3, 1), x509.ReasonFlags.key_compromise), (after, d(2026, 9, 1), None)],
               d(2026, 9, 2), d(2026, 10, 1))
write("crl-ca.der", main_crl)
write("crl-ca-stale.der", crl([], d(2026, 1, 1), d(2026, 2, 1)))
bad = bytearray(main_crl)
bad[-5] ^= 0x01
write("crl-ca-badsig.der", bytes(bad))


def ocsp_resp(c, status, when=None, signer=(ca, ca_key), certs=None):
    b = ocsp.OCSPResponseBuilder().add_response(
        cert=c, issuer=ca, algorithm=hashes.SHA1(), cert_status=status,
        this_update=d(2026, 9, 2), next_update=d(2026, 9, 9),
        revocation_time=when, revocation_reason=x509.ReasonFlags.key_compromise if when else None,
    ).responder_id(ocsp.OCSPResponderEncoding.HASH, signer[0])
    if certs:
        b = b.certificates(certs)
    return b.sign(signer[1], hashes.SHA256()).public_bytes(serialization.Encoding.DER)


write("ocsp-good.der", ocsp_resp(okc, ocsp.OCSPCertStatus.GOOD))
write("ocsp-revoked-before.der", ocsp_resp(before, ocsp.OCSPCertStatus.REVOKED, d(2026, 3, 1)))
write("ocsp-revoked-after.der", ocsp_resp(after, ocsp.OCSPCertStatus.REVOKED, d(2026, 9, 1)))
resp_key = ec_key()
responder = cert(name("Kyso OCSP Responder"), resp_key, ca_name, ca_key, aki_key=ca_key,
                 ku=dict(digital_signature=True), eku=([ExtendedKeyUsageOID.OCSP_SIGNING], False))
write("ocsp-responder.der", der(responder))
write("ocsp-delegated-good.der", ocsp_resp(okc, ocsp.OCSPCertStatus.GOOD, signer=(responder, resp_key), certs=[responder]))
rogue_key = ec_key()
rogue = cert(name("Kyso OCSP Responder"), rogue_key, other_name, other_key,
             ku=dict(digital_signature=True), eku=([ExtendedKeyUsageOID.OCSP_SIGNING], False))
write("ocsp-rogue.der", ocsp_resp(before, ocsp.OCSPCertStatus.GOOD, signer=(rogue, rogue_key), certs=[rogue]))


# Adobe RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse }
def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        ln = bytes([n])
    else:
        bs = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(bs)]) + bs
    return bytes([tag]) + ln + body


with open(os.path.join(OUT, "ocsp-good.der"), "rb") as f:
    good = f.read()
ria = tlv(0x30, tlv(0xA0, tlv(0x30, main_crl)) + tlv(0xA1, tlv(0x30, good)))
write("ria-crl.der", ria)
# A .p7b bundle as CAs publish them.
def p7b(certs, out):
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        args = ["openssl", "crl2pkcs7", "-nocrl", "-outform", "DER", "-out", os.path.join(OUT, out)]
        for i, c in enumerate(certs):
            fn = os.path.join(tmp, f"{i}.pem")
            with open(fn, "wb") as f:
                f.write(c.public_bytes(serialization.Encoding.PEM))
            args += ["-certfile", fn]
        subprocess.run(args, check=True, capture_output=True)


p7b([root, ca], "bundle.p7b")

# A mesh of same-name CAs without key identifiers (path-building budget).
mesh_name = name("Kyso Mesh CA")
mesh_keys = [ec_key() for _ in range(10)]
with open(os.path.join(OUT, "mesh.pem"), "wb") as f:
    for i, ki in enumerate(mesh_keys):
        for j, kj in enumerate(mesh_keys):
            if i != j:
                f.write(cert(mesh_name, ki, mesh_name, kj, ca=True, ski=False).public_bytes(serialization.Encoding.PEM))
k = ec_key()
write("mesh-leaf.der", der(cert(name("Mesh Leaf"), k, mesh_name, mesh_keys[0], ski=False, eku=SIGNER_EKU)))
print("wrote fixtures to", os.path.normpath(OUT))
