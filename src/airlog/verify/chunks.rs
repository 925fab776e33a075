//! Cutting a log's month files into chunks of whole lines, for the workers.
//! Memory stays bounded: a chunk is about [`CHUNK_BYTES`], and a line too
//! long to be a record is skipped, not buffered.

use std::io::Read;

use super::source::LogSource;

/// About how many bytes a chunk holds.
pub const CHUNK_BYTES: usize = 1 << 20;
/// A line longer than this is not a record (records are a few kilobytes).
pub const MAX_LINE: usize = 4 << 20;

/// Whole lines from one month file.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Its place in the order of chunks.
    pub index: usize,
    /// Which month file.
    pub part: usize,
    /// 1-based line number of its first line.
    pub first_line: u64,
    /// Whole lines, each ending in a newline.
    pub data: Vec<u8>,
    /// What follows the whole lines in this chunk.
    pub after: After,
}

/// What the reader found after a chunk's whole lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// More lines (or the end of the file, cleanly).
    #[default]
    Nothing,
    /// The file ends in a line without a newline, this long.
    PartialLine(u64),
    /// A line longer than [`MAX_LINE`] (skipped up to its newline).
    OverlongLine,
    /// The file could not be opened or read further.
    Unreadable(std::io::ErrorKind),
}

/// Reads a source's month files in order, chunk by chunk.
pub struct ChunkReader<'a> {
    source: &'a dyn LogSource,
    part_count: usize,
    part: usize,
    reader: Option<Box<dyn Read + 'a>>,
    carry: Vec<u8>,
    next_line: u64,
    index: usize,
    skipping: bool,
    /// Emptied chunk buffers, reused so memory is not allocated (and
    /// faulted in) again for every chunk.
    spares: Vec<Vec<u8>>,
}

impl<'a> ChunkReader<'a> {
    /// Starts at the first month file.
    pub fn new(source: &'a dyn LogSource) -> Self {
        Self {
            source,
            part_count: source.part_names().len(),
            part: 0,
            reader: None,
            carry: Vec::new(),
            next_line: 1,
            index: 0,
            skipping: false,
            spares: Vec::new(),
        }
    }

    /// Gives back a chunk's buffer for reuse.
    pub fn recycle(&mut self, spare: Vec<u8>) {
        self.spares.push(spare);
    }

    /// The next chunk, or `None` after the last file.
    pub fn next_chunk(&mut self) -> Option<Chunk> {
        if self.reader.is_none() {
            if self.part >= self.part_count {
                return None;
            }
            match self.source.open_part(self.part) {
                Ok(reader) => self.reader = Some(reader),
                Err(e) => return Some(self.finish_part(Vec::new(), After::Unreadable(e.kind()))),
            }
            self.next_line = 1;
            self.carry.clear();
            self.skipping = false;
        }
        let mut buffer = self.spares.pop().unwrap_or_default();
        buffer.clear();
        buffer.extend_from_slice(&self.carry);
        self.carry.clear();
        loop {
            match self.fill(&mut buffer, CHUNK_BYTES) {
                Err(e) => return Some(self.finish_part(buffer, After::Unreadable(e.kind()))),
                Ok(true) => return Some(self.end_of_part(buffer)),
                Ok(false) => {}
            }
            if self.skipping {
                match memchr::memchr(b'\n', &buffer) {
                    Some(newline) => {
                        buffer.drain(..=newline);
                        self.skipping = false;
                    }
                    None => buffer.clear(),
                }
                continue;
            }
            if let Some(last) = memchr::memrchr(b'\n', &buffer) {
                self.carry.extend_from_slice(&buffer[last + 1..]);
                buffer.truncate(last + 1);
                return Some(self.chunk(buffer, After::Nothing));
            }
            if buffer.len() > MAX_LINE {
                self.skipping = true;
                buffer.clear();
                return Some(self.chunk(Vec::new(), After::OverlongLine));
            }
        }
    }

    /// Reads up to `want` more bytes into `buffer`; true at the end of file.
    fn fill(&mut self, buffer: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
        let Some(reader) = self.reader.as_mut() else {
            return Ok(true);
        };
        let read = reader.take(want as u64).read_to_end(buffer)?;
        Ok(read < want)
    }

    fn end_of_part(&mut self, mut buffer: Vec<u8>) -> Chunk {
        if self.skipping {
            buffer.clear();
        }
        let complete = memchr::memrchr(b'\n', &buffer).map_or(0, |last| last + 1);
        let partial = (buffer.len() - complete) as u64;
        buffer.truncate(complete);
        let after = if partial > 0 {
            After::PartialLine(partial)
        } else {
            After::Nothing
        };
        self.finish_part(buffer, after)
    }

    fn finish_part(&mut self, data: Vec<u8>, after: After) -> Chunk {
        let chunk = self.chunk(data, after);
        self.reader = None;
        self.carry.clear();
        self.part += 1;
        chunk
    }

    fn chunk(&mut self, data: Vec<u8>, after: After) -> Chunk {
        let lines = memchr::memchr_iter(b'\n', &data).count() as u64;
        let chunk = Chunk {
            index: self.index,
            part: self.part,
            first_line: self.next_line,
            data,
            after,
        };
        self.index += 1;
        self.next_line += lines + u64::from(after == After::OverlongLine);
        chunk
    }

    /// Whether `part` is the last month file.
    pub fn is_last_part(&self, part: usize) -> bool {
        part + 1 == self.part_count
    }
}
