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
# xmlsec1 1.2.37 (Debian bookworm) has no RSASSA-PSS: no PSS fixture here.
# Usage: scripts/gen-xml-fixtures.sh   (needs xmlsec1, openssl, python3)
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
echo "fixtures/xml: $(ls "$OUT" | wc -l) files"
