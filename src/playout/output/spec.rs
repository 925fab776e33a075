//! The `output =` setting: which kind of output airs, parsed once.

use std::path::PathBuf;
use std::str::FromStr;

/// What a station's `output =` names. Parsed from text so that the config,
/// the command line and tests all spell outputs the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputSpec {
    /// `default`: ALSA's default device.
    Default,
    /// Any other name: an ALSA device as `loa devices` lists it
    /// (`studio_a`, `plughw:CARD=0,DEV=0`, ...).
    Device(String),
    /// `wav:PATH`: an air-check recording of what airs, paced in real time.
    Wav(PathBuf),
    /// `null`: paced in real time, the audio is discarded.
    Null,
}

/// Why an `output =` value is not an output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputSpecError {
    /// Nothing (or only spaces) was given.
    Empty,
    /// `wav:` without a file after it.
    EmptyWavPath,
}

impl std::error::Error for OutputSpecError {}

const WAV_PREFIX: &str = "wav:";

impl FromStr for OutputSpec {
    type Err = OutputSpecError;

    /// `"default"`, `"null"`, `"wav:PATH"`; any other text is a device name.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.trim().is_empty() {
            return Err(OutputSpecError::Empty);
        }
        if let Some(path) = text.strip_prefix(WAV_PREFIX) {
            if path.trim().is_empty() {
                return Err(OutputSpecError::EmptyWavPath);
            }
            return Ok(Self::Wav(PathBuf::from(path)));
        }
        Ok(match text {
            "default" => Self::Default,
            "null" => Self::Null,
            name => Self::Device(name.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_paths_and_device_names() {
        assert_eq!("default".parse(), Ok(OutputSpec::Default));
        assert_eq!("null".parse(), Ok(OutputSpec::Null));
        assert_eq!(
            "wav:/var/lib/loa/aircheck.wav".parse(),
            Ok(OutputSpec::Wav(PathBuf::from("/var/lib/loa/aircheck.wav")))
        );
        assert_eq!(
            "plughw:CARD=0,DEV=0".parse(),
            Ok(OutputSpec::Device("plughw:CARD=0,DEV=0".into()))
        );
        assert_eq!(
            "studio_a".parse(),
            Ok(OutputSpec::Device("studio_a".into()))
        );
    }

    #[test]
    fn empty_values_are_errors() {
        assert_eq!("".parse::<OutputSpec>(), Err(OutputSpecError::Empty));
        assert_eq!("  ".parse::<OutputSpec>(), Err(OutputSpecError::Empty));
        assert_eq!(
            "wav:".parse::<OutputSpec>(),
            Err(OutputSpecError::EmptyWavPath)
        );
    }

    #[test]
    fn display_round_trips() {
        for text in ["default", "null", "wav:a b.wav", "studio_a"] {
            let spec: OutputSpec = text.parse().unwrap();
            assert_eq!(spec.to_string(), text);
        }
    }
}
