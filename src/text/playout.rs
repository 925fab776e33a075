//! Messages about what playout did to a segment's sound.

use std::fmt;

use crate::playout::silence::SilentSegment;

impl fmt::Display for SilentSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the file is silent throughout (nothing above -50 dBFS): not aired")
    }
}
