"""Make small Office documents with LibreOffice and sign them with LibreOffice.

    /usr/bin/python3 lo_make_and_sign.py OUT_DIR PNG NSS_DIR

Run by scripts/gen-package-fixtures.sh with Debian's /usr/bin/python3 (pyuno).
Starts a headless soffice of its own (its own process group, a throwaway
profile, MOZILLA_CERTIFICATE_FOLDER=sql:NSS_DIR holding the test signer's key
and certificate) and stops it at the end.

Documents are built through the UNO API (a paragraph and a picture, two
cells, a slide with a text shape), stored as ODF and OOXML, closed, then
signed the way LibreOffice's own File > Digital Signatures does it (sfx2
SfxMedium::SignContents_Impl), through
XDocumentDigitalSignatures.signDocumentWithCertificate:
for ODF the signature stream is META-INF/documentsignatures.xml inside a
read-write ZipFormat storage of the file, the parts read through a read-only
one; for OOXML a read-write ZipFormat storage of the whole file and no
stream (LibreOffice writes _xmlsignatures/ and the OPC relationships, and
commits). Macro signatures: signScriptingContentWithCertificate into
META-INF/macrosignatures.xml.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    res = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    last = None
    for _ in range(120):
        try:
            return res.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception as e:  # noqa: BLE001 - soffice still starting
            last = e
            time.sleep(0.5)
    raise SystemExit(f"cannot connect to soffice: {last}")


out = os.path.abspath(sys.argv[1])
png = os.path.abspath(sys.argv[2])
nss = os.path.abspath(sys.argv[3])
pipe = f"kyso_fixtures_{os.getpid()}"
profile = tempfile.mkdtemp(prefix="kyso-lo-profile-")
soffice = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
     f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
    env=dict(os.environ, MOZILLA_CERTIFICATE_FOLDER=f"sql:{nss}"),
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
ctx = connect(pipe)
sm = ctx.ServiceManager
desktop = sm.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
hidden = (pv("Hidden", True),)


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def store(doc, path, flt):
    doc.storeToURL(url(path), (pv("FilterName", flt), pv("Overwrite", True)))


def writer(macro=False):
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, hidden)
    text = doc.getText()
    cur = text.createTextCursor()
    text.insertString(cur, "Kyso package fixture: Hợp đồng số 12/2026/HĐ — signed by LibreOffice.", False)
    text.insertControlCharacter(cur, 0, False)  # PARAGRAPH_BREAK
    g = doc.createInstance("com.sun.star.text.TextGraphicObject")
    gp = sm.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
    g.Graphic = gp.queryGraphic((pv("URL", url(png)),))
    text.insertTextContent(cur, g, False)
    if macro:
        libs = doc.BasicLibraries
        lib = libs.createLibrary("KysoLib") if not libs.hasByName("KysoLib") else libs.getByName("KysoLib")
        lib.insertByName("Module1", "Sub Main\n  MsgBox \"Kyso\"\nEnd Sub\n")
    return doc


def calc():
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, hidden)
    sheet = doc.Sheets.getByIndex(0)
    sheet.getCellByPosition(0, 0).setString("Khoản mục")
    sheet.getCellByPosition(1, 0).setString("Số tiền")
    sheet.getCellByPosition(0, 1).setString("Kyso")
    sheet.getCellByPosition(1, 1).setValue(1200000)
    return doc


def impress():
    doc = desktop.loadComponentFromURL("private:factory/simpress", "_blank", 0, hidden)
    page = doc.DrawPages.getByIndex(0)
    shape = doc.createInstance("com.sun.star.drawing.TextShape")
    page.add(shape)
    size = uno.createUnoStruct("com.sun.star.awt.Size")
    size.Width, size.Height = 16000, 3000
    pos = uno.createUnoStruct("com.sun.star.awt.Point")
    pos.X, pos.Y = 2000, 2000
    shape.setSize(size)
    shape.setPosition(pos)
    shape.setString("Kyso package fixture slide")
    return doc


made = []
for name, make, flts in [
    ("writer", writer, [("odt", "writer8"), ("docx", "MS Word 2007 XML")]),
    ("calc", calc, [("ods", "calc8"), ("xlsx", "Calc MS Excel 2007 XML")]),
    ("impress", impress, [("odp", "impress8"), ("pptx", "Impress MS PowerPoint 2007 XML")]),
]:
    doc = make()
    for ext, flt in flts:
        p = os.path.join(out, f"unsigned.{ext}")
        store(doc, p, flt)
        made.append(p)
    doc.close(True)
doc = writer(macro=True)
store(doc, os.path.join(out, "unsigned-macro.odt"), "writer8")
doc.close(True)

# The signer's certificate from the NSS database.
seinit = sm.createInstanceWithContext("com.sun.star.xml.crypto.SEInitializer", ctx)
env = seinit.createSecurityContext("").getSecurityEnvironment()
certs = env.getPersonalCertificates()
if len(certs) != 1:
    raise SystemExit(f"expected one personal certificate, found {len(certs)}")
cert = certs[0]
print("signer:", cert.SubjectName)

READ = uno.getConstantByName("com.sun.star.embed.ElementModes.READ")
WRITE = uno.getConstantByName("com.sun.star.embed.ElementModes.WRITE")
RW = uno.getConstantByName("com.sun.star.embed.ElementModes.READWRITE")
sfa = sm.createInstanceWithContext("com.sun.star.ucb.SimpleFileAccess", ctx)
factory = sm.createInstanceWithContext("com.sun.star.embed.StorageFactory", ctx)


def zip_storage(stream, mode):
    """A read-write storage of format ZipFormat over `stream` (what
    comphelper::OStorageHelper::GetStorageOfFormatFromStream gives sfx2)."""
    props = uno.Any("[]com.sun.star.beans.PropertyValue", (pv("StorageFormat", "ZipFormat"),))
    return uno.invoke(factory, "createInstanceWithArguments", ((stream, mode, props),))


def signer():
    # ODF 1.2+ signatures (XAdES), as LibreOffice makes for an ODF 1.3 document.
    return sm.createInstanceWithArgumentsAndContext(
        "com.sun.star.security.DocumentDigitalSignatures", ("1.2", False), ctx)


def sign_odf(src, dst, macro=False):
    # As sfx2 does: the signature stream is written through a read-write
    # ZipFormat storage of the file, the parts are read through another,
    # read-only one.
    with open(src, "rb") as f, open(dst, "wb") as g:
        g.write(f.read())
    stream = sfa.openFileReadWrite(url(dst))
    storage = zip_storage(stream, RW)
    meta = storage.openStorageElement("META-INF", RW)
    to_sign = zip_storage(sfa.openFileRead(url(src)), READ)
    dds = signer()
    if macro:
        sub = meta.openStreamElement(dds.getScriptingContentSignatureDefaultStreamName(), RW)
        ok = dds.signScriptingContentWithCertificate(cert, to_sign, sub)
    else:
        sub = meta.openStreamElement(dds.getDocumentContentSignatureDefaultStreamName(), RW)
        ok = dds.signDocumentWithCertificate(cert, to_sign, sub)
    if not ok:
        raise SystemExit(f"LibreOffice did not sign {dst}")
    meta.commit()
    storage.commit()
    storage.dispose()
    to_sign.dispose()
    stream.getOutputStream().closeOutput()
    stream.getInputStream().closeInput()


def sign_ooxml(src, dst):
    with open(src, "rb") as f, open(dst, "wb") as g:
        g.write(f.read())
    stream = sfa.openFileReadWrite(url(dst))
    storage = zip_storage(stream, RW)
    # No signature stream: LibreOffice adds _xmlsignatures/ and commits the storage.
    if not signer().signDocumentWithCertificate(cert, storage, None):
        raise SystemExit(f"LibreOffice did not sign {dst}")
    storage.dispose()
    stream.getOutputStream().closeOutput()
    stream.getInputStream().closeInput()


for ext in ["odt", "ods", "odp"]:
    sign_odf(os.path.join(out, f"unsigned.{ext}"), os.path.join(out, f"lo-signed.{ext}"))
for ext in ["docx", "xlsx", "pptx"]:
    sign_ooxml(os.path.join(out, f"unsigned.{ext}"), os.path.join(out, f"lo-signed.{ext}"))
sign_odf(os.path.join(out, "unsigned-macro.odt"), os.path.join(out, "lo-macro-signed.odt"), macro=True)
sign_odf(os.path.join(out, "unsigned-macro.odt"), os.path.join(out, "lo-signed-macros.odt"))
print("signed")
try:
    desktop.terminate()
except Exception:  # noqa: BLE001 - the bridge closes as soffice exits
    pass
try:
    soffice.wait(timeout=60)
except subprocess.TimeoutExpired:
    os.killpg(soffice.pid, signal.SIGTERM)  # our own soffice's process group only
    soffice.wait(timeout=30)
