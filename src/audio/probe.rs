//! What a segment file is, without decoding all of it: the format from the
//! headers, the duration by adding up packet lengths from packet headers, and
//! proof that it decodes from its first packet(s).

use std::path::Path;
use std::time::Duration;

use super::AudioInfo;
use super::error::{AudioError, Undecodable};
use super::identity::sha256_file;
use super::media::{self, Media, Step};
use super::shield::shielded;

/// Probes the segment file at `path`: its duration, identity and format.
///
/// Reads every packet header (an mp3 without a Xing header has no other
/// exact length, and a header's length can promise more than an interrupted
/// copy holds) and hashes every byte, but decodes only until the first
/// audio. Never panics, whatever the bytes.
pub fn probe(path: &Path) -> Result<AudioInfo, AudioError> {
    let facts = shielded(path, || inspect(path))?;
    let sha256 = sha256_file(path)?;
    Ok(AudioInfo {
        duration: frames_to_duration(facts.frames, facts.sample_rate),
        sha256,
        size: facts.size,
        format: facts.format,
        sample_rate: facts.sample_rate,
        channels: facts.channels,
        levels: None,
    })
}

/// [`probe`], then a full decode for the segment's [`Levels`](super::Levels):
/// what playout needs to air it at the station's loudness. Costs a decode
/// of the whole file, so callers keep the result ([`super::ProbeCache`]).
pub fn probe_with_levels(path: &Path) -> Result<AudioInfo, AudioError> {
    let mut info = probe(path)?;
    // Measuring decodes the whole file: a recording longer than any session
    // can never air, and measuring hours of it would stall `loa check` and
    // every reload (regression: a 3 GiB WAV took minutes). Left unmeasured,
    // it still gets its "longer than the slot allows" error.
    if info.duration <= LONGEST_MEASURED {
        info.levels = Some(super::measure(path)?);
    }
    Ok(info)
}

/// Files longer than this are not measured for loudness: no session is
/// longer (see the longest `max` the config accepts).
pub const LONGEST_MEASURED: std::time::Duration = std::time::Duration::from_secs(12 * 3600);

/// What the packets of a file say.
struct Facts {
    format: String,
    size: u64,
    sample_rate: u32,
    channels: u16,
    /// Source frames the decoder will produce.
    frames: u64,
}

/// The first decoded audio of a file.
struct FirstAudio {
    sample_rate: u32,
    channels: u16,
    /// Source frames up to and including the first audio.
    frames: u64,
}

fn inspect(path: &Path) -> Result<Facts, AudioError> {
    let mut media = Media::open(path)?;
    let first = first_audio(path, &mut media)?;
    check_signal(path, first.sample_rate, first.channels)?;
    let mut frames = first.frames;
    while let Some(packet) = media.next_packet()? {
        frames = frames.saturating_add(media.packet_frames(&packet));
    }
    check_mostly_audio(path, &media)?;
    check_complete(path, &media, frames, first.sample_rate)?;
    media.check_ending()?;
    if frames == 0 {
        return Err(AudioError::ZeroDuration {
            path: path.to_path_buf(),
        });
    }
    Ok(Facts {
        format: media.format.clone(),
        size: media.size,
        sample_rate: first.sample_rate,
        channels: first.channels,
        frames,
    })
}

/// Decodes until the first packet that yields audio: the proof that the
/// file decodes. Damaged packets on the way count against the bound.
fn first_audio(path: &Path, media: &mut Media) -> Result<FirstAudio, AudioError> {
    let mut frames = 0u64;
    let mut damaged = false;
    loop {
        match media.decode_next()? {
            Step::Audio(buffer) => {
                frames += buffer.frames() as u64;
                if buffer.frames() > 0 {
                    let spec = buffer.spec();
                    return Ok(FirstAudio {
                        sample_rate: spec.rate,
                        channels: u16::try_from(spec.channels.count()).unwrap_or(u16::MAX),
                        frames,
                    });
                }
            }
            Step::Damaged { frames: lost } => {
                frames += lost;
                damaged = true;
            }
            Step::End if damaged => {
                return Err(AudioError::undecodable(
                    path,
                    Undecodable::NoDecodablePacket,
                ));
            }
            Step::End => {
                return Err(AudioError::ZeroDuration {
                    path: path.to_path_buf(),
                });
            }
        }
    }
}

fn check_signal(path: &Path, sample_rate: u32, channels: u16) -> Result<(), AudioError> {
    if media::SAMPLE_RATES.contains(&sample_rate) && media::CHANNEL_COUNTS.contains(&channels) {
        Ok(())
    } else {
        Err(AudioError::UnsupportedSignal {
            path: path.to_path_buf(),
            sample_rate,
            channels,
        })
    }
}

/// Random bytes hold mp3 sync words by chance, and symphonia will decode
/// the "frames" that follow them as noise. A real mp3 is nearly all frames;
/// if less than half of what follows the ID3 tag is, the file is not one.
fn check_mostly_audio(path: &Path, media: &Media) -> Result<(), AudioError> {
    let body = media.size.saturating_sub(media.leading_tag_bytes);
    if media.is_mpeg_audio() && media.packet_bytes < body / 2 {
        return Err(AudioError::NotAudio {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// A file whose packets hold noticeably less audio than its header promises
/// was cut short (an interrupted copy): airing it would end early.
fn check_complete(
    path: &Path,
    media: &Media,
    frames: u64,
    sample_rate: u32,
) -> Result<(), AudioError> {
    // A quarter second: packet rounding, and Xing counts that differ by
    // the info frame, stay well inside it.
    let tolerance = u64::from(sample_rate / 4);
    match media.exact_declared_frames() {
        Some(declared) if frames.saturating_add(tolerance) < declared => {
            Err(AudioError::Truncated {
                path: path.to_path_buf(),
                declared: frames_to_duration(declared, sample_rate),
                found: frames_to_duration(frames, sample_rate),
            })
        }
        _ => Ok(()),
    }
}

/// The duration of `frames` frames at `sample_rate`, to the nanosecond.
fn frames_to_duration(frames: u64, sample_rate: u32) -> Duration {
    if sample_rate == 0 {
        return Duration::ZERO;
    }
    let nanos = u128::from(frames) * 1_000_000_000 / u128::from(sample_rate);
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}
