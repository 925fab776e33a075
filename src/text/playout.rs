//! Messages about what playout did to a segment's sound (a skipped
//! segment's reason is written into the airing log in English:
//! [`super::reason::english`]), and the daemon's replies to `loa play`.

use crate::playout::announcement::{AnnounceError, QUEUE_CAPACITY};
use crate::playout::player::PrimingFailed;
use crate::playout::silence::SilentSegment;
use crate::tr_lang;

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

/// The daemon's refusal of an announcement goes back to `loa play` in
/// English (the daemon's language is not the caller's); the caller shows it
/// in its own through [`super::reason::logged`].
impl Sentence for AnnounceError {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::NotFound { what } => {
                tr_lang!(lang, "announce-not-found", what = format!("{what:?}"))
            }
            Self::FileMissing { path } => {
                tr_lang!(lang, "announce-file-missing", path = format!("{path:?}"))
            }
            Self::Audio(reason) => tr_lang!(
                lang,
                "announce-audio",
                reason = super::reason::logged_in(lang, reason)
            ),
            Self::NothingToAir { playlist } => tr_lang!(
                lang,
                "announce-nothing-to-air",
                playlist = format!("{playlist:?}")
            ),
            Self::QueueFull => tr_lang!(
                lang,
                "announce-queue-full",
                count = QUEUE_CAPACITY.to_string()
            ),
        }
    }
}

display_said!(SilentSegment, PrimingFailed, AnnounceError);
