//! Messages about what playout did to a segment's sound (a skipped
//! segment's reason is written into the airing log in English:
//! [`super::reason::english`]), and the daemon's replies to `loa play`.

use std::fmt;

use crate::playout::announcement::{AnnounceError, QUEUE_CAPACITY};
use crate::playout::player::PrimingFailed;
use crate::playout::silence::SilentSegment;
use crate::{tr, tr_lang};

use super::lang::Lang;
use super::reason::{Sentence, display_said};

impl Sentence for SilentSegment {
    fn say(&self, lang: Lang) -> String {
        tr_lang!(lang, "silent-segment")
    }
}

impl Sentence for PrimingFailed {
    fn say(&self, lang: Lang) -> String {
        tr_lang!(lang, "priming-failed")
    }
}

display_said!(SilentSegment, PrimingFailed);

impl fmt::Display for AnnounceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::NotFound { what } => tr!("announce-not-found", what = format!("{what:?}")),
            Self::FileMissing { path } => {
                tr!("announce-file-missing", path = format!("{path:?}"))
            }
            Self::Audio(reason) => tr!("announce-audio", reason = reason.to_string()),
            Self::NothingToAir { playlist } => tr!(
                "announce-nothing-to-air",
                playlist = format!("{playlist:?}")
            ),
            Self::QueueFull => tr!("announce-queue-full", count = QUEUE_CAPACITY.to_string()),
        })
    }
}
