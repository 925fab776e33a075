//! Checking many signatures fast, with one rule for batch and single
//! verification: ZIP 215 (`docs/airlog.md` §2.2).
//!
//! ZIP 215 verification is cofactored: a signature (R, s) by key A on
//! message M is valid when `[8][s]B = [8]R + [8][k]A`, with s canonical
//! (below the group order) and A and R any encodings that decompress to a
//! curve point. Its batch equation is the same one summed with random
//! weights, so a batch accepts exactly the signatures that single checks
//! accept (a set holding an invalid one passes with probability 2^-128,
//! freshly drawn on every run). A cofactorless batch, as before, accepted a
//! signature with a torsion component added to R for one in eight choices
//! of R, deterministically: a station could search for one that `loa verify`
//! accepted and a strict verifier refused. `ed25519-zebra` implements the
//! rule; it also groups a batch by key, which suits a log signed by one key.

use ed25519_dalek::VerifyingKey;
use ed25519_zebra::{Signature, VerificationKey, VerificationKeyBytes, batch};

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

/// How signatures are checked. Both ways apply the same rule; they differ
/// only in speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Batch verification, each signature checked alone when a batch fails.
    Batch,
    /// Every signature checked alone.
    Strict,
    /// Not at all (chain-only checking).
    Skip,
}

const FALLBACK_BATCH: usize = 64;

/// The indexes of the items whose signature does not verify.
pub fn failing(items: &[SignatureItem], check: SignatureCheck) -> Vec<u32> {
    match check {
        SignatureCheck::Skip => Vec::new(),
        SignatureCheck::Strict => single_failures(items),
        SignatureCheck::Batch => {
            if batch_ok(items) {
                return Vec::new();
            }
            let mut bad = Vec::new();
            for part in items.chunks(FALLBACK_BATCH) {
                if !batch_ok(part) {
                    bad.extend(single_failures(part));
                }
            }
            bad
        }
    }
}

/// Whether `signature` by `key` on `message` is valid under ZIP 215: the
/// one rule every signature of the airing log is judged by.
pub fn zip215_valid(key: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
    VerificationKey::try_from(key.to_bytes())
        .and_then(|key| key.verify(&Signature::from_bytes(signature), message))
        .is_ok()
}

fn single_failures(items: &[SignatureItem]) -> Vec<u32> {
    items
        .iter()
        .filter(|item| !zip215_valid(&item.key, &item.hash, &item.signature))
        .map(|item| item.index)
        .collect()
}

fn batch_ok(items: &[SignatureItem]) -> bool {
    if items.is_empty() {
        return true;
    }
    let mut verifier = batch::Verifier::new();
    for item in items {
        let key = VerificationKeyBytes::from(item.key.to_bytes());
        let signature = Signature::from_bytes(&item.signature);
        verifier.queue((key, signature, &item.hash[..]));
    }
    verifier.verify(rand::rng()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use curve25519_dalek::constants::ED25519_BASEPOINT_POINT as B;
    use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
    use curve25519_dalek::scalar::Scalar;
    use ed25519_dalek::{Signer, SigningKey};
    use sha2::{Digest, Sha512};

    /// A point of order 8 (its y coordinate; RFC 8032's torsion points).
    const ORDER_8_Y: [u8; 32] = [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ];

    fn signed(key: &SigningKey, index: u32) -> SignatureItem {
        let hash = [index as u8; 32];
        SignatureItem {
            index,
            hash,
            signature: key.sign(&hash).to_bytes(),
            key: key.verifying_key(),
        }
    }

    #[test]
    fn a_bad_signature_in_a_batch_is_found() {
        let key = SigningKey::from_bytes(&[5; 32]);
        let mut items: Vec<SignatureItem> = (0..100u32).map(|i| signed(&key, i)).collect();
        assert!(failing(&items, SignatureCheck::Batch).is_empty());
        items[37].hash[0] ^= 1;
        assert_eq!(failing(&items, SignatureCheck::Batch), vec![37]);
        assert_eq!(failing(&items, SignatureCheck::Strict), vec![37]);
        // R = the identity (a small-order encoding).
        items[3].signature[..32].copy_from_slice(&EdwardsPoint::default().compress().0);
        assert_eq!(failing(&items, SignatureCheck::Batch), vec![3, 37]);
        assert_eq!(failing(&items, SignatureCheck::Strict), vec![3, 37]);
    }

    /// A signature made by the key holder with an order-8 point added to
    /// R: `R' = rB + T`, `s = r + H(R' || A || M) a`.
    fn mixed_order_signature(secret: Scalar, r: Scalar, message: &[u8; 32]) -> [u8; 64] {
        let torsion = CompressedEdwardsY(ORDER_8_Y).decompress().expect("a point");
        let public = (secret * B).compress();
        let big_r = (r * B + torsion).compress();
        let mut hasher = Sha512::new();
        hasher.update(big_r.as_bytes());
        hasher.update(public.as_bytes());
        hasher.update(message);
        let mut wide = [0u8; 64];
        wide.copy_from_slice(&hasher.finalize());
        let k = Scalar::from_bytes_mod_order_wide(&wide);
        let s = r + k * secret;
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(big_r.as_bytes());
        signature[32..].copy_from_slice(s.as_bytes());
        signature
    }

    /// Regression: a cofactorless batch accepted such a signature for one R
    /// in eight, the same one on every run, while `verify_strict` refused
    /// it. Under ZIP 215, batch and single checks give one verdict for
    /// every one of them, alone and among genuine signatures, run after run.
    #[test]
    fn batch_and_single_agree_on_mixed_order_signatures() {
        let secret = Scalar::from(0x1234_5678_9abc_def0u64);
        let public = VerifyingKey::from_bytes(&(secret * B).compress().0).expect("a key");
        let genuine_key = SigningKey::from_bytes(&[9; 32]);
        for n in 1..=32u64 {
            let message = [n as u8; 32];
            let crafted = SignatureItem {
                index: 0,
                hash: message,
                signature: mixed_order_signature(secret, Scalar::from(1000 + n), &message),
                key: public,
            };
            let single = zip215_valid(&crafted.key, &crafted.hash, &crafted.signature);
            assert!(single, "cofactored verification accepts it");
            let mut items = vec![crafted];
            items.extend((1..20).map(|i| signed(&genuine_key, i)));
            for _ in 0..4 {
                assert_eq!(
                    failing(&items[..1], SignatureCheck::Batch),
                    Vec::<u32>::new()
                );
                assert_eq!(failing(&items, SignatureCheck::Batch), Vec::<u32>::new());
                assert_eq!(failing(&items, SignatureCheck::Strict), Vec::<u32>::new());
            }
            // The same signature on another message: invalid, both ways.
            items[0].hash[0] ^= 0xff;
            for _ in 0..4 {
                assert_eq!(failing(&items, SignatureCheck::Batch), vec![0]);
                assert_eq!(failing(&items, SignatureCheck::Strict), vec![0]);
            }
        }
    }
}
