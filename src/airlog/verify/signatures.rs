//! Checking many signatures fast: Ed25519 batch verification over a chunk's
//! records, and per-record `verify_strict` to find which one is bad when a
//! batch fails (or for every record in `--strict` mode).
//!
//! Batch verification checks a random linear combination of the
//! signature equations; it accepts every signature `verify_strict`
//! accepts. To keep it from accepting what `verify_strict` refuses, a
//! signature whose R is of small order or not canonically encoded is sent
//! to `verify_strict` (which rejects it), and keys of small order are
//! refused when they enter the chain. What remains is documented in
//! `docs/airlog.md` (signature bytes re-randomised by a torsion point).

use ed25519_dalek::{Signature, VerifyingKey};

/// One signature to check: the record hash it signs, the key in force.
#[derive(Clone, Copy)]
pub struct SignatureItem {
    /// Index of the record within its chunk (for the report).
    pub index: u32,
    /// The record hash (the signed message).
    pub hash: [u8; 32],
    /// The signature bytes as stored.
    pub signature: [u8; 64],
    /// The key in force for that record.
    pub key: VerifyingKey,
}

/// How signatures are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Batch verification, falling back to `verify_strict` on failure.
    Batch,
    /// `verify_strict` for every record.
    Strict,
    /// Not at all (chain-only checking).
    Skip,
}

const FALLBACK_BATCH: usize = 64;

/// The indexes of the items whose signature does not verify.
pub fn failing(items: &[SignatureItem], check: SignatureCheck) -> Vec<u32> {
    match check {
        SignatureCheck::Skip => Vec::new(),
        SignatureCheck::Strict => strict_failures(items),
        SignatureCheck::Batch => {
            let (plain, suspicious): (Vec<SignatureItem>, Vec<SignatureItem>) =
                items.iter().partition(|item| is_plain_r(&item.signature));
            let mut bad = strict_failures(&suspicious);
            if !batch_ok(&plain) {
                for part in plain.chunks(FALLBACK_BATCH) {
                    if !batch_ok(part) {
                        bad.extend(strict_failures(part));
                    }
                }
            }
            bad.sort_unstable();
            bad
        }
    }
}

fn strict_failures(items: &[SignatureItem]) -> Vec<u32> {
    items
        .iter()
        .filter(|item| {
            let signature = Signature::from_bytes(&item.signature);
            item.key.verify_strict(&item.hash, &signature).is_err()
        })
        .map(|item| item.index)
        .collect()
}

fn batch_ok(items: &[SignatureItem]) -> bool {
    if items.is_empty() {
        return true;
    }
    let messages: Vec<&[u8]> = items.iter().map(|item| &item.hash[..]).collect();
    let signatures: Vec<Signature> = items
        .iter()
        .map(|item| Signature::from_bytes(&item.signature))
        .collect();
    let keys: Vec<VerifyingKey> = items.iter().map(|item| item.key).collect();
    ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok()
}

/// The y coordinates (mod p, little-endian, sign bit clear) of the points
/// of order 1, 2, 4 and 8: 1, p-1, 0, and the two of order 8.
const SMALL_ORDER_Y: [[u8; 32]; 5] = [
    hex32("0100000000000000000000000000000000000000000000000000000000000000"),
    hex32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    hex32("0000000000000000000000000000000000000000000000000000000000000000"),
    hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    hex32("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
];

/// p = 2^255 - 19, little-endian.
const FIELD_PRIME: [u8; 32] =
    hex32("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

/// True when R's encoding is canonical (y < p) and not of a small-order
/// point: the cases where batch and strict verification can disagree on
/// the encoding alone.
pub fn is_plain_r(signature: &[u8; 64]) -> bool {
    let mut y = [0u8; 32];
    y.copy_from_slice(&signature[..32]);
    y[31] &= 0x7f;
    if !less_than_le(&y, &FIELD_PRIME) {
        return false;
    }
    !SMALL_ORDER_Y.contains(&y)
}

fn less_than_le(a: &[u8; 32], b: &[u8; 32]) -> bool {
    a.iter().rev().lt(b.iter().rev())
}

const fn hex32(text: &str) -> [u8; 32] {
    let bytes = text.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = (nibble(bytes[2 * i]) << 4) | nibble(bytes[2 * i + 1]);
        i += 1;
    }
    out
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => panic!("not a hex digit"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    #[test]
    fn the_small_order_list_is_exactly_the_small_order_points() {
        for y in SMALL_ORDER_Y {
            let point = VerifyingKey::from_bytes(&y).expect("a curve point");
            assert!(point.is_weak());
            for sign in [0u8, 0x80] {
                let mut encoding = y;
                encoding[31] |= sign;
                if let Ok(point) = VerifyingKey::from_bytes(&encoding) {
                    assert!(point.is_weak(), "{encoding:?}");
                }
            }
        }
    }

    #[test]
    fn a_bad_signature_in_a_batch_is_found() {
        let key = SigningKey::from_bytes(&[5; 32]);
        let mut items: Vec<SignatureItem> = (0..100u32)
            .map(|index| {
                let hash = [index as u8; 32];
                SignatureItem {
                    index,
                    hash,
                    signature: key.sign(&hash).to_bytes(),
                    key: key.verifying_key(),
                }
            })
            .collect();
        assert!(failing(&items, SignatureCheck::Batch).is_empty());
        items[37].hash[0] ^= 1;
        assert_eq!(failing(&items, SignatureCheck::Batch), vec![37]);
        assert_eq!(failing(&items, SignatureCheck::Strict), vec![37]);
        items[3].signature[..32].copy_from_slice(&SMALL_ORDER_Y[0]);
        assert_eq!(failing(&items, SignatureCheck::Batch), vec![3, 37]);
    }
}
