//! An opened segment file: symphonia's format reader and codec decoder for
//! its audio track, set up the same way for the probe and the decoder so that
//! the duration the probe reports is the length the decoder produces.
//!
//! Every call into symphonia made through [`Media`] must run behind the
//! panic shield (`shield.rs`).

use std::fs::File;
use std::io::{ErrorKind, Read, Seek};
use std::path::{Path, PathBuf};

use symphonia::core::audio::AudioBufferRef;
use symphonia::core::codecs::{
    CODEC_TYPE_FLAC, CODEC_TYPE_MP1, CODEC_TYPE_MP2, CODEC_TYPE_MP3, CODEC_TYPE_NULL,
    CodecParameters, DecoderOptions,
};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::{FormatOptions, FormatReader, Packet};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::{Limit, MetadataOptions};
use symphonia::core::probe::Hint;

use super::ending::{Container, check_ending};
use super::error::{AudioError, Undecodable};

/// How many damaged packets a file may have before it counts as undecodable.
/// A damaged packet airs as a short silence (an mp3 frame is 24 ms), so a
/// few are tolerable; past this the segment is more gaps than audio.
pub(crate) const MAX_BAD_PACKETS: u32 = 64;

/// The longest silence one damaged packet may stand for, in source frames:
/// no real packet is longer (FLAC's largest block is 65,535 frames, Vorbis's
/// 8,192), so this only bounds what a lying packet header could ask for.
const MAX_DAMAGED_FRAMES: u64 = 65_536;

/// Sample rates the decoder converts to 48 kHz.
pub(crate) const SAMPLE_RATES: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Channel counts the decoder maps to stereo.
pub(crate) const CHANNEL_COUNTS: std::ops::RangeInclusive<u16> = 1..=8;

/// One segment file, open for reading packets and decoding them.
pub(crate) struct Media {
    path: PathBuf,
    reader: Box<dyn FormatReader>,
    decoder: Box<dyn symphonia::core::codecs::Decoder>,
    track_id: u32,
    params: CodecParameters,
    /// `"ogg/vorbis"`, `"mp3"`, ...
    pub format: String,
    /// The file's size in bytes when it was opened.
    pub size: u64,
    /// Bytes of an ID3v2 tag before the audio (0 if none).
    pub leading_tag_bytes: u64,
    /// Bytes of audio-track packets read so far.
    pub packet_bytes: u64,
    /// For PCM, the bytes of one frame (see [`Media::packet_frames`]).
    pcm_frame_bytes: Option<u64>,
    bad_packets: u32,
}

/// What the next packet of the audio track gave.
pub(crate) enum Step<'a> {
    /// Decoded audio.
    Audio(AudioBufferRef<'a>),
    /// A damaged packet that should have held this many source frames.
    Damaged { frames: u64 },
    /// The end of the track.
    End,
}

impl Media {
    /// Opens `path` and finds its audio track. Reads the container headers
    /// only; no packet is decoded yet.
    pub fn open(path: &Path) -> Result<Self, AudioError> {
        let (mut file, size) = open_regular_file(path)?;
        let magic = sniff(&mut file).map_err(|e| AudioError::io(path, e))?;
        let container = magic.container;
        let mut hint = Hint::new();
        if let Some(extension) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(extension);
        }
        let stream = MediaSourceStream::new(Box::new(file), Default::default());
        let probed = symphonia::default::get_probe()
            .format(&hint, stream, &format_options(), &metadata_options())
            .map_err(|e| open_error(path, e, magic.recognised))?;
        let reader = probed.format;
        let track = reader
            .tracks()
            .iter()
            .find(|track| track.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or_else(|| AudioError::undecodable(path, Undecodable::NoAudioTrack))?;
        let (track_id, params) = (track.id, track.codec_params.clone());
        let registry = symphonia::default::get_codecs();
        let codec = match registry.get_codec(params.codec) {
            Some(descriptor) => descriptor.short_name.to_string(),
            None => params.codec.to_string(),
        };
        let decoder = registry
            .make(&params, &DecoderOptions::default())
            .map_err(|error| match error {
                SymphoniaError::Unsupported(_) => AudioError::undecodable(
                    path,
                    Undecodable::UnsupportedCodec {
                        codec: codec.clone(),
                    },
                ),
                other => open_error(path, other, true),
            })?;
        let format = match container {
            Some(container) => format!("{container}/{codec}"),
            None => codec.clone(),
        };
        let pcm_frame_bytes = pcm_frame_bytes(&codec, &params);
        Ok(Self {
            path: path.to_path_buf(),
            reader,
            decoder,
            track_id,
            params,
            format,
            size,
            leading_tag_bytes: magic.leading_tag_bytes,
            packet_bytes: 0,
            pcm_frame_bytes,
            bad_packets: 0,
        })
    }

    /// The number of source frames the header declares, where that number
    /// is exact rather than estimated: FLAC's STREAMINFO, a WAV data chunk's
    /// length, an mp3's Xing header with a LAME tag. (For an mp3 without one
    /// symphonia estimates from the bitrate; an Ogg's comes from its own last
    /// page, so it cannot disagree with the pages.)
    pub fn exact_declared_frames(&self) -> Option<u64> {
        let exact = self.params.codec == CODEC_TYPE_FLAC
            || self.pcm_frame_bytes.is_some()
            || (self.is_mpeg_audio() && self.params.delay.is_some());
        self.params.n_frames.filter(|_| exact)
    }

    /// Whether the codec is MPEG audio (mp3 and its elders), whose 11-bit
    /// sync word random bytes contain by chance.
    pub fn is_mpeg_audio(&self) -> bool {
        [CODEC_TYPE_MP1, CODEC_TYPE_MP2, CODEC_TYPE_MP3].contains(&self.params.codec)
    }

    /// Which stream's ending [`super::ending::check_ending`] can judge:
    /// formats whose length is not declared up front.
    fn undeclared_ending(&self) -> Option<Container> {
        if self.format.starts_with("ogg/") {
            Some(Container::Ogg)
        } else if self.is_mpeg_audio() {
            Some(Container::Mpeg)
        } else {
            None
        }
    }

    /// Fails if the file stops mid-stream (see [`super::ending`]).
    pub fn check_ending(&self) -> Result<(), AudioError> {
        match self.undeclared_ending() {
            Some(container) => check_ending(&self.path, self.size, container),
            None => Ok(()),
        }
    }

    /// The sample rate the header declares.
    pub fn declared_rate(&self) -> Option<u32> {
        self.params.sample_rate
    }

    /// The channel count the header declares.
    pub fn declared_channels(&self) -> Option<u16> {
        self.params
            .channels
            .map(|channels| u16::try_from(channels.count()).unwrap_or(u16::MAX))
    }

    /// The next packet of the audio track, undecoded; `None` at the end.
    /// Damaged container data is skipped, counted against
    /// [`MAX_BAD_PACKETS`].
    pub fn next_packet(&mut self) -> Result<Option<Packet>, AudioError> {
        loop {
            match self.reader.next_packet() {
                Ok(packet) if packet.track_id() == self.track_id => {
                    self.packet_bytes += packet.buf().len() as u64;
                    return Ok(Some(packet));
                }
                Ok(_) => continue,
                Err(SymphoniaError::IoError(e)) if e.kind() == ErrorKind::UnexpectedEof => {
                    return Ok(None);
                }
                Err(SymphoniaError::DecodeError(_)) => self.count_bad_packet()?,
                Err(e) => return Err(self.stream_error(e)),
            }
        }
    }

    /// Reads and decodes the next packet of the audio track.
    pub fn decode_next(&mut self) -> Result<Step<'_>, AudioError> {
        let Some(packet) = self.next_packet()? else {
            return Ok(Step::End);
        };
        let frames = self.packet_frames(&packet);
        match self.decoder.decode(&packet) {
            Ok(_) => Ok(Step::Audio(self.decoder.last_decoded())),
            Err(SymphoniaError::DecodeError(_)) => {
                self.count_bad_packet()?;
                Ok(Step::Damaged {
                    frames: frames.min(MAX_DAMAGED_FRAMES),
                })
            }
            Err(e) => Err(self.stream_error(e)),
        }
    }

    /// How many source frames `packet` holds, from its header alone. A WAV
    /// whose data chunk claims more than the file holds ends in a packet
    /// whose header claims a full packet but whose bytes are fewer; the PCM
    /// decoder makes frames from bytes, and so does this.
    pub fn packet_frames(&self, packet: &Packet) -> u64 {
        let duration = match self.pcm_frame_bytes {
            Some(frame_bytes) => packet.dur().min(packet.buf().len() as u64 / frame_bytes),
            None => packet.dur(),
        };
        match (self.params.time_base, self.params.sample_rate) {
            (Some(base), Some(rate)) if base.denom != 0 => {
                let frames = u128::from(duration) * u128::from(base.numer) * u128::from(rate)
                    / u128::from(base.denom);
                u64::try_from(frames).unwrap_or(u64::MAX)
            }
            _ => duration,
        }
    }

    /// Counts one damaged packet; an error once there are too many.
    pub fn count_bad_packet(&mut self) -> Result<(), AudioError> {
        self.bad_packets += 1;
        if self.bad_packets > MAX_BAD_PACKETS {
            return Err(AudioError::undecodable(
                &self.path,
                Undecodable::TooManyBadPackets {
                    bad: self.bad_packets,
                },
            ));
        }
        Ok(())
    }

    fn stream_error(&self, error: SymphoniaError) -> AudioError {
        let reason = match error {
            SymphoniaError::IoError(e) => return AudioError::io(&self.path, e),
            SymphoniaError::ResetRequired => Undecodable::StreamChanged,
            other => Undecodable::Malformed {
                detail: other.to_string(),
            },
        };
        AudioError::undecodable(&self.path, reason)
    }
}

/// Gapless trimming stays off: with it, symphonia trims an mp3 to a length
/// it only *estimated* from the bitrate when there is no Xing header, which
/// would cut the end off a VBR file. Without it, decoding yields every frame
/// the packets hold, which is what the probe counts.
fn format_options() -> FormatOptions {
    FormatOptions {
        enable_gapless: false,
        ..FormatOptions::default()
    }
}

/// Tags and cover pictures are not needed; cap what they may cost.
fn metadata_options() -> MetadataOptions {
    MetadataOptions {
        limit_metadata_bytes: Limit::Maximum(1 << 20),
        limit_visual_bytes: Limit::Maximum(0),
    }
}

/// The bytes of one PCM frame for codec `codec` (`pcm_s16le`, `pcm_alaw`,
/// ...): the sample width its name gives (8 for the companded ones) times
/// the channels. `None` for other codecs.
fn pcm_frame_bytes(codec: &str, params: &CodecParameters) -> Option<u64> {
    let width_name = codec.strip_prefix("pcm_")?;
    let digits: String = width_name.chars().filter(char::is_ascii_digit).collect();
    let bits: u64 = digits.parse().unwrap_or(8);
    let channels = params.channels.map_or(1, |c| c.count()) as u64;
    Some((bits / 8 * channels).max(1))
}

/// Opens `path` only if it is a regular file (opening a pipe blocks), with
/// its size.
fn open_regular_file(path: &Path) -> Result<(File, u64), AudioError> {
    let metadata = std::fs::metadata(path).map_err(|e| AudioError::io(path, e))?;
    if !metadata.is_file() {
        return Err(AudioError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() == 0 {
        return Err(AudioError::Empty {
            path: path.to_path_buf(),
        });
    }
    let file = File::open(path).map_err(|e| AudioError::io(path, e))?;
    Ok((file, metadata.len()))
}

/// What the first bytes of a file say.
struct Magic {
    /// The container, from its magic bytes (symphonia 0.5 does not say
    /// which reader it chose); `None` where the codec names the format alone
    /// (mp3, native flac).
    container: Option<&'static str>,
    /// Whether the bytes start the way some audio format does.
    recognised: bool,
    /// The length of a leading ID3v2 tag.
    leading_tag_bytes: u64,
}

/// Reads the first bytes of `file`, then rewinds it.
fn sniff(file: &mut File) -> std::io::Result<Magic> {
    let mut magic = [0u8; 12];
    let mut filled = 0;
    while filled < magic.len() {
        match file.read(&mut magic[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    file.rewind()?;
    let container = match (&magic[0..4], &magic[8..12]) {
        (b"OggS", _) => Some("ogg"),
        (b"RIFF", b"WAVE") => Some("wav"),
        (b"FORM", _) => Some("aiff"),
        _ => None,
    };
    let mpeg_sync = magic[0] == 0xff && magic[1] & 0xe0 == 0xe0;
    let recognised =
        container.is_some() || mpeg_sync || &magic[0..4] == b"fLaC" || &magic[0..3] == b"ID3";
    Ok(Magic {
        container,
        recognised,
        leading_tag_bytes: id3v2_length(&magic),
    })
}

/// The length of an ID3v2 tag starting at `head` (header, body, footer).
fn id3v2_length(head: &[u8; 12]) -> u64 {
    if &head[0..3] != b"ID3" {
        return 0;
    }
    let body = head[6..10]
        .iter()
        .fold(0u64, |size, &byte| (size << 7) | u64::from(byte & 0x7f));
    let footer = if head[5] & 0x10 != 0 { 10 } else { 0 };
    10 + body + footer
}

/// Classifies a failure to read the container's headers. A file that ends
/// while they are read is audio cut short if its first bytes said audio,
/// and not audio otherwise.
fn open_error(path: &Path, error: SymphoniaError, recognised: bool) -> AudioError {
    let not_audio = || AudioError::NotAudio {
        path: path.to_path_buf(),
    };
    match error {
        SymphoniaError::Unsupported(_) => not_audio(),
        SymphoniaError::IoError(e) if e.kind() != ErrorKind::UnexpectedEof => {
            AudioError::io(path, e)
        }
        SymphoniaError::IoError(_) if !recognised => not_audio(),
        SymphoniaError::IoError(_) => AudioError::undecodable(path, Undecodable::EndsEarly),
        other => AudioError::undecodable(
            path,
            Undecodable::Malformed {
                detail: other.to_string(),
            },
        ),
    }
}
