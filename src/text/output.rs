//! Messages about audio outputs: `output =` values, device failures, and
//! the `loa devices` listing.

use std::fmt;

use crate::tr;

use crate::playout::output::{
    DeviceEntry, DeviceFailure, DeviceNote, OutputError, OutputSpec, OutputSpecError,
};

impl fmt::Display for OutputSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Default => f.write_str("default"),
            Self::Device(name) => f.write_str(name),
            Self::Wav(path) => write!(f, "wav:{}", path.display()),
            Self::Null => f.write_str("null"),
        }
    }
}

impl fmt::Display for OutputSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "the output is empty: write \"default\", a device name from `loa devices`, \
                 \"wav:PATH\" or \"null\"",
            ),
            Self::EmptyWavPath => f.write_str(
                "\"wav:\" needs a file after it, e.g. \"wav:/var/lib/loa/aircheck.wav\"",
            ),
        }
    }
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotOpen => f.write_str("the audio output was used before it was opened"),
            Self::PartialFrame { samples } => write!(
                f,
                "{samples} samples were written to the audio output, which is not a whole \
                 number of stereo frames"
            ),
            Self::Wav { path, .. } => {
                write!(
                    f,
                    "{}: cannot write the air-check recording",
                    path.display()
                )
            }
            Self::WavFormat { path, found } => write!(
                f,
                "{}: this WAV file is {} Hz, {} bit, {} channel(s); the air-check is 48000 Hz, \
                 16 bit, 2 channels. It was left untouched: move it away or choose another file",
                path.display(),
                found.sample_rate,
                found.bits_per_sample,
                found.channels
            ),
            Self::WavFull { path } => write!(
                f,
                "{}: the air-check recording is full (a WAV file holds about 6 hours); move it \
                 away and a new one is started",
                path.display()
            ),
            Self::WorkerStart { exe, .. } => write!(
                f,
                "cannot start the audio device process ({} output-worker)",
                exe.display()
            ),
            Self::Device { device, failure } => write!(f, "audio device \"{device}\": {failure}"),
            Self::WorkerDied {
                device,
                status,
                last_warning,
            } => {
                write!(f, "audio device \"{device}\": the device process stopped")?;
                match status {
                    Some(status) => write!(f, " ({status})")?,
                    None => f.write_str(" (exit status unknown)")?,
                }
                if let Some(warning) = last_warning {
                    write!(f, "; last device message: {warning}")?;
                }
                f.write_str("; it is restarted at the next airing")
            }
            Self::Stalled { device, silent_for } => write!(
                f,
                "audio device \"{device}\": no audio went out for {:.1} s although audio was \
                 waiting; the device process was stopped and is restarted at the next airing",
                silent_for.as_secs_f64()
            ),
            Self::OpenTimedOut { device, waited } => write!(
                f,
                "audio device \"{device}\": did not start within {} s",
                waited.as_secs()
            ),
            Self::Pipe { device, .. } => {
                write!(
                    f,
                    "audio device \"{device}\": the connection to the device process failed"
                )
            }
        }
    }
}

impl fmt::Display for DeviceFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSuchDevice {
                suggestion: Some(name),
            } => write!(
                f,
                "no such output; did you mean \"{name}\"? (`loa devices` lists the names)"
            ),
            Self::NoSuchDevice { suggestion: None } => {
                f.write_str("no such output (`loa devices` lists the names)")
            }
            Self::Busy => f.write_str("the device is busy: another program is using it"),
            Self::Unavailable(detail) => {
                write!(
                    f,
                    "the device is not available (unplugged or failing): {detail}"
                )
            }
            Self::PermissionDenied => f.write_str(
                "permission denied: the user running loa must be in the \"audio\" group",
            ),
            Self::Unsupported(detail) => write!(
                f,
                "the device does not play 48 kHz stereo ({detail}); use its \"plughw:\" or \
                 \"default\" name, which convert"
            ),
            Self::NotStarting => f.write_str("the device opened but never started playing"),
            Self::NotKeepingTime => f.write_str(
                "the device takes audio faster than real time (an unpaced ALSA plugin such as \
                 \"null\" or \"file\"); choose a sound card",
            ),
            Self::KeepsFailing(detail) => {
                write!(f, "the device keeps reporting errors; latest: {detail}")
            }
            Self::NoAudioSystem(detail) => write!(f, "ALSA is not usable: {detail}"),
            Self::Other(detail) => f.write_str(detail),
        }
    }
}

impl std::error::Error for DeviceFailure {}

impl fmt::Display for DeviceNote<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Message(message) => write!(f, "device process: {message}"),
            Self::Suppressed(count) => {
                write!(
                    f,
                    "device process: {count} more messages in the last second not logged"
                )
            }
        }
    }
}

/// The `loa devices` listing: the names `output =` accepts, aligned, with
/// ALSA's descriptions, and the two outputs that are not devices; when
/// there is no device, says so and what to check, rather than offer a name
/// that cannot open.
pub fn render_device_list(devices: &[DeviceEntry]) -> String {
    let width = devices
        .iter()
        .map(|device| device.name.len())
        .max()
        .unwrap_or(0);
    if devices.is_empty() {
        return format!("{}\n{}\n", tr!("devices-none"), tr!("devices-also"));
    }
    let mut out = format!("{}\n", tr!("devices-heading"));
    for device in devices {
        let description = device.description.as_deref().unwrap_or("");
        out.push_str(format!("  {:width$}  {description}", device.name).trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{}\n", tr!("devices-also")));
    out
}

/// `loa check`'s warning when the configured sound device is not there.
pub fn device_not_there(name: &str) -> String {
    tr!("device-not-there", name = format!("{name:?}"))
}
