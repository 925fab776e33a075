//! The one base64 spelling the log accepts: standard alphabet, canonical
//! padding, no stray trailing bits, so every key and signature has exactly
//! one textual form.

use base64::Engine;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Strict standard base64 with `=` padding.
pub const STRICT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical)
        .with_decode_allow_trailing_bits(false),
);

/// Decodes exactly `N` bytes of strict base64, or `None`.
pub fn decode_array<const N: usize>(text: &[u8]) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    // `decode_slice` needs room for the estimate, which can exceed N by 2.
    let mut buffer = [0u8; 96];
    if text.len() != N.div_ceil(3) * 4 || N + 2 > buffer.len() {
        return None;
    }
    let written = STRICT.decode_slice(text, &mut buffer).ok()?;
    if written != N {
        return None;
    }
    out.copy_from_slice(&buffer[..N]);
    Some(out)
}

/// Encodes bytes as strict base64.
pub fn encode(bytes: &[u8]) -> String {
    STRICT.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_canonical_spelling_decodes() {
        let text = encode(&[0xff; 32]);
        assert_eq!(decode_array::<32>(text.as_bytes()), Some([0xff; 32]));
        // Same bits, but the unused low bits of the last digit set.
        let mut tweaked = text.clone().into_bytes();
        tweaked[42] = b'/';
        assert_eq!(decode_array::<32>(&tweaked), None);
        assert_eq!(
            decode_array::<32>(text.trim_end_matches('=').as_bytes()),
            None
        );
        assert_eq!(decode_array::<32>(b"!!!!"), None);
    }
}
