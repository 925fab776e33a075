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
