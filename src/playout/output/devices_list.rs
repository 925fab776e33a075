//! The ALSA outputs this machine has, by the names `output =` accepts.
//! Listing reads ALSA's hints and card list only; no device is opened (an
//! open can start a plugin's helper program, or fail and leak).

use cpal::HostId;
use cpal::traits::{DeviceTrait, HostTrait};

use super::{DEFAULT_DEVICE, DeviceFailure, OutputSpec};

/// One output device: the name to write in `output =`, and ALSA's
/// description of it when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceEntry {
    /// The ALSA PCM name, e.g. `default`, `studio_a`, `plughw:CARD=0,DEV=0`.
    pub name: String,
    /// ALSA's one-line description, if it differs from the name.
    pub description: Option<String>,
}

/// The output devices ALSA lists, `default` first; empty when ALSA lists
/// none. ALSA resolves the name `default` on any machine, even one with no
/// sound card and no configured output, where it cannot open: so `default`
/// is listed only beside an output that exists (a card's devices, or a
/// configured virtual output such as a sound server's), never alone.
pub fn output_devices() -> Result<Vec<DeviceEntry>, DeviceFailure> {
    let host = cpal::host_from_id(HostId::Alsa)
        .map_err(|error| DeviceFailure::NoAudioSystem(error.to_string()))?;
    let devices = host
        .output_devices()
        .map_err(|error| DeviceFailure::Other(error.to_string()))?;
    let mut entries: Vec<DeviceEntry> = devices.filter_map(|device| entry(&device)).collect();
    // ALSA's `null` and `default` are spelled the same as `output =`
    // keywords, which mean loa's own outputs; `default` is placed first
    // below.
    entries.retain(|entry| matches!(entry.name.parse(), Ok(OutputSpec::Device(_))));
    if entries.is_empty() {
        return Ok(entries);
    }
    let default = host
        .default_output_device()
        .and_then(|device| entry(&device));
    entries.insert(
        0,
        default.unwrap_or_else(|| DeviceEntry {
            name: DEFAULT_DEVICE.to_string(),
            description: None,
        }),
    );
    Ok(entries)
}

fn entry(device: &cpal::Device) -> Option<DeviceEntry> {
    let name = device.id().ok()?.id().to_string();
    let description = device
        .description()
        .ok()
        .map(|description| description.name().to_string())
        .filter(|description| *description != name);
    Some(DeviceEntry { name, description })
}

/// The listed name closest to a mistyped `name`, if any is close enough to
/// be worth suggesting.
pub(crate) fn closest_name<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<String> {
    names
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_close_name_only() {
        let names = ["default", "studio_a", "plughw:CARD=0,DEV=0"];
        assert_eq!(
            closest_name("studio-a", names.into_iter()),
            Some("studio_a".into())
        );
        assert_eq!(closest_name("xyz", names.into_iter()), None);
    }
}
