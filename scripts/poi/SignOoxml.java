// Sign an OOXML package with Apache POI's XML signature code (ECMA-376 Part 2
// §13: OPC digital signature origin, XAdES-BES properties), the way POI's own
// TestSignatureInfo does it.
//
//   java -cp <POI jars> SignOoxml in.docx out.docx signer.p8.der signer.der ca.der
//
// Used by scripts/gen-package-fixtures.sh. With Debian bookworm's
// libapache-poi-java 4.0.1 this fails at run time: Debian's
// poi-ooxml-schemas-4.0.1.jar holds only ~100 XMLBeans factory classes, not the
// generated schema types POI's signing facets need (org.etsi.uri.x01903.v13.*,
// org.w3.x2000.x09.xmldsig.*, com.microsoft.schemas.office.x2006.digsig.*,
// org.openxmlformats.schemas.xpackage.x2006.digitalSignature.*); the script
// then reports the missing class and signs OOXML with LibreOffice instead.
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.dsig.SignatureConfig;
import org.apache.poi.poifs.crypt.dsig.SignatureInfo;

public class SignOoxml {
    static X509Certificate cert(String path) throws Exception {
        try (InputStream in = new FileInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    public static void main(String[] args) throws Exception {
        Files.copy(Paths.get(args[0]), Paths.get(args[1]),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(Paths.get(args[2]))));
        SignatureConfig config = new SignatureConfig();
        config.setKey(key);
        config.setSigningCertificateChain(Arrays.asList(cert(args[3]), cert(args[4])));
        try (OPCPackage pkg = OPCPackage.open(args[1], PackageAccess.READ_WRITE)) {
            config.setOpcPackage(pkg);
            SignatureInfo si = new SignatureInfo();
            si.setSignatureConfig(config);
            si.confirmSignature();
            if (!si.verifySignature()) {
                throw new IllegalStateException("POI cannot verify its own signature");
            }
        }
    }
}
