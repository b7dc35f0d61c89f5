//! Segments set aside between the two passes of `coda segments`: the first pass writes
//! each file's turns to an anonymous scratch file (deleted by the system when closed) as
//! it reads them, and the second reads them back in the same order once participants'
//! attributes are final, instead of reading and parsing every file again
//! ([`super::Corpus::reread`], which is what `segments` does when there is no scratch
//! file: no temp folder, a full disk). Memory holds one file's segments at a time, as
//! with a reread; the scratch file holds the corpus's text.
//!
//! A record per file: the number of turns, then each turn's speaker, role, start, end,
//! text and lines, strings as a length (u64, little-endian) and their bytes.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};

use super::{Reread, Segment, Source};
use crate::error::{Error, Result};
use crate::transcript::Role;

/// The writing side: one record per source, in the order they are read.
pub struct SetAside {
    w: BufWriter<File>,
}

/// The reading side: the records again, in the same order.
pub struct SetAsideReader {
    r: BufReader<File>,
}

fn scratch_error(e: std::io::Error) -> Error {
    Error::io(&std::env::temp_dir(), e)
}

impl SetAside {
    pub fn new() -> Result<SetAside> {
        let f = tempfile::tempfile().map_err(scratch_error)?;
        Ok(SetAside {
            w: BufWriter::with_capacity(1 << 16, f),
        })
    }

    /// Set aside a source's segments.
    pub fn push(&mut self, source: &Source) -> Result<()> {
        self.write_all(source).map_err(scratch_error)
    }

    fn write_all(&mut self, source: &Source) -> std::io::Result<()> {
        let w = &mut self.w;
        write_u64(w, source.segments.len() as u64)?;
        for s in &source.segments {
            write_str(w, &s.speaker)?;
            w.write_all(&[match s.role {
                Role::Interviewer => 0,
                Role::Participant => 1,
            }])?;
            write_time(w, s.start_ms)?;
            write_time(w, s.end_ms)?;
            write_str(w, &s.text)?;
            write_u64(w, s.lines.0 as u64)?;
            write_u64(w, s.lines.1 as u64)?;
        }
        Ok(())
    }

    /// Done writing: read the records back from the start.
    pub fn finish(self) -> Result<SetAsideReader> {
        let mut f = self
            .w
            .into_inner()
            .map_err(|e| scratch_error(e.into_error()))?;
        std::io::Seek::rewind(&mut f).map_err(scratch_error)?;
        Ok(SetAsideReader {
            r: BufReader::with_capacity(1 << 16, f),
        })
    }
}

impl SetAsideReader {
    /// How many segments the next source has; read them with [`Self::segment`], one at a
    /// time (each row written before the next is read: memory allocated for one is
    /// reused for the next).
    pub fn count(&mut self) -> Result<usize> {
        read_u64(&mut self.r)
            .map(|n| n as usize)
            .map_err(scratch_error)
    }

    /// The `number`th segment (1-based) of `source`, attributed as
    /// [`super::Corpus::reread`] would: the turn to the participant its label had in the
    /// first reading.
    pub fn segment(&mut self, source: &Reread, number: usize) -> Result<Segment> {
        self.read_segment(source, number).map_err(scratch_error)
    }

    fn read_segment(&mut self, source: &Reread, number: usize) -> std::io::Result<Segment> {
        let r = &mut self.r;
        let speaker = read_str(r)?;
        let role = match read_byte(r)? {
            0 => Role::Interviewer,
            _ => Role::Participant,
        };
        let start_ms = read_time(r)?;
        let end_ms = read_time(r)?;
        let text = read_str(r)?;
        let lines = (read_u64(r)? as usize, read_u64(r)? as usize);
        let participant = source
            .attribution
            .binary_search_by(|(label, _)| label.as_str().cmp(&speaker))
            .map(|k| source.attribution[k].1.clone())
            .map_err(|_| std::io::Error::other("a set-aside turn with an unknown label"))?;
        Ok(Segment {
            transcript: source.id.clone(),
            number,
            speaker,
            role,
            participant,
            start_ms,
            end_ms,
            text,
            lines,
        })
    }
}

fn write_u64(w: &mut impl Write, n: u64) -> std::io::Result<()> {
    w.write_all(&n.to_le_bytes())
}

fn write_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    write_u64(w, s.len() as u64)?;
    w.write_all(s.as_bytes())
}

/// `None` as a 0 byte, `Some(ms)` as a 1 byte and the u64.
fn write_time(w: &mut impl Write, t: Option<u64>) -> std::io::Result<()> {
    match t {
        None => w.write_all(&[0]),
        Some(ms) => {
            w.write_all(&[1])?;
            write_u64(w, ms)
        }
    }
}

fn read_byte(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8; 1];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

fn read_u64(r: &mut impl Read) -> std::io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn read_str(r: &mut impl Read) -> std::io::Result<String> {
    let n = read_u64(r)?;
    // Read into the capacity rather than into zeroed bytes (`calloc` is slow here).
    let mut bytes = Vec::with_capacity(n as usize);
    r.take(n).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

fn read_time(r: &mut impl Read) -> std::io::Result<Option<u64>> {
    Ok(match read_byte(r)? {
        0 => None,
        _ => Some(read_u64(r)?),
    })
}
