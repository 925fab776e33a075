//! Reading a verified source's records again, one at a time, to count them.
//! Works on any [`LogSource`] (a log directory or an export bundle); memory
//! stays constant.

use std::io::{BufRead, BufReader, Read};

use crate::airlog::LineError;
use crate::airlog::codec::check_line;
use crate::airlog::record::Record;
use crate::airlog::verify::LogSource;

/// A line that did not read back as a record: the log changed after it
/// was verified (a daemon appending is fine; this is not).
#[derive(Debug)]
pub enum RecordError {
    /// A month file could not be read.
    Io(std::io::Error),
    /// A line is not a valid record.
    Bad(LineError),
}

/// The records of a source in order.
pub struct SourceRecords<'a> {
    source: &'a dyn LogSource,
    part_count: usize,
    part: usize,
    reader: Option<BufReader<Box<dyn Read + 'a>>>,
    buffer: Vec<u8>,
}

impl<'a> SourceRecords<'a> {
    /// Starts at the first month file.
    pub fn new(source: &'a dyn LogSource) -> Self {
        Self {
            source,
            part_count: source.part_names().len(),
            part: 0,
            reader: None,
            buffer: Vec::with_capacity(4096),
        }
    }

    /// The next complete line, or `None` after the last file. A partial
    /// last line (a write in progress) is not a line yet.
    fn next_line(&mut self) -> Option<Result<(), RecordError>> {
        loop {
            if self.reader.is_none() {
                if self.part >= self.part_count {
                    return None;
                }
                match self.source.open_part(self.part) {
                    Ok(reader) => self.reader = Some(BufReader::with_capacity(1 << 16, reader)),
                    Err(e) => {
                        self.part = self.part_count;
                        return Some(Err(RecordError::Io(e)));
                    }
                }
            }
            let reader = self.reader.as_mut()?;
            self.buffer.clear();
            match reader.read_until(b'\n', &mut self.buffer) {
                Err(e) => {
                    self.part = self.part_count;
                    self.reader = None;
                    return Some(Err(RecordError::Io(e)));
                }
                Ok(_) if self.buffer.last() == Some(&b'\n') => {
                    self.buffer.pop();
                    return Some(Ok(()));
                }
                Ok(_) => {
                    self.reader = None;
                    self.part += 1;
                }
            }
        }
    }
}

impl Iterator for SourceRecords<'_> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Err(e) = self.next_line()? {
            return Some(Err(e));
        }
        Some(read_record(&self.buffer).map_err(RecordError::Bad))
    }
}

/// One line as a record: layout, hash and fields checked.
pub fn read_record(line: &[u8]) -> Result<Record, LineError> {
    let checked = check_line(line)?;
    let kind = checked.kind()?;
    Ok(Record {
        station: checked.header.station.to_string(),
        seq: checked.header.seq,
        prev: checked.header.prev,
        at: checked.header.at,
        kind,
        hash: checked.hash(),
    })
}
