//! Messages about audio outputs: `output =` values, device failures, and
//! the `loa devices` listing.

use std::fmt;

use crate::{tr, tr_lang};

use super::lang::Lang;
use super::reason::{Sentence, display_said};
use super::shown;

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
        f.write_str(&match self {
            Self::Empty => tr!("output-spec-empty"),
            Self::EmptyWavPath => tr!("output-spec-empty-wav"),
        })
    }
}

impl Sentence for OutputError {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::NotOpen => tr_lang!(lang, "output-not-open"),
            Self::PartialFrame { samples } => {
                tr_lang!(lang, "output-partial-frame", samples = samples.to_string())
            }
            Self::Wav { path, .. } => tr_lang!(lang, "output-wav", path = shown(path)),
            Self::WavFormat { path, found } => tr_lang!(
                lang,
                "output-wav-format",
                path = shown(path),
                rate = found.sample_rate.to_string(),
                bits = found.bits_per_sample.to_string(),
                channels = found.channels.to_string()
            ),
            Self::WavFull { path } => tr_lang!(lang, "output-wav-full", path = shown(path)),
            Self::WorkerStart { exe, .. } => {
                tr_lang!(lang, "output-worker-start", exe = shown(exe))
            }
            Self::Device { device, failure } => tr_lang!(
                lang,
                "output-device",
                device = device.as_str(),
                failure = failure.say(lang)
            ),
            Self::WorkerDied {
                device,
                status,
                last_warning,
            } => {
                let status = match status {
                    Some(status) => status.to_string(),
                    None => tr_lang!(lang, "output-exit-unknown"),
                };
                match last_warning {
                    Some(warning) => tr_lang!(
                        lang,
                        "output-worker-died-said",
                        device = device.as_str(),
                        status = status,
                        warning = warning.as_str()
                    ),
                    None => tr_lang!(
                        lang,
                        "output-worker-died",
                        device = device.as_str(),
                        status = status
                    ),
                }
            }
            Self::Stalled { device, silent_for } => tr_lang!(
                lang,
                "output-stalled",
                device = device.as_str(),
                seconds = format!("{:.1}", silent_for.as_secs_f64())
            ),
            Self::OpenTimedOut { device, waited } => tr_lang!(
                lang,
                "output-open-timed-out",
                device = device.as_str(),
                seconds = waited.as_secs().to_string()
            ),
            Self::Pipe { device, .. } => tr_lang!(lang, "output-pipe", device = device.as_str()),
        }
    }
}

impl Sentence for DeviceFailure {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::NoSuchDevice {
                suggestion: Some(name),
            } => tr_lang!(lang, "device-no-such-suggest", name = name.as_str()),
            Self::NoSuchDevice { suggestion: None } => tr_lang!(lang, "device-no-such"),
            Self::Busy => tr_lang!(lang, "device-busy"),
            Self::Unavailable(detail) => {
                tr_lang!(lang, "device-unavailable", detail = detail.as_str())
            }
            Self::PermissionDenied => tr_lang!(lang, "device-permission"),
            Self::Unsupported(detail) => {
                tr_lang!(lang, "device-unsupported", detail = detail.as_str())
            }
            Self::NotStarting => tr_lang!(lang, "device-not-starting"),
            Self::NotKeepingTime => tr_lang!(lang, "device-not-keeping-time"),
            Self::KeepsFailing(detail) => {
                tr_lang!(lang, "device-keeps-failing", detail = detail.as_str())
            }
            Self::NoAudioSystem(detail) => {
                tr_lang!(lang, "device-no-alsa", detail = detail.as_str())
            }
            Self::Other(detail) => detail.clone(),
        }
    }
}

display_said!(OutputError, DeviceFailure);

impl std::error::Error for DeviceFailure {}

impl fmt::Display for DeviceNote<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Message(message) => tr!("device-note", message = *message),
            Self::Suppressed(count) => tr!("device-note-suppressed", count = count.to_string()),
        })
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
