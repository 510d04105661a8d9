//! Keys and value encodings of the store's trees: the key layout, the versions of
//! documents, the date index pages, the day records and their frozen figures.

use super::*;
use crate::domain::text::Text;

pub(super) fn key(parts: &[&[u8]]) -> Vec<u8> {
    let mut k = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            k.push(0);
        }
        k.extend_from_slice(p);
    }
    k
}

pub(super) fn prefix(parts: &[&[u8]]) -> Vec<u8> {
    let mut k = key(parts);
    k.push(0);
    k
}

/// Date index entries waiting to be written, grouped into pages: one sled value per
/// source, date and batch for each chunk written, holding `(id, version)` entries in write
/// order (an empty version: the document left that date in that batch). Writing a page per
/// date instead of a key per document is what makes an import cheap.
#[derive(Default)]
pub(super) struct DayPages {
    pub(super) pages: std::collections::BTreeMap<(Vec<u8>, NaiveDate, u64), Vec<u8>>,
}

impl DayPages {
    pub(super) fn add(&mut self, source: &[u8], date: NaiveDate, batch: u64, id: &[u8], version: &[u8]) {
        let page = self.pages.entry((source.to_vec(), date, batch)).or_default();
        for part in [id, version] {
            page.extend_from_slice(&(part.len() as u32).to_le_bytes());
            page.extend_from_slice(part);
        }
    }

    /// Write the pages under sequence number `seq`: pages of a later number win over
    /// earlier ones of the same batch. Returns the keys written.
    pub(super) fn write(&mut self, kv: &dyn Engine, seq: u32) -> Result<Vec<Vec<u8>>> {
        if self.pages.is_empty() {
            return Ok(Vec::new());
        }
        let mut ops = Vec::with_capacity(self.pages.len());
        for ((source, date, b), page) in std::mem::take(&mut self.pages) {
            let mut k = key(&[&source, date_key(date).as_bytes(), &b.to_be_bytes()]);
            k.extend_from_slice(&seq.to_be_bytes());
            ops.push((k, page));
        }
        let keys = ops.iter().map(|(k, _)| k.clone()).collect();
        // Each page's key carries its batch and sequence number: never written before.
        kv.insert_new(Tree::ByDate, ops)?;
        Ok(keys)
    }

    /// The entries of a page; `None` where it is cut short.
    pub(super) fn entries(page: &[u8]) -> impl Iterator<Item = Option<(&[u8], &[u8])>> {
        let mut rest = page;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let mut take = || -> Option<&[u8]> {
                let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
                let part = rest.get(4..4 + n)?;
                rest = &rest[4 + n..];
                Some(part)
            };
            let entry = take().zip(take());
            if entry.is_none() {
                rest = &[];
            }
            Some(entry)
        })
    }
}

/// The key after every `prefix 0 batch` key under `p`.
pub(super) fn last_under(p: &[u8]) -> Vec<u8> {
    let mut k = p.to_vec();
    k.extend_from_slice(&[0xff; 9]);
    k
}

/// `k` is `p` followed by exactly a batch number.
pub(super) fn is_version_of(k: &[u8], p: &[u8]) -> bool {
    k.len() == p.len() + 8 && k.starts_with(p)
}

pub(super) fn date_key(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The date at the end of a `book\0date` key.
pub(super) fn day_of_key(k: &[u8], prefix_len: usize) -> Result<NaiveDate> {
    String::from_utf8_lossy(&k[prefix_len..])
        .parse::<NaiveDate>()
        .map_err(|e| StoreError::Corrupt {
            key: String::from_utf8_lossy(k).replace('\0', "/"),
            message: e.to_string().into(),
        })
}

/// A cached value (figures, the kept chain) that cannot be read is not there: it is built
/// again from the documents and records, never a store called corrupt or locked.
pub(super) fn miss_if_unreadable<T>(k: &[u8], read: Result<Option<T>>) -> Option<T> {
    read.unwrap_or_else(|e| {
        tracing::warn!(
            "{}: a cached value that cannot be read is built again: {e}",
            String::from_utf8_lossy(k)
        );
        None
    })
}

pub(super) fn decode<T: for<'de> Deserialize<'de>>(k: &[u8], v: &[u8]) -> Result<T> {
    serde_json::from_slice(v).map_err(|e| StoreError::Corrupt {
        key: String::from_utf8_lossy(k).replace('\0', "/"),
        message: e.to_string().into(),
    })
}

pub(super) fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("store records serialise")
}

/// A version on disk: a header with its date, then the document in binary ([`codec`]).
///
/// `[2 | 3 date(i32 LE, days from CE)] [codec bytes]`. Headers 0 and 1 (the same with the
/// document as JSON behind a kind byte) are still read; schema 1 stored plain JSON.
pub fn encode_version(v: &Version) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    match v.date {
        Some(d) => {
            out.push(3);
            out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&d).to_le_bytes());
        }
        None => out.push(2),
    }
    codec::encode(&v.doc, &mut out);
    out
}

pub fn decode_version(k: &[u8], bytes: &[u8]) -> Result<Version> {
    decode_version_at(bytes, || String::from_utf8_lossy(k).replace('\0', "/"))
}

/// [`decode_version`], naming the record (`key`) only when it is damaged.
pub(super) fn decode_version_at(bytes: &[u8], key: impl FnOnce() -> String) -> Result<Version> {
    let parsed = split_version(bytes)
        .ok_or_else(|| crate::text!("store-bad-version-header"))
        .and_then(|(format, date, body)| {
            let doc = match format {
                Format::Binary => codec::decode(body),
                Format::Json => decode_json_body(body),
            }?;
            Ok(Version { date, doc })
        });
    parsed.map_err(|message| StoreError::Corrupt { key: key(), message })
}

/// [`decode_version_at`]'s document into `slot`, a document read before ([`codec::decode_into`]).
pub(super) fn decode_document_into(bytes: &[u8], slot: &mut Document, key: impl FnOnce() -> String) -> Result<()> {
    let parsed = split_version(bytes)
        .ok_or_else(|| crate::text!("store-bad-version-header"))
        .and_then(|(format, _, body)| match format {
            Format::Binary => codec::decode_into(body, slot),
            Format::Json => decode_json_body(body).map(|doc| *slot = doc),
        });
    parsed.map_err(|message| StoreError::Corrupt { key: key(), message })
}

pub(super) const KINDS: [&str; 6] = ["ticket", "void", "order_payment", "invoice", "invoice_payment", "cash"];

/// The body of a version written with headers 0 and 1: a kind byte and JSON.
pub(super) fn decode_json_body(rest: &[u8]) -> std::result::Result<Document, Text> {
    let (&kind, body) = rest.split_first().ok_or_else(|| crate::text!("store-no-kind"))?;
    let kind = KINDS
        .get(kind as usize)
        .ok_or_else(|| crate::text!("store-unknown-kind", kind = kind))?;
    let mut de = serde_json::Deserializer::from_slice(body);
    let doc = Document::deserialize_kind(kind, &mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(doc)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Json,
    Binary,
}

/// A stored version's format, date and body (the document, the part two versions of one
/// document are compared on: equal values always encode to equal bytes).
pub(super) fn split_version(bytes: &[u8]) -> Option<(Format, Option<NaiveDate>, &[u8])> {
    let format = match bytes.first()? {
        0 | 1 => Format::Json,
        2 | 3 => Format::Binary,
        _ => return None,
    };
    if bytes[0].is_multiple_of(2) {
        return Some((format, None, &bytes[1..]));
    }
    let days = i32::from_le_bytes(bytes.get(1..5)?.try_into().ok()?);
    Some((format, Some(NaiveDate::from_num_days_from_ce_opt(days)?), &bytes[5..]))
}

/// A cached day's figures: `[FIGURES_FORMAT] [fingerprint length u16 LE] [fingerprint]
/// [figures]`; an entry of another format (JSON or binary, before this one) or config is
/// `None`, to be built again.
pub(super) fn decode_figures(k: &[u8], v: &[u8], fingerprint: &str) -> Result<Option<DayFigures>> {
    let Some((&FIGURES_FORMAT, rest)) = v.split_first() else {
        return Ok(None);
    };
    let Some((len, rest)) = rest.split_first_chunk::<2>() else {
        return Ok(None);
    };
    let len = usize::from(u16::from_le_bytes(*len));
    if rest.get(..len) != Some(fingerprint.as_bytes()) {
        return Ok(None);
    }
    codec::decode_cached_figures(&rest[len..])
        .map(Some)
        .map_err(|message| StoreError::Corrupt {
            key: String::from_utf8_lossy(k).replace('\0', "/"),
            message,
        })
}

/// The form of a confirmed day's figures in the frozen tree: this byte, then [`codec`].
pub(super) const FROZEN_FORMAT: u8 = 0xF2;

/// Frozen figures as the frozen tree holds them.
pub(super) fn frozen_value(figures: &DayFigures) -> Vec<u8> {
    let mut v = Vec::with_capacity(4096);
    v.push(FROZEN_FORMAT);
    codec::encode_figures(figures, &mut v);
    v
}

/// The digest a day record names its frozen figures by: SHA-256 of their stored form.
pub fn figures_digest(figures: &DayFigures) -> String {
    crate::sha256_hex(&frozen_value(figures))
}

/// A day record as the days tree holds it (JSON, decision 63) and, for a confirmed one, its
/// frozen figures as the frozen tree holds them; the JSON names their digest
/// (`frozen.figures_sha256`).
pub(super) fn encode_record(r: &DayRecord) -> (Vec<u8>, Option<Vec<u8>>) {
    let Some(frozen) = &r.frozen else {
        return (encode(r), None);
    };
    let figures = frozen_value(&frozen.figures);
    (record_json(r, &crate::sha256_hex(&figures)), Some(figures))
}

/// A confirmed day's record as JSON, naming its frozen figures by `digest`: the name goes
/// first into the `frozen` object as written (one pass, no intermediate value). The bytes
/// `"frozen":{` can only be that key: quotes inside strings are escaped, and no field before
/// it is a map with free keys.
pub(super) fn record_json(r: &DayRecord, digest: &str) -> Vec<u8> {
    const KEY: &[u8] = b"\"frozen\":{";
    let json = encode(r);
    let Some(at) = json.windows(KEY.len()).position(|w| w == KEY).map(|i| i + KEY.len()) else {
        return json;
    };
    let mut out = Vec::with_capacity(json.len() + 90);
    out.extend_from_slice(&json[..at]);
    out.extend_from_slice(b"\"figures_sha256\":\"");
    out.extend_from_slice(digest.as_bytes());
    out.extend_from_slice(b"\",");
    out.extend_from_slice(&json[at..]);
    out
}

/// The writes that store a day record under `k`: its frozen figures (or their removal) and
/// its JSON.
pub(super) fn record_rows(k: Vec<u8>, r: &DayRecord) -> [(Tree, Op); 2] {
    let (json, figures) = encode_record(r);
    let frozen = match figures {
        Some(f) => Op::Insert(k.clone(), f),
        None => Op::Remove(k.clone()),
    };
    [(Tree::Frozen, frozen), (Tree::Days, Op::Insert(k, json))]
}

/// What a record names of its frozen figures.
#[derive(Deserialize)]
pub(super) struct NamedFigures {
    pub(super) frozen: Option<FiguresName>,
}

#[derive(Deserialize)]
pub(super) struct FiguresName {
    pub(super) figures_sha256: Option<String>,
}

/// A day record read from the days tree, and the digest of its frozen figures when they
/// are kept apart (`None`: not confirmed, or a record of schema 3 that still carries them).
pub(super) fn decode_record(k: &[u8], v: &[u8]) -> Result<(DayRecord, Option<String>)> {
    let record: DayRecord = decode(k, v)?;
    let digest = match record.frozen {
        Some(_) => decode::<NamedFigures>(k, v)?.frozen.and_then(|f| f.figures_sha256),
        None => None,
    };
    Ok((record, digest))
}

/// A confirmed day whose record names frozen figures the store does not hold.
pub(super) fn missing_frozen(book: &str, date: NaiveDate) -> StoreError {
    StoreError::Corrupt {
        key: format!("frozen/{book}/{}", date_key(date)),
        message: "the frozen figures of a confirmed day are missing".into(),
    }
}

/// Frozen figures read back, checked against the digest their record names.
pub(super) fn decode_frozen(k: &[u8], v: &[u8], digest: &str) -> Result<DayFigures> {
    let corrupt = |message: Text| StoreError::Corrupt {
        key: format!("frozen/{}", String::from_utf8_lossy(k).replace('\0', "/")),
        message,
    };
    if crate::sha256_hex(v) != digest {
        return Err(corrupt(
            format!("the figures do not match their digest {digest}").into(),
        ));
    }
    match v.split_first() {
        Some((&FROZEN_FORMAT, rest)) => codec::decode_figures(rest).map_err(corrupt),
        _ => Err(corrupt(Text::from("not frozen figures"))),
    }
}

/// The batch number a key ends with; a key too short to hold one is a damaged record,
/// said as such (a short key in a shared table panicked the opening).
pub(super) fn batch_of(k: &[u8]) -> Result<u64> {
    k.len()
        .checked_sub(8)
        .and_then(|at| k[at..].try_into().ok())
        .map(u64::from_be_bytes)
        .ok_or_else(|| StoreError::Corrupt {
            key: String::from_utf8_lossy(k).replace('\0', "/"),
            message: crate::text!("store-key-without-batch"),
        })
}
