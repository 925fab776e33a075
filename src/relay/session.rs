//! One connection's life: probe the bytes, then decode packet after packet
//! into the jitter buffer until the stream fails or the relay is stopped.
//! Every call into symphonia runs behind the panic shield (a broken stream
//! must not take the daemon down).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use symphonia::core::codecs::{CODEC_TYPE_NULL, Decoder, DecoderOptions};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::{FormatOptions, FormatReader};
use symphonia::core::io::{MediaSourceStream, ReadOnlySource};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

use super::body::{BodyReader, Ending, Progress, SharedProgress, lock};
use super::connect::Connection;
use super::event::{RelayEventKind, RelayFailure};
use super::stream_thread::StreamThread;
use crate::audio::caught;
use crate::audio::{CHANNELS, RateConverter, SAMPLE_RATE, append_stereo};

/// Undecodable packets in a row before the stream counts as not audio.
const MAX_BAD_PACKETS_IN_A_ROW: u32 = 64;

/// Decoder resets (an Ogg stream chaining to a new track) in a row without
/// audio between them before the stream counts as not audio.
const MAX_RESETS_IN_A_ROW: u32 = 4;

/// Source rates the relay converts to 48 kHz.
const SAMPLE_RATES: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Overruns are reported at most this often (a 20× server would otherwise
/// log one per packet).
const OVERRUN_REPORT_EVERY: Duration = Duration::from_secs(1);

/// How a connection ended and how much audio it gave.
pub(crate) struct Outcome {
    pub ending: Ending,
    /// Seconds of audio decoded on this connection.
    pub audio: Duration,
}

/// The open decoder of one connection.
struct Stream {
    reader: Box<dyn FormatReader>,
    decoder: Box<dyn Decoder>,
    track_id: u32,
}

/// What the next packet gave.
enum Step {
    /// Audio at this source rate, in the session's `stereo` buffer.
    Audio(u32),
    /// A packet of another track, or an empty one.
    Nothing,
    /// A packet that does not decode.
    Bad,
    /// The codec changed (a chained Ogg stream): the decoder must be rebuilt.
    Reset,
}

/// Plays `connection` into the thread's buffer until it ends.
pub(crate) fn play(connection: Connection, thread: &mut StreamThread) -> Outcome {
    let started = Instant::now();
    let progress: SharedProgress = Arc::new(Mutex::new(Progress {
        deadline: started + thread.options.stall_timeout,
        bytes_without_audio: 0,
        ending: None,
        titles: Vec::new(),
    }));
    let reader = BodyReader::new(
        Arc::clone(&thread.runtime),
        connection.response,
        connection.metaint,
        thread.stop.clone(),
        Arc::clone(&progress),
    );
    let hint = hint_for(connection.content_type.as_deref());
    let mut stream = match open_stream(reader, &hint, &progress) {
        Ok(stream) => stream,
        Err(ending) => {
            return Outcome {
                ending,
                audio: Duration::ZERO,
            };
        }
    };
    thread.event(RelayEventKind::Connected {
        content_type: connection.content_type,
        codec: codec_name(stream.decoder.codec_params().codec),
    });
    let mut session = Session {
        thread,
        progress,
        converter: None,
        stereo: Vec::new(),
        ready: Vec::new(),
        frames: 0,
        overrun_samples: 0,
        overrun_reported: Instant::now(),
    };
    let ending = session.decode_all(&mut stream);
    session.report_overrun(true);
    Outcome {
        ending,
        audio: Duration::from_secs_f64(session.frames as f64 / f64::from(SAMPLE_RATE)),
    }
}

/// Probes the stream's format and opens a decoder for its audio track.
fn open_stream(
    reader: BodyReader,
    hint: &Hint,
    progress: &SharedProgress,
) -> Result<Stream, Ending> {
    let source = MediaSourceStream::new(Box::new(ReadOnlySource::new(reader)), Default::default());
    let opened = caught(|| {
        let probed = symphonia::default::get_probe().format(
            hint,
            source,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )?;
        let reader = probed.format;
        let track = reader
            .tracks()
            .iter()
            .find(|track| track.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or(SymphoniaError::Unsupported("no audio track"))?;
        let track_id = track.id;
        let decoder = symphonia::default::get_codecs()
            .make(&track.codec_params, &DecoderOptions::default())?;
        Ok(Stream {
            reader,
            decoder,
            track_id,
        })
    });
    match opened {
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(error)) => Err(ending_after(progress, &error)),
        Err(panic) => Err(crashed(&panic)),
    }
}

/// Why the stream ended, after symphonia returned `error`: the network's
/// reason if the reader recorded one, else the bytes were not audio.
fn ending_after(progress: &SharedProgress, error: &SymphoniaError) -> Ending {
    if let Some(ending) = lock(progress).ending.clone() {
        return ending;
    }
    let reason = match error {
        SymphoniaError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Ending::Failed(RelayFailure::Closed);
        }
        SymphoniaError::Unsupported(what) => crate::text::catalogue::for_the_log(
            "relay-detail-unsupported",
            &[("what", (*what).into())],
        ),
        other => other.to_string(),
    };
    Ending::Failed(RelayFailure::NotAudio(reason))
}

/// A symphonia panic: logged for whoever investigates, reported as bytes
/// that do not decode.
fn crashed(message: &str) -> Ending {
    tracing::warn!(%message, "{}", crate::tr!("journal-relay-decoder-panicked"));
    Ending::Failed(RelayFailure::NotAudio(crate::text::catalogue::for_the_log(
        "relay-detail-decoder-crashed",
        &[],
    )))
}

/// The decoding loop's state.
struct Session<'w> {
    thread: &'w mut StreamThread,
    progress: SharedProgress,
    converter: Option<(u32, RateConverter)>,
    /// The last packet as stereo at the source rate.
    stereo: Vec<f32>,
    /// The last packet at 48 kHz.
    ready: Vec<f32>,
    /// 48 kHz frames decoded so far.
    frames: u64,
    overrun_samples: u64,
    overrun_reported: Instant,
}

impl Session<'_> {
    /// Decodes packets until the stream fails or the relay stops.
    fn decode_all(&mut self, stream: &mut Stream) -> Ending {
        let mut bad_in_a_row = 0;
        let mut resets_in_a_row = 0;
        loop {
            if *self.thread.stop.borrow() {
                return Ending::Stopped;
            }
            let stereo = &mut self.stereo;
            let step = match caught(|| next_step(stream, stereo)) {
                Ok(Ok(step)) => step,
                Ok(Err(error)) => return ending_after(&self.progress, &error),
                Err(panic) => return crashed(&panic),
            };
            self.report_titles();
            match step {
                Step::Audio(rate) => {
                    bad_in_a_row = 0;
                    resets_in_a_row = 0;
                    if let Err(failure) = self.deliver(rate) {
                        return Ending::Failed(failure);
                    }
                }
                Step::Nothing => {}
                Step::Bad => bad_in_a_row += 1,
                Step::Reset => {
                    resets_in_a_row += 1;
                    if let Err(ending) = reset(stream) {
                        return ending;
                    }
                }
            }
            if bad_in_a_row > MAX_BAD_PACKETS_IN_A_ROW || resets_in_a_row > MAX_RESETS_IN_A_ROW {
                return Ending::Failed(RelayFailure::NotAudio(
                    crate::text::catalogue::for_the_log("relay-detail-frames-undecodable", &[]),
                ));
            }
        }
    }

    /// Converts the decoded packet to 48 kHz and puts it in the buffer.
    fn deliver(&mut self, rate: u32) -> Result<(), RelayFailure> {
        if !SAMPLE_RATES.contains(&rate) {
            return Err(RelayFailure::NotAudio(crate::text::catalogue::for_the_log(
                "relay-detail-sample-rate",
                &[("hz", rate.to_string().as_str().into())],
            )));
        }
        if self.converter.as_ref().is_none_or(|(at, _)| *at != rate) {
            let converter = RateConverter::new(rate).map_err(|e| {
                RelayFailure::NotAudio(crate::text::catalogue::for_the_log(
                    "relay-detail-sample-rate-refused",
                    &[
                        ("hz", rate.to_string().as_str().into()),
                        ("error", e.to_string().as_str().into()),
                    ],
                ))
            })?;
            self.converter = Some((rate, converter));
        }
        self.ready.clear();
        if let Some((_, converter)) = &mut self.converter {
            converter.push(&self.stereo, &mut self.ready).map_err(|e| {
                RelayFailure::NotAudio(crate::text::catalogue::for_the_log(
                    "relay-detail-resampler",
                    &[("error", e.to_string().as_str().into())],
                ))
            })?;
        }
        limit_range(&mut self.ready);
        let dropped = {
            let mut buffer = self.thread.shared.lock_buffer();
            buffer.push(&self.ready);
            buffer.take_dropped()
        };
        self.frames += (self.ready.len() / CHANNELS) as u64;
        let mut progress = lock(&self.progress);
        progress.deadline = Instant::now() + self.thread.options.stall_timeout;
        progress.bytes_without_audio = 0;
        drop(progress);
        self.overrun_samples += dropped;
        self.report_overrun(false);
        Ok(())
    }

    /// Reports new StreamTitles, each only when it differs from the last.
    fn report_titles(&mut self) {
        let titles = std::mem::take(&mut lock(&self.progress).titles);
        for title in titles {
            if self.thread.last_title.as_ref() != Some(&title) {
                self.thread.last_title = Some(title.clone());
                self.thread.event(RelayEventKind::Title(title));
            }
        }
    }

    /// Reports audio dropped by overruns, at most once a second unless
    /// `now` (the connection is ending).
    fn report_overrun(&mut self, now: bool) {
        if self.overrun_samples == 0
            || !(now || self.overrun_reported.elapsed() >= OVERRUN_REPORT_EVERY)
        {
            return;
        }
        let frames = self.overrun_samples / CHANNELS as u64;
        self.overrun_samples = 0;
        self.overrun_reported = Instant::now();
        self.thread.event(RelayEventKind::Overrun {
            dropped: Duration::from_secs_f64(frames as f64 / f64::from(SAMPLE_RATE)),
        });
    }
}

/// Reads and decodes the next packet; audio goes to `stereo`.
fn next_step(stream: &mut Stream, stereo: &mut Vec<f32>) -> Result<Step, SymphoniaError> {
    let packet = match stream.reader.next_packet() {
        Ok(packet) => packet,
        Err(SymphoniaError::ResetRequired) => return Ok(Step::Reset),
        Err(error) => return Err(error),
    };
    if packet.track_id() != stream.track_id {
        return Ok(Step::Nothing);
    }
    match stream.decoder.decode(&packet) {
        Ok(buffer) => {
            stereo.clear();
            append_stereo(&buffer, stereo);
            if stereo.is_empty() {
                return Ok(Step::Nothing);
            }
            Ok(Step::Audio(buffer.spec().rate))
        }
        Err(SymphoniaError::DecodeError(_)) => Ok(Step::Bad),
        Err(SymphoniaError::ResetRequired) => Ok(Step::Reset),
        Err(error) => Err(error),
    }
}

/// Rebuilds the decoder for the reader's current audio track.
fn reset(stream: &mut Stream) -> Result<(), Ending> {
    let rebuilt = caught(|| {
        let track = stream
            .reader
            .tracks()
            .iter()
            .find(|track| track.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or(SymphoniaError::Unsupported("no audio track"))?;
        let decoder = symphonia::default::get_codecs()
            .make(&track.codec_params, &DecoderOptions::default())?;
        Ok::<_, SymphoniaError>((track.id, decoder))
    });
    match rebuilt {
        Ok(Ok((track_id, decoder))) => {
            stream.track_id = track_id;
            stream.decoder = decoder;
            Ok(())
        }
        Ok(Err(error)) => Err(Ending::Failed(RelayFailure::NotAudio(error.to_string()))),
        Err(panic) => Err(crashed(&panic)),
    }
}

/// A format hint from the declared content type (the probe reads the bytes
/// either way; the hint only settles ties).
fn hint_for(content_type: Option<&str>) -> Hint {
    let mut hint = Hint::new();
    let extension = match content_type {
        Some("audio/mpeg" | "audio/mp3" | "audio/mpeg3") => Some("mp3"),
        Some("audio/aac" | "audio/aacp" | "audio/x-aac") => Some("aac"),
        Some("audio/ogg" | "application/ogg" | "audio/vorbis") => Some("ogg"),
        _ => None,
    };
    if let Some(extension) = extension {
        hint.with_extension(extension);
    }
    hint
}

/// The codec's short name as symphonia knows it (`"mp3"`, `"aac"`, `"vorbis"`).
fn codec_name(codec: symphonia::core::codecs::CodecType) -> String {
    match symphonia::default::get_codecs().get_codec(codec) {
        Some(descriptor) => descriptor.short_name.to_string(),
        None => codec.to_string(),
    }
}

/// Keeps every sample in -1.0..=1.0 and replaces anything not finite by
/// silence, as the segment decoder does.
fn limit_range(samples: &mut [f32]) {
    for sample in samples {
        *sample = if sample.is_finite() {
            sample.clamp(-1.0, 1.0)
        } else {
            0.0
        };
    }
}
