//! Building signed chains for the conformance vectors by hand, from the
//! spec (`docs/airlog.md` §2–§3): the body's bytes as text, its record hash,
//! and an Ed25519 signature made from the secret scalar itself, so a vector
//! can carry a signature no ordinary signer makes (torsion in R, a
//! small-order R, an unreduced S) and a key of mixed order.

use chrono::{DateTime, Duration, TimeZone, Utc};
use curve25519_dalek::constants::ED25519_BASEPOINT_POINT as B;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use sha2::{Digest, Sha256, Sha512};

/// A point of order 8: RFC 8032's torsion point, by its y coordinate.
const ORDER_8_Y: [u8; 32] = [
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
];

/// The identity point spelt with y = p + 1: a non-canonical encoding of a
/// small-order point, which ZIP 215 accepts as R.
pub const NON_CANONICAL_IDENTITY: [u8; 32] = {
    let mut bytes = [0xff; 32];
    bytes[0] = 0xee;
    bytes[31] = 0x7f;
    bytes
};

/// The group order ℓ, little-endian.
const ELL: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// How a record's signature is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sig {
    /// As any Ed25519 signer: R = rB, S = r + k·a.
    Plain,
    /// R = rB + T with T of order 8, S = r + k·a: valid under ZIP 215 (the
    /// torsion vanishes in the cofactored equation), refused by
    /// cofactorless strict verification.
    TorsionR,
    /// R = the identity, spelt non-canonically, S = k·a: valid under ZIP
    /// 215 ([8]R is the identity), refused by strict verification.
    SmallOrderR,
    /// A valid signature with ℓ added to S: never valid (S ≥ ℓ).
    UnreducedS,
}

/// A station key: the secret scalar, the public key as stored, and the
/// seed of its deterministic nonces.
#[derive(Debug, Clone)]
pub struct Key {
    secret: Scalar,
    /// The 32 bytes of the public key as the log carries them.
    pub public: [u8; 32],
    nonce_seed: [u8; 32],
}

impl Key {
    /// The key numbered `seed` (the same key on every run).
    pub fn new(seed: u8) -> Self {
        let secret = wide(&[b"loa vector key".as_slice(), &[seed]]);
        Self {
            secret,
            public: (secret * B).compress().0,
            nonce_seed: Sha256::digest([b"loa vector nonce".as_slice(), &[seed]].concat()).into(),
        }
    }

    /// The key numbered `seed` with an order-8 point added to its public
    /// key: not of small order, so it may enter a chain (§2.2).
    pub fn mixed_order(seed: u8) -> Self {
        let plain = Self::new(seed);
        let public = (plain.secret * B + torsion()).compress().0;
        Self { public, ..plain }
    }

    /// A "key" that is the order-8 point itself: of small order, refused.
    pub fn small_order() -> Self {
        Self {
            public: ORDER_8_Y,
            ..Self::new(0)
        }
    }

    /// The public key in padded base64, as the log and `.pub` files have it.
    pub fn public_b64(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(self.public)
    }

    /// Signs the 32 bytes of a record hash.
    pub fn sign(&self, message: &[u8; 32], how: Sig) -> [u8; 64] {
        let r = wide(&[self.nonce_seed.as_slice(), message]);
        let big_r: [u8; 32] = match how {
            Sig::Plain | Sig::UnreducedS => (r * B).compress().0,
            Sig::TorsionR => (r * B + torsion()).compress().0,
            Sig::SmallOrderR => NON_CANONICAL_IDENTITY,
        };
        let k = wide(&[big_r.as_slice(), &self.public, message]);
        let s = match how {
            Sig::SmallOrderR => k * self.secret,
            _ => r + k * self.secret,
        };
        let mut s_bytes = s.to_bytes();
        if how == Sig::UnreducedS {
            s_bytes = add_le(&s_bytes, &ELL);
        }
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&big_r);
        signature[32..].copy_from_slice(&s_bytes);
        signature
    }
}

fn torsion() -> EdwardsPoint {
    CompressedEdwardsY(ORDER_8_Y)
        .decompress()
        .expect("the order-8 point decodes")
}

/// SHA-512 of the parts, reduced mod ℓ.
fn wide(parts: &[&[u8]]) -> Scalar {
    let mut hasher = Sha512::new();
    for part in parts {
        hasher.update(part);
    }
    let mut bytes = [0u8; 64];
    bytes.copy_from_slice(&hasher.finalize());
    Scalar::from_bytes_mod_order_wide(&bytes)
}

/// a + b for 256-bit little-endian numbers that do not overflow.
fn add_le(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = sum as u8;
        carry = sum >> 8;
    }
    out
}

/// `record_hash` of a body's bytes (§2.1).
pub fn record_hash(body: impl AsRef<[u8]>) -> [u8; 32] {
    Sha256::digest([b"loa-airlog-record-v1\n".as_slice(), body.as_ref()].concat()).into()
}

/// The line (with its LF) for `body`, hash and signature as given.
pub fn assemble(body: &[u8], hash: &[u8; 32], signature: &[u8; 64]) -> Vec<u8> {
    use base64::Engine;
    let sig = base64::engine::general_purpose::STANDARD.encode(signature);
    let mut line = b"{\"body\":".to_vec();
    line.extend_from_slice(body);
    line.extend_from_slice(format!(",\"hash\":\"{}\",\"sig\":\"{sig}\"}}\n", hex(hash)).as_bytes());
    line
}

/// The body of a line (with its LF): all but the first 8 and last 173 bytes.
pub fn body_of(line: &[u8]) -> &[u8] {
    &line[8..line.len() - 173]
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An instant as §3.1 spells it.
pub fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// 2021-03-01 22:30 UTC (05:30 in Vietnam), where every vector's log begins.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 3, 1, 22, 30, 0)
        .single()
        .expect("a valid instant")
}

/// One station's chain being built, record by record, a minute apart.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The station id (decoded).
    pub station: String,
    /// The key in force.
    pub key: Key,
    /// Each record's line, LF included.
    pub lines: Vec<Vec<u8>>,
    /// Each record's hash.
    pub hashes: Vec<[u8; 32]>,
    /// The key that signed each record.
    pub signers: Vec<Key>,
}

impl Chain {
    /// A new chain: its genesis record, signed by `key`.
    pub fn genesis(station: &str, key: Key) -> Self {
        let mut chain = Self {
            station: station.to_string(),
            key: key.clone(),
            lines: Vec::new(),
            hashes: Vec::new(),
            signers: Vec::new(),
        };
        let data = format!("{{\"public_key\":\"{}\"}}", key.public_b64());
        chain.push(1, "genesis", &data);
        chain
    }

    /// The next sequence number.
    pub fn next_seq(&self) -> u64 {
        self.lines.len() as u64
    }

    /// The hash of the newest record (zeros before genesis).
    pub fn head(&self) -> [u8; 32] {
        self.hashes.last().copied().unwrap_or([0; 32])
    }

    /// The `at` of the next record.
    pub fn next_at(&self) -> DateTime<Utc> {
        t0() + Duration::minutes(self.next_seq() as i64)
    }

    /// The canonical body of the next record.
    pub fn body(&self, v: u32, kind: &str, data: &str) -> String {
        format!(
            "{{\"v\":{v},\"station\":{},\"seq\":{},\"prev\":\"{}\",\"at\":\"{}\",\"kind\":\"{kind}\",\"data\":{data}}}",
            serde_json::to_string(&self.station).expect("a string"),
            self.next_seq(),
            hex(&self.head()),
            instant(self.next_at()),
        )
    }

    /// Appends a record of `kind` with `data`, signed plainly.
    pub fn push(&mut self, v: u32, kind: &str, data: &str) -> &mut Self {
        let body = self.body(v, kind, data);
        self.push_body(&body, Sig::Plain)
    }

    /// Appends `body` as the next record (it is taken as written), signed
    /// by the key in force as `how` says.
    pub fn push_body(&mut self, body: impl AsRef<[u8]>, how: Sig) -> &mut Self {
        let body = body.as_ref();
        let hash = record_hash(body);
        let signature = self.key.sign(&hash, how);
        self.lines.push(assemble(body, &hash, &signature));
        self.hashes.push(hash);
        self.signers.push(self.key.clone());
        self
    }

    /// A `key_rotation` to `next`, signed by the key in force; `next` signs
    /// from the record after it.
    pub fn rotate(&mut self, next: Key) -> &mut Self {
        let data = format!("{{\"public_key\":\"{}\"}}", next.public_b64());
        self.push(1, "key_rotation", &data);
        self.key = next;
        self
    }

    /// A `checkpoint` naming the newest record.
    pub fn checkpoint(&mut self) -> &mut Self {
        let data = format!(
            "{{\"seq\":{},\"head\":\"{}\"}}",
            self.next_seq() - 1,
            hex(&self.head())
        );
        self.push(1, "checkpoint", &data)
    }

    /// A `daemon_start` saying how the previous run ended.
    pub fn start(&mut self, previous_run: &str) -> &mut Self {
        let data = format!(
            "{{\"software\":\"loa 0.1.0\",\"previous_run\":\"{previous_run}\",\"torn_tail\":null,\"broken_file\":null}}"
        );
        self.push(1, "daemon_start", &data)
    }

    /// A `daemon_stop`.
    pub fn stop(&mut self) -> &mut Self {
        self.push(1, "daemon_stop", "{}")
    }

    /// A scheduled airing of one segment, started 212 ms late: its
    /// `airing_start` and `airing_end` (version 1).
    pub fn airing(&mut self) -> &mut Self {
        let scheduled = instant(self.next_at());
        let start = format!(
            "{{\"slot\":\"sang\",\"scheduled\":\"{scheduled}\",\"started\":\"{}\",\"manual\":false,\"segments\":[{}]}}",
            instant(self.next_at() + Duration::milliseconds(212)),
            planned_segment()
        );
        self.push(1, "airing_start", &start);
        let end = airing_end_data(&self.next_at(), "", &aired_segment("\"aired\""));
        self.push(1, "airing_end", &end)
    }

    /// The lines from `from` on, as one file's bytes.
    pub fn file_from(&self, from: usize) -> Vec<u8> {
        self.lines[from..].concat()
    }

    /// All the lines, as one file's bytes.
    pub fn file(&self) -> Vec<u8> {
        self.file_from(0)
    }
}

/// A PlannedSegment.
pub fn planned_segment() -> String {
    format!(
        "{{\"file\":\"ban-tin-01.mp3\",\"sha256\":\"{}\",\"title\":\"Bản tin cải cách hành chính số 1\",\"topic\":3,\"language\":\"vi\",\"duration_ms\":300000}}",
        hex(&record_hash("ban-tin-01.mp3"))
    )
}

/// A SegmentAired with `outcome` (JSON).
pub fn aired_segment(outcome: &str) -> String {
    format!(
        "{{\"file\":\"ban-tin-01.mp3\",\"sha256\":\"{}\",\"title\":\"Bản tin cải cách hành chính số 1\",\"topic\":3,\"language\":\"vi\",\"aired_ms\":300000,\"outcome\":{outcome}}}",
        hex(&record_hash("ban-tin-01.mp3"))
    )
}

/// An `airing_end`'s data for an airing scheduled a minute before `at`,
/// started 212 ms late, with `extra` fields (`,"relay":…`) and `segment`.
pub fn airing_end_data(at: &DateTime<Utc>, extra: &str, segment: &str) -> String {
    let scheduled = *at - Duration::minutes(1);
    format!(
        "{{\"slot\":\"sang\",\"scheduled\":\"{}\",\"started\":\"{}\",\"ended\":\"{}\",\"outcome\":\"completed\",\"late_ms\":212,\"manual\":false,\"segments\":[{segment}]{extra}}}",
        instant(scheduled),
        instant(scheduled + Duration::milliseconds(212)),
        instant(*at),
    )
}
