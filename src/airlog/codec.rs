//! One record as one line of bytes: strict parsing and encoding.
//!
//! A line is `{"body":BODY,"hash":"HEX64","sig":"B64_88"}` and a newline,
//! byte for byte, where BODY is
//! `{"v":V,"station":STR,"seq":N,"prev":"HEX64","at":"INSTANT","kind":"NAME","data":OBJ}`
//! (V from 1 to the newest format version).
//! The fixed layout lets a verifier take the body's exact bytes (what the
//! hash covers) without re-serialising anything, and turns every other
//! spelling (CRLF, a BOM, reordered or duplicate keys, spaces) into an error.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signer, SigningKey};

use super::b64;
use super::error::LineError;
use super::hash::Sha256Hash;
use super::record::{Checkpoint, FORMAT_VERSION, OLDEST_FORMAT_VERSION, RecordKind};
use super::time::{INSTANT_LEN, parse_instant, write_instant};

const PREFIX: &[u8] = b"{\"body\":";
const HASH_KEY: &[u8] = b",\"hash\":\"";
const SIG_KEY: &[u8] = b"\",\"sig\":\"";
const CLOSE: &[u8] = b"\"}";
const SIG_B64_LEN: usize = 88;
/// Everything after the body: hash and signature, always this long.
const SUFFIX_LEN: usize = HASH_KEY.len() + 64 + SIG_KEY.len() + SIG_B64_LEN + CLOSE.len();

/// A line split into its three parts, nothing checked but the layout.
#[derive(Debug, Clone, Copy)]
pub struct RawRecord<'a> {
    /// The body's exact bytes.
    pub body: &'a [u8],
    /// The hash as written in the line.
    pub stored_hash: Sha256Hash,
    /// The signature as written in the line.
    pub signature: [u8; 64],
}

/// The body's fixed fields, read without parsing the kind's data.
#[derive(Debug, Clone)]
pub struct Header<'a> {
    /// `"v"`: the format version the record is written in.
    pub version: u32,
    /// `"station"`.
    pub station: Cow<'a, str>,
    /// `"seq"`.
    pub seq: u64,
    /// `"prev"`.
    pub prev: Sha256Hash,
    /// `"at"`.
    pub at: DateTime<Utc>,
    /// `"kind"`.
    pub kind: &'a str,
    /// `"data"`: the kind's object, exact bytes.
    pub data: &'a [u8],
}

/// A line whose layout, hash and header are valid (the signature is not
/// checked here: that needs the key in force, which the chain decides).
#[derive(Debug, Clone)]
pub struct CheckedLine<'a> {
    /// Body, stored hash (equal to the computed one), signature.
    pub raw: RawRecord<'a>,
    /// The body's fixed fields.
    pub header: Header<'a>,
}

impl CheckedLine<'_> {
    /// The record's hash (stored and recomputed: they are equal).
    pub fn hash(&self) -> Sha256Hash {
        self.raw.stored_hash
    }

    /// Parses the kind's data strictly: a record carries exactly the
    /// lowest format version that has everything it uses (§5.1), and
    /// keeps the rules §5 sets beyond its fields' types (§7.1).
    pub fn kind(&self) -> Result<RecordKind, LineError> {
        let kind = match RecordKind::read_data(self.header.kind, self.header.data) {
            None => return Err(LineError::UnknownKind(self.header.kind.to_string())),
            Some(Err(e)) => return Err(LineError::Data(e.to_string())),
            Some(Ok(kind)) => kind,
        };
        let needs = kind.format_version();
        if needs != self.header.version {
            return Err(LineError::WrongVersion {
                version: self.header.version,
                needs,
            });
        }
        super::rules::check(&kind, self.header.seq)?;
        Ok(kind)
    }
}

/// Splits a line (without its newline) into body, hash and signature.
pub fn split_line(line: &[u8]) -> Result<RawRecord<'_>, LineError> {
    if line.len() < PREFIX.len() + SUFFIX_LEN + 2 || !line.starts_with(PREFIX) {
        return Err(LineError::Layout);
    }
    let (head, suffix) = line.split_at(line.len() - SUFFIX_LEN);
    let body = &head[PREFIX.len()..];
    let (hash_key, rest) = suffix.split_at(HASH_KEY.len());
    let (hash_hex, rest) = rest.split_at(64);
    let (sig_key, rest) = rest.split_at(SIG_KEY.len());
    let (sig_b64, close) = rest.split_at(SIG_B64_LEN);
    if hash_key != HASH_KEY || sig_key != SIG_KEY || close != CLOSE {
        return Err(LineError::Layout);
    }
    let stored_hash = Sha256Hash::from_hex(hash_hex).ok_or(LineError::HashSpelling)?;
    let signature = b64::decode_array::<64>(sig_b64).ok_or(LineError::SignatureSpelling)?;
    Ok(RawRecord {
        body,
        stored_hash,
        signature,
    })
}

/// Checks a line (without its newline): layout, UTF-8, compactness, the
/// hash against the body's bytes, and the header's fixed fields.
pub fn check_line(line: &[u8]) -> Result<CheckedLine<'_>, LineError> {
    let checked = check_envelope(line)?;
    if std::str::from_utf8(line).is_err() {
        return Err(LineError::NotUtf8);
    }
    check_canonical(checked.header.data)?;
    Ok(checked)
}

/// Checks what the chain needs: layout, the hash against the body's bytes,
/// and the header's fixed fields, but not the text of the kind's data
/// (UTF-8, compactness): chain-only verification.
pub fn check_envelope(line: &[u8]) -> Result<CheckedLine<'_>, LineError> {
    let raw = split_line(line)?;
    if Sha256Hash::of_record_body(raw.body) != raw.stored_hash {
        return Err(LineError::HashMismatch);
    }
    let header = parse_header(raw.body)?;
    Ok(CheckedLine { raw, header })
}

/// Reads the body's fixed fields, in their fixed order.
pub fn parse_header(body: &[u8]) -> Result<Header<'_>, LineError> {
    let mut cursor = Cursor { rest: body };
    cursor.expect(b"{\"v\":", "v")?;
    let version = cursor.number("v")?;
    let version = u32::try_from(version)
        .ok()
        .filter(|v| (OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(v))
        .ok_or(LineError::UnsupportedVersion(version))?;
    cursor.expect(b",\"station\":", "station")?;
    let station = cursor.string("station")?;
    if station.is_empty() || station.chars().any(char::is_control) {
        return Err(LineError::Field("station"));
    }
    cursor.expect(b",\"seq\":", "seq")?;
    let seq = cursor.number("seq")?;
    cursor.expect(b",\"prev\":\"", "prev")?;
    let prev = Sha256Hash::from_hex(cursor.take(64, "prev")?).ok_or(LineError::Field("prev"))?;
    cursor.expect(b"\",\"at\":\"", "at")?;
    let at = parse_instant(cursor.take(INSTANT_LEN, "at")?).ok_or(LineError::Field("at"))?;
    cursor.expect(b"\",\"kind\":\"", "kind")?;
    let kind = cursor.identifier("kind")?;
    cursor.expect(b"\",\"data\":", "data")?;
    let data = cursor
        .rest
        .strip_suffix(b"}")
        .filter(|d| d.len() >= 2 && d.starts_with(b"{") && d.ends_with(b"}"))
        .ok_or(LineError::Field("data"))?;
    Ok(Header {
        version,
        station,
        seq,
        prev,
        at,
        kind,
        data,
    })
}

/// A line ready to be written, and its hash.
#[derive(Debug, Clone)]
pub struct EncodedRecord {
    /// The whole line, newline included.
    pub line: Vec<u8>,
    /// The record's hash.
    pub hash: Sha256Hash,
}

/// The fixed fields a new record is written with.
#[derive(Debug, Clone, Copy)]
pub struct NewRecord<'a> {
    /// The station's id.
    pub station: &'a str,
    /// Its sequence number.
    pub seq: u64,
    /// The hash of the record before it.
    pub prev: Sha256Hash,
    /// The wall-clock time (stored to the microsecond).
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: &'a RecordKind,
}

/// Builds a record's line: body, hash, signature by `key`.
pub fn encode_record(record: NewRecord<'_>, key: &SigningKey) -> Result<EncodedRecord, LineError> {
    let mut body = Vec::with_capacity(512);
    body.extend_from_slice(b"{\"v\":");
    body.extend_from_slice(record.kind.format_version().to_string().as_bytes());
    body.extend_from_slice(b",\"station\":");
    serde_json::to_writer(&mut body, record.station).map_err(|e| LineError::Data(e.to_string()))?;
    body.extend_from_slice(b",\"seq\":");
    body.extend_from_slice(record.seq.to_string().as_bytes());
    body.extend_from_slice(b",\"prev\":\"");
    record.prev.write_hex(&mut body);
    body.extend_from_slice(b"\",\"at\":\"");
    write_instant(record.at, &mut body);
    body.extend_from_slice(b"\",\"kind\":\"");
    body.extend_from_slice(record.kind.name().as_bytes());
    body.extend_from_slice(b"\",\"data\":");
    record
        .kind
        .write_data(&mut body)
        .map_err(|e| LineError::Data(e.to_string()))?;
    body.push(b'}');
    let hash = Sha256Hash::of_record_body(&body);
    let signature = key.sign(&hash.0);
    let mut line = Vec::with_capacity(body.len() + PREFIX.len() + SUFFIX_LEN + 1);
    line.extend_from_slice(PREFIX);
    line.extend_from_slice(&body);
    line.extend_from_slice(HASH_KEY);
    hash.write_hex(&mut line);
    line.extend_from_slice(SIG_KEY);
    line.extend_from_slice(b64::encode(&signature.to_bytes()).as_bytes());
    line.extend_from_slice(CLOSE);
    line.push(b'\n');
    Ok(EncodedRecord { line, hash })
}

/// Reads a checkpoint's data in the writer's exact spelling,
/// `{"seq":N,"head":"HEX"}`, without a JSON parser: most records of a log
/// are hourly checkpoints. `None` means "use the general parser".
pub fn parse_checkpoint_data(data: &[u8]) -> Option<Checkpoint> {
    let mut cursor = Cursor { rest: data };
    cursor.expect(b"{\"seq\":", "seq").ok()?;
    let seq = cursor.number("seq").ok()?;
    cursor.expect(b",\"head\":\"", "head").ok()?;
    let head = Sha256Hash::from_hex(cursor.take(64, "head").ok()?)?;
    (cursor.rest == b"\"}").then_some(Checkpoint { seq, head })
}

/// Checks that JSON text is in the one spelling `loa` writes (§3.3): no
/// whitespace outside strings, integers without sign on zero, fraction or
/// exponent, and strings that escape only what JSON requires, the way
/// `serde_json` writes them. Equal values then have equal bytes.
fn check_canonical(json: &[u8]) -> Result<(), LineError> {
    let mut at = 0;
    while let Some(&c) = json.get(at) {
        at = match c {
            b'"' => canonical_string_end(json, at + 1)?,
            b' ' | b'\t' | b'\n' | b'\r' => return Err(LineError::NotCompact),
            b'-' | b'0'..=b'9' => canonical_number_end(json, at)?,
            _ => at + 1,
        };
    }
    Ok(())
}

/// Where a canonical string that begins (after its quote) at `at` ends,
/// just past its closing quote.
fn canonical_string_end(json: &[u8], mut at: usize) -> Result<usize, LineError> {
    let bad = LineError::NotCanonical("string");
    loop {
        match *json.get(at).ok_or(bad.clone())? {
            b'"' => return Ok(at + 1),
            b'\\' => {
                let escape = json.get(at + 1..at + 6).unwrap_or(&[]);
                at += match escape.first() {
                    Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                    Some(b'u') if is_required_unicode_escape(escape) => 6,
                    _ => return Err(bad),
                };
            }
            c if c < 0x20 => return Err(bad),
            _ => at += 1,
        }
    }
}

/// `u00xx` (lowercase hex) for a control character that has no short
/// escape: the only `\u` escape JSON text from `loa` contains.
fn is_required_unicode_escape(escape: &[u8]) -> bool {
    let [b'u', b'0', b'0', high @ (b'0' | b'1'), low] = *escape else {
        return false;
    };
    let Some(low) = (low as char)
        .to_digit(16)
        .filter(|_| !low.is_ascii_uppercase())
    else {
        return false;
    };
    let value = u32::from(high - b'0') * 16 + low;
    !matches!(value, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d)
}

/// Where a canonical integer beginning at `at` ends: `0` or `-?[1-9][0-9]*`,
/// never `-0`, and no fraction or exponent.
fn canonical_number_end(json: &[u8], at: usize) -> Result<usize, LineError> {
    let negative = json.get(at) == Some(&b'-');
    let digits_from = at + usize::from(negative);
    let digits = json
        .get(digits_from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let end = digits_from + digits;
    let first = json.get(digits_from).copied();
    let canonical = match (digits, first) {
        (0, _) => false,
        (1, Some(b'0')) => !negative,
        (_, Some(b'0')) => false,
        _ => true,
    };
    if !canonical || matches!(json.get(end), Some(b'.' | b'e' | b'E')) {
        return Err(LineError::NotCanonical("number"));
    }
    Ok(end)
}

/// `text` with each `\\"` and `\\\\` read as the character it escapes.
fn unescape_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' {
            chars.next().unwrap_or(c)
        } else {
            c
        });
    }
    out
}

/// A read position in a body, for the header's fixed fields.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn expect(&mut self, text: &[u8], field: &'static str) -> Result<(), LineError> {
        self.rest = self
            .rest
            .strip_prefix(text)
            .ok_or(LineError::Field(field))?;
        Ok(())
    }

    fn take(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], LineError> {
        if self.rest.len() < n {
            return Err(LineError::Field(field));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    /// A JSON non-negative integer without leading zeros, fitting u64.
    fn number(&mut self, field: &'static str) -> Result<u64, LineError> {
        let digits = self.rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let text = self.take(digits, field)?;
        if text.is_empty() || (text.len() > 1 && text[0] == b'0') {
            return Err(LineError::Field(field));
        }
        text.iter()
            .try_fold(0u64, |acc, &c| {
                acc.checked_mul(10)?.checked_add(u64::from(c - b'0'))
            })
            .ok_or(LineError::Field(field))
    }

    /// A station id as JSON string: any character but a control
    /// character, with `"` and `\\` escaped as `\\"` and `\\\\` (the only
    /// escapes its canonical spelling has, §3.3); borrowed when it has none.
    fn string(&mut self, field: &'static str) -> Result<Cow<'a, str>, LineError> {
        let bad = || LineError::Field(field);
        if self.rest.first() != Some(&b'"') {
            return Err(bad());
        }
        let mut escaped = false;
        let mut has_escape = false;
        let mut end = None;
        for (i, &c) in self.rest.iter().enumerate().skip(1) {
            if escaped {
                if c != b'"' && c != b'\\' {
                    return Err(LineError::NotCanonical("string"));
                }
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
                has_escape = true;
            } else if c == b'"' {
                end = Some(i);
                break;
            } else if c < 0x20 {
                return Err(bad());
            }
        }
        let end = end.ok_or_else(bad)?;
        let quoted = self.take(end + 1, field)?;
        let text = std::str::from_utf8(&quoted[1..end]).map_err(|_| bad())?;
        Ok(if has_escape {
            Cow::Owned(unescape_quotes(text))
        } else {
            Cow::Borrowed(text)
        })
    }

    /// A kind's name: lowercase letters and underscores, up to the quote.
    fn identifier(&mut self, field: &'static str) -> Result<&'a str, LineError> {
        let len = self
            .rest
            .iter()
            .take_while(|c| c.is_ascii_lowercase() || **c == b'_')
            .count();
        let name = self.take(len, field)?;
        if name.is_empty() {
            return Err(LineError::Field(field));
        }
        std::str::from_utf8(name).map_err(|_| LineError::Field(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::airlog::record::DaemonStop;
    use chrono::TimeZone;

    fn sample(kind: &RecordKind) -> EncodedRecord {
        let key = SigningKey::from_bytes(&[1; 32]);
        let at = Utc.with_ymd_and_hms(2021, 3, 1, 5, 30, 0).unwrap();
        let new = NewRecord {
            station: "can-tho/vinh-hai",
            seq: 7,
            prev: Sha256Hash::of_bytes(b"x"),
            at,
            kind,
        };
        encode_record(new, &key).unwrap()
    }

    #[test]
    fn an_encoded_line_checks_and_reads_back() {
        let kind = RecordKind::Checkpoint(Checkpoint {
            seq: 6,
            head: Sha256Hash::of_bytes(b"x"),
        });
        let encoded = sample(&kind);
        let line = encoded.line.strip_suffix(b"\n").unwrap();
        let checked = check_line(line).unwrap();
        assert_eq!(checked.hash(), encoded.hash);
        assert_eq!(checked.header.seq, 7);
        assert_eq!(checked.header.station, "can-tho/vinh-hai");
        assert_eq!(checked.kind().unwrap(), kind);
    }

    #[test]
    fn the_checkpoint_fast_path_agrees_with_the_parser() {
        let head = Sha256Hash::of_bytes(b"x").to_hex();
        let written = format!("{{\"seq\":41,\"head\":\"{head}\"}}");
        let reordered = format!("{{\"head\":\"{head}\",\"seq\":41}}");
        let expected = RecordKind::read_data("checkpoint", written.as_bytes());
        assert!(parse_checkpoint_data(written.as_bytes()).is_some());
        assert!(parse_checkpoint_data(reordered.as_bytes()).is_none());
        let general = RecordKind::read_data("checkpoint", reordered.as_bytes());
        assert_eq!(expected.unwrap().unwrap(), general.unwrap().unwrap());
        let extra = format!("{{\"seq\":41,\"head\":\"{head}\",\"x\":1}}");
        assert!(
            RecordKind::read_data("checkpoint", extra.as_bytes())
                .unwrap()
                .is_err()
        );
    }

    #[test]
    fn other_spellings_of_the_same_record_are_refused() {
        let encoded = sample(&RecordKind::DaemonStop(DaemonStop {}));
        let line = encoded.line.strip_suffix(b"\n").unwrap().to_vec();
        let mut crlf = line.clone();
        crlf.push(b'\r');
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&line);
        let spaced =
            String::from_utf8(line.clone())
                .unwrap()
                .replacen("\"seq\":7", "\"seq\": 7", 1);
        for bad in [crlf, bom, spaced.into_bytes()] {
            assert!(
                check_line(&bad).is_err(),
                "{}",
                String::from_utf8_lossy(&bad)
            );
        }
    }
}
