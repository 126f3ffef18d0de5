//! Document timestamps (ETSI.RFC3161, ISO 32000-2 §12.8.5): proofs of
//! existence for what they cover.

use crate::signature::{contents, skeleton};
use crate::Ctx;
use kyso_pdf::byte_range::ByteRangeCheck;
use kyso_pdf::SignatureDict;
use kyso_pki::KeyPurpose;
use kyso_report::{SignatureKind, SignatureReport, Time};
use kyso_validation::signer::verify_timestamp;
use kyso_validation::trust::{chosen_time_notes, validate_path};

/// A document timestamp (ETSI.RFC3161, ISO 32000-2 §12.8.5): /Contents is a
/// timestamp token whose imprint covers the byte ranges.
pub(crate) fn document_timestamp(
    ctx: &Ctx<'_>,
    pos: usize,
    s: &SignatureDict,
    check: &ByteRangeCheck,
    later: Option<Time>,
) -> SignatureReport {
    let mut r = skeleton(pos, s, check, SignatureKind::DocumentTimestamp);
    let Some(value) = contents(s, &mut r) else {
        return r;
    };
    let Some(range) = check.range else { return r };
    let hasher = &ctx.hasher;
    let out = verify_timestamp(
        value,
        &|a| hasher.digest(range, a),
        &ctx.dss.certs,
        &ctx.dss,
        &ctx.store,
        &ctx.policy,
    );
    let Some(res) = &out.result else {
        r.facts.format_failure = true;
        r.findings.extend(out.info.findings.iter().cloned());
        r.timestamp = Some(out.info);
        return r;
    };
    let f = &mut r.facts;
    f.signer_certificate_found = res.tsa_cert.is_some();
    f.digest_matches = res.imprint_matches;
    f.crypto_valid = match (res.signer.digest_matches, res.signer.crypto_valid) {
        (Some(true), Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        _ => None,
    };
    f.format_failure |= res.signer.format_failure;
    f.unsupported_algorithm |= res.signer.unsupported_algorithm;
    r.algorithms.digest = out.info.imprint_algorithm.clone();
    r.algorithms.signature = res.signer.signature_alg.clone();
    r.algorithms.public_key = res.signer.public_key.clone();
    r.signer = out.info.authority.clone();
    r.signing_time.timestamp = out.info.gen_time;
    if let Some(leaf) = &out.tsa_cert {
        // The token is validated now, or at a later document timestamp's time
        // (ETSI EN 319 102-1 §5.6.2.4, PAdES-LTA chains of timestamps); under
        // a chosen time `t`, at `t` or a later document timestamp's time not after `t`.
        let when = ctx.clock.time_for(ctx.clock.usable(later), None);
        let (trust, rev) = validate_path(
            leaf,
            &ctx.dss.certs,
            when,
            KeyPurpose::TimeStamping,
            &ctx.dss,
            &ctx.store,
        );
        r.trust = trust;
        r.revocation = rev;
        chosen_time_notes(&mut r.trust, out.info.gen_time, None);
    }
    r.findings.extend(out.info.findings.iter().cloned());
    r.timestamp = Some(out.info);
    r
}
