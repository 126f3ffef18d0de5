//! Object identifiers used for algorithms (RFC 3279, 4055, 5758, 8017, 8410, 8419, 8702, NIST CSOR).

use const_oid::ObjectIdentifier as Oid;

// Digests.
/// MD5 (RFC 1321).
pub const MD5: Oid = Oid::new_unwrap("1.2.840.113549.2.5");
/// SHA-1.
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
/// SHA-224.
pub const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
/// SHA-256.
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
/// SHA-384.
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
/// SHA-512.
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
/// SHA-512/224.
pub const SHA512_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.5");
/// SHA-512/256.
pub const SHA512_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.6");
/// SHA3-224.
pub const SHA3_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.7");
/// SHA3-256.
pub const SHA3_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.8");
/// SHA3-384.
pub const SHA3_384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.9");
/// SHA3-512.
pub const SHA3_512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.10");
/// id-shake256 (RFC 8702 §2): SHAKE256 with a 512-bit output, parameters absent.
pub const SHAKE256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.12");
/// id-shake256-len (RFC 8419): SHAKE256 whose parameter `ShakeOutputLen ::= INTEGER`
/// gives the output length in bits.
pub const SHAKE256_LEN: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.18");

// RSA.
/// rsaEncryption (key type; also used as a CMS signature algorithm).
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// md5WithRSAEncryption.
pub const MD5_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.4");
/// sha1WithRSAEncryption.
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
/// id-RSASSA-PSS.
pub const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
/// id-mgf1.
pub const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");
/// sha256WithRSAEncryption.
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
/// sha384WithRSAEncryption.
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
/// sha512WithRSAEncryption.
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
/// sha224WithRSAEncryption.
pub const SHA224_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.14");
/// sha512-224WithRSAEncryption.
pub const SHA512_224_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.15");
/// sha512-256WithRSAEncryption.
pub const SHA512_256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.16");
/// id-rsassa-pkcs1-v1_5-with-sha3-224.
pub const SHA3_224_WITH_RSA: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.13");
/// id-rsassa-pkcs1-v1_5-with-sha3-256.
pub const SHA3_256_WITH_RSA: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.14");
/// id-rsassa-pkcs1-v1_5-with-sha3-384.
pub const SHA3_384_WITH_RSA: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.15");
/// id-rsassa-pkcs1-v1_5-with-sha3-512.
pub const SHA3_512_WITH_RSA: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.16");

// Elliptic curves.
/// id-ecPublicKey (key type; also used as a CMS signature algorithm).
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
/// ecdsa-with-SHA1.
pub const ECDSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
/// ecdsa-with-SHA224.
pub const ECDSA_SHA224: Oid = Oid::new_unwrap("1.2.840.10045.4.3.1");
/// ecdsa-with-SHA256.
pub const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
/// ecdsa-with-SHA384.
pub const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
/// ecdsa-with-SHA512.
pub const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
/// id-ecdsa-with-sha3-224.
pub const ECDSA_SHA3_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.9");
/// id-ecdsa-with-sha3-256.
pub const ECDSA_SHA3_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.10");
/// id-ecdsa-with-sha3-384.
pub const ECDSA_SHA3_384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.11");
/// id-ecdsa-with-sha3-512.
pub const ECDSA_SHA3_512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.12");
/// secp256r1 / P-256.
pub const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
/// secp384r1 / P-384.
pub const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");
/// secp521r1 / P-521.
pub const SECP521R1: Oid = Oid::new_unwrap("1.3.132.0.35");
/// secp256k1 (recognised, not supported).
pub const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");

// Edwards curves (RFC 8410).
/// Ed25519.
pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
/// Ed448.
pub const ED448: Oid = Oid::new_unwrap("1.3.101.113");

// Others recognised only to name them.
/// DSA key.
pub const DSA: Oid = Oid::new_unwrap("1.2.840.10040.4.1");
/// dsa-with-sha1.
pub const DSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10040.4.3");
