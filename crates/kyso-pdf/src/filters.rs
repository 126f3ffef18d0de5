//! Stream filters (ISO 32000-1 §7.4): FlateDecode with PNG/TIFF predictors,
//! ASCIIHexDecode, ASCII85Decode, LZWDecode, RunLengthDecode, and the
//! `/Crypt` filter with `/Identity`. Image codecs (DCT, JPX, JBIG2, CCITT)
//! are not needed to verify signatures and are reported as unsupported.
//!
//! Every decoder is bounded by [`Limits::max_decoded_len`] and
//! [`Limits::max_decompression_ratio`], checked while producing output.

use crate::error::{limit, PdfError};
use crate::object::{Dict, Object};
use crate::Limits;
use std::io::Read;

/// Output budget for one decode step.
struct Budget {
    max: usize,
}

impl Budget {
    fn new(input_len: usize, limits: &Limits) -> Budget {
        // A small floor so tiny streams (an empty page) are not refused by the ratio.
        let by_ratio = input_len
            .max(1024)
            .saturating_mul(limits.max_decompression_ratio);
        Budget {
            max: by_ratio.min(limits.max_decoded_len),
        }
    }
    fn check(&self, len: usize) -> Result<(), PdfError> {
        if len > self.max {
            Err(limit(crate::codes::LIMIT_DECODED_LEN))
        } else {
            Ok(())
        }
    }
}

fn name_list(o: Option<&Object>) -> Vec<Vec<u8>> {
    match o {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_name().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

fn parms_list(o: Option<&Object>, n: usize) -> Vec<Option<Dict>> {
    match o {
        Some(Object::Dict(d)) => {
            let mut v = vec![Some(d.clone())];
            v.resize(n, None);
            v
        }
        Some(Object::Array(a)) => {
            let mut v: Vec<Option<Dict>> = a.iter().map(|x| x.as_dict().cloned()).collect();
            v.resize(n, None);
            v
        }
        _ => vec![None; n],
    }
}

/// Decode `raw` through the filters named in `dict` (`/Filter`, `/DecodeParms`).
/// Filter names and parameters must already be direct objects.
pub(crate) fn decode(dict: &Dict, raw: &[u8], limits: &Limits) -> Result<Vec<u8>, PdfError> {
    decode_noting(dict, raw, limits, &mut false)
}

/// Like [`decode`]; sets `truncated` when a corrupt Flate tail was dropped
/// (the decoded prefix is kept, as pdf.js and pdfium do).
pub(crate) fn decode_noting(
    dict: &Dict,
    raw: &[u8],
    limits: &Limits,
    truncated: &mut bool,
) -> Result<Vec<u8>, PdfError> {
    let filters = name_list(dict.get(b"Filter".as_slice()));
    // §7.4: at most a handful of filters are ever chained; 8 bounds the work.
    if filters.len() > 8 {
        return Err(limit(crate::codes::LIMIT_FILTERS));
    }
    let parms = parms_list(
        dict.get(b"DecodeParms".as_slice())
            .or_else(|| dict.get(b"DP".as_slice())),
        filters.len(),
    );
    let mut data: Vec<u8> = raw.to_vec();
    for (f, p) in filters.iter().zip(parms.iter()) {
        let budget = Budget::new(data.len(), limits);
        data = match f.as_slice() {
            b"FlateDecode" | b"Fl" => {
                let out = inflate(&data, &budget, truncated)?;
                predict(out, p.as_ref(), &budget)?
            }
            b"LZWDecode" | b"LZW" => {
                let early = p
                    .as_ref()
                    .and_then(|p| p.get(b"EarlyChange".as_slice()))
                    .and_then(Object::as_int)
                    .unwrap_or(1)
                    != 0;
                let out = lzw(&data, early, &budget)?;
                predict(out, p.as_ref(), &budget)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data)?,
            b"ASCII85Decode" | b"A85" => ascii85(&data, &budget)?,
            b"RunLengthDecode" | b"RL" => run_length(&data, &budget)?,
            b"Crypt" => {
                // §7.4.10: only the Identity crypt filter changes nothing; named
                // crypt filters other than Identity are applied by the decryptor.
                data
            }
            other => {
                return Err(PdfError::UnsupportedFilter(
                    String::from_utf8_lossy(other).into_owned(),
                ))
            }
        };
    }
    Ok(data)
}

fn inflate(data: &[u8], budget: &Budget, truncated: &mut bool) -> Result<Vec<u8>, PdfError> {
    // zlib first (§7.4.4 says FlateDecode is zlib); some writers emit raw deflate.
    let mut out = Vec::new();
    let r = read_bounded(flate2::read::ZlibDecoder::new(data), &mut out, budget);
    match r {
        Ok(()) => Ok(out),
        Err(e @ PdfError::Limit { .. }) => Err(e),
        Err(e) => {
            // Truncated/corrupt tails are common (pdf.js and pdfium keep the
            // decoded prefix); keep it only if something was produced.
            if !out.is_empty() {
                *truncated = true;
                return Ok(out);
            }
            let mut raw = Vec::new();
            match read_bounded(flate2::read::DeflateDecoder::new(data), &mut raw, budget) {
                Ok(()) => Ok(raw),
                Err(l @ PdfError::Limit { .. }) => Err(l),
                Err(_) => Err(e),
            }
        }
    }
}

fn read_bounded<R: Read>(mut r: R, out: &mut Vec<u8>, budget: &Budget) -> Result<(), PdfError> {
    let mut buf = [0u8; 16384];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                budget.check(out.len().saturating_add(n))?;
                out.extend_from_slice(buf.get(..n).unwrap_or(&[]));
            }
            Err(_) => {
                return Err(PdfError::Decode {
                    filter: "FlateDecode",
                    reason: "corrupt deflate data",
                })
            }
        }
    }
}

/// PNG (§7.4.4.4, Table 10: Predictor ≥ 10) and TIFF predictor 2.
fn predict(data: Vec<u8>, parms: Option<&Dict>, budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let Some(p) = parms else { return Ok(data) };
    let get = |k: &[u8], d: i64| p.get(k).and_then(Object::as_int).unwrap_or(d);
    let predictor = get(b"Predictor", 1);
    if predictor <= 1 {
        return Ok(data);
    }
    let colors = get(b"Colors", 1);
    let bpc = get(b"BitsPerComponent", 8);
    let columns = get(b"Columns", 1);
    if !(1..=32).contains(&colors)
        || ![1, 2, 4, 8, 16].contains(&bpc)
        || !(1..=1 << 24).contains(&columns)
    {
        return Err(PdfError::Decode {
            filter: "Predictor",
            reason: "bad predictor parameters",
        });
    }
    // Bounded above: at most 32*16*2^24 bits.
    let bits_per_pixel = (colors * bpc) as usize;
    let bpp = bits_per_pixel.div_ceil(8).max(1);
    let row_len = (bits_per_pixel * columns as usize).div_ceil(8);
    // A row longer than the whole input cannot be real, and would make the
    // row buffers below as large as the (attacker-chosen) /Columns says.
    if row_len > data.len() {
        return Err(PdfError::Decode {
            filter: "Predictor",
            reason: "predictor row is longer than the data",
        });
    }
    if predictor == 2 {
        if bpc != 8 {
            return Err(PdfError::Decode {
                filter: "Predictor",
                reason: "TIFF predictor only for 8-bit components",
            });
        }
        let mut out = data;
        for row in out.chunks_mut(row_len) {
            for i in bpp..row.len() {
                row[i] = row[i].wrapping_add(row[i - bpp]);
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let Some((&ty, src)) = chunk.split_first() else {
            break;
        };
        let mut row = src.to_vec();
        row.resize(row_len, 0);
        for i in 0..row_len {
            let a = if i >= bpp { row[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            row[i] = match ty {
                0 => row[i],
                1 => row[i].wrapping_add(a),
                2 => row[i].wrapping_add(b),
                3 => row[i].wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => {
                    let pa = (i16::from(b) - i16::from(c)).abs();
                    let pb = (i16::from(a) - i16::from(c)).abs();
                    let pc = (i16::from(a) + i16::from(b) - 2 * i16::from(c)).abs();
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    row[i].wrapping_add(pred)
                }
                _ => {
                    return Err(PdfError::Decode {
                        filter: "Predictor",
                        reason: "unknown PNG row filter",
                    })
                }
            };
        }
        budget.check(out.len() + row_len)?;
        out.extend_from_slice(&row);
        prev = row;
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &c in data {
        let v = match c {
            b'>' => break,
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            c if crate::lexer::is_ws(c) => continue,
            _ => {
                return Err(PdfError::Decode {
                    filter: "ASCIIHexDecode",
                    reason: "invalid character",
                })
            }
        };
        match hi.take() {
            None => hi = Some(v),
            Some(h) => out.push(h << 4 | v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    Ok(out)
}

fn ascii85(data: &[u8], budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let bad = PdfError::Decode {
        filter: "ASCII85Decode",
        reason: "invalid character",
    };
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u32; 5];
    let mut n = 0usize;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in body {
        match c {
            b'~' => break,
            b'z' if n == 0 => {
                budget.check(out.len() + 4)?;
                out.extend_from_slice(&[0; 4]);
            }
            b'!'..=b'u' => {
                group[n] = u32::from(c - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .try_fold(0u32, |acc, &d| acc.checked_mul(85)?.checked_add(d))
                        .ok_or(bad.clone())?;
                    budget.check(out.len() + 4)?;
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            c if crate::lexer::is_ws(c) => {}
            _ => return Err(bad),
        }
    }
    if n == 1 {
        return Err(bad);
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .try_fold(0u32, |acc, &d| acc.checked_mul(85)?.checked_add(d))
            .ok_or(bad)?;
        out.extend_from_slice(v.to_be_bytes().get(..n - 1).unwrap_or(&[]));
    }
    Ok(out)
}

fn run_length(data: &[u8], budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let s = data.get(i..i + n).ok_or(PdfError::Decode {
                    filter: "RunLengthDecode",
                    reason: "truncated",
                })?;
                budget.check(out.len() + n)?;
                out.extend_from_slice(s);
                i += n;
            }
            _ => {
                let n = 257 - usize::from(len);
                let &b = data.get(i).ok_or(PdfError::Decode {
                    filter: "RunLengthDecode",
                    reason: "truncated",
                })?;
                i += 1;
                budget.check(out.len() + n)?;
                out.resize(out.len() + n, b);
            }
        }
    }
    Ok(out)
}

/// LZW (§7.4.4.2), variable code width 9–12 bits.
fn lzw(data: &[u8], early_change: bool, budget: &Budget) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u16).map(|b| vec![b as u8]).collect();
    table.push(Vec::new()); // 256 clear
    table.push(Vec::new()); // 257 EOD
    let mut width = 9u32;
    let mut prev: Option<Vec<u8>> = None;
    let (mut acc, mut nbits) = (0u32, 0u32);
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        nbits += 8;
        while nbits >= width {
            let code = ((acc >> (nbits - width)) & ((1 << width) - 1)) as usize;
            nbits -= width;
            acc &= (1u32 << nbits).wrapping_sub(1);
            if code == 256 {
                table.truncate(258);
                width = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return Ok(out);
            }
            let entry = if let Some(e) = table.get(code) {
                e.clone()
            } else if code == table.len() {
                let p = prev.clone().ok_or(PdfError::Decode {
                    filter: "LZWDecode",
                    reason: "bad code",
                })?;
                let mut e = p.clone();
                e.push(p.first().copied().unwrap_or(0));
                e
            } else {
                return Err(PdfError::Decode {
                    filter: "LZWDecode",
                    reason: "bad code",
                });
            };
            budget.check(out.len() + entry.len())?;
            out.extend_from_slice(&entry);
            if let Some(mut p) = prev.take() {
                if table.len() < 4096 {
                    p.push(entry.first().copied().unwrap_or(0));
                    table.push(p);
                }
            }
            let next = table.len() + usize::from(early_change);
            width = if next >= 2048 {
                12
            } else if next >= 1024 {
                11
            } else if next >= 512 {
                10
            } else {
                9
            };
            prev = Some(entry);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn d(filter: &str) -> Dict {
        let mut d = Dict::new();
        d.insert(b"Filter".to_vec(), Object::Name(filter.as_bytes().to_vec()));
        d
    }

    #[test]
    fn flate_and_bomb() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&vec![b'a'; 10_000_000]).unwrap();
        let z = e.finish().unwrap();
        let limits = Limits {
            max_decompression_ratio: 100,
            ..Limits::default()
        };
        assert_eq!(
            decode(&d("FlateDecode"), &z, &limits).unwrap_err().code(),
            crate::codes::LIMIT_DECODED_LEN
        );
        let ok = decode(&d("FlateDecode"), &z, &Limits::default()).unwrap();
        assert_eq!(ok.len(), 10_000_000);
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(
            decode(&d("ASCIIHexDecode"), b"48 65 6C6C 6F>", &Limits::default()).unwrap(),
            b"Hello"
        );
        assert_eq!(
            decode(
                &d("ASCII85Decode"),
                b"87cURD]i,\"Ebo80~>",
                &Limits::default()
            )
            .unwrap(),
            b"Hello World!"
        );
        assert_eq!(
            decode(
                &d("RunLengthDecode"),
                &[2, b'a', b'b', b'c', 254, b'z', 128],
                &Limits::default()
            )
            .unwrap(),
            b"abczzz"
        );
    }

    #[test]
    fn huge_predictor_rows_are_refused() {
        let mut p = Dict::new();
        p.insert(b"Predictor".to_vec(), Object::Int(12));
        p.insert(b"Colors".to_vec(), Object::Int(32));
        p.insert(b"BitsPerComponent".to_vec(), Object::Int(16));
        p.insert(b"Columns".to_vec(), Object::Int(1 << 24));
        let e = predict(vec![2, 1, 2, 3], Some(&p), &Budget { max: 100 }).unwrap_err();
        assert_eq!(e.code(), crate::codes::DECODE);
    }

    #[test]
    fn png_up_predictor() {
        let mut p = Dict::new();
        p.insert(b"Predictor".to_vec(), Object::Int(12));
        p.insert(b"Columns".to_vec(), Object::Int(3));
        let data = vec![2, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(
            predict(data, Some(&p), &Budget { max: 100 }).unwrap(),
            vec![1, 2, 3, 2, 3, 4]
        );
    }

    #[test]
    fn lzw_spec_example() {
        // ISO 32000-1 §7.4.4.2 example: "-----A---B" → 80 0B 60 50 22 0C 0C 85 01.
        let enc = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            lzw(&enc, true, &Budget { max: 100 }).unwrap(),
            b"-----A---B"
        );
    }
}
