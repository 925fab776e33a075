//! `output = "null"`: plays nothing, but takes exactly as long as a sound
//! card would, so dry runs and tests keep the real schedule's timing.

use super::pacing::Pacer;
use super::pcm::{samples_in, whole_frames};
use super::{Output, OutputError};

/// An output that discards audio at the pace of a real device.
#[derive(Debug, Default)]
pub struct NullOutput {
    pacer: Pacer,
    open: bool,
}

impl NullOutput {
    /// A closed null output; [`Output::open`] starts a session.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Output for NullOutput {
    fn open(&mut self) -> Result<(), OutputError> {
        if !self.open {
            self.pacer = Pacer::default();
            self.open = true;
        }
        Ok(())
    }

    fn write(&mut self, samples: &[f32]) -> Result<(), OutputError> {
        if !self.open {
            return Err(OutputError::NotOpen);
        }
        let frames = whole_frames(samples)?;
        self.pacer.queue(frames);
        self.pacer.wait_for_room();
        Ok(())
    }

    fn drain(&mut self) -> Result<(), OutputError> {
        if !self.open {
            return Err(OutputError::NotOpen);
        }
        self.pacer.wait_until_played();
        Ok(())
    }

    fn close(&mut self) {
        self.pacer.stop();
        self.open = false;
    }

    fn played_samples(&self) -> u64 {
        samples_in(self.pacer.played_frames())
    }
}
