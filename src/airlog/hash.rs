//! The 32-byte SHA-256 values the log is built from (record hashes, audio
//! file hashes, plan hashes), written as 64 lowercase hex digits.
//!
//! One strict textual form keeps a hash's bytes in the log canonical: an
//! uppercase digit would be a second spelling of the same value.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// The domain tag hashed before a record's body, so a record hash can never
/// be confused with the SHA-256 of some other document.
pub const RECORD_DOMAIN_TAG: &[u8] = b"loa-airlog-record-v1\n";

/// A SHA-256 value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sha256Hash(pub [u8; 32]);

impl Sha256Hash {
    /// The `prev` of the genesis record: there is no record before it.
    pub const ZERO: Self = Self([0; 32]);

    /// The hash a record's signature covers: SHA-256 of the domain tag
    /// followed by the body's exact bytes as stored.
    pub fn of_record_body(body: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(RECORD_DOMAIN_TAG);
        hasher.update(body);
        Self(hasher.finalize().into())
    }

    /// SHA-256 of arbitrary bytes (torn tails, public keys).
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// Parses exactly 64 lowercase hex digits; anything else is `None`.
    /// (Written so the compiler vectorises it: a verifier decodes three
    /// hashes per record.)
    pub fn from_hex(text: &[u8]) -> Option<Self> {
        let text: &[u8; 64] = text.try_into().ok()?;
        let mut nibbles = [0u8; 64];
        let mut invalid = false;
        for (nibble, &c) in nibbles.iter_mut().zip(text) {
            let digit = c.wrapping_sub(b'0');
            let letter = c.wrapping_sub(b'a');
            invalid |= digit >= 10 && letter >= 6;
            *nibble = if digit < 10 {
                digit
            } else {
                letter.wrapping_add(10)
            };
        }
        let mut out = [0u8; 32];
        for (byte, pair) in out.iter_mut().zip(nibbles.chunks_exact(2)) {
            *byte = (pair[0] << 4) | (pair[1] & 0x0f);
        }
        (!invalid).then_some(Self(out))
    }

    /// The 64 lowercase hex digits, appended to `out`.
    pub fn write_hex(&self, out: &mut Vec<u8>) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for byte in self.0 {
            out.push(DIGITS[usize::from(byte >> 4)]);
            out.push(DIGITS[usize::from(byte & 0x0f)]);
        }
    }

    /// The 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        let mut out = Vec::with_capacity(64);
        self.write_hex(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

impl fmt::Display for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256Hash({})", self.to_hex())
    }
}

impl Serialize for Sha256Hash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Sha256Hash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(HexVisitor)
    }
}

struct HexVisitor;

impl serde::de::Visitor<'_> for HexVisitor {
    type Value = Sha256Hash;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("64 lowercase hex digits")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Sha256Hash, E> {
        Sha256Hash::from_hex(text.as_bytes())
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_uppercase() {
        let hash = Sha256Hash::of_bytes(b"loa");
        assert_eq!(Sha256Hash::from_hex(hash.to_hex().as_bytes()), Some(hash));
        let upper = hash.to_hex().to_uppercase();
        assert_eq!(Sha256Hash::from_hex(upper.as_bytes()), None);
        assert_eq!(Sha256Hash::from_hex(b"00"), None);
        // Regression: bytes far from a hex digit overflowed the nibble sum.
        for c in 0..=255u8 {
            let text = [c; 64];
            let valid = c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
            assert_eq!(Sha256Hash::from_hex(&text).is_some(), valid, "{c}");
        }
    }
}
