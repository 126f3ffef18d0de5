//! Descriptive metadata (Info dictionary, §14.3.3; XMP, §14.3.2) and
//! embedded files (§7.11.4, the /EmbeddedFiles name tree §7.9.6).

use crate::document::Document;
use crate::object::{Dict, Object};
use crate::text::{decode_text, decode_text_head};
use kyso_report::{EmbeddedFile, Metadata};
use std::collections::HashSet;

impl<'a> Document<'a> {
    fn last_rev(&self) -> usize {
        self.revisions().len().saturating_sub(1)
    }

    /// Info dictionary of the newest revision (text strings decoded), with XMP as fallback.
    pub fn metadata(&self) -> Metadata {
        let rev = self.last_rev();
        let info = self
            .dict_at(rev, self.trailer(rev), b"Info")
            .unwrap_or_default();
        let readable = self.encryption().is_none_or(|e| e.opened);
        let get = |k: &[u8]| -> Option<String> {
            if !readable {
                return None;
            }
            let s = info.get(k).and_then(|o| self.resolve_head(rev, o).ok())?;
            let t = decode_text_head(&s.as_string()?.bytes);
            let t = t.trim_matches(char::from(0)).trim().to_owned();
            (!t.is_empty()).then(|| kyso_report::clip_text(t))
        };
        let mut m = Metadata {
            title: get(b"Title"),
            author: get(b"Author"),
            subject: get(b"Subject"),
            keywords: get(b"Keywords"),
            creator: get(b"Creator"),
            producer: get(b"Producer"),
            created: get(b"CreationDate"),
            modified: get(b"ModDate"),
        };
        if readable && (m.title.is_none() || m.author.is_none() || m.producer.is_none()) {
            if let Some(xmp) = self.xmp(rev) {
                let x = |tags: &[&str]| tags.iter().find_map(|t| xmp_value(&xmp, t));
                m.title = m.title.or_else(|| x(&["dc:title"]));
                m.author = m.author.or_else(|| x(&["dc:creator"]));
                m.subject = m.subject.or_else(|| x(&["dc:description"]));
                m.keywords = m.keywords.or_else(|| x(&["pdf:Keywords"]));
                m.creator = m.creator.or_else(|| x(&["xmp:CreatorTool"]));
                m.producer = m.producer.or_else(|| x(&["pdf:Producer"]));
                m.created = m.created.or_else(|| x(&["xmp:CreateDate"]));
                m.modified = m.modified.or_else(|| x(&["xmp:ModifyDate"]));
            }
        }
        m
    }

    /// The XMP metadata stream of the newest revision on its own (§14.3.2).
    pub fn xmp_metadata(&self) -> Option<Metadata> {
        if !self.encryption().is_none_or(|e| e.opened) {
            return None;
        }
        let xmp = self.xmp(self.last_rev())?;
        let x = |tag: &str| xmp_value(&xmp, tag).or_else(|| xmp_attribute(&xmp, tag));
        let m = Metadata {
            title: x("dc:title"),
            author: x("dc:creator"),
            subject: x("dc:description"),
            keywords: x("pdf:Keywords"),
            creator: x("xmp:CreatorTool"),
            producer: x("pdf:Producer"),
            created: x("xmp:CreateDate"),
            modified: x("xmp:ModifyDate"),
        };
        (m != Metadata::default()).then_some(m)
    }

    fn xmp(&self, rev: usize) -> Option<String> {
        let cat = self.catalog(rev).ok()?;
        let o = self.resolve(rev, cat.get(b"Metadata".as_slice())?).ok()?;
        let Object::Stream(s) = o else { return None };
        let data = self.decode_stream(&s).ok()?;
        // XMP packets are small; 4 MiB bounds the text search.
        let data = data.get(..data.len().min(4 << 20))?;
        Some(String::from_utf8_lossy(data).into_owned())
    }

    /// Files in the `/EmbeddedFiles` name tree of the newest revision.
    pub fn embedded_files(&self) -> Vec<EmbeddedFile> {
        self.embedded_files_with_data(false)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    /// [`Document::embedded_files`], each with its decoded bytes when
    /// `keep_data` (`None` where the stream cannot be decoded within the
    /// parser's limits), for verifying an embedded signed file on its own.
    /// Each stream is decoded once, for both its fingerprint and its bytes.
    pub fn embedded_files_with_data(
        &self,
        keep_data: bool,
    ) -> Vec<(EmbeddedFile, Option<Vec<u8>>)> {
        let rev = self.last_rev();
        self.embedded_specs(rev)
            .iter()
            .filter_map(|(key, spec)| self.file_spec(rev, key, spec, keep_data))
            .collect()
    }

    /// The (name key, file specification) pairs of the `/EmbeddedFiles` name
    /// tree, in tree order. Bounded: depth and visits by the parser's limits,
    /// at most 10,000 files.
    fn embedded_specs(&self, rev: usize) -> Vec<(Object, Object)> {
        let mut out = Vec::new();
        let Ok(cat) = self.catalog(rev) else {
            return out;
        };
        let Some(names) = self.dict_at(rev, &cat, b"Names") else {
            return out;
        };
        let Some(root) = names.get(b"EmbeddedFiles".as_slice()).cloned() else {
            return out;
        };
        let mut seen = HashSet::new();
        let mut stack = vec![(root, 0usize)];
        let mut visits = 0usize;
        while let Some((node, depth)) = stack.pop() {
            visits += 1;
            // A name tree is shallow (§7.9.6); the visit budget bounds a hostile one.
            if depth > self.limits().max_depth
                || visits > self.limits().max_objects
                || out.len() > 10_000
            {
                break;
            }
            if let Some(r) = node.as_ref() {
                if !seen.insert(r) {
                    continue;
                }
            }
            let Ok(Object::Dict(d)) = self.resolve_head(rev, &node) else {
                continue;
            };
            if let Some(Ok(Object::Array(kids))) =
                d.get(b"Kids".as_slice()).map(|k| self.resolve_head(rev, k))
            {
                for k in kids {
                    stack.push((k, depth + 1));
                }
            }
            if let Some(Ok(Object::Array(pairs))) = d
                .get(b"Names".as_slice())
                .map(|k| self.resolve_head(rev, k))
            {
                for pair in pairs.chunks(2) {
                    if let [key, spec] = pair {
                        out.push((key.clone(), spec.clone()));
                    }
                }
            }
        }
        out
    }

    fn file_spec(
        &self,
        rev: usize,
        key: &Object,
        spec: &Object,
        keep_data: bool,
    ) -> Option<(EmbeddedFile, Option<Vec<u8>>)> {
        let spec = match self.resolve_head(rev, spec).ok()? {
            Object::Dict(d) => d,
            _ => return None,
        };
        let text = |d: &Dict, k: &[u8]| {
            d.get(k)
                .and_then(Object::as_string)
                .map(|s| decode_text(&s.bytes))
        };
        let name = text(&spec, b"UF")
            .or_else(|| text(&spec, b"F"))
            .or_else(|| key.as_string().map(|s| decode_text(&s.bytes)))
            .unwrap_or_default();
        let ef = self.dict_at(rev, &spec, b"EF");
        let ef_obj = ef
            .as_ref()
            .and_then(|ef| ef.get(b"UF".as_slice()).or_else(|| ef.get(b"F".as_slice())))
            .cloned();
        let stream = ef_obj.as_ref().and_then(|s| self.resolve_head(rev, s).ok());
        let sd = stream.as_ref().and_then(Object::as_dict);
        let size = sd
            .and_then(|sd| self.dict_at(rev, sd, b"Params"))
            .and_then(|p| p.get(b"Size".as_slice()).and_then(Object::as_int))
            .and_then(|s| u64::try_from(s).ok());
        let mime_type = sd
            .and_then(|sd| sd.get(b"Subtype".as_slice()))
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned());
        // The file's own bytes, decoded within the document's limits, for its fingerprint.
        let data = ef_obj
            .as_ref()
            .and_then(|o| self.resolve(rev, o).ok())
            .and_then(|o| match o {
                Object::Stream(st) => self.decode_stream(&st).ok(),
                _ => None,
            });
        let sha256 = data.as_ref().map(|data| {
            use sha2::Digest;
            sha2::Sha256::digest(data)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        });
        let file = EmbeddedFile {
            name,
            size,
            mime_type,
            sha256,
        };
        Some((file, data.filter(|_| keep_data)))
    }
}

/// First value of an XMP property: element text, `rdf:li` inside it, or an attribute form.
fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let start = xmp.find(&open)?;
    let after = &xmp[start + open.len()..];
    // Attribute form: <rdf:Description pdf:Producer="..."/> is handled below.
    let gt = after.find('>')?;
    if after[..gt].ends_with('/') {
        return None;
    }
    let body = &after[gt + 1..];
    let close = format!("</{tag}>");
    let end = body.find(&close)?;
    let mut inner = &body[..end];
    if let Some(li) = inner.find("<rdf:li") {
        let li_body = &inner[li..];
        let s = li_body.find('>')? + 1;
        let e = li_body.find("</rdf:li>")?;
        inner = li_body.get(s..e)?;
    }
    let v = unescape_xml(inner.trim());
    (!v.is_empty() && !v.contains('<')).then(|| kyso_report::clip_text(v))
}

/// Attribute form of an XMP property: `<rdf:Description pdf:Producer="…">`.
fn xmp_attribute(xmp: &str, tag: &str) -> Option<String> {
    let key = format!("{tag}=\"");
    let start = xmp.find(&key)? + key.len();
    let end = xmp[start..].find('"')?;
    let v = unescape_xml(xmp[start..start + end].trim());
    (!v.is_empty()).then(|| kyso_report::clip_text(v))
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn xmp_values() {
        let x = r#"<x><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Nghị định &amp; cộng sự</rdf:li></rdf:Alt></dc:title><pdf:Producer>Kyso</pdf:Producer></x>"#;
        assert_eq!(
            super::xmp_value(x, "dc:title").as_deref(),
            Some("Nghị định & cộng sự")
        );
        assert_eq!(super::xmp_value(x, "pdf:Producer").as_deref(), Some("Kyso"));
        assert_eq!(super::xmp_value(x, "dc:creator"), None);
    }
}
