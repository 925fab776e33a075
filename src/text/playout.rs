//! Messages about what playout did to a segment's sound.

use std::fmt;

use crate::playout::player::PrimingFailed;
use crate::playout::silence::SilentSegment;

impl fmt::Display for SilentSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the file is silent throughout (nothing above -50 dBFS): not aired")
    }
}

impl fmt::Display for PrimingFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the segment could not be prepared for airing (an internal error in loa)")
    }
}

impl fmt::Display for crate::playout::announcement::AnnounceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::playout::announcement::AnnounceError;
        match self {
            AnnounceError::NotFound { what } => write!(
                f,
                "{what:?} is neither a playlist of the station nor an audio file the daemon can read \
                 (give a playlist's name or the file's path)"
            ),
            AnnounceError::FileMissing { path } => write!(
                f,
                "{path:?} not found: there is no such file (check the folder and the file's name)"
            ),
            AnnounceError::Audio(reason) => write!(f, "the file cannot be aired: {reason}"),
            AnnounceError::NothingToAir { playlist } => write!(
                f,
                "playlist {playlist:?} has nothing that may air today (expired, not yet valid or unapproved segments)"
            ),
            AnnounceError::QueueFull => write!(
                f,
                "{} announcements are already waiting; wait until one has aired",
                crate::playout::announcement::QUEUE_CAPACITY
            ),
        }
    }
}
