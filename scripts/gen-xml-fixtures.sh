#!/usr/bin/env bash
# XML-DSig fixtures for kyso-xmldsig (fixtures/xml/), signed by xmlsec1 (a real
# signer, libxml2's canonicalizer) with keys of the repository's test PKI
# (fixtures/pki/keys, TEST ONLY) and throwaway self-signed certificates.
#
#   - one signature per canonicalization method (C14N 1.0, 1.1, exclusive, each
#     with and without comments) over a document with namespaces, comments and
#     xml:* attributes, enveloped (URI="" + enveloped-signature);
#   - subset-all-c14n.xml: six references to one nested element (#id), one per
#     C14N method as transform, so the document-subset rules (inherited
#     namespaces, xml:* attributes) are checked against libxml2's output;
#   - enveloping (ds:Object), detached same-document (#id of a sibling), ECDSA P-256;
#   - attacks derived from the signed files: a duplicate Id (wrapping), the
#     signed element moved into ds:Object with forged content left in its place
#     (wrapping), a DOCTYPE with an entity, a signed element modified.
#
#   - XPath Filter 2.0 (subtract here()'s signature, intersect id()) and the
#     plain XPath 1.0 enveloped filter;
#   - XAdES-B (SigningCertificateV2), XAdES-T (an `openssl ts` token over the
#     C14N of ds:SignatureValue) and a token over other bytes;
#   - RSASSA-PSS (the sha256-rsa-MGF1 URI, and rsa-pss with RSAPSSParams) and
#     Ed25519, which xmlsec1 1.2.37 cannot sign: SignedInfo re-signed by
#     openssl over lxml/libxml2's exclusive C14N.
#
# Usage: scripts/gen-xml-fixtures.sh   (needs xmlsec1, openssl, python3 with lxml)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=fixtures/xml
KEYS=fixtures/pki/keys
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

cert() { # key subject out
  openssl req -x509 -new -key "$1" -subj "$2" -days 9000 -set_serial 4242 \
    -not_before 20260101000000Z -not_after 20500101000000Z -out "$3" 2>/dev/null ||
  openssl req -x509 -new -key "$1" -subj "$2" -days 9000 -set_serial 4242 -out "$3"
}
cert "$KEYS/signer-rsa2048.key.pem" "/CN=Kyso XML test RSA/O=Kyso test" "$TMP/rsa.crt"
cert "$KEYS/signer-p256.key.pem" "/CN=Kyso XML test P-256/O=Kyso test" "$TMP/p256.crt"

sign() { # template out key cert [extra xmlsec1 args...]
  local tpl=$1 out=$2 key=$3 crt=$4
  shift 4
  xmlsec1 --sign --privkey-pem "$key,$crt" "$@" --output "$out" "$tpl"
}

DS='xmlns:ds="http://www.w3.org/2000/09/xmldsig#"'
C10=http://www.w3.org/TR/2001/REC-xml-c14n-20010315
C11=http://www.w3.org/2006/12/xml-c14n11
EXC=http://www.w3.org/2001/10/xml-exc-c14n#
RSA256=http://www.w3.org/2001/04/xmldsig-more#rsa-sha256
ECDSA256=http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256
SHA256=http://www.w3.org/2001/04/xmlenc#sha256

keyinfo='<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>'

# A document exercising C14N: default and prefixed namespaces, an unused
# declaration, attributes to sort, comments, a PI, xml:lang, CR and entities.
doc_body() {
  cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!-- before the root -->
<?kyso-pi  some data ?>
<hd:HoaDon xmlns="urn:kyso:default" xmlns:hd="urn:kyso:hoadon" xmlns:unused="urn:kyso:unused" xml:lang="vi" b="2" a="1" hd:z="&lt;&amp;&gt;">
  <!-- Thông tin người bán -->
  <NguoiBan MST="0102357802">Công ty TNHH Kyso &amp; cộng sự</NguoiBan>
  <hd:Dong  stt = "1"   ><![CDATA[Hàng <hoá> "A"]]></hd:Dong>
  <Trong/>
  <x:Ngoai xmlns:x="urn:kyso:x" xmlns="">tab&#9;cr&#13;end</x:Ngoai>
SIG
</hd:HoaDon>
<!-- after the root -->
XML
}

for m in c14n10 c14n10-comments c14n11 c14n11-comments exc exc-comments; do
  case $m in
    c14n10) uri=$C10 ;; c14n10-comments) uri="$C10#WithComments" ;;
    c14n11) uri=$C11 ;; c14n11-comments) uri="$C11#WithComments" ;;
    exc) uri=$EXC ;; exc-comments) uri="${EXC}WithComments" ;;
  esac
  incl=''
  case $m in exc*) incl='<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="hd"/>' ;; esac
  sig="<ds:Signature $DS Id=\"sig\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"$uri\">$incl</ds:CanonicalizationMethod><ds:SignatureMethod Algorithm=\"$RSA256\"/><ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"$uri\">$incl</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"$SHA256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>$keyinfo</ds:Signature>"
  doc_body | SIG="$sig" python3 -c 'import os,sys; sys.stdout.write(sys.stdin.read().replace("SIG", os.environ["SIG"]))' > "$TMP/$m.xml"
  sign "$TMP/$m.xml" "$OUT/enveloped-$m.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt"
done

# Six references to one nested element, one per C14N method.
refs=''
for uri in "$C10" "$C10#WithComments" "$C11" "$C11#WithComments" "$EXC" "${EXC}WithComments"; do
  refs="$refs<ds:Reference URI=\"#part\"><ds:Transforms><ds:Transform Algorithm=\"$uri\"/></ds:Transforms><ds:DigestMethod Algorithm=\"$SHA256\"/><ds:DigestValue/></ds:Reference>"
done
cat > "$TMP/subset.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<r:Root xmlns:r="urn:kyso:r" xmlns="urn:kyso:default" xmlns:w="urn:kyso:w" xml:lang="vi" xml:space="preserve" xml:base="http://kyso.test/a/b/">
  <Mid xml:base="c/" xml:id="mid" w:k="v">
    <r:Part Id="part" xmlns:p="urn:kyso:p" p:attr="1"><!-- comment inside -->
      <p:Leaf xml:lang="en">text</p:Leaf><Plain/><w:Used/>
    </r:Part>
  </Mid>
  <ds:Signature $DS><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$EXC"/><ds:SignatureMethod Algorithm="$RSA256"/>$refs</ds:SignedInfo><ds:SignatureValue/>$keyinfo</ds:Signature>
</r:Root>
XML
sign "$TMP/subset.xml" "$OUT/subset-all-c14n.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt" --id-attr:Id Part

# Enveloping: the signed data inside ds:Object.
cat > "$TMP/enveloping.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ds:Signature $DS><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$C10"/><ds:SignatureMethod Algorithm="$RSA256"/><ds:Reference URI="#obj"><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>$keyinfo<ds:Object Id="obj"><ToKhai xmlns="urn:kyso:tokhai"><Thue>1000000</Thue></ToKhai></ds:Object></ds:Signature>
XML
sign "$TMP/enveloping.xml" "$OUT/enveloping.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt" --id-attr:Id Object

# Detached, same document: the signature beside the signed element.
detached_tpl() { # sigmethod
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Goi xmlns="urn:kyso:goi">
  <NoiDung Id="noidung"><SoTien>1000000</SoTien><NguoiNhan>Nguyễn Văn A</NguoiNhan></NoiDung>
  <ds:Signature $DS><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$EXC"/><ds:SignatureMethod Algorithm="$1"/><ds:Reference URI="#noidung"><ds:Transforms><ds:Transform Algorithm="$EXC"/></ds:Transforms><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>$keyinfo</ds:Signature>
</Goi>
XML
}
detached_tpl "$RSA256" > "$TMP/detached.xml"
sign "$TMP/detached.xml" "$OUT/detached-same-document.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt" --id-attr:Id urn:kyso:goi:NoiDung
detached_tpl "$ECDSA256" > "$TMP/ecdsa.xml"
sign "$TMP/ecdsa.xml" "$OUT/ecdsa-p256.xml" "$KEYS/signer-p256.key.pem" "$TMP/p256.crt" --id-attr:Id urn:kyso:goi:NoiDung

# Attacks, derived from detached-same-document.xml.
python3 - "$OUT" <<'PY'
import sys, re
out = sys.argv[1]
src = open(f"{out}/detached-same-document.xml", encoding="utf-8").read()
signed = re.search(r'<NoiDung Id="noidung">.*?</NoiDung>', src, re.S).group(0)
forged = signed.replace("1000000", "9000000").replace("Nguyễn Văn A", "Kẻ Gian")
# 1. Duplicate Id: a forged element with the same Id before the signed one.
open(f"{out}/attack-wrapping-duplicate-id.xml", "w", encoding="utf-8").write(
    src.replace(signed, forged + "\n  " + signed, 1))
# 2. Moved: the signed element hidden in a ds:Object of the signature, forged
#    content (without Id) where the reader looks.
moved = src.replace(signed, forged.replace(' Id="noidung"', ''), 1)
moved = moved.replace("</ds:Signature>", "<ds:Object>" + signed + "</ds:Object></ds:Signature>", 1)
open(f"{out}/attack-wrapping-moved.xml", "w", encoding="utf-8").write(moved)
# 3. A DOCTYPE declaring an external entity, used in the document.
dtd = src.replace('<Goi xmlns="urn:kyso:goi">',
    '<!DOCTYPE Goi [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Goi xmlns="urn:kyso:goi"><Ghi>&xxe;</Ghi>', 1)
open(f"{out}/attack-dtd-entity.xml", "w", encoding="utf-8").write(dtd)
# 4. The signed element modified after signing.
open(f"{out}/attack-modified.xml", "w", encoding="utf-8").write(src.replace(signed, forged.replace("Kẻ Gian", "Nguyễn Văn A"), 1))
PY
# XPath transforms as signers write them: XPath Filter 2.0 (subtract the
# signature from the whole document; intersect with id()), and the plain
# XPath 1.0 filter equivalent to enveloped-signature.
F2=http://www.w3.org/2002/06/xmldsig-filter2
xpath_tpl() { # transforms
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Goi xmlns="urn:kyso:goi">
  <NoiDung Id="noidung"><SoTien>1000000</SoTien></NoiDung>
  <ds:Signature $DS><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$C10"/><ds:SignatureMethod Algorithm="$RSA256"/><ds:Reference URI=""><ds:Transforms>$1</ds:Transforms><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>$keyinfo</ds:Signature>
</Goi>
XML
}
xpath_tpl "<ds:Transform Algorithm=\"$F2\"><f2:XPath xmlns:f2=\"$F2\" Filter=\"subtract\">here()/ancestor::ds:Signature[1]</f2:XPath></ds:Transform>" > "$TMP/f2-subtract.xml"
sign "$TMP/f2-subtract.xml" "$OUT/xpath-filter2-subtract.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt"
xpath_tpl "<ds:Transform Algorithm=\"$F2\"><f2:XPath xmlns:f2=\"$F2\" Filter=\"intersect\">id('noidung')</f2:XPath></ds:Transform>" > "$TMP/f2-intersect.xml"
sign "$TMP/f2-intersect.xml" "$OUT/xpath-filter2-intersect.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt" --id-attr:Id urn:kyso:goi:NoiDung
xpath_tpl "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\"><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>" > "$TMP/xpath10.xml"
sign "$TMP/xpath10.xml" "$OUT/xpath10-enveloped.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt"

# XAdES-B (SigningCertificateV2, SigningTime, SignaturePolicyImplied) signed by
# xmlsec1, then XAdES-T: an RFC 3161 token from `openssl ts` over the C14N 1.0
# of ds:SignatureValue (canonicalized by lxml/libxml2), added as an unsigned
# property; and a variant whose token covers other bytes.
openssl req -x509 -new -key "$KEYS/tsa.key.pem" -subj "/CN=Kyso XML test TSA/O=Kyso test" \
  -days 9000 -set_serial 4343 -addext "extendedKeyUsage=critical,timeStamping" \
  -addext "keyUsage=critical,digitalSignature" -out "$TMP/tsa.crt" 2>/dev/null
certdigest=$(openssl x509 -in "$TMP/rsa.crt" -outform DER | openssl dgst -sha256 -binary | base64 -w0)
XA=http://uri.etsi.org/01903/v1.3.2#
cat > "$TMP/xades.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<HDon xmlns="urn:kyso:hoadon"><DLHDon Id="data"><TTChung><KHHDon>C26TKY</KHHDon><SHDon>42</SHDon></TTChung><NDHDon><TgTTTBSo>1100000</TgTTTBSo></NDHDon></DLHDon><ds:Signature $DS Id="xsig"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="$EXC"/><ds:SignatureMethod Algorithm="$RSA256"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="$EXC"/></ds:Transforms><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue/></ds:Reference><ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#xsig-sp"><ds:Transforms><ds:Transform Algorithm="$EXC"/></ds:Transforms><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue Id="xsig-sv"/>$keyinfo<ds:Object><xades:QualifyingProperties xmlns:xades="$XA" Target="#xsig"><xades:SignedProperties Id="xsig-sp"><xades:SignedSignatureProperties><xades:SigningTime>2026-03-01T10:00:00Z</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="$SHA256"/><ds:DigestValue>$certdigest</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2><xades:SignaturePolicyIdentifier><xades:SignaturePolicyImplied/></xades:SignaturePolicyIdentifier></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></HDon>
XML
sign "$TMP/xades.xml" "$OUT/xades-b.xml" "$KEYS/signer-rsa2048.key.pem" "$TMP/rsa.crt" --id-attr:Id "$XA:SignedProperties"
printf '01\n' > "$TMP/tsaserial"
cat > "$TMP/ts.cnf" <<CNF
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = $TMP/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
python3 - "$OUT/xades-b.xml" "$TMP/sv.c14n" <<'PY'
import sys
from lxml import etree
doc = etree.parse(sys.argv[1])
sv = doc.find(".//{http://www.w3.org/2000/09/xmldsig#}SignatureValue")
open(sys.argv[2], "wb").write(etree.tostring(sv, method="c14n"))
PY
printf 'not the signature value' > "$TMP/other.bin"
for variant in sv other; do
  data="$TMP/sv.c14n"; [ $variant = other ] && data="$TMP/other.bin"
  openssl ts -query -data "$data" -sha256 -no_nonce -cert -out "$TMP/$variant.tsq" 2>/dev/null
  openssl ts -reply -config "$TMP/ts.cnf" -queryfile "$TMP/$variant.tsq" -signer "$TMP/tsa.crt" \
    -inkey "$KEYS/tsa.key.pem" -token_out -out "$TMP/$variant.tst" 2>/dev/null
done
python3 - "$OUT" "$TMP" <<'PY'
import sys, base64
out, tmp = sys.argv[1], sys.argv[2]
src = open(f"{out}/xades-b.xml", encoding="utf-8").read()
def with_ts(tok):
    b64 = base64.b64encode(open(tok, "rb").read()).decode()
    usp = ('<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:SignatureTimeStamp Id="xsig-ts">'
           '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>'
           f'<xades:EncapsulatedTimeStamp>{b64}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>'
           '</xades:UnsignedSignatureProperties></xades:UnsignedProperties>')
    return src.replace("</xades:SignedProperties>", "</xades:SignedProperties>" + usp, 1)
open(f"{out}/xades-t.xml", "w", encoding="utf-8").write(with_ts(f"{tmp}/sv.tst"))
open(f"{out}/xades-t-wrong-imprint.xml", "w", encoding="utf-8").write(with_ts(f"{tmp}/other.tst"))
PY

# RSASSA-PSS and Ed25519 (xmlsec1 1.2.37 signs neither): the references are
# digested by xmlsec1 (signed with rsa-sha256), then the SignatureMethod is
# replaced and SignedInfo re-signed by openssl over its exclusive C14N by
# lxml/libxml2 — a canonicalizer independent of Kyso's.
python3 - "$OUT" "$KEYS" "$TMP" <<'PY'
import sys, base64, subprocess, re
from lxml import etree
out, keys, tmp = sys.argv[1:4]
DSNS = "http://www.w3.org/2000/09/xmldsig#"
src = open(f"{out}/detached-same-document.xml", encoding="utf-8").read()
RSA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
PSSP = ('<pss:RSAPSSParams xmlns:pss="http://www.w3.org/2007/05/xmldsig-more#">'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"/>'
        '<pss:MaskGenerationFunction Algorithm="http://www.w3.org/2007/05/xmldsig-more#MGF1">'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#sha384"/></pss:MaskGenerationFunction>'
        '<pss:SaltLength>48</pss:SaltLength><pss:TrailerField>1</pss:TrailerField></pss:RSAPSSParams>')
variants = {
    "rsa-pss-sha256-mgf1.xml": ('<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"/>',
        ["openssl", "dgst", "-sha256", "-sign", f"{keys}/signer-rsa2048.key.pem", "-sigopt", "rsa_padding_mode:pss",
         "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"], None),
    "rsa-pss-params-sha384.xml": ('<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#rsa-pss">' + PSSP + '</ds:SignatureMethod>',
        ["openssl", "dgst", "-sha384", "-sign", f"{keys}/signer-rsa2048.key.pem", "-sigopt", "rsa_padding_mode:pss",
         "-sigopt", "rsa_pss_saltlen:48", "-sigopt", "rsa_mgf1_md:sha384"], None),
    "ed25519.xml": ('<ds:SignatureMethod Algorithm="http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519"/>',
        ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", f"{keys}/signer-ed25519.key.pem"], "ed25519"),
}
for name, (method, cmd, kind) in variants.items():
    text = src.replace(f'<ds:SignatureMethod Algorithm="{RSA256}"/>', method, 1)
    if kind == "ed25519":
        crt = subprocess.run(["openssl", "req", "-x509", "-new", "-key", f"{keys}/signer-ed25519.key.pem",
                              "-subj", "/CN=Kyso XML test Ed25519/O=Kyso test", "-days", "9000", "-outform", "DER"],
                             capture_output=True, check=True).stdout
        text = re.sub(r"<ds:X509Certificate>.*?</ds:X509Certificate>",
                      "<ds:X509Certificate>" + base64.b64encode(crt).decode() + "</ds:X509Certificate>", text, flags=re.S)
    doc = etree.fromstring(text.encode())
    si = doc.find(f".//{{{DSNS}}}SignedInfo")
    c14n = etree.tostring(si, method="c14n", exclusive=True)
    if kind == "ed25519":
        open(f"{tmp}/si.bin", "wb").write(c14n)
        sig = subprocess.run(cmd + ["-in", f"{tmp}/si.bin"], capture_output=True, check=True).stdout
    else:
        sig = subprocess.run(cmd, input=c14n, capture_output=True, check=True).stdout
    text = re.sub(r"<ds:SignatureValue>.*?</ds:SignatureValue>",
                  "<ds:SignatureValue>" + base64.b64encode(sig).decode() + "</ds:SignatureValue>", text, flags=re.S)
    open(f"{out}/{name}", "w", encoding="utf-8").write(text)
PY

# Randomized C14N vectors: documents drawn from a fixed seed (namespaces
# declared, redeclared and undeclared, prefixed and plain attributes, character
# references, CDATA, comments, PIs), canonicalized by lxml/libxml2 as a whole
# document (C14N 1.0 and exclusive, with and without comments) and as the
# subtree of the element marked sel="1" (C14N 1.0 and exclusive).
rm -rf "$OUT/c14n-vectors"
mkdir -p "$OUT/c14n-vectors"
python3 - "$OUT/c14n-vectors" <<'PY'
import sys, random
from lxml import etree
out = sys.argv[1]
rng = random.Random(20261201)
URIS = ["urn:k:a", "urn:k:b", "http://kyso.test/c", "urn:k:a2"]
def text():
    parts = ["Hà Nội", " ", "&amp;", "&lt;", "&gt;", "&#13;", "&#9;", "\n", "x", "\"q\"", "'", "&#x1F600;"]
    return "".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
def attr_val():
    parts = ["v", " ", "&amp;", "&lt;", "&quot;", "&#9;", "&#10;", "&#13;", "\t", "\n", ">", "ộ"]
    return "".join(rng.choice(parts) for _ in range(rng.randint(0, 5)))
def element(depth, scope, selected):
    # scope: prefix -> uri in force (None = default)
    decls = {}
    for p in ["a", "b", "c", None]:
        if rng.random() < 0.2:
            decls[p] = rng.choice(URIS + ([""] if p is None else []))
    inscope = dict(scope); inscope.update(decls)
    usable = [p for p in inscope if p is not None and inscope[p]]
    prefix = rng.choice(usable + [None, None]) if usable else None
    name = (prefix + ":" if prefix else "") + rng.choice(["e", "f", "Dong", "g"])
    attrs = []
    used = set()
    for _ in range(rng.randint(0, 3)):
        ap = rng.choice(usable + [None, None]) if usable else None
        local = rng.choice(["x", "y", "z", "Id"])
        key = (inscope.get(ap) if ap else None, local)
        if key in used: continue
        used.add(key)
        attrs.append(((ap + ":" if ap else "") + local, attr_val()))
    sel = ""
    if not selected[0] and depth >= 1 and rng.random() < 0.3:
        sel = ' sel="1"'; selected[0] = True
    s = "<" + name
    for p, u in decls.items():
        s += (' xmlns' if p is None else ' xmlns:' + p) + '="' + u + '"'
    for n, v in attrs:
        s += " " + n + '="' + v + '"'
    s += sel
    kids = []
    if depth < 4:
        for _ in range(rng.randint(0, 3)):
            r = rng.random()
            if r < 0.45: kids.append(element(depth + 1, inscope, selected))
            elif r < 0.65: kids.append(text())
            elif r < 0.75: kids.append("<!--" + rng.choice([" c ", "bình luận", ""]) + "-->")
            elif r < 0.85: kids.append("<?pi " + rng.choice(["", "d a t a", "x"]) + "?>")
            else: kids.append("<![CDATA[" + rng.choice(["<&>", "]] >", "a\rb"]) + "]]>")
    if not kids and rng.random() < 0.5:
        return s + "/>"
    return s + ">" + "".join(kids) + "</" + name + ">"
n = 0
while n < 40:
    selected = [False]
    body = element(0, {}, selected)
    doc_text = rng.choice(["", "<?xml version=\"1.0\"?>\n"]) + rng.choice(["", "<!--pre-->\n", "<?top x?>"]) + body + rng.choice(["", "\n<!--post-->", "<?end?>"])
    try:
        doc = etree.fromstring(doc_text.encode()).getroottree()
    except etree.XMLSyntaxError:
        continue
    base = f"{out}/{n:02}"
    open(base + ".xml", "w", encoding="utf-8").write(doc_text)
    for tag, exc, com in [("c14n", False, False), ("c14n-comments", False, True), ("exc", True, False), ("exc-comments", True, True)]:
        open(f"{base}.{tag}", "wb").write(etree.tostring(doc, method="c14n", exclusive=exc, with_comments=com))
    sel = doc.getroot().xpath("//*[@sel='1']")
    if sel:
        for tag, exc in [("sub-c14n", False), ("sub-exc", True)]:
            open(f"{base}.{tag}", "wb").write(etree.tostring(sel[0], method="c14n", exclusive=exc, with_comments=False))
    n += 1
PY

echo "fixtures/xml: $(ls "$OUT" | wc -l) files"
