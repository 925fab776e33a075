//! A segment's identity in the signed airing log: the SHA-256 of its bytes.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::error::AudioError;

/// Lower-case hex SHA-256 of the file at `path`, read in fixed-size blocks
/// (memory does not grow with the file).
pub(crate) fn sha256_file(path: &Path) -> Result<String, AudioError> {
    let mut file = File::open(path).map_err(|e| AudioError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 256 * 1024];
    loop {
        match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(AudioError::io(path, e)),
        }
    }
    Ok(hex(hasher.finalize().as_slice()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}
