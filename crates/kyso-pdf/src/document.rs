//! The document: header, revisions (incremental updates), lazy object access.

use crate::crypt::{Decryptor, Encryption};
use crate::error::{limit, PdfError};
use crate::input::Input;
use crate::lexer::{find, Lexer};
use crate::object::{Dict, ObjRef, Object, Stream};
use crate::xref::{read_section, Section, XrefEntry, XrefKind};
use crate::Limits;
use kyso_report::Finding;
use kyso_source::Source;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// One revision: the original document or one incremental update (§7.5.6).
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// 0 for the original document.
    pub index: usize,
    /// First byte belonging to this revision (0 for the first).
    pub start: usize,
    /// One past its `%%EOF` marker, plus the EOL that follows it, if any.
    pub end: usize,
    /// Byte offset of this revision's xref section as located (the `startxref`
    /// or `/Prev` value, unless that was wrong and a warning says so).
    pub startxref: usize,
    /// Table, stream or hybrid.
    pub xref_kind: XrefKind,
    /// Entries defined in THIS revision's xref section(s), with offsets as
    /// located (a slightly wrong offset is corrected and warned about).
    pub entries: BTreeMap<u32, XrefEntry>,
    /// The trailer (or xref stream dictionary) of this revision.
    pub trailer: Dict,
    /// One past the `%%EOF` marker itself (`end` minus the EOL).
    pub eof_marker_end: usize,
}

/// Revisions up to which [`Document::entry`] looks through each revision's
/// own entries, newest first (a few map lookups); above it, through
/// [`Definitions`]. Documents with a handful of signatures have fewer.
const REVISIONS_UNINDEXED: usize = 8;

/// Which revisions define each object number: the newest, and for each
/// definition the one before it. Numbers defined once (nearly all) cost one
/// map entry; the chain is only as long as an object was redefined.
#[derive(Debug, Default)]
struct Definitions {
    /// Object number → the newest revision whose own entries define it.
    newest: HashMap<u32, u32>,
    /// (revision, object number) → the next older revision defining it.
    older: HashMap<(u32, u32), u32>,
}

impl Definitions {
    fn new(revisions: &[Revision]) -> Definitions {
        let mut d = Definitions::default();
        for (i, r) in revisions.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for &num in r.entries.keys() {
                if let Some(before) = d.newest.insert(num, i) {
                    d.older.insert((i, num), before);
                }
            }
        }
        d
    }
}

/// A decoded object stream (§7.5.7).
struct ObjStm {
    data: Vec<u8>,
    first: usize,
    /// (object number, offset relative to `first`).
    index: Vec<(u32, usize)>,
}

/// A parsed PDF. Borrows the input; objects are parsed on demand through the xref.
pub struct Document<'a> {
    input: Input<'a>,
    limits: Limits,
    version: Option<String>,
    revisions: Vec<Revision>,
    /// Every offset of a cross-reference section the trailer chain names or
    /// uses (as recorded and as found, `/XRefStm` included), sorted.
    chain_offsets: Vec<usize>,
    warnings: Vec<Finding>,
    late_warnings: Mutex<Vec<Finding>>,
    /// Budgets a walk ran out of (`crate::codes`), in the order first met.
    exceeded: Mutex<Vec<&'static str>>,
    /// Objects parsed so far (`object_reads`).
    reads: AtomicUsize,
    /// Which revisions define each object number, built on the first lookup
    /// of a document with many revisions (see [`Document::entry`]).
    definitions: OnceLock<Definitions>,
    encryption: Option<Encryption>,
    decryptor: Option<Decryptor>,
    encrypt_ref: Option<ObjRef>,
    objstm_cache: Mutex<(usize, HashMap<usize, Arc<ObjStm>>)>,
    /// `(from, found)`: the last `endstream` search (see `find_endstream`).
    endstream_memo: Mutex<(usize, usize)>,
}

impl std::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("len", &self.input.len())
            .field("version", &self.version)
            .field("revisions", &self.revisions.len())
            .field("encryption", &self.encryption)
            .finish()
    }
}

pub(crate) fn warn(code: &str, vi: String, en: String) -> Finding {
    Finding::warning(code, vi, en)
}

/// Skip one EOL (CRLF, LF or CR) at `pos`.
fn after_eol(input: &Input<'_>, pos: usize) -> usize {
    match (input.byte(pos).as_ref(), input.byte(pos + 1).as_ref()) {
        (Some(b'\r'), Some(b'\n')) => pos + 2,
        (Some(b'\r'), _) | (Some(b'\n'), _) => pos + 1,
        _ => pos,
    }
}

impl<'a> Document<'a> {
    /// Parse the structure: header, every xref section along the `/Prev`
    /// chain, revision boundaries, encryption. Objects are read lazily later.
    pub fn parse(bytes: &'a [u8], limits: &Limits) -> Result<Document<'a>, PdfError> {
        Self::parse_input(Input::Mem(bytes), limits)
    }

    /// Parse the structure of the PDF `src` reads, reading only what the
    /// structure needs (the tail, the xref chain, later the objects resolved)
    /// through a bounded cache: the input is never held whole. An input in
    /// memory is parsed as by [`Document::parse`].
    pub fn parse_source(src: &'a dyn Source, limits: &Limits) -> Result<Document<'a>, PdfError> {
        if src.len() > limits.max_file_size as u64 {
            return Err(limit(crate::codes::LIMIT_FILE_SIZE));
        }
        let input = Input::new(src).ok_or(limit(crate::codes::LIMIT_FILE_SIZE))?;
        Self::parse_input(input, limits)
    }

    fn parse_input(input: Input<'a>, limits: &Limits) -> Result<Document<'a>, PdfError> {
        let len = input.len();
        if len > limits.max_file_size {
            return Err(limit(crate::codes::LIMIT_FILE_SIZE));
        }
        let mut warnings = Vec::new();
        // §7.5.2 header; Annex H.3 (implementation note): readers accept it within the first 1024 bytes.
        let head = input.get(0, len.min(1024)).unwrap_or_default();
        let hpos = find(&head, b"%PDF-", 0);
        if hpos.is_none() {
            // Keep reading if the rest of the structure is sound: a damaged
            // header is then reported, and the signatures (whose signed bytes
            // include the header) fail their digest check instead of vanishing.
            if input.rfind(b"startxref", 0, len).is_none() {
                return Err(PdfError::NoHeader);
            }
            warnings.push(PdfError::NoHeader.to_finding());
        }
        let hpos = hpos.unwrap_or(0);
        let has_header = head.get(hpos..).is_some_and(|b| b.starts_with(b"%PDF-"));
        if hpos > 0 {
            warnings.push(warn(
                crate::codes::HEADER_OFFSET,
                format!("Có {hpos} byte rác trước phần đầu “%PDF-”; vẫn đọc tiếp."),
                format!("{hpos} stray bytes precede the %PDF- header; reading anyway."),
            ));
        }
        let vstart = hpos + 5;
        let vlen = head
            .get(vstart..)
            .unwrap_or(&[])
            .iter()
            .take(8)
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .count();
        let version = head
            .get(vstart..vstart + vlen)
            .filter(|_| has_header)
            .and_then(|v| std::str::from_utf8(v).ok())
            .filter(|v| !v.is_empty())
            .map(str::to_owned);

        // §7.5.5: the last `startxref` gives the newest xref section.
        let sx = input
            .rfind(b"startxref", 0, len)
            .ok_or(PdfError::NoStartxref)?;
        let (startxref, after_sx) =
            input.parse_at(sx + 9, limits.read_window, |buf, pos, base| {
                let mut lx = Lexer::new(buf, pos, Some(base), 1, 1);
                let v = lx
                    .read_uint()
                    .and_then(|v| usize::try_from(v).ok())
                    .ok_or(PdfError::NoStartxref)?;
                Ok((v, base + lx.pos))
            })?;
        let last_eof = input.find(b"%%EOF", after_sx, len);
        match last_eof {
            None => warnings.push(warn(
                crate::codes::NO_EOF_MARKER,
                "Tệp không kết thúc bằng dấu “%%EOF”; có thể bị cắt cụt.".into(),
                "The file does not end with a %%EOF marker; it may be truncated.".into(),
            )),
            Some(e) => {
                let tail_at = after_eol(&input, e + 5);
                if !input.all_ws_from(tail_at) {
                    let n = len.saturating_sub(tail_at);
                    warnings.push(warn(
                        crate::codes::TRAILING_BYTES,
                        format!("Có {n} byte nằm sau dấu “%%EOF” cuối cùng, không thuộc phiên bản nào của tài liệu."),
                        format!("{n} bytes follow the last %%EOF and belong to no revision of the document."),
                    ));
                }
            }
        }

        // Walk the /Prev chain, newest first.
        let mut budget = limits.max_xref_entries;
        let mut chain: Vec<(usize, Section)> = Vec::new(); // (startxref value, section)
        let mut visited = HashSet::new();
        // Where the sections actually are (a recorded offset may be a few bytes off).
        let mut read_at = HashSet::new();
        let mut xref_stms = Vec::new();
        let mut next = Some(startxref);
        while let Some(off) = next {
            // A chain that comes back to a section it has read has no first
            // revision: which objects belong to which version is undefined.
            // Stopping there would silently drop the revisions not yet read
            // (possibly the signed ones) and answer about a document that does
            // not exist, so the file is refused (`pdf.xref.prev_loop`).
            let closing = chain.last().map_or(off, |(_, s)| s.offset);
            if !visited.insert(off) {
                return Err(PdfError::PrevLoop { offset: closing });
            }
            if chain.len() >= limits.max_revisions {
                return Err(limit(crate::codes::LIMIT_REVISIONS));
            }
            let mut sec = match Self::locate_section(
                &input,
                off,
                limits,
                &mut budget,
                &mut warnings,
            ) {
                Ok(s) => s,
                Err(e @ PdfError::Limit { .. }) => return Err(e),
                Err(e) => {
                    // A broken /Prev: fall back to the section that the update
                    // just before this one names in its own `startxref … %%EOF`.
                    // This uses the file's recorded xref sections only; no
                    // entry is reconstructed by scanning objects.
                    let Some(newer) = chain.last().map(|(_, s)| s.offset) else {
                        return Err(e);
                    };
                    let found = Self::previous_marker(&input, newer)
                        .into_iter()
                        .filter(|m| !visited.contains(m))
                        .find_map(|m| {
                            let mut scratch = Vec::new();
                            let s =
                                Self::locate_section(&input, m, limits, &mut budget, &mut scratch)
                                    .ok()?;
                            Some((m, s, scratch))
                        });
                    match found {
                        Some((m, s, scratch)) => {
                            visited.insert(m);
                            warnings.extend(scratch);
                            warnings.push(warn(
                                crate::codes::XREF_BAD_PREV,
                                format!("Mục /Prev của bảng xref tại vị trí {newer} trỏ sai (tới {off}); đã dùng bảng xref mà phiên bản trước tự ghi ở “startxref” ({m})."),
                                format!("The /Prev of the xref section at byte {newer} is wrong (points to {off}); used the section the previous update names in its own startxref ({m})."),
                            ));
                            s
                        }
                        None => return Err(e),
                    }
                }
            };
            if !read_at.insert(sec.offset) {
                return Err(PdfError::PrevLoop { offset: closing });
            }
            // §7.5.8.4: hybrid-reference file. Entries of the hidden stream
            // fill in what the table leaves absent or marks free.
            if let Some(xs) = sec
                .trailer
                .get(b"XRefStm".as_slice())
                .and_then(Object::as_int)
            {
                let xs = usize::try_from(xs).map_err(|_| PdfError::BadXref {
                    offset: off,
                    reason: "negative /XRefStm",
                })?;
                let hidden = Self::locate_section(&input, xs, limits, &mut budget, &mut warnings)?;
                xref_stms.push(xs);
                xref_stms.push(hidden.offset);
                if hidden.kind != XrefKind::Stream {
                    return Err(PdfError::BadXref {
                        offset: xs,
                        reason: "/XRefStm does not point to an xref stream",
                    });
                }
                for (n, e) in hidden.entries {
                    match sec.entries.get(&n) {
                        None | Some(XrefEntry::Free { .. }) => {
                            sec.entries.insert(n, e);
                        }
                        _ => {}
                    }
                }
                sec.kind = XrefKind::Hybrid;
                sec.end = sec.end.max(hidden.end);
            }
            next = match sec.trailer.get(b"Prev".as_slice()) {
                None => None,
                Some(p) => Some(p.as_int().and_then(|v| usize::try_from(v).ok()).ok_or(
                    PdfError::BadXref {
                        offset: off,
                        reason: "/Prev is not a non-negative integer",
                    },
                )?),
            };
            chain.push((sec.offset, sec));
        }

        // Group sections into revisions: a /Prev pointing FORWARD in the file
        // is the first-page section of a linearized file (Annex F.3.4), which
        // belongs to the same revision as the main section it points to.
        let mut groups: Vec<Vec<(usize, Section)>> = Vec::new();
        let mut prev_off: Option<usize> = None;
        for (sx_val, sec) in chain {
            let forward = prev_off.is_some_and(|p| sec.offset > p);
            prev_off = Some(sec.offset);
            match groups.last_mut() {
                Some(g) if forward => g.push((sx_val, sec)),
                _ => groups.push(vec![(sx_val, sec)]),
            }
        }
        groups.reverse(); // oldest first

        let mut revisions = Vec::with_capacity(groups.len());
        let mut start = 0usize;
        let mut no_eof_after = usize::MAX;
        for (index, g) in groups.into_iter().enumerate() {
            let startxref = g.first().map(|(s, _)| *s).unwrap_or(0);
            let xref_kind = g.first().map(|(_, s)| s.kind).unwrap_or(XrefKind::Table);
            let trailer = g
                .first()
                .map(|(_, s)| s.trailer.clone())
                .unwrap_or_default();
            let sec_end = g.iter().map(|(_, s)| s.end).max().unwrap_or(0);
            let mut entries = BTreeMap::new();
            for (_, s) in g {
                for (n, e) in s.entries {
                    entries.entry(n).or_insert(e);
                }
            }
            // A failed search proves there is no marker after `sec_end`; later
            // revisions start later, so they need not search again.
            let marker = if sec_end >= no_eof_after {
                None
            } else {
                input.find(b"%%EOF", sec_end, len)
            };
            if marker.is_none() {
                no_eof_after = no_eof_after.min(sec_end);
            }
            let (eof_marker_end, end) = match marker {
                Some(e) => (e + 5, after_eol(&input, e + 5)),
                None => (len, len),
            };
            if end < start {
                warnings.push(warn(
                    crate::codes::REVISION_OUT_OF_ORDER,
                    format!(
                        "Phiên bản {} của tài liệu nằm trước phiên bản trước nó trong tệp.",
                        index + 1
                    ),
                    format!(
                        "Revision {} lies before the previous revision in the file.",
                        index + 1
                    ),
                ));
            }
            revisions.push(Revision {
                index,
                start,
                end,
                startxref,
                xref_kind,
                entries,
                trailer,
                eof_marker_end,
            });
            start = end.max(start);
        }
        // Split check by %%EOF markers: an update appended without being chained by /Prev.
        let last_end = revisions.last().map(|r| r.end).unwrap_or(0);
        if let Some(extra) = input.find(b"%%EOF", last_end, len) {
            let _ = extra;
            warnings.push(warn(
                crate::codes::REVISION_UNCHAINED,
                "Sau phiên bản cuối cùng còn một phần cập nhật có dấu “%%EOF” nhưng không được bảng xref liên kết.".into(),
                "After the last revision there is an update ending in %%EOF that no xref section links to.".into(),
            ));
        }

        let mut chain_offsets: Vec<usize> = visited
            .into_iter()
            .chain(read_at)
            .chain(xref_stms)
            .collect();
        chain_offsets.sort_unstable();
        chain_offsets.dedup();
        let mut doc = Document {
            input,
            limits: limits.clone(),
            version,
            revisions,
            chain_offsets,
            warnings,
            late_warnings: Mutex::new(Vec::new()),
            exceeded: Mutex::new(Vec::new()),
            reads: AtomicUsize::new(0),
            definitions: OnceLock::new(),
            encryption: None,
            decryptor: None,
            encrypt_ref: None,
            objstm_cache: Mutex::new((0, HashMap::new())),
            endstream_memo: Mutex::new((usize::MAX, usize::MAX)),
        };
        doc.check_offsets();
        doc.open_encryption();
        Ok(doc)
    }

    /// Where the update that ends just before byte `before` keeps its xref
    /// section: the value of its own `startxref … %%EOF`, and, for a classic
    /// table, the `xref` keyword right before its `trailer` (for when that
    /// `startxref` value is itself wrong). Candidates in that order.
    fn previous_marker(input: &Input<'_>, before: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut end = before;
        // Each step moves `end` strictly backwards, so this terminates.
        while let Some(sx) = input.rfind(b"startxref", 0, end) {
            // `startxref`, a number, white space, `%%EOF`: a short window
            // (white space beyond it is not a real update's).
            let (buf, base) = input.window(sx + 9, 4096).unwrap_or_default();
            let mut lx = Lexer::new(&buf, sx + 9 - base, Some(base), 1, 1);
            if let Some(v) = lx.read_uint().and_then(|v| usize::try_from(v).ok()) {
                // White space only: `skip_ws` would read `%%EOF` as a comment.
                let eof_at = lx.pos
                    + buf
                        .get(lx.pos..)
                        .unwrap_or(&[])
                        .iter()
                        .take_while(|b| crate::lexer::is_ws(**b))
                        .count();
                if buf.get(eof_at..).is_some_and(|r| r.starts_with(b"%%EOF")) {
                    if v < sx {
                        out.push(v);
                    }
                    if let Some(t) = input.rfind(b"trailer", 0, sx) {
                        // The last `xref` keyword at a line start before the trailer.
                        let mut e = t;
                        while let Some(x) = input.rfind(b"xref", 0, e) {
                            let line_start =
                                x == 0 || matches!(input.byte(x - 1), Some(b'\r' | b'\n'));
                            if line_start {
                                if !out.contains(&x) {
                                    out.push(x);
                                }
                                break;
                            }
                            e = x;
                        }
                    }
                    return out;
                }
            }
            end = sx;
        }
        out
    }

    /// Read the xref section at `off`; if it is not exactly there, look a few
    /// bytes around (CR/LF conversion shifts offsets) and warn.
    fn locate_section(
        input: &Input<'_>,
        off: usize,
        limits: &Limits,
        budget: &mut usize,
        warnings: &mut Vec<Finding>,
    ) -> Result<Section, PdfError> {
        let first_err = match read_section(input, off, limits, budget) {
            Ok(s) => return Ok(s),
            Err(e @ PdfError::Limit { .. }) => return Err(e),
            Err(e) => e,
        };
        let lo = off.saturating_sub(limits.offset_tolerance);
        let hi = off.saturating_add(limits.offset_tolerance).min(input.len());
        // The bytes around the recorded offset, read once.
        if hi <= lo {
            return Err(first_err);
        }
        let (near, base) = match input.window(lo.saturating_sub(1), hi - lo.saturating_sub(1) + 4) {
            Some(w) => w,
            None => return Err(first_err),
        };
        let at = |i: usize| near.get(i.checked_sub(base)?).copied();
        for cand in lo..hi {
            if cand == off {
                continue;
            }
            let starts_xref = (0..4).all(|k| at(cand + k) == Some(b"xref"[k]));
            let at_token = (starts_xref || at(cand).is_some_and(|b| b.is_ascii_digit()))
                && (cand == 0
                    || at(cand - 1)
                        .is_some_and(|b| crate::lexer::is_ws(b) || crate::lexer::is_delim(b)));
            if !at_token {
                continue;
            }
            if let Ok(s) = read_section(input, cand, limits, budget) {
                warnings.push(warn(
                    crate::codes::XREF_OFFSET_ADJUSTED,
                    format!("Vị trí bảng xref ghi là {off} nhưng thực tế ở {cand}; đã dùng vị trí đúng."),
                    format!("The xref section was recorded at byte {off} but sits at byte {cand}; used the actual position."),
                ));
                return Ok(s);
            }
        }
        Err(first_err)
    }

    /// Check that every in-file xref offset points at `num gen obj`; correct
    /// small drifts (within `offset_tolerance`) with a warning. Cheap: no
    /// object is parsed.
    fn check_offsets(&mut self) {
        let tol = self.limits.offset_tolerance;
        let input = &self.input;
        let mut notes = Vec::new();
        let mut shifted = Vec::new();
        for rev in &mut self.revisions {
            let mut bad = 0usize;
            let mut failing: Vec<u32> = Vec::new();
            for (num, e) in rev.entries.iter_mut() {
                let XrefEntry::InFile { offset, gen } = e else {
                    continue;
                };
                if *num == 0 {
                    continue;
                }
                if header_at(input, *offset, *num, *gen) {
                    continue;
                }
                // Searching costs 2×tolerance probes; after 10,000 misses the
                // file is not "slightly off" and the rest are just counted.
                if bad >= 10_000 {
                    bad += 1;
                    continue;
                }
                let lo = offset.saturating_sub(tol);
                let found =
                    (lo..offset.saturating_add(tol)).find(|&c| header_at(input, c, *num, *gen));
                match found {
                    Some(c) => {
                        notes.push((rev.index, *num, *offset, c));
                        *offset = c;
                    }
                    None => {
                        bad += 1;
                        failing.push(*num);
                    }
                }
            }
            if bad > 0 && bad == failing.len() {
                if let Some(delta) = uniform_shift(input, rev, &failing) {
                    for n in &failing {
                        if let Some(XrefEntry::InFile { offset, .. }) = rev.entries.get_mut(n) {
                            *offset = offset.saturating_add_signed(delta);
                        }
                    }
                    shifted.push((rev.index, failing.len(), delta));
                    bad = 0;
                }
            }
            if bad > 0 {
                notes.push((rev.index, u32::MAX, bad, 0));
            }
        }
        for (rev, n, delta) in shifted {
            self.warnings.push(warn(
                crate::codes::XREF_SECTION_SHIFTED,
                format!("Phiên bản {}: {n} vị trí trong bảng xref cùng lệch {delta} byte; mọi đối tượng đều được tìm thấy đúng ở vị trí đã hiệu chỉnh.", rev + 1),
                format!("Revision {}: {n} xref offsets are all off by the same {delta} bytes; every object was found exactly at the corrected position.", rev + 1),
            ));
        }
        for (rev, num, off, c) in notes.into_iter().take(20) {
            if num == u32::MAX {
                self.warnings.push(warn(
                    crate::codes::XREF_DANGLING,
                    format!(
                        "Phiên bản {}: {off} mục trong bảng xref không trỏ tới đối tượng nào.",
                        rev + 1
                    ),
                    format!(
                        "Revision {}: {off} xref entries do not point at an object.",
                        rev + 1
                    ),
                ));
            } else {
                self.warnings.push(warn(
                    crate::codes::XREF_ENTRY_OFFSET_ADJUSTED,
                    format!("Phiên bản {}: đối tượng {num} ghi ở vị trí {off} nhưng thực tế ở {c}.", rev + 1),
                    format!("Revision {}: object {num} was recorded at byte {off} but sits at byte {c}.", rev + 1),
                ));
            }
        }
    }

    fn open_encryption(&mut self) {
        let Some(last) = self.revisions.last() else {
            return;
        };
        let trailer = last.trailer.clone();
        let Some(enc) = trailer.get(b"Encrypt".as_slice()) else {
            return;
        };
        self.encrypt_ref = enc.as_ref();
        let dict = match self.resolve(self.revisions.len() - 1, enc) {
            Ok(Object::Dict(d)) => d,
            _ => {
                self.encryption = Some(Encryption::unreadable());
                self.warnings
                    .push(PdfError::Encryption("/Encrypt is not a dictionary").to_finding());
                return;
            }
        };
        let id0 = trailer
            .get(b"ID".as_slice())
            .and_then(Object::as_array)
            .and_then(|a| a.first())
            .and_then(Object::as_string)
            .map(|s| s.bytes.clone())
            .unwrap_or_default();
        let (info, dec) = crate::crypt::open(&dict, &id0);
        if !info.opened {
            self.warnings.push(PdfError::NeedsPassword.to_finding());
        }
        self.encryption = Some(info);
        self.decryptor = dec;
    }

    /// The input's length in bytes.
    pub fn len(&self) -> usize {
        self.input.len()
    }

    /// Whether the input is empty (never, for a parsed document).
    pub fn is_empty(&self) -> bool {
        self.input.len() == 0
    }

    /// The whole input, when it was given in memory ([`Document::parse`]);
    /// `None` for a document read through a [`Source`].
    pub fn in_memory(&self) -> Option<&'a [u8]> {
        self.input.as_slice()
    }

    /// The bytes at `start..end` (borrowed in memory, read otherwise);
    /// `None` when the range is not within the input or could not be read.
    pub fn read(&self, start: usize, end: usize) -> Option<Cow<'a, [u8]>> {
        self.input.get(start, end)
    }

    /// Whether every byte from `from` to the end is PDF white space (NUL,
    /// tab, LF, FF, CR, space: §7.2.2), read in chunks.
    pub fn all_ws_from(&self, from: usize) -> bool {
        self.input.all_ws_from(from)
    }

    /// The first read of the input that failed, if any: a file that changed
    /// or vanished while it was verified. What was concluded from the bytes
    /// then does not hold; the caller reports the input as unreadable.
    pub fn read_error(&self) -> Option<kyso_source::ReadError> {
        self.input.read_error()
    }

    pub(crate) fn input(&self) -> &Input<'a> {
        &self.input
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Header version, e.g. `1.7`.
    pub fn version(&self) -> Option<String> {
        self.version.clone()
    }

    /// Revisions, oldest first.
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// Whether the trailer chain reads (or names) a cross-reference section at `offset`.
    pub(crate) fn in_chain(&self, offset: usize) -> bool {
        self.chain_offsets.binary_search(&offset).is_ok()
    }

    /// Tolerated sloppiness found while reading the structure, each explained.
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }

    /// Tolerances met later, while reading objects lazily (e.g. a wrong stream /Length).
    pub fn late_warnings(&self) -> Vec<Finding> {
        self.late_warnings
            .lock()
            .map(|w| w.clone())
            .unwrap_or_default()
    }

    fn late_warn(&self, f: Finding) {
        if let Ok(mut w) = self.late_warnings.lock() {
            // 100 distinct notes are enough to explain any file.
            if w.len() < 100
                && !w
                    .iter()
                    .any(|x| x.code == f.code && x.message_en == f.message_en)
            {
                w.push(f);
            }
        }
    }

    /// A walk stopped at the budget `code` (one of [`crate::codes`]): what it
    /// did not read may hold a signature or a change, so the document cannot
    /// be said to have been examined whole. Public for the walks other crates
    /// make over the document (the change analysis reads every revision's form).
    pub fn note_limit(&self, code: &'static str) {
        if let Ok(mut e) = self.exceeded.lock() {
            if !e.contains(&code) {
                e.push(code);
            }
        }
    }

    /// The budgets that walks of the document (form fields, the search for
    /// signature dictionaries, the page tree) ran out of so far, one warning
    /// each, in the order first met. The file was readable, but not read
    /// whole: a verifier cannot call it valid (Kyso: INDETERMINATE).
    pub fn limits_exceeded(&self) -> Vec<Finding> {
        let codes = self.exceeded.lock().map(|e| e.clone()).unwrap_or_default();
        codes
            .into_iter()
            .map(|code| {
                let (vi, en) = match code {
                    crate::codes::LIMIT_FORM_FIELDS => (
                        format!("Biểu mẫu của tài liệu có hơn {} trường; Kyso dừng đọc ở đó nên không thể kết luận tài liệu hợp lệ. Không biểu mẫu thật nào lớn như vậy; tệp có thể được tạo ra để làm treo trình kiểm tra.", self.limits.max_form_fields),
                        format!("The document's form has more than {} fields; Kyso stopped reading there, so the document cannot be called valid. No real form is that large; the file may be built to exhaust verifiers.", self.limits.max_form_fields),
                    ),
                    crate::codes::LIMIT_OBJECTS => (
                        format!("Tài liệu có hơn {} đối tượng cần đọc trong một lượt (tìm chữ ký hoặc duyệt cây trang); Kyso dừng đọc ở đó nên không thể kết luận tài liệu hợp lệ.", self.limits.max_objects),
                        format!("The document has more than {} objects to read in one pass (the search for signatures, or the page tree); Kyso stopped reading there, so the document cannot be called valid.", self.limits.max_objects),
                    ),
                    other => (
                        format!("Tài liệu vượt quá một giới hạn an toàn ({other}); Kyso không đọc hết nên không thể kết luận tài liệu hợp lệ."),
                        format!("The document exceeds a safety limit ({other}); Kyso did not read all of it, so the document cannot be called valid."),
                    ),
                };
                Finding::warning(code, vi, en)
            })
            .collect()
    }

    /// How many object reads were asked of this document so far (each one a
    /// bounded parse, or a lookup of an absent object): what the tests that
    /// hold a walk linear in the objects of the file count.
    #[doc(hidden)]
    pub fn object_reads(&self) -> usize {
        self.reads.load(Ordering::Relaxed)
    }

    /// Encryption, if the document is encrypted.
    pub fn encryption(&self) -> Option<&Encryption> {
        self.encryption.as_ref()
    }

    /// The trailer of revision `rev` (an empty dictionary if `rev` is out of range).
    pub fn trailer(&self, rev: usize) -> &Dict {
        static EMPTY: std::sync::OnceLock<Dict> = std::sync::OnceLock::new();
        self.revisions
            .get(rev)
            .map(|r| &r.trailer)
            .unwrap_or_else(|| EMPTY.get_or_init(Dict::new))
    }

    /// The xref entry for `num` as visible in revision `rev` (newest definition at or before it).
    ///
    /// With more than [`REVISIONS_UNINDEXED`] revisions, the revisions that
    /// define each number are indexed once ([`Definitions`]), so that a
    /// lookup does not walk every revision: the change analysis looks up
    /// every entry of every update, which with 990 updates of 1,000 objects
    /// was 5·10^8 map lookups and 12 s.
    pub fn entry(&self, rev: usize, num: u32) -> Option<(usize, XrefEntry)> {
        let upto = rev.min(self.revisions.len().checked_sub(1)?);
        if self.revisions.len() <= REVISIONS_UNINDEXED {
            return self
                .revisions
                .get(..=upto)?
                .iter()
                .rev()
                .find_map(|r| r.entries.get(&num).map(|e| (r.index, *e)));
        }
        let defs = self
            .definitions
            .get_or_init(|| Definitions::new(&self.revisions));
        let mut r = *defs.newest.get(&num)?;
        while r as usize > upto {
            r = *defs.older.get(&(r, num))?;
        }
        let r = r as usize;
        self.revisions.get(r)?.entries.get(&num).map(|e| (r, *e))
    }

    /// Object `r` as visible in revision `rev` (0-based), decrypted.
    /// `Ok(None)`: free, absent, or generation mismatch (a null reference, §7.3.10).
    /// A budget met on the way ([`PdfError::Limit`]: an object stream too
    /// large, nesting too deep) is also noted in [`Document::limits_exceeded`].
    pub fn object(&self, rev: usize, r: ObjRef) -> Result<Option<Object>, PdfError> {
        self.noting(self.object_at_depth(rev, r, 0, true))
    }

    /// Like [`Document::object`] but without copying stream data (`raw` left empty);
    /// for scanning dictionaries.
    pub fn object_head(&self, rev: usize, r: ObjRef) -> Result<Option<Object>, PdfError> {
        self.noting(self.object_at_depth(rev, r, 0, false))
    }

    /// Note the budget an object read ran out of: the object is not read,
    /// and what it holds is unknown.
    fn noting<T>(&self, r: Result<T, PdfError>) -> Result<T, PdfError> {
        if let Err(PdfError::Limit { code }) = &r {
            self.note_limit(code);
        }
        r
    }

    fn object_at_depth(
        &self,
        rev: usize,
        r: ObjRef,
        depth: usize,
        with_data: bool,
    ) -> Result<Option<Object>, PdfError> {
        if depth > self.limits.max_depth {
            return Err(limit(crate::codes::LIMIT_DEPTH));
        }
        self.reads.fetch_add(1, Ordering::Relaxed);
        let Some((_, e)) = self.entry(rev, r.num) else {
            return Ok(None);
        };
        match e {
            XrefEntry::Free { .. } => Ok(None),
            XrefEntry::InFile { offset, gen } => {
                if gen != r.gen {
                    return Ok(None);
                }
                let obj = self.parse_in_file(rev, r, offset, depth, with_data)?;
                Ok(Some(self.decrypt_object(r, obj)))
            }
            XrefEntry::InStream { stream, index } => {
                if r.gen != 0 {
                    return Ok(None);
                }
                let stm = self.object_stream(rev, stream, depth)?;
                let (num, off) =
                    stm.index
                        .get(index as usize)
                        .copied()
                        .ok_or(PdfError::BadObject {
                            offset: 0,
                            reason: "object stream index out of range",
                        })?;
                if num != r.num {
                    return Err(PdfError::ObjectMismatch {
                        want: r,
                        offset: off,
                    });
                }
                let pos = stm.first.checked_add(off).ok_or(PdfError::BadObject {
                    offset: off,
                    reason: "offset overflow",
                })?;
                let mut lx = Lexer::new(
                    &stm.data,
                    pos,
                    None,
                    self.limits.max_depth,
                    self.limits.max_collection_len,
                );
                let o = lx.parse_object(0)?;
                // §7.5.7: streams cannot be stored in object streams.
                Ok(Some(o))
            }
        }
    }

    /// Parse `num gen obj ... endobj` at `offset`. Stream data is located
    /// through /Length (resolved if indirect); if /Length is wrong, the data
    /// is delimited by the nearest `endstream` with a warning.
    fn parse_in_file(
        &self,
        rev: usize,
        r: ObjRef,
        offset: usize,
        depth: usize,
        with_data: bool,
    ) -> Result<Object, PdfError> {
        let (head, dup_keys, stream_data) =
            self.input
                .parse_at(offset, self.limits.read_window, |buf, pos, base| {
                    let mut lx = Lexer::new(
                        buf,
                        pos,
                        Some(base),
                        self.limits.max_depth,
                        self.limits.max_collection_len,
                    );
                    let head = lx.parse_indirect()?;
                    // A dictionary that ends where the window does may be a
                    // stream's: read again in a larger window.
                    self.input.check_not_cut(&head, lx.pos, buf.len(), base)?;
                    let data = head.stream_data.map(|d| d + base);
                    Ok((head, lx.dup_keys, data))
                })?;
        if head.r != r {
            return Err(PdfError::ObjectMismatch { want: r, offset });
        }
        if dup_keys > 0 {
            self.late_warn(warn(
                crate::codes::OBJECT_DUPLICATE_KEY,
                format!("Đối tượng {r} có khóa bị lặp trong cùng một từ điển; các phần mềm đọc PDF có thể hiểu khác nhau, Kyso dùng giá trị đầu tiên."),
                format!("Object {r} repeats a key within one dictionary; PDF readers may disagree on its value, Kyso uses the first."),
            ));
        }
        let (Object::Dict(dict), Some(data)) = (&head.obj, stream_data) else {
            return Ok(head.obj);
        };
        let len = match dict.get(b"Length".as_slice()) {
            Some(Object::Int(n)) => usize::try_from(*n).ok(),
            Some(Object::Ref(lr)) if *lr != r => {
                match self.object_at_depth(rev, *lr, depth + 1, false) {
                    Ok(Some(Object::Int(n))) => usize::try_from(n).ok(),
                    _ => None,
                }
            }
            _ => None,
        };
        let ends_ok = |len: usize| -> bool {
            let Some(end) = data.checked_add(len) else {
                return false;
            };
            if end > self.input.len() {
                return false;
            }
            // `endstream` after white space and comments, in a short window.
            let Some((buf, base)) = self.input.window(end, 4096) else {
                return false;
            };
            let mut after = Lexer::new(&buf, end - base, Some(base), 1, 1);
            after.eat_keyword(b"endstream")
        };
        let len = match len {
            Some(l) if l <= self.limits.max_stream_len && ends_ok(l) => l,
            // A well-formed stream longer than the budget: its dictionary is
            // read, its data is not (searching the budget's length for an
            // `endstream` that /Length already located cost a pass over
            // 256 MiB per read of a large image).
            Some(l) if ends_ok(l) => {
                if with_data {
                    return Err(limit(crate::codes::LIMIT_STREAM_LEN));
                }
                l
            }
            _ => {
                // Tolerance: locate `endstream` (bounded by max_stream_len).
                let window_end = data
                    .saturating_add(self.limits.max_stream_len)
                    .min(self.input.len());
                let pos = self
                    .find_endstream(data, window_end)
                    .ok_or(PdfError::BadObject {
                        offset,
                        reason: "stream without 'endstream'",
                    })?;
                let mut l = pos;
                // Strip the EOL before `endstream` (§7.3.8.1).
                if l > 0 && self.input.byte(data + l - 1) == Some(b'\n') {
                    l -= 1;
                }
                if l > 0 && self.input.byte(data + l - 1) == Some(b'\r') {
                    l -= 1;
                }
                self.late_warn(warn(
                    crate::codes::STREAM_LENGTH_MISMATCH,
                    format!("Độ dài /Length của luồng {r} không khớp với dữ liệu; đã dùng vị trí “endstream”."),
                    format!("The /Length of stream {r} does not match its data; used the position of 'endstream'."),
                ));
                l
            }
        };
        let raw = if with_data {
            self.input
                .get(data, data.saturating_add(len))
                .map(Cow::into_owned)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let Object::Dict(dict) = head.obj else {
            return Err(PdfError::BadObject {
                offset,
                reason: "unreachable",
            });
        };
        Ok(Object::Stream(Stream { dict, raw }))
    }

    /// Offset (relative to `from`) of the first `endstream` in `bytes[from..to]`.
    /// Memoised: many streams with wrong lengths before one distant
    /// `endstream` would otherwise cost quadratic time.
    fn find_endstream(&self, from: usize, to: usize) -> Option<usize> {
        if let Ok(memo) = self.endstream_memo.lock() {
            let (mfrom, mfound) = *memo;
            // No `endstream` starts in [mfrom, mfound): the answer from any
            // `from` in that interval is the same.
            if from >= mfrom && from <= mfound {
                return (mfound != usize::MAX && mfound + 9 <= to).then(|| mfound - from);
            }
        }
        let found = self.input.find(b"endstream", from, to);
        if let Ok(mut memo) = self.endstream_memo.lock() {
            match found {
                Some(f) => *memo = (from, f),
                // Only an unbounded search proves there is none at all.
                None if to == self.input.len() => *memo = (from, usize::MAX),
                None => {}
            }
        }
        found.map(|p| p - from)
    }

    fn decrypt_object(&self, r: ObjRef, obj: Object) -> Object {
        match &self.decryptor {
            Some(d) if Some(r) != self.encrypt_ref => d.decrypt_object(r, obj),
            _ => obj,
        }
    }

    fn object_stream(&self, rev: usize, num: u32, depth: usize) -> Result<Arc<ObjStm>, PdfError> {
        let sref = ObjRef { num, gen: 0 };
        let Some((_, XrefEntry::InFile { offset, .. })) = self.entry(rev, num) else {
            return Err(PdfError::BadObject {
                offset: 0,
                reason: "object stream is not stored directly in the file",
            });
        };
        if let Ok(c) = self.objstm_cache.lock() {
            if let Some(s) = c.1.get(&offset) {
                return Ok(s.clone());
            }
        }
        let Some(Object::Stream(s)) = self.object_at_depth(rev, sref, depth + 1, true)? else {
            return Err(PdfError::BadObject {
                offset,
                reason: "object stream is not a stream",
            });
        };
        // Decoded object streams are cached whole, so one is never larger
        // than the cache (`max_cache_bytes`).
        let within = Limits {
            max_decoded_len: self.limits.max_decoded_len.min(self.limits.max_cache_bytes),
            ..self.limits.clone()
        };
        let data = self.decode_stream_within(&s, &within)?;
        let n = s
            .dict
            .get(b"N".as_slice())
            .and_then(Object::as_int)
            .and_then(|v| usize::try_from(v).ok())
            .ok_or(PdfError::BadObject {
                offset,
                reason: "object stream without /N",
            })?;
        let first = s
            .dict
            .get(b"First".as_slice())
            .and_then(Object::as_int)
            .and_then(|v| usize::try_from(v).ok())
            .ok_or(PdfError::BadObject {
                offset,
                reason: "object stream without /First",
            })?;
        if n > self.limits.max_object_stream_objects {
            return Err(limit(crate::codes::LIMIT_OBJECT_STREAM_OBJECTS));
        }
        let mut lx = Lexer::new(&data, 0, None, 1, 1);
        let mut index = Vec::with_capacity(n);
        for _ in 0..n {
            let (Some(num), Some(off)) = (lx.read_uint(), lx.read_uint()) else {
                return Err(PdfError::BadObject {
                    offset,
                    reason: "object stream header is short",
                });
            };
            let num = u32::try_from(num).map_err(|_| PdfError::BadObject {
                offset,
                reason: "object number out of range",
            })?;
            index.push((num, usize::try_from(off).unwrap_or(usize::MAX)));
        }
        let stm = Arc::new(ObjStm { data, first, index });
        if let Ok(mut c) = self.objstm_cache.lock() {
            let size = stm.data.len();
            if c.0.saturating_add(size) > self.limits.max_cache_bytes {
                c.1.clear();
                c.0 = 0;
            }
            c.0 += size;
            c.1.insert(offset, stm.clone());
        }
        Ok(stm)
    }

    /// Follow a chain of references (bounded by `max_depth`); a dangling reference is `Null`.
    pub fn resolve(&self, rev: usize, o: &Object) -> Result<Object, PdfError> {
        let mut cur = o.clone();
        for _ in 0..=self.limits.max_depth {
            match cur {
                Object::Ref(r) => cur = self.object(rev, r)?.unwrap_or(Object::Null),
                other => return Ok(other),
            }
        }
        Err(limit(crate::codes::LIMIT_DEPTH))
    }

    /// Resolve without copying stream data.
    pub(crate) fn resolve_head(&self, rev: usize, o: &Object) -> Result<Object, PdfError> {
        let mut cur = o.clone();
        for _ in 0..=self.limits.max_depth {
            match cur {
                Object::Ref(r) => cur = self.object_head(rev, r)?.unwrap_or(Object::Null),
                other => return Ok(other),
            }
        }
        Err(limit(crate::codes::LIMIT_DEPTH))
    }

    /// Resolve a dictionary entry to a dictionary (empty if absent or not a dictionary).
    pub(crate) fn dict_at(&self, rev: usize, d: &Dict, key: &[u8]) -> Option<Dict> {
        let o = d.get(key)?;
        match self.resolve_head(rev, o).ok()? {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(s.dict),
            _ => None,
        }
    }

    /// The document catalog (`/Root`) of revision `rev`.
    pub fn catalog(&self, rev: usize) -> Result<Dict, PdfError> {
        let root = self
            .trailer(rev)
            .get(b"Root".as_slice())
            .ok_or(PdfError::BadObject {
                offset: 0,
                reason: "trailer has no /Root",
            })?;
        match self.resolve(rev, root)? {
            Object::Dict(d) => Ok(d),
            _ => Err(PdfError::BadObject {
                offset: 0,
                reason: "/Root is not a dictionary",
            }),
        }
    }

    /// Leaf pages of revision `rev`, in order (§7.7.3). Cycle-safe and bounded.
    pub fn pages(&self, rev: usize) -> Result<Vec<ObjRef>, PdfError> {
        let cat = self.catalog(rev)?;
        let Some(Object::Ref(root)) = cat.get(b"Pages".as_slice()) else {
            return Err(PdfError::BadObject {
                offset: 0,
                reason: "catalog /Pages is not a reference",
            });
        };
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut stack = vec![(*root, 0usize)];
        while let Some((r, depth)) = stack.pop() {
            if !seen.insert(r) {
                continue;
            }
            if seen.len() > self.limits.max_objects {
                self.note_limit(crate::codes::LIMIT_OBJECTS);
                return Err(limit(crate::codes::LIMIT_OBJECTS));
            }
            if depth > self.limits.max_depth {
                return Err(limit(crate::codes::LIMIT_DEPTH));
            }
            let Some(node) = self.object_head(rev, r)? else {
                continue;
            };
            let Some(d) = node.as_dict() else { continue };
            let ty = d.get(b"Type".as_slice()).and_then(Object::as_name);
            match d.get(b"Kids".as_slice()) {
                Some(kids) if ty != Some(b"Page") => {
                    let kids = self.resolve_head(rev, kids)?;
                    for k in kids.as_array().unwrap_or(&[]).iter().rev() {
                        if let Some(kr) = k.as_ref() {
                            stack.push((kr, depth + 1));
                        }
                    }
                }
                _ => out.push(r),
            }
        }
        Ok(out)
    }

    /// Decode a stream's data through its filters, bounded by the limits.
    pub fn decode_stream(&self, s: &Stream) -> Result<Vec<u8>, PdfError> {
        self.decode_stream_within(s, &self.limits)
    }

    /// [`Document::decode_stream`], stopped (with `pdf.limit.decoded_len`)
    /// as soon as the output would pass `max` bytes: for a reader with a
    /// smaller budget of its own than [`Limits::max_decoded_len`], so that a
    /// stream it would refuse is never decoded whole first.
    pub fn decode_stream_at_most(&self, s: &Stream, max: usize) -> Result<Vec<u8>, PdfError> {
        let within = Limits {
            max_decoded_len: self.limits.max_decoded_len.min(max),
            ..self.limits.clone()
        };
        self.decode_stream_within(s, &within)
    }

    fn decode_stream_within(&self, s: &Stream, limits: &Limits) -> Result<Vec<u8>, PdfError> {
        // Filter and parameters may be indirect; resolve them in the newest revision.
        let last = self.revisions.len().saturating_sub(1);
        let mut d = s.dict.clone();
        for k in [b"Filter".as_slice(), b"DecodeParms", b"DP"] {
            if let Some(v) = d.get(k).cloned() {
                let v = match self.resolve_head(last, &v)? {
                    Object::Array(a) => Object::Array(
                        a.iter()
                            .map(|x| self.resolve_head(last, x).unwrap_or(Object::Null))
                            .collect(),
                    ),
                    o => o,
                };
                d.insert(k.to_vec(), v);
            }
        }
        if s.raw.len() > limits.max_stream_len {
            return Err(limit(crate::codes::LIMIT_STREAM_LEN));
        }
        let mut truncated = false;
        let out = crate::filters::decode_noting(&d, &s.raw, limits, &mut truncated)?;
        // Unfiltered data is not measured by the filters.
        if out.len() > limits.max_decoded_len {
            return Err(limit(crate::codes::LIMIT_DECODED_LEN));
        }
        if truncated {
            self.late_warn(warn(
                crate::codes::STREAM_TRUNCATED,
                "Một luồng nén bị hỏng ở phần cuối; chỉ đọc được phần đầu.".into(),
                "A compressed stream is corrupt at its end; only its beginning could be read."
                    .into(),
            ));
        }
        Ok(out)
    }

    /// Every object number defined (non-free) in revision `rev`'s own xref section(s).
    pub(crate) fn defined_in(&self, rev: usize) -> Vec<ObjRef> {
        let Some(r) = self.revisions.get(rev) else {
            return Vec::new();
        };
        r.entries
            .iter()
            .filter_map(|(n, e)| match e {
                XrefEntry::Free { .. } => None,
                XrefEntry::InFile { gen, .. } => Some(ObjRef { num: *n, gen: *gen }),
                XrefEntry::InStream { .. } => Some(ObjRef { num: *n, gen: 0 }),
            })
            .collect()
    }
}

/// A systematic error: every failing entry of one revision is off by the same
/// amount (a writer that computed offsets from a wrong base). The amount is
/// taken from the one place, inside the revision, where the first failing
/// object's header occurs (it must occur once), and accepted only if EVERY
/// failing entry, shifted by it, lands exactly on its own `num gen obj`.
/// Nothing is guessed: without that, the entries stay dangling.
fn uniform_shift(input: &Input<'_>, rev: &Revision, failing: &[u32]) -> Option<isize> {
    let first = *failing.first()?;
    let XrefEntry::InFile { offset, gen } = *rev.entries.get(&first)? else {
        return None;
    };
    let region_end = rev.end.min(input.len());
    let pat = format!("{first} {gen} obj");
    let hits: Vec<usize> = {
        let mut v = Vec::new();
        let mut from = rev.start;
        while let Some(abs) = input.find(pat.as_bytes(), from, region_end) {
            if header_at(input, abs, first, gen) {
                v.push(abs);
            }
            from = abs + 1;
            if v.len() > 1 {
                break;
            }
        }
        v
    };
    let [at] = hits.as_slice() else { return None };
    let delta = isize::try_from(*at)
        .ok()?
        .checked_sub(isize::try_from(offset).ok()?)?;
    let all = failing.iter().all(|n| match rev.entries.get(n) {
        Some(XrefEntry::InFile { offset, gen }) => offset
            .checked_add_signed(delta)
            .is_some_and(|o| o >= rev.start && o < rev.end && header_at(input, o, *n, *gen)),
        _ => false,
    });
    all.then_some(delta)
}

fn header_at(input: &Input<'_>, offset: usize, num: u32, gen: u16) -> bool {
    if offset > 0 && input.byte(offset - 1).is_some_and(|b| b.is_ascii_digit()) {
        return false;
    }
    // `n g obj` with white space (and comments) between: a short window.
    let Some((buf, base)) = input.window(offset, 1024) else {
        return false;
    };
    let mut lx = Lexer::new(&buf, offset - base, Some(base), 1, 1);
    lx.read_uint() == Some(u64::from(num))
        && lx.read_uint() == Some(u64::from(gen))
        && lx.eat_keyword(b"obj")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(index: usize, nums: &[u32]) -> Revision {
        Revision {
            index,
            start: 0,
            end: 0,
            startxref: 0,
            xref_kind: XrefKind::Table,
            entries: nums
                .iter()
                .map(|&n| (n, XrefEntry::InFile { offset: 0, gen: 0 }))
                .collect(),
            trailer: Dict::new(),
            eof_marker_end: 0,
        }
    }

    #[test]
    fn definitions_hold_one_entry_per_number_and_one_per_redefinition() {
        // 1,000 revisions: each defines 100 new numbers and redefines object 1.
        let revs: Vec<Revision> = (0..1_000u32)
            .map(|i| {
                let mut nums: Vec<u32> = (0..100).map(|k| 2 + i * 100 + k).collect();
                nums.push(1);
                revision(i as usize, &nums)
            })
            .collect();
        let d = Definitions::new(&revs);
        assert_eq!(d.newest.len(), 100_000 + 1);
        assert_eq!(d.older.len(), 999);
        assert_eq!(d.newest.get(&1), Some(&999));
        assert_eq!(d.older.get(&(999, 1)), Some(&998));
        assert_eq!(d.newest.get(&2), Some(&0));
    }
}
