//! Path building (here) and validation of each candidate path (RFC 5280 §6.1,
//! via `pkix-path`), then the checks RFC 5280 leaves to the application: the
//! end certificate's purpose, the algorithm policy, and revocation (§6.3).

use crate::cert::ParsedCert;
use crate::codes;
use crate::describe::describe_parsed;
use crate::revocation::{self, ParsedEvidence, RevocationEvidence, SignerTrust, Status};
use crate::sig::KysoVerifier;
use crate::store::AnchorPurpose;
use crate::TrustStore;
use core::cell::{Cell, RefCell};
use kyso_crypto::policy::{Acceptance, AlgorithmPolicy, Use};
use kyso_crypto::{CryptoError, KeyInfo, SignatureAlg};
use kyso_report::{ChainStatus, Finding, RevocationInfo, RevocationStatus, Time};
use std::collections::HashMap;
use std::rc::Rc;
use x509_cert::ext::pkix::KeyUsages;

/// Signature checks per validation, as in rustls-webpki (`verify_cert.rs`,
/// 100): enough for any real path with a few cross-certificates, small
/// enough that a hostile bag of certificates cannot make us spin.
const MAX_SIGNATURE_CHECKS: u32 = 100;
/// Path-building steps per validation, as in rustls-webpki (200 000 "build chain calls").
const MAX_BUILD_CALLS: u32 = 200_000;
/// Intermediates in one path. rustls-webpki stops at 6 sub-CAs; NIST PKITS
/// needs up to 6 as well (4.6 path length tests, 4.5 self-issued key
/// rollover); we allow 8.
const MAX_INTERMEDIATES: usize = 8;
/// Certificates considered from the signature and the evidence. A CMS
/// SignedData rarely carries more than 10; DSS collections a few dozen.
const MAX_CANDIDATES: usize = 256;
/// Nesting of path validations for revocation signers (a CRL signer's own
/// path, whose CRL signer's path...). RFC 5280 does not bound it; PKITS needs 1.
const MAX_NESTING: u8 = 2;
/// id-kp-timeStamping (RFC 3161 §2.3).
const OID_KP_TIMESTAMPING: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

/// What the end certificate is being trusted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPurpose {
    /// A document signer: key usage digitalSignature or nonRepudiation when
    /// key usage is present. No EKU is demanded (Vietnamese signer
    /// certificates carry clientAuth/emailProtection/smartcardLogon).
    DocumentSigning,
    /// An RFC 3161 timestamp authority: EKU id-kp-timeStamping required (RFC 3161 §2.3).
    TimeStamping,
    /// No requirement on the end certificate's usage.
    Any,
}

/// One path-validation question.
#[derive(Debug, Clone, Copy)]
pub struct PathRequest<'a> {
    /// The end certificate (DER).
    pub leaf: &'a [u8],
    /// Other certificates at hand (CMS certificates, DSS certificates), in any order.
    pub candidates: &'a [Vec<u8>],
    /// Validation time, unix seconds.
    pub time: i64,
    /// What the end certificate is trusted for.
    pub purpose: KeyPurpose,
    /// Embedded revocation evidence.
    pub revocation: &'a RevocationEvidence,
    /// Algorithm policy.
    pub policy: &'a AlgorithmPolicy,
}

/// RFC 5280 §6.1.1 user inputs and revocation strictness; `Default` is Kyso's
/// choice for documents (any policy, no explicit policy, soft revocation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// user-initial-policy-set (dotted OIDs); empty means anyPolicy.
    pub initial_policy_set: Vec<String>,
    /// initial-explicit-policy.
    pub initial_explicit_policy: bool,
    /// initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// initial-any-policy-inhibit.
    pub initial_any_policy_inhibit: bool,
    /// Require revocation evidence for every certificate of the path (RFC 5280
    /// §6.3 as PKITS tests it). Off for documents: absent evidence gives
    /// `NotChecked`, not a failure.
    pub require_revocation: bool,
}

/// The answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathResult {
    /// Outcome.
    pub status: ChainStatus,
    /// The best path, leaf first, anchor last (DER). For failures, the path
    /// that came closest.
    pub chain: Vec<Vec<u8>>,
    /// Label of the anchor reached (Vietnamese).
    pub anchor_label: Option<String>,
    /// Label of the anchor reached (English).
    pub anchor_label_en: Option<String>,
    /// Revocation facts for the end certificate.
    pub revocation: RevocationInfo,
    /// Certificate policy OIDs valid for the path (RFC 5280 §6.1.5 valid_policy_tree leaves).
    pub policies: Vec<String>,
    /// Findings, codes `pki.*`: the one best sentence first.
    pub findings: Vec<Finding>,
}

/// Validate with Kyso's default options.
pub fn validate(req: &PathRequest, store: &TrustStore) -> PathResult {
    validate_with_options(req, store, &ValidationOptions::default())
}

/// Validate with explicit RFC 5280 §6.1.1 inputs.
pub fn validate_with_options(
    req: &PathRequest,
    store: &TrustStore,
    opts: &ValidationOptions,
) -> PathResult {
    let ev = ParsedEvidence::parse(req.revocation);
    let leaf = match ParsedCert::parse(req.leaf) {
        Ok(c) => c,
        Err(e) => {
            return PathResult {
                status: ChainStatus::NoChainFound,
                chain: Vec::new(),
                anchor_label: None,
                anchor_label_en: None,
                revocation: RevocationInfo::default(),
                policies: Vec::new(),
                findings: vec![Finding::error(
                    codes::LEAF_UNREADABLE,
                    "Không đọc được chứng thư số của người ký.",
                    format!("The signer's certificate could not be read: {e}."),
                )],
            }
        }
    };
    let ctx = Ctx::new(req, store, opts, &ev, 0, Budgets::new());
    let mut res = ctx.run(&leaf);
    // Evidence-level notes (unreadable CRLs...) go after the main sentence.
    res.findings.extend(ev.findings.iter().cloned());
    res
}

/// A root of the store, parsed.
struct Root {
    cert: ParsedCert,
    label_vi: String,
    label_en: String,
}

/// The outcome of one candidate path that failed, ranked.
#[derive(Clone)]
struct Failure {
    status: ChainStatus,
    chain: Vec<Vec<u8>>,
    anchor: Option<(String, String)>,
    finding: Finding,
    revocation: Option<RevocationInfo>,
}

/// rustls-webpki ranks errors so the one reported after every path failed is
/// the most useful; ours, from least to most useful: no issuer at all, a
/// signature that does not verify (often just the wrong one of two same-name
/// CAs), an algorithm refused, a constraint violated, not yet valid, expired,
/// revoked. A later failure replaces the kept one only when it ranks higher.
fn rank(s: ChainStatus) -> u8 {
    match s {
        ChainStatus::NotChecked | ChainStatus::NoChainFound => 0,
        ChainStatus::CertificateSignatureInvalid => 1,
        ChainStatus::CryptoConstraintsFailure => 2,
        ChainStatus::ConstraintsFailure => 3,
        ChainStatus::NotYetValid => 4,
        ChainStatus::ExpiredNoPoe => 5,
        ChainStatus::Revoked | ChainStatus::RevokedNoPoe => 6,
        ChainStatus::Trusted => 7,
    }
}

/// Revocation-data signature checks per validation (CRLs, OCSP responses,
/// responder certificates): 64 items of evidence with a few checks each.
const MAX_REVOCATION_SIGNATURE_CHECKS: u32 = 256;

/// Work budgets, shared with nested validations (revocation signers).
#[derive(Clone)]
struct Budgets {
    signatures: Rc<Cell<u32>>,
    build_calls: Rc<Cell<u32>>,
    revocation_signatures: Rc<Cell<u32>>,
}

impl Budgets {
    fn new() -> Budgets {
        Budgets {
            signatures: Rc::new(Cell::new(MAX_SIGNATURE_CHECKS)),
            build_calls: Rc::new(Cell::new(MAX_BUILD_CALLS)),
            revocation_signatures: Rc::new(Cell::new(MAX_REVOCATION_SIGNATURE_CHECKS)),
        }
    }
}

/// Indices of possible issuers: (roots, pool).
type Issuers = Rc<(Vec<usize>, Vec<usize>)>;

struct Ctx<'a> {
    req: &'a PathRequest<'a>,
    store: &'a TrustStore,
    opts: &'a ValidationOptions,
    ev: &'a ParsedEvidence,
    nesting: u8,
    roots: Vec<Root>,
    pool: Vec<ParsedCert>,
    budgets: Budgets,
    best: RefCell<Option<Failure>>,
    budget_hit: Cell<bool>,
    /// Which budget stopped the search first (for the finding's wording).
    stop: Cell<Option<Stop>>,
    issuer_cache: RefCell<HashMap<[u8; 32], Issuers>>,
}

struct Success {
    chain: Vec<Vec<u8>>,
    anchor: (String, String),
    policies: Vec<String>,
    revocation: RevocationInfo,
    findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    fn new(
        req: &'a PathRequest<'a>,
        store: &'a TrustStore,
        opts: &'a ValidationOptions,
        ev: &'a ParsedEvidence,
        nesting: u8,
        budgets: Budgets,
    ) -> Ctx<'a> {
        let mut roots = Vec::new();
        let mut pool: Vec<ParsedCert> = Vec::new();
        for a in store.anchors() {
            let Ok(pc) = ParsedCert::parse(&a.der) else {
                continue;
            };
            match a.purpose {
                AnchorPurpose::Root => roots.push(Root {
                    cert: pc,
                    label_vi: a.label_vi.clone(),
                    label_en: a.label_en.clone(),
                }),
                AnchorPurpose::Intermediate => pool.push(pc),
            }
        }
        let truncated = req.candidates.len() > MAX_CANDIDATES || ev.certs.len() > MAX_CANDIDATES;
        for der in req.candidates.iter().take(MAX_CANDIDATES) {
            if let Ok(pc) = ParsedCert::parse(der) {
                pool.push(pc);
            }
        }
        for pc in ev.certs.iter().take(MAX_CANDIDATES) {
            pool.push(pc.clone());
        }
        // Duplicates (the same certificate from the CMS and the DSS) only cost time.
        let mut seen = std::collections::HashSet::new();
        pool.retain(|c| seen.insert(c.sha256));
        Ctx {
            req,
            store,
            opts,
            ev,
            nesting,
            roots,
            pool,
            budgets,
            best: RefCell::new(None),
            budget_hit: Cell::new(truncated),
            stop: Cell::new(truncated.then_some(Stop::Candidates)),
            issuer_cache: RefCell::new(HashMap::new()),
        }
    }

    fn run(&self, leaf: &ParsedCert) -> PathResult {
        // The end certificate is itself an anchor: trusted by configuration (RFC 5280 §6.1.1(d)).
        if let Some(root) = self.roots.iter().find(|r| r.cert.der == leaf.der) {
            return PathResult {
                status: ChainStatus::Trusted,
                chain: vec![leaf.der.clone()],
                anchor_label: Some(root.label_vi.clone()),
                anchor_label_en: Some(root.label_en.clone()),
                revocation: RevocationInfo::default(),
                policies: Vec::new(),
                findings: vec![Finding::passed(
                    codes::CHAIN_TRUSTED,
                    format!("Chứng thư số là chứng thư gốc tin cậy: {}.", root.label_vi),
                    format!(
                        "The certificate is itself a trusted anchor: {}.",
                        root.label_en
                    ),
                )],
            };
        }
        let mut path = vec![leaf];
        if let Some(ok) = self.build(&mut path) {
            let mut findings = vec![Finding::passed(
                codes::CHAIN_TRUSTED,
                format!(
                    "Chứng thư số được xác thực tới chứng thư gốc tin cậy \"{}\" tại thời điểm {}.",
                    ok.anchor.0,
                    Time(self.req.time).to_vietnam_display()
                ),
                format!(
                    "The certificate chains to the trusted anchor \"{}\" at {}.",
                    ok.anchor.1,
                    Time(self.req.time)
                ),
            )];
            findings.extend(ok.findings);
            return PathResult {
                status: ChainStatus::Trusted,
                chain: ok.chain,
                anchor_label: Some(ok.anchor.0),
                anchor_label_en: Some(ok.anchor.1),
                revocation: ok.revocation,
                policies: ok.policies,
                findings,
            };
        }
        let best = self.best.borrow().clone();
        match best {
            Some(f) => {
                let mut findings = vec![f.finding];
                if self.budget_hit.get() {
                    findings.push(budget_finding(self.stop.get()));
                }
                PathResult {
                    status: f.status,
                    chain: f.chain,
                    anchor_label: f.anchor.as_ref().map(|a| a.0.clone()),
                    anchor_label_en: f.anchor.map(|a| a.1),
                    revocation: f.revocation.unwrap_or_default(),
                    policies: Vec::new(),
                    findings,
                }
            }
            None => {
                let issuer = describe_parsed(leaf)
                    .issuer_common_name
                    .unwrap_or_else(|| crate::names::rfc4514(&leaf.tbs().issuer));
                let findings = vec![if leaf.is_self_signed() {
                    Finding::error(
                        codes::CHAIN_SELF_SIGNED,
                        "Chứng thư số tự ký (tự phát hành cho chính mình) và không nằm trong danh sách tin cậy: không có tổ chức nào xác nhận danh tính người ký.",
                        "The certificate is self-signed and not in the trust list: no authority vouches for the signer's identity.",
                    )
                } else if self.store.anchors().is_empty() {
                    Finding::error(
                        codes::CHAIN_NO_ANCHORS,
                        "Không có chứng thư gốc tin cậy nào được cài đặt, nên không thể xác thực người ký.",
                        "No trusted anchors are installed, so the signer cannot be authenticated.",
                    )
                } else if let Some(stop) = self.stop.get() {
                    // The search stopped at a budget: the issuer may well be
                    // known; say which limit, not "unknown issuer".
                    stopped_finding(stop)
                } else if !self.issuers_of(leaf).1.is_empty() {
                    Finding::error(
                        codes::CHAIN_NO_ISSUER,
                        format!(
                            "Không tìm thấy đường dẫn tới chứng thư gốc tin cậy: chứng thư của tổ chức phát hành \"{issuer}\" có trong chữ ký, nhưng từ đó không đi tới được chứng thư gốc nào trong danh sách tin cậy (tổ chức cấp trên không được biết)."
                        ),
                        format!(
                            "No path to a trusted anchor: the certificate of the issuer \"{issuer}\" is in the signature, but from it no path reaches an anchor of the trust list (a superior authority is unknown)."
                        ),
                    )
                } else {
                    Finding::error(
                        codes::CHAIN_NO_ISSUER,
                        format!(
                            "Không tìm thấy đường dẫn tới chứng thư gốc tin cậy: Kyso không biết tổ chức phát hành \"{issuer}\" (chứng thư của tổ chức này không có trong chữ ký và trong danh sách tin cậy)."
                        ),
                        format!(
                            "No path to a trusted anchor: Kyso does not know the issuer \"{issuer}\" (its certificate is neither in the signature nor in the trust list)."
                        ),
                    )
                }];
                PathResult {
                    status: ChainStatus::NoChainFound,
                    chain: vec![leaf.der.clone()],
                    anchor_label: None,
                    anchor_label_en: None,
                    revocation: RevocationInfo::default(),
                    policies: Vec::new(),
                    findings,
                }
            }
        }
    }

    fn record(&self, f: Failure) {
        let mut best = self.best.borrow_mut();
        let replace = match &*best {
            None => true,
            Some(b) => rank(f.status) > rank(b.status),
        };
        if replace {
            *best = Some(f);
        }
    }

    /// Record that a budget stopped the search (the first one is named).
    fn stopped(&self, why: Stop) {
        self.budget_hit.set(true);
        if self.stop.get().is_none() {
            self.stop.set(Some(why));
        }
    }

    /// Depth-first search from the last certificate of `path` towards a root.
    /// Possible issuers of `cur` (roots, pool), by name and key identifier,
    /// most promising first: CAs whose SKI equals the AKI, then other CAs,
    /// then the rest (tried so that the failure can be explained). Computed
    /// once per certificate: the name comparisons are the costly part.
    fn issuers_of(&self, cur: &ParsedCert) -> Issuers {
        if let Some(v) = self.issuer_cache.borrow().get(&cur.sha256) {
            return v.clone();
        }
        let roots = (0..self.roots.len())
            .filter(|&i| cur.may_be_issued_by(&self.roots[i].cert))
            .collect();
        let mut pool: Vec<usize> = (0..self.pool.len())
            .filter(|&i| cur.may_be_issued_by(&self.pool[i]))
            .collect();
        pool.sort_by_key(|&i| {
            let c = &self.pool[i];
            let key_match = cur.aki.is_some() && cur.aki == c.ski;
            (!c.is_ca(), !key_match)
        });
        let v = Rc::new((roots, pool));
        self.issuer_cache.borrow_mut().insert(cur.sha256, v.clone());
        v
    }

    /// Depth-first search from the last certificate of `path` towards a root.
    /// Every edge considered costs one unit of the build budget.
    fn build<'p>(&'p self, path: &mut Vec<&'p ParsedCert>) -> Option<Success> {
        let cur = *path.last()?;
        let issuers = self.issuers_of(cur);
        let spend = || {
            let calls = self.budgets.build_calls.get();
            if calls == 0 {
                self.stopped(Stop::BuildCalls);
                return false;
            }
            if self.budgets.signatures.get() == 0 {
                self.stopped(Stop::SignatureChecks);
                return false;
            }
            self.budgets.build_calls.set(calls - 1);
            true
        };
        // Roots first: the shortest path wins.
        for &r in &issuers.0 {
            if !spend() {
                return None;
            }
            match self.evaluate(path, &self.roots[r]) {
                Ok(s) => return Some(s),
                Err(f) => self.record(*f),
            }
        }
        if path.len() > MAX_INTERMEDIATES {
            if !issuers.1.is_empty() {
                self.stopped(Stop::Depth);
            }
            return None;
        }
        for &i in &issuers.1 {
            if !spend() {
                return None;
            }
            let cand = &self.pool[i];
            // No loops: a certificate (or the same name and key) once per path.
            if path.iter().any(|p| {
                p.sha256 == cand.sha256
                    || (p.subject_der == cand.subject_der && p.spki() == cand.spki())
            }) {
                continue;
            }
            path.push(cand);
            let r = self.build(path);
            path.pop();
            if r.is_some() {
                return r;
            }
        }
        None
    }

    fn chain_der(path: &[&ParsedCert], root: &Root) -> Vec<Vec<u8>> {
        path.iter()
            .map(|c| c.der.clone())
            .chain(core::iter::once(root.cert.der.clone()))
            .collect()
    }

    /// RFC 5280 §6.1 for one candidate path, then purpose, algorithms, revocation.
    fn evaluate(&self, path: &[&ParsedCert], root: &Root) -> Result<Success, Box<Failure>> {
        let chain_der = Self::chain_der(path, root);
        let anchor = (root.label_vi.clone(), root.label_en.clone());
        let fail = |status: ChainStatus, finding: Finding| {
            Box::new(Failure {
                status,
                chain: chain_der.clone(),
                anchor: Some(anchor.clone()),
                finding,
                revocation: None,
            })
        };
        let chain: Vec<x509_cert::Certificate> = path.iter().map(|c| c.cert.clone()).collect();
        let anchors = [pkix_path::TrustAnchor::from_cert(root.cert.cert.clone())];
        let t = self.req.time.max(0) as u64;
        let mut pol = pkix_path::ValidationPolicy::new(t);
        pol.max_path_len = (MAX_INTERMEDIATES + 2) as u8;
        pol.initial_explicit_policy = self.opts.initial_explicit_policy;
        pol.initial_any_policy_inhibit = self.opts.initial_any_policy_inhibit;
        pol.initial_policy_mapping_inhibit = self.opts.initial_policy_mapping_inhibit;
        pol.initial_policy_set = self
            .opts
            .initial_policy_set
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect();
        let log = RefCell::new(Vec::new());
        let verifier = KysoVerifier {
            budget: &self.budgets.signatures,
            log: &log,
        };
        let validated = pkix_path::validate_path(&chain, &anchors, &pol, &verifier);
        let validated = match validated {
            Ok(v) => v,
            Err(e) => {
                if self.budgets.signatures.get() == 0 {
                    self.stopped(Stop::SignatureChecks);
                }
                let (status, finding) = explain(&e, path, root, self.req.time, &log.borrow());
                return Err(fail(status, finding));
            }
        };
        if policy_tree_empty_but_required(path, &validated, self.opts) {
            return Err(fail(
                ChainStatus::ConstraintsFailure,
                Finding::error(
                    codes::POLICY_VIOLATED,
                    "Đường dẫn chứng thư không có chính sách chứng thư nào được chấp nhận, trong khi một CA yêu cầu chính sách tường minh.",
                    "No acceptable certificate policy remains for the path, while a CA requires an explicit policy (RFC 5280 §6.1.5(g)).",
                ),
            ));
        }
        let mut findings = Vec::new();
        let leaf = path[0];
        // The end certificate's purpose (RFC 5280 §4.2.1.3, §4.2.1.12; RFC 3161 §2.3).
        match self.req.purpose {
            KeyPurpose::DocumentSigning => {
                let ds = leaf.has_key_usage(KeyUsages::DigitalSignature);
                let nr = leaf.has_key_usage(KeyUsages::NonRepudiation);
                if ds == Some(false) && nr == Some(false) {
                    return Err(fail(
                        ChainStatus::ConstraintsFailure,
                        Finding::error(
                            codes::LEAF_KEY_USAGE,
                            "Chứng thư số của người ký không được phép dùng để ký (thiếu mục đích digitalSignature/nonRepudiation).",
                            "The signer's certificate is not allowed to sign (key usage has neither digitalSignature nor nonRepudiation).",
                        ),
                    ));
                }
            }
            KeyPurpose::TimeStamping => {
                let ok = leaf
                    .eku()
                    .map(|e| e.contains(&OID_KP_TIMESTAMPING))
                    .unwrap_or(false);
                if !ok {
                    return Err(fail(
                        ChainStatus::ConstraintsFailure,
                        Finding::error(
                            codes::TSA_EKU_MISSING,
                            "Chứng thư của máy chủ cấp dấu thời gian không có mục đích sử dụng \"cấp dấu thời gian\" (id-kp-timeStamping).",
                            "The timestamp authority's certificate lacks the timeStamping extended key usage (RFC 3161 §2.3).",
                        ),
                    ));
                }
                if leaf.has_key_usage(KeyUsages::DigitalSignature) == Some(false)
                    && leaf.has_key_usage(KeyUsages::NonRepudiation) == Some(false)
                {
                    return Err(fail(
                        ChainStatus::ConstraintsFailure,
                        Finding::error(
                            codes::LEAF_KEY_USAGE,
                            "Chứng thư của máy chủ cấp dấu thời gian không được phép dùng để ký.",
                            "The timestamp authority's certificate is not allowed to sign (key usage).",
                        ),
                    ));
                }
            }
            KeyPurpose::Any => {}
        }
        // Algorithm policy for every certificate signature and key in the path.
        let mut all: Vec<&ParsedCert> = path.to_vec();
        all.push(&root.cert);
        for (i, c) in all.iter().enumerate() {
            let is_anchor = i + 1 == all.len();
            if !is_anchor {
                if let Ok(alg) =
                    SignatureAlg::from_algorithm_identifier(&c.cert.signature_algorithm, None)
                {
                    if let Some(d) = alg.digest() {
                        match self.req.policy.digest(d, Use::Certificate, Some(self.req.time)) {
                            Acceptance::Accepted => {}
                            Acceptance::AcceptedWithWarning(w) => findings.push(Finding::warning(
                                codes::ALGORITHM_WEAK_CERTIFICATE_DIGEST,
                                format!(
                                    "Chứng thư \"{}\" được ký bằng thuật toán băm cũ {} (chấp nhận kèm cảnh báo).",
                                    c.subject_display(),
                                    d.name()
                                ),
                                format!("Certificate \"{}\" is signed with the old digest {}: {w}.", c.subject_display(), d.name()),
                            )),
                            Acceptance::Rejected { reason, .. } => {
                                return Err(fail(
                                    ChainStatus::CryptoConstraintsFailure,
                                    Finding::error(
                                        codes::ALGORITHM_REJECTED,
                                        format!(
                                            "Chứng thư \"{}\" dùng thuật toán không còn an toàn ({}).",
                                            c.subject_display(),
                                            d.name()
                                        ),
                                        format!("Certificate \"{}\" uses an unsafe algorithm: {reason}.", c.subject_display()),
                                    ),
                                ))
                            }
                        }
                    }
                }
            }
            if let Ok(k) = KeyInfo::from_spki(c.spki()) {
                if let Acceptance::Rejected { reason, .. } =
                    self.req.policy.key(&k, Some(self.req.time))
                {
                    return Err(fail(
                        ChainStatus::CryptoConstraintsFailure,
                        Finding::error(
                            codes::ALGORITHM_WEAK_KEY,
                            format!(
                                "Chứng thư \"{}\" có khóa quá yếu ({}).",
                                c.subject_display(),
                                k.description()
                            ),
                            format!(
                                "Certificate \"{}\" has a key that is too weak: {reason}.",
                                c.subject_display()
                            ),
                        ),
                    ));
                }
            }
        }
        // Revocation (RFC 5280 §6.3) for every certificate below the anchor.
        let mut leaf_rev = RevocationInfo::default();
        for (i, c) in path.iter().enumerate() {
            let issuer: &ParsedCert = if i + 1 < path.len() {
                path[i + 1]
            } else {
                &root.cert
            };
            let r = revocation::check(c, issuer, self.req.time, self.ev, self);
            let is_leaf = i == 0;
            match &r.status {
                Status::Revoked { at, reason, source } => {
                    let mut f = fail(
                        ChainStatus::Revoked,
                        revocation::revoked_finding(*at, reason, source, !is_leaf),
                    );
                    f.revocation = Some(RevocationInfo {
                        status: RevocationStatus::Revoked,
                        revoked_at: Some(Time(*at)),
                        source: Some((*source).to_string()),
                        findings: r.findings.clone(),
                    });
                    return Err(f);
                }
                Status::Good {
                    source,
                    revoked_later,
                } => {
                    if is_leaf {
                        let mut rf = r.findings.clone();
                        rf.insert(
                            0,
                            Finding::passed(
                                codes::REVOCATION_GOOD,
                                format!(
                                    "Chứng thư số chưa bị thu hồi tại thời điểm kiểm tra (theo {} đi kèm chữ ký).",
                                    source.to_uppercase()
                                ),
                                format!(
                                    "The certificate was not revoked at the validation time (per the embedded {}).",
                                    source.to_uppercase()
                                ),
                            ),
                        );
                        if let Some(later) = revoked_later {
                            rf.push(Finding::info(
                                codes::REVOCATION_REVOKED_LATER,
                                format!(
                                    "Chứng thư số bị thu hồi sau đó, từ {}, tức là sau thời điểm ký đã được chứng minh; chữ ký vẫn có giá trị.",
                                    Time(*later).to_vietnam_display()
                                ),
                                format!(
                                    "The certificate was revoked later, on {}, after the proven signing time; the signature stays valid.",
                                    Time(*later)
                                ),
                            ));
                        }
                        leaf_rev = RevocationInfo {
                            status: RevocationStatus::Good,
                            revoked_at: revoked_later.map(Time),
                            source: Some((*source).to_string()),
                            findings: rf,
                        };
                    }
                }
                Status::Unknown => {
                    if self.opts.require_revocation {
                        let mut f = fail(
                            ChainStatus::ConstraintsFailure,
                            Finding::error(
                                codes::REVOCATION_MISSING,
                                format!(
                                    "Không có thông tin thu hồi dùng được cho chứng thư \"{}\".",
                                    c.subject_display()
                                ),
                                format!(
                                    "No usable revocation information for certificate \"{}\".",
                                    c.subject_display()
                                ),
                            ),
                        );
                        f.revocation = Some(RevocationInfo {
                            findings: r.findings.clone(),
                            ..Default::default()
                        });
                        return Err(f);
                    }
                    if is_leaf {
                        let mut rf = vec![not_checked_finding(self.ev.is_empty())];
                        rf.extend(r.findings.clone());
                        leaf_rev = RevocationInfo {
                            findings: rf,
                            ..Default::default()
                        };
                    }
                }
            }
        }
        findings.extend(leaf_rev.findings.iter().take(1).cloned());
        let policies = validated
            .valid_policy_tree
            .as_ref()
            .map(|nodes| {
                let max = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
                let mut v: Vec<String> = nodes
                    .iter()
                    .filter(|n| n.depth == max)
                    .map(|n| n.valid_policy.to_string())
                    .collect();
                v.sort();
                v.dedup();
                v
            })
            .unwrap_or_default();
        Ok(Success {
            chain: chain_der,
            anchor,
            policies,
            revocation: leaf_rev,
            findings,
        })
    }
}

impl SignerTrust for Ctx<'_> {
    fn spend_signature(&self) -> bool {
        let left = self.budgets.revocation_signatures.get();
        if left == 0 {
            self.stopped(Stop::RevocationSignatureChecks);
            return false;
        }
        self.budgets.revocation_signatures.set(left - 1);
        true
    }

    fn signer_candidates(&self) -> &[ParsedCert] {
        &self.pool
    }

    /// A CRL signer with its own key must itself chain to an anchor at `time`.
    fn trusted_signer(&self, signer: &ParsedCert, time: i64) -> bool {
        if self.nesting >= MAX_NESTING {
            return false;
        }
        let cands: Vec<Vec<u8>> = self.pool.iter().map(|c| c.der.clone()).collect();
        let req = PathRequest {
            leaf: &signer.der,
            candidates: &cands,
            time,
            purpose: KeyPurpose::Any,
            revocation: self.req.revocation,
            policy: self.req.policy,
        };
        // Soft revocation for signers of revocation data: a signer shown revoked
        // is refused, one without evidence is accepted (a CRL issuer's own
        // status often rests on the CRL it signed itself: PKITS 4.14.30).
        let opts = ValidationOptions::default();
        // Nested validations draw on the same budgets: a hostile bag of CRLs and
        // signers cannot multiply the work.
        let ctx = Ctx::new(
            &req,
            self.store,
            &opts,
            self.ev,
            self.nesting + 1,
            self.budgets.clone(),
        );
        ctx.run(signer).status == ChainStatus::Trusted
    }
}

/// RFC 5280 §6.1.5(g): with explicit_policy = 0, the path fails when the
/// valid_policy_tree (after intersection with user-initial-policy-set) has no
/// node at the leaf's depth. `pkix-path` 0.3.2 can leave childless ancestors
/// after the §6.1.5(g)(iii) intersection (PKITS 4.8.14 with policy 2), so the
/// check is repeated here: explicit_policy is recomputed (§6.1.2(d),
/// §6.1.4(h)/(i), §6.1.5(a)/(b)) and the tree inspected.
fn policy_tree_empty_but_required(
    path: &[&ParsedCert],
    validated: &pkix_path::ValidatedPath,
    opts: &ValidationOptions,
) -> bool {
    use x509_cert::ext::pkix::PolicyConstraints;
    let n = path.len();
    let mut explicit: u64 = if opts.initial_explicit_policy {
        0
    } else {
        n as u64 + 1
    };
    // Processing order: the certificate issued by the anchor first, the leaf last.
    for (k, c) in path.iter().rev().enumerate() {
        let is_leaf = k + 1 == n;
        if !c.is_self_issued() {
            explicit = explicit.saturating_sub(1);
        }
        if let Some(req) = c
            .tbs()
            .get::<PolicyConstraints>()
            .ok()
            .flatten()
            .and_then(|(_, p)| p.require_explicit_policy)
        {
            if is_leaf {
                if req == 0 {
                    explicit = 0;
                }
            } else {
                explicit = explicit.min(req as u64);
            }
        }
    }
    if explicit > 0 {
        return false;
    }
    match &validated.valid_policy_tree {
        None => true,
        Some(nodes) => !nodes.iter().any(|nd| nd.depth == n),
    }
}

/// The budget that stopped a path search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// [`MAX_SIGNATURE_CHECKS`].
    SignatureChecks,
    /// [`MAX_BUILD_CALLS`].
    BuildCalls,
    /// [`MAX_INTERMEDIATES`].
    Depth,
    /// [`MAX_CANDIDATES`].
    Candidates,
    /// [`MAX_REVOCATION_SIGNATURE_CHECKS`].
    RevocationSignatureChecks,
}

impl Stop {
    fn describe(self) -> (String, String) {
        match self {
            Stop::SignatureChecks => (
                format!("tối đa {MAX_SIGNATURE_CHECKS} lần kiểm tra chữ ký trên chứng thư"),
                format!("at most {MAX_SIGNATURE_CHECKS} certificate signature checks"),
            ),
            Stop::BuildCalls => (
                format!("tối đa {MAX_BUILD_CALLS} bước dựng đường dẫn"),
                format!("at most {MAX_BUILD_CALLS} path-building steps"),
            ),
            Stop::Depth => (
                format!("tối đa {MAX_INTERMEDIATES} chứng thư trung gian trong một đường dẫn"),
                format!("at most {MAX_INTERMEDIATES} intermediate certificates in one path"),
            ),
            Stop::Candidates => (
                format!("tối đa {MAX_CANDIDATES} chứng thư ứng viên từ chữ ký và dữ liệu kèm theo"),
                format!("at most {MAX_CANDIDATES} candidate certificates from the signature and its evidence"),
            ),
            Stop::RevocationSignatureChecks => (
                format!("tối đa {MAX_REVOCATION_SIGNATURE_CHECKS} lần kiểm tra chữ ký của dữ liệu thu hồi"),
                format!("at most {MAX_REVOCATION_SIGNATURE_CHECKS} signature checks of revocation data"),
            ),
        }
    }
}

/// No path was found because the search stopped at `stop` (an error: the
/// signer could not be authenticated, and the reason is a limit, not an
/// unknown issuer).
fn stopped_finding(stop: Stop) -> Finding {
    let (vi, en) = stop.describe();
    Finding::error(
        codes::CHAIN_BUDGET_EXCEEDED,
        format!("Không dựng được đường dẫn tới chứng thư gốc tin cậy: Kyso dừng tìm kiếm ở giới hạn an toàn ({vi}). Chữ ký mang nhiều chứng thư bất thường; không thể xác thực người ký."),
        format!("No path to a trusted anchor could be built: Kyso stopped searching at its safety limit ({en}). The signature carries an unusual number of certificates; the signer cannot be authenticated."),
    )
}

/// A path search stopped at a budget, after or beside another outcome.
fn budget_finding(stop: Option<Stop>) -> Finding {
    let (vi, en) = stop.unwrap_or(Stop::BuildCalls).describe();
    Finding::warning(
        codes::CHAIN_BUDGET_EXCEEDED,
        format!("Dừng tìm đường dẫn chứng thư ở giới hạn an toàn ({vi}); có thể còn đường dẫn khác chưa được thử."),
        format!("Stopped building certificate paths at a safety limit ({en}); other paths may not have been tried."),
    )
}

fn not_checked_finding(no_evidence: bool) -> Finding {
    if no_evidence {
        Finding::info(
            codes::REVOCATION_NOT_CHECKED,
            "Chưa kiểm tra tình trạng thu hồi: chữ ký không kèm dữ liệu thu hồi (CRL/OCSP); Kyso không tự liên hệ máy chủ của CA, và máy chủ OCSP/CRL của CA Chính phủ chỉ dùng http thường.",
            "Revocation not checked: no revocation data is embedded; Kyso does not contact the CA's server, and the government CA's OCSP/CRL are plain http.",
        )
    } else {
        Finding::warning(
            codes::REVOCATION_NOT_CHECKED,
            "Chưa kiểm tra được tình trạng thu hồi: dữ liệu thu hồi đi kèm không áp dụng được cho chứng thư này tại thời điểm kiểm tra.",
            "Revocation not checked: the embedded revocation data does not apply to this certificate at the validation time.",
        )
    }
}

/// Turn a chain-walk error into a status and the sentence a reader needs.
fn explain(
    e: &pkix_path::Error,
    path: &[&ParsedCert],
    root: &Root,
    time: i64,
    sig_log: &[Result<SignatureAlg, CryptoError>],
) -> (ChainStatus, Finding) {
    use pkix_path::Error as E;
    let name_at = |i: usize| {
        path.get(i)
            .map(|c| c.subject_display())
            .unwrap_or_else(|| root.cert.subject_display())
    };
    let who = |i: usize| {
        if i == 0 {
            (
                "Chứng thư số của người ký".to_string(),
                "The signer's certificate".to_string(),
            )
        } else {
            (
                format!("Chứng thư CA trung gian \"{}\"", name_at(i)),
                format!("Intermediate CA certificate \"{}\"", name_at(i)),
            )
        }
    };
    let constraint = |code: &str, i: usize, vi: &str, en: &str| {
        let (wv, we) = who(i);
        (
            ChainStatus::ConstraintsFailure,
            Finding::error(code, format!("{wv} {vi}."), format!("{we} {en}.")),
        )
    };
    match e {
        E::SignatureInvalid { index } => {
            let (wv, we) = who(*index);
            match sig_log.iter().rev().find_map(|r| r.as_ref().err()) {
                Some(CryptoError::Unsupported(a)) => (
                    ChainStatus::CryptoConstraintsFailure,
                    Finding::error(
                        codes::SIGNATURE_UNSUPPORTED,
                        format!("{wv} dùng thuật toán chữ ký mà Kyso không hỗ trợ ({a})."),
                        format!("{we} uses a signature algorithm Kyso does not support ({a})."),
                    ),
                ),
                _ => (
                    ChainStatus::CertificateSignatureInvalid,
                    Finding::error(
                        codes::SIGNATURE_INVALID,
                        format!("{wv} có chữ ký của tổ chức phát hành không hợp lệ."),
                        format!("{we} carries an issuer signature that does not verify."),
                    ),
                ),
            }
        }
        E::ValidityPeriod { index } => {
            // The chain walk stops at the first certificate from the anchor
            // down; the reader cares about the one closest to the signer.
            let index = &path
                .iter()
                .position(|c| time < c.not_before() || time > c.not_after())
                .unwrap_or(*index);
            let c = path.get(*index).copied().unwrap_or(&root.cert);
            let (wv, we) = who(*index);
            if time > c.not_after() {
                (
                    ChainStatus::ExpiredNoPoe,
                    Finding::error(
                        if *index == 0 { codes::LEAF_EXPIRED } else { codes::CA_EXPIRED },
                        format!(
                            "{wv} đã hết hạn ngày {}, trước thời điểm kiểm tra {}, và không có bằng chứng (dấu thời gian) rằng chữ ký có trước khi hết hạn.",
                            Time(c.not_after()).to_vietnam_display(),
                            Time(time).to_vietnam_display()
                        ),
                        format!(
                            "{we} expired on {}, before the validation time {}, with no proof (timestamp) that the signature existed before expiry.",
                            Time(c.not_after()),
                            Time(time)
                        ),
                    ),
                )
            } else {
                (
                    ChainStatus::NotYetValid,
                    Finding::error(
                        if *index == 0 { codes::LEAF_NOT_YET_VALID } else { codes::CA_NOT_YET_VALID },
                        format!(
                            "{wv} chỉ có hiệu lực từ {}, sau thời điểm kiểm tra {}.",
                            Time(c.not_before()).to_vietnam_display(),
                            Time(time).to_vietnam_display()
                        ),
                        format!("{we} is valid only from {}, after the validation time {}.", Time(c.not_before()), Time(time)),
                    ),
                )
            }
        }
        E::NotCA { index } => constraint(codes::CA_NOT_CA, *index, "không phải là chứng thư của CA (basicConstraints) nhưng lại phát hành chứng thư khác", "is not a CA certificate (basicConstraints) yet issued another certificate"),
        E::PathTooLong => constraint(codes::CA_PATH_LENGTH, 1, "vượt quá giới hạn độ dài đường dẫn (pathLenConstraint)", "exceeds a path length constraint (pathLenConstraint)"),
        E::KeyUsageMissing { index } => constraint(codes::CA_KEY_USAGE, *index, "không được phép ký chứng thư (thiếu keyCertSign)", "is not allowed to sign certificates (no keyCertSign)"),
        E::CrlSignMissing { index } => constraint(codes::CA_CRL_SIGN, *index, "không được phép ký danh sách thu hồi (thiếu cRLSign)", "is not allowed to sign CRLs (no cRLSign)"),
        E::UnhandledCriticalExtension { index } => constraint(codes::CERT_UNKNOWN_CRITICAL_EXTENSION, *index, "có phần mở rộng quan trọng (critical) mà Kyso không hiểu, nên không được chấp nhận", "has a critical extension Kyso does not understand, so it must be rejected (RFC 5280 §4.2)"),
        E::NameConstraintViolation { index } => constraint(codes::NAME_CONSTRAINTS_VIOLATED, *index, "có tên nằm ngoài phạm vi mà CA cấp trên cho phép (name constraints)", "has a name outside what a superior CA permits (name constraints)"),
        E::PolicyViolation { index } => constraint(codes::POLICY_VIOLATED, *index, "không đáp ứng chính sách chứng thư yêu cầu (certificate policies)", "does not satisfy the required certificate policies"),
        E::MalformedCertificate { index } => constraint(codes::CERT_MALFORMED, *index, "có cấu trúc không hợp lệ", "is malformed"),
        E::ChainBroken { index } => constraint(codes::CHAIN_BROKEN, *index, "không nối đúng với tổ chức phát hành", "does not link to its issuer"),
        E::NoTrustedPath => (
            ChainStatus::NoChainFound,
            Finding::error(
                codes::CHAIN_NO_ISSUER,
                "Không tìm thấy đường dẫn tới chứng thư gốc tin cậy.",
                "No path to a trusted anchor was found.",
            ),
        ),
        other => (
            ChainStatus::ConstraintsFailure,
            Finding::error(
                codes::CHAIN_INVALID,
                "Đường dẫn chứng thư không hợp lệ theo RFC 5280.",
                format!("The certificate path is not valid under RFC 5280: {other:?}."),
            ),
        ),
    }
}
