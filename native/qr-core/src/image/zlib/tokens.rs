//! The LZ77 parse of the scanlines, read off their structure as they arrive.
//!
//! Measured on the study's texts: the bytes of an unfiltered row cost only 2-3 bits each as
//! literals, so a short match (15-25 bits) does not pay, and a general matcher's search is
//! wasted. What pays is one long match per module row: from where a row stops differing from
//! the row a module above, through the repeated rows that follow, to where the next unfiltered
//! row starts to differ. The parser knows where those are without searching: repeated rows are
//! announced as such, and an unfiltered row is compared once with its two possible sources.

use crate::image::raster::FILTER_UP;

/// A literal byte or a back-reference (copy `length` bytes from `distance` back; overlap allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    Literal(u8),
    Match { length: u16, distance: u16 },
}

pub(crate) const MIN_MATCH: usize = 3;
pub(crate) const MAX_MATCH: usize = 258;
/// A run of one byte within an unfiltered row becomes a match only when longer than this:
/// shorter ones cost less as literals (see the module comment).
const MIN_USEFUL_RUN: usize = 12;

/// A match that may still grow with the next scanline; always at least [`MIN_MATCH`] long.
#[derive(Debug, Clone, Copy)]
struct Pending {
    source: Source,
    length: usize,
}

/// Where a match copies from. Kept in rows rather than bytes: the parser asks "is the source
/// row a repeated row" for every scanline, and dividing by the stride is slow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Whole scanlines back.
    RowsBack(usize),
    /// The previous byte (a run of zeros in the first repeated row).
    PreviousByte,
}

#[derive(Default)]
pub(crate) struct RowParser {
    pub tokens: Vec<Token>,
    /// Bytes per scanline.
    stride: usize,
    /// Scanlines per module row.
    rows_per_module: usize,
    /// Per scanline so far: its unfiltered bytes' offset in `unfiltered`, or None if repeated.
    rows: Vec<Option<usize>>,
    unfiltered: Vec<u8>,
    pending: Option<Pending>,
}

impl RowParser {
    /// Starts an image of `stride`-byte scanlines (filter byte included), `rows_per_module`
    /// scanlines to a module row.
    pub fn begin(&mut self, stride: usize, rows_per_module: usize) {
        debug_assert!(stride > MIN_USEFUL_RUN && rows_per_module >= 1);
        self.tokens.clear();
        self.stride = stride;
        self.rows_per_module = rows_per_module;
        self.rows.clear();
        self.unfiltered.clear();
        self.pending = None;
    }

    /// Ends the image: emits the last match.
    pub fn finish(&mut self) {
        self.flush();
    }

    /// Byte `column` of an earlier scanline, `rows_back` above the next one.
    fn earlier_byte(&self, rows_back: usize, column: usize) -> u8 {
        match self.rows[self.rows.len() - rows_back] {
            Some(offset) => self.unfiltered[offset + column],
            None if column == 0 => FILTER_UP,
            None => 0,
        }
    }

    /// Whether the scanline `rows_back` above the next one is a repeated row.
    fn is_repeated(&self, rows_back: usize) -> bool {
        rows_back <= self.rows.len() && self.rows[self.rows.len() - rows_back].is_none()
    }

    /// The two distances a scanline is compared at, in whole scanlines: the module row above
    /// (preferred: it is where similar rows are) and the scanline above.
    fn sources(&self) -> [usize; 2] {
        [self.rows_per_module, 1]
    }

    pub fn unfiltered(&mut self, row: &[u8]) {
        debug_assert_eq!(row.len(), self.stride);
        // 1. The running match goes on while the row equals its source.
        let mut start = 0;
        if let Some(pending) = self.pending {
            if let Source::RowsBack(back) = pending.source {
                start = (0..row.len())
                    .take_while(|&column| row[column] == self.earlier_byte(back, column))
                    .count();
                if let Some(pending) = &mut self.pending {
                    pending.length += start;
                }
            }
            if start < row.len() {
                self.flush();
            }
        }
        if start == row.len() {
            return self.record_row(row);
        }
        // 2. The longest tail equal to a source's starts the next match (a tail under 3 bytes
        //    stays literals: a match that short does not exist in deflate).
        let mut tail = (0, 0); // (length, rows back)
        for back in self.sources() {
            if back <= self.rows.len() {
                let length = (start..row.len())
                    .rev()
                    .take_while(|&column| row[column] == self.earlier_byte(back, column))
                    .count();
                if length > tail.0 {
                    tail = (length, back);
                }
            }
        }
        // 3. In between: literals, and long runs of one byte as matches one byte back.
        let tail_length = if tail.0 >= MIN_MATCH { tail.0 } else { 0 };
        let middle_end = row.len() - tail_length;
        let mut column = start;
        while column < middle_end {
            let byte = row[column];
            let run = row[column..middle_end]
                .iter()
                .take_while(|&&b| b == byte)
                .count();
            if run > MIN_USEFUL_RUN {
                self.tokens.push(Token::Literal(byte));
                self.push_match(run - 1, 1);
            } else {
                self.tokens
                    .extend(row[column..column + run].iter().map(|&b| Token::Literal(b)));
            }
            column += run;
        }
        if tail.0 >= MIN_MATCH {
            self.pending = Some(Pending {
                source: Source::RowsBack(tail.1),
                length: tail.0,
            });
        }
        self.record_row(row);
    }

    /// `count` scanlines of the filter-type byte 2 and zeros.
    pub fn repeated(&mut self, count: usize) {
        for _ in 0..count {
            self.repeated_row();
        }
    }

    fn repeated_row(&mut self) {
        // A repeated row continues a match whose source row is a repeated row too.
        if let Some(pending) = self.pending {
            if let Source::RowsBack(back) = pending.source {
                if self.is_repeated(back) {
                    self.pending = Some(Pending {
                        length: pending.length + self.stride,
                        ..pending
                    });
                    return self.rows.push(None);
                }
            }
            self.flush();
        }
        let source = self
            .sources()
            .into_iter()
            .find(|&back| self.is_repeated(back));
        self.pending = Some(match source {
            Some(back) => Pending {
                source: Source::RowsBack(back),
                length: self.stride,
            },
            // The first repeated row: spell out its start, copy its zeros from one byte back.
            None => {
                self.tokens.push(Token::Literal(FILTER_UP));
                self.tokens.push(Token::Literal(0));
                Pending {
                    source: Source::PreviousByte,
                    length: self.stride - 2,
                }
            }
        });
        self.rows.push(None);
    }

    fn record_row(&mut self, row: &[u8]) {
        self.rows.push(Some(self.unfiltered.len()));
        self.unfiltered.extend_from_slice(row);
    }

    fn flush(&mut self) {
        if let Some(pending) = self.pending.take() {
            let distance = match pending.source {
                Source::RowsBack(rows) => rows * self.stride,
                Source::PreviousByte => 1,
            };
            self.push_match(pending.length, distance);
        }
    }

    /// Back-references covering `length` bytes, none longer than 258 or shorter than 3.
    fn push_match(&mut self, mut length: usize, distance: usize) {
        while length > 0 {
            let chunk = if length > MAX_MATCH {
                (length - MIN_MATCH).min(MAX_MATCH)
            } else {
                length
            };
            self.tokens.push(Token::Match {
                length: chunk as u16,
                distance: distance as u16,
            });
            length -= chunk;
        }
    }
}
