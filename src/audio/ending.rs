//! Whether an Ogg or MP3 file ends where its format says a stream ends.
//!
//! Neither format has to declare its length up front: an Ogg's length comes
//! from its own last page, an MP3 without a Xing/LAME header has none. Cut
//! in half by an interrupted copy, both still decode, as a shorter
//! recording that stops mid-word. What gives them away is their last bytes:
//! an Ogg stream's last page carries the end-of-stream flag, and an MP3's
//! last frame is whole. Only the file's tail is read, so this is cheap
//! enough to repeat when playout opens the file.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::error::{AudioError, Unfinished};

/// How much of the file's end is read: two of the largest Ogg pages
/// (65,307 bytes each), so that a whole page precedes a cut one.
const TAIL_BYTES: u64 = 2 * 65_307;

/// How many `OggS` marks, from the end, may be tried as the last page:
/// a real tail has it within the last two; this bounds what a file full
/// of fake marks can cost.
const MAX_OGG_CANDIDATES: usize = 64;

/// How many whole MP3 frames must follow each other exactly before the
/// chain is trusted: random bytes hold sync words, not chains of them.
const MIN_CHAINED_FRAMES: usize = 3;

/// Which kind of stream the file holds, as far as its ending goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// Ogg pages (Vorbis, Opus): the last page says it is the last.
    Ogg,
    /// MPEG audio frames (mp3): the last frame is whole.
    Mpeg,
}

/// `Err(AudioError::Unfinished)` if the file at `path` (of `size` bytes)
/// visibly stops mid-stream. A tail that shows neither a proper end nor a
/// cut (junk after the audio, an unusual layout) passes: this check must
/// never fail a good file.
pub(crate) fn check_ending(path: &Path, size: u64, container: Container) -> Result<(), AudioError> {
    let tail = read_tail(path, size).map_err(|e| AudioError::io(path, e))?;
    let how = match container {
        Container::Ogg => ogg_ending(&tail),
        Container::Mpeg => mpeg_ending(&tail),
    };
    match how {
        Some(how) => Err(AudioError::Unfinished {
            path: path.to_path_buf(),
            how,
        }),
        None => Ok(()),
    }
}

fn read_tail(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let start = size.saturating_sub(TAIL_BYTES);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::with_capacity(usize::try_from(size - start).unwrap_or(0));
    file.take(TAIL_BYTES).read_to_end(&mut tail)?;
    Ok(tail)
}

// ---- Ogg ------------------------------------------------------------------

/// The last whole page (its CRC proves it is one) must carry the
/// end-of-stream flag. `None` also when no whole page is in the tail.
fn ogg_ending(tail: &[u8]) -> Option<Unfinished> {
    let last_page = (0..tail.len())
        .rev()
        .filter(|&at| tail[at..].starts_with(b"OggS"))
        .take(MAX_OGG_CANDIDATES)
        .find_map(|at| whole_ogg_page(&tail[at..]))?;
    const END_OF_STREAM: u8 = 0x04;
    if last_page.header_type & END_OF_STREAM != 0 {
        None
    } else {
        Some(Unfinished::NoEndOfStream)
    }
}

struct OggPage {
    header_type: u8,
}

/// The page at the start of `bytes`, if it is all there and its CRC holds.
fn whole_ogg_page(bytes: &[u8]) -> Option<OggPage> {
    const HEADER: usize = 27;
    if bytes.len() < HEADER || bytes[4] != 0 {
        return None;
    }
    let segments = usize::from(bytes[26]);
    let table = bytes.get(HEADER..HEADER + segments)?;
    let body: usize = table.iter().map(|&lacing| usize::from(lacing)).sum();
    let page = bytes.get(..HEADER + segments + body)?;
    let stored = u32::from_le_bytes([page[22], page[23], page[24], page[25]]);
    let crc = page
        .iter()
        .enumerate()
        .map(|(i, &byte)| if (22..26).contains(&i) { 0 } else { byte })
        .fold(0u32, ogg_crc_step);
    (crc == stored).then_some(OggPage {
        header_type: page[5],
    })
}

/// One byte of Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, no
/// initial or final inversion).
fn ogg_crc_step(crc: u32, byte: u8) -> u32 {
    let mut crc = crc ^ (u32::from(byte) << 24);
    for _ in 0..8 {
        crc = if crc & 0x8000_0000 != 0 {
            (crc << 1) ^ 0x04c1_1db7
        } else {
            crc << 1
        };
    }
    crc
}

// ---- MP3 ------------------------------------------------------------------

/// Follows the frames of the tail from the first place where
/// [`MIN_CHAINED_FRAMES`] of them follow each other exactly: a chain that
/// runs past the end (before any trailing tags) means the last frame is cut.
fn mpeg_ending(tail: &[u8]) -> Option<Unfinished> {
    let end = tail.len().saturating_sub(trailing_tag_bytes(tail));
    let audio = &tail[..end];
    (0..audio.len()).find_map(|start| match follow_frames(audio, start) {
        Chain::Broken => None,
        Chain::EndsWhole => Some(None),
        Chain::EndsCut => Some(Some(Unfinished::MidFrame)),
    })?
}

enum Chain {
    /// Fewer than the trusted number of frames follow from here.
    Broken,
    /// The frames end exactly at the end, or are followed by non-frame
    /// bytes (padding, an unknown tag): not evidence of a cut.
    EndsWhole,
    /// The last frame's header promises bytes the file does not hold.
    EndsCut,
}

fn follow_frames(audio: &[u8], start: usize) -> Chain {
    let Some(first) = FrameHeader::at(audio, start) else {
        return Chain::Broken;
    };
    let mut at = start;
    let mut whole = 0usize;
    loop {
        if at == audio.len() {
            return ends(whole, Chain::EndsWhole);
        }
        let remaining = audio.len() - at;
        if remaining < 4 {
            let cut_in_header = audio[at] == 0xff;
            return ends(
                whole,
                if cut_in_header {
                    Chain::EndsCut
                } else {
                    Chain::EndsWhole
                },
            );
        }
        match FrameHeader::at(audio, at) {
            Some(header) if header.same_stream(&first) => {
                if header.length > remaining {
                    return ends(whole, Chain::EndsCut);
                }
                at += header.length;
                whole += 1;
            }
            _ => return ends(whole, Chain::EndsWhole),
        }
    }
}

/// `chain` if enough whole frames led to it, else [`Chain::Broken`].
fn ends(whole: usize, chain: Chain) -> Chain {
    if whole >= MIN_CHAINED_FRAMES {
        chain
    } else {
        Chain::Broken
    }
}

/// What an MPEG audio frame header says about its frame.
struct FrameHeader {
    version: u8,
    layer: u8,
    sample_rate: u32,
    /// The whole frame, header included, in bytes.
    length: usize,
}

impl FrameHeader {
    /// The header at `bytes[at..]`, if it is a valid one with a known
    /// length (free-format frames have none).
    fn at(bytes: &[u8], at: usize) -> Option<Self> {
        let header = bytes.get(at..at + 4)?;
        if header[0] != 0xff || header[1] & 0xe0 != 0xe0 {
            return None;
        }
        let version = (header[1] >> 3) & 0x03; // 0: 2.5, 2: 2, 3: 1
        let layer = (header[1] >> 1) & 0x03; // 1: III, 2: II, 3: I
        let bitrate_index = usize::from(header[2] >> 4);
        let rate_index = usize::from((header[2] >> 2) & 0x03);
        let padding = usize::from((header[2] >> 1) & 0x01);
        if version == 1
            || layer == 0
            || bitrate_index == 0
            || bitrate_index == 15
            || rate_index == 3
        {
            return None;
        }
        let mpeg1 = version == 3;
        let kbps = bitrate_kbps(mpeg1, layer, bitrate_index);
        let sample_rate = [44_100, 48_000, 32_000][rate_index] >> (3 - version).min(2);
        let bits_per_second = kbps * 1000;
        let length = match layer {
            3 => (12 * bits_per_second / sample_rate as usize + padding) * 4,
            1 if !mpeg1 => 72 * bits_per_second / sample_rate as usize + padding,
            _ => 144 * bits_per_second / sample_rate as usize + padding,
        };
        Some(Self {
            version,
            layer,
            sample_rate,
            length,
        })
    }

    fn same_stream(&self, other: &Self) -> bool {
        self.version == other.version
            && self.layer == other.layer
            && self.sample_rate == other.sample_rate
    }
}

/// The bitrate in kbit/s for a (valid, non-free) bitrate index.
fn bitrate_kbps(mpeg1: bool, layer: u8, index: usize) -> usize {
    const V1_L1: [usize; 15] = [
        0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
    ];
    const V1_L2: [usize; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
    ];
    const V1_L3: [usize; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2_L1: [usize; 15] = [
        0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
    ];
    const V2_L23: [usize; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let table = match (mpeg1, layer) {
        (true, 3) => &V1_L1,
        (true, 2) => &V1_L2,
        (true, _) => &V1_L3,
        (false, 3) => &V2_L1,
        (false, _) => &V2_L23,
    };
    table.get(index).copied().unwrap_or(0)
}

/// Bytes of tags after the last frame: an ID3v1 tag (128 bytes, `TAG`), an
/// APEv2 tag before it or alone (`APETAGEX` footer), an ID3v2.4 footer
/// (`3DI`).
fn trailing_tag_bytes(tail: &[u8]) -> usize {
    let mut end = tail.len();
    if end >= 128 && tail[end - 128..].starts_with(b"TAG") {
        end -= 128;
    }
    if end >= 32 && tail[end - 32..].starts_with(b"APETAGEX") {
        let footer = &tail[end - 32..end];
        let size = u32::from_le_bytes([footer[12], footer[13], footer[14], footer[15]]) as usize;
        let flags = u32::from_le_bytes([footer[20], footer[21], footer[22], footer[23]]);
        let header = if flags & 0x8000_0000 != 0 { 32 } else { 0 };
        end = end.saturating_sub(size.saturating_add(header));
    }
    if end >= 10 && tail[end - 10..].starts_with(b"3DI") {
        let footer = &tail[end - 10..end];
        let body = footer[6..10]
            .iter()
            .fold(0usize, |size, &byte| (size << 7) | usize::from(byte & 0x7f));
        end = end.saturating_sub(body + 20);
    }
    tail.len() - end
}
