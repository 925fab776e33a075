//! SHOUTcast/Icecast in-band metadata ("ICY"): with `icy-metaint: N` in the
//! response, every N audio bytes are followed by a length byte L and L × 16
//! bytes of text such as `StreamTitle='Thời sự';`. The blocks are cut out of
//! the audio here (the decoder would take them for damaged frames) and the
//! title is read from them.

/// The largest `icy-metaint` accepted; real servers use 8 or 16 KiB. A
/// bigger figure is a broken header, and the stream is read without
/// stripping (so it likely fails to decode and is reported).
pub(crate) const MAX_METAINT: usize = 1 << 20;

/// Removes metadata blocks from a byte stream, block by block, whatever
/// sizes the network delivers it in. Memory is bounded: a block is at most
/// 255 × 16 = 4080 bytes by the format itself.
pub(crate) struct IcyStripper {
    metaint: usize,
    state: State,
    block: Vec<u8>,
}

enum State {
    /// This many audio bytes until the next length byte.
    Audio(usize),
    /// The next byte is a block's length / 16.
    Length,
    /// This many block bytes still to come.
    Block(usize),
}

impl IcyStripper {
    /// A stripper for `icy-metaint` bytes of audio between blocks; 0 means
    /// the stream has no blocks and everything is audio.
    pub fn new(metaint: usize) -> Self {
        Self {
            metaint,
            state: State::Audio(metaint),
            block: Vec::new(),
        }
    }

    /// Appends the audio bytes of `input` to `audio`, and the StreamTitle of
    /// each complete block that has one to `titles`.
    pub fn strip(&mut self, mut input: &[u8], audio: &mut Vec<u8>, titles: &mut Vec<String>) {
        if self.metaint == 0 {
            audio.extend_from_slice(input);
            return;
        }
        while !input.is_empty() {
            match self.state {
                State::Audio(left) => {
                    let take = left.min(input.len());
                    audio.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    self.state = if take == left {
                        State::Length
                    } else {
                        State::Audio(left - take)
                    };
                }
                State::Length => {
                    let length = usize::from(input[0]) * 16;
                    input = &input[1..];
                    self.block.clear();
                    self.state = match length {
                        0 => State::Audio(self.metaint),
                        _ => State::Block(length),
                    };
                }
                State::Block(left) => {
                    let take = left.min(input.len());
                    self.block.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    if take < left {
                        self.state = State::Block(left - take);
                        continue;
                    }
                    titles.extend(stream_title(&self.block));
                    self.state = State::Audio(self.metaint);
                }
            }
        }
    }
}

/// The `StreamTitle='...';` value of a metadata block, as text. Vietnamese
/// stations send UTF-8; older servers Latin-1, which is taken byte for char
/// when the block is not valid UTF-8.
pub(crate) fn stream_title(block: &[u8]) -> Option<String> {
    let end = block.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let text = match std::str::from_utf8(&block[..end]) {
        Ok(text) => text.to_string(),
        Err(_) => block[..end].iter().map(|&b| char::from(b)).collect(),
    };
    const START: &str = "StreamTitle='";
    let from = text.find(START)? + START.len();
    let rest = &text[from..];
    let value = match rest.find("';") {
        Some(to) => &rest[..to],
        None => rest.strip_suffix('\'').unwrap_or(rest),
    };
    let value: String = value.chars().filter(|c| !c.is_control()).collect();
    Some(value.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        bytes.resize(bytes.len().div_ceil(16) * 16, 0);
        let mut out = vec![(bytes.len() / 16) as u8];
        out.extend(bytes);
        out
    }

    #[test]
    fn blocks_are_cut_out_whatever_the_chunk_sizes() {
        let mut stream = Vec::new();
        stream.extend([1u8; 10]);
        stream.extend(block("StreamTitle='Thời sự 6 giờ';StreamUrl='';"));
        stream.extend([2u8; 10]);
        stream.push(0);
        stream.extend([3u8; 10]);
        stream.extend(block("StreamTitle='Ca nhạc';"));
        stream.extend([4u8; 4]);
        for chunk in [1, 3, 7, 64, stream.len()] {
            let mut icy = IcyStripper::new(10);
            let (mut audio, mut titles) = (Vec::new(), Vec::new());
            for piece in stream.chunks(chunk) {
                icy.strip(piece, &mut audio, &mut titles);
            }
            let mut expected = vec![1u8; 10];
            expected.extend([2u8; 10]);
            expected.extend([3u8; 10]);
            expected.extend([4u8; 4]);
            assert_eq!(audio, expected, "chunk {chunk}");
            assert_eq!(titles, ["Thời sự 6 giờ", "Ca nhạc"], "chunk {chunk}");
        }
    }

    #[test]
    fn latin1_titles_are_read_byte_for_char() {
        let latin1 = b"StreamTitle='Caf\xe9 Mus\xefque';\0\0\0";
        assert_eq!(stream_title(latin1).as_deref(), Some("Café Musïque"));
    }

    #[test]
    fn apostrophes_inside_the_title_are_kept() {
        let text = b"StreamTitle='Rock 'n' Roll';StreamUrl='x';";
        assert_eq!(stream_title(text).as_deref(), Some("Rock 'n' Roll"));
        assert_eq!(stream_title(b"StreamUrl='x';"), None);
    }

    #[test]
    fn no_metaint_means_everything_is_audio() {
        let mut icy = IcyStripper::new(0);
        let (mut audio, mut titles) = (Vec::new(), Vec::new());
        icy.strip(&[9; 100], &mut audio, &mut titles);
        assert_eq!(audio, [9; 100]);
        assert!(titles.is_empty());
    }
}
