//! Reading a log directory in order, one record at a time, in constant
//! memory: what the scheduler derives rotation and exactly-once from, and
//! what `loa log` shows.
//!
//! The reader checks each record's layout, hash and fields and the chain
//! between records, but not signatures (that is [`super::verify`]'s job,
//! and the daemon reads its own log).

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::codec::check_line;
use super::error::{LineError, ReadError};
use super::hash::Sha256Hash;
use super::parts::{Part, list_parts};
use super::record::Record;

/// One line of a month file.
#[derive(Debug)]
pub struct ScannedLine<'a> {
    /// 1-based line number in its file.
    pub number: u64,
    /// Byte offset of its first byte in the file.
    pub offset: u64,
    /// Its bytes, without the newline.
    pub bytes: &'a [u8],
    /// False for a last line without a newline (a write cut short).
    pub complete: bool,
}

impl ScannedLine<'_> {
    /// The byte offset just after the line (and its newline): where a
    /// reader that stopped here resumes.
    pub fn end(&self) -> u64 {
        self.offset + self.bytes.len() as u64 + u64::from(self.complete)
    }
}

/// Reads a month file line by line, reusing one buffer.
pub struct LineScanner {
    reader: BufReader<File>,
    buffer: Vec<u8>,
    number: u64,
    offset: u64,
}

impl LineScanner {
    /// Opens `path` for scanning.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        Self::open_at(path, 0)
    }

    /// Opens `path` for scanning from byte `offset` (the start of a line),
    /// as the uploader resumes where its last batch ended. Line numbers
    /// then count from that line.
    pub fn open_at(path: &Path, offset: u64) -> std::io::Result<Self> {
        let mut file = File::open(path)?;
        if offset > 0 {
            file.seek(SeekFrom::Start(offset))?;
        }
        Ok(Self {
            reader: BufReader::with_capacity(1 << 16, file),
            buffer: Vec::with_capacity(4096),
            number: 0,
            offset,
        })
    }

    /// The next line, or `None` at the end of the file.
    pub fn next_line(&mut self) -> std::io::Result<Option<ScannedLine<'_>>> {
        self.buffer.clear();
        let read = self.reader.read_until(b'\n', &mut self.buffer)?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let offset = self.offset;
        self.offset += read as u64;
        let complete = self.buffer.last() == Some(&b'\n');
        let bytes = if complete {
            &self.buffer[..read - 1]
        } else {
            &self.buffer[..]
        };
        Ok(Some(ScannedLine {
            number: self.number,
            offset,
            bytes,
            complete,
        }))
    }
}

/// Every record of the log in `dir`, oldest first. See [`RecordReader`].
pub fn read_records(dir: &Path) -> Result<RecordReader, ReadError> {
    let parts = list_parts(dir).map_err(|source| ReadError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(RecordReader {
        parts: parts.into_iter(),
        current: None,
        expected: None,
    })
}

/// Streams records across month files. A bad line, a break in the chain or
/// a torn tail comes out as an `Err` item and reading goes on after it, so
/// one damaged record does not hide the rest.
pub struct RecordReader {
    parts: std::vec::IntoIter<Part>,
    current: Option<(PathBuf, LineScanner)>,
    /// (seq, hash) the next record must continue from.
    expected: Option<(u64, Sha256Hash)>,
}

impl Iterator for RecordReader {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_none() {
                let part = self.parts.next()?;
                match LineScanner::open(&part.path) {
                    Ok(scanner) => self.current = Some((part.path, scanner)),
                    Err(source) => {
                        return Some(Err(ReadError::Io {
                            path: part.path,
                            source,
                        }));
                    }
                }
            }
            let (path, scanner) = self.current.as_mut()?;
            let line = match scanner.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.current = None;
                    continue;
                }
                Err(source) => {
                    let path = path.clone();
                    self.current = None;
                    return Some(Err(ReadError::Io { path, source }));
                }
            };
            let result = read_line(path, &line, &mut self.expected);
            return Some(result);
        }
    }
}

fn read_line(
    path: &Path,
    line: &ScannedLine<'_>,
    expected: &mut Option<(u64, Sha256Hash)>,
) -> Result<Record, ReadError> {
    let bad = |error: LineError| ReadError::Bad {
        path: path.to_path_buf(),
        line: line.number,
        error,
    };
    if !line.complete {
        *expected = None;
        return Err(ReadError::Torn {
            path: path.to_path_buf(),
            offset: line.offset,
            length: line.bytes.len() as u64,
        });
    }
    let checked = check_line(line.bytes).map_err(|e| {
        *expected = None;
        bad(e)
    })?;
    let kind = checked.kind().map_err(bad)?;
    let header = &checked.header;
    let chain = *expected;
    *expected = Some((header.seq, checked.hash()));
    if let Some((seq, hash)) = chain
        && (header.seq != seq + 1 || header.prev != hash)
    {
        return Err(ReadError::Chain {
            path: path.to_path_buf(),
            line: line.number,
            expected_seq: seq + 1,
            found_seq: header.seq,
        });
    }
    Ok(Record {
        station: header.station.to_string(),
        seq: header.seq,
        prev: header.prev,
        at: header.at,
        kind,
        hash: checked.hash(),
    })
}
