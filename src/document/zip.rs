//! A minimal zip writer for the office formats: stored entries with CRC-32, local headers,
//! the central directory and the end record; names are flagged UTF-8.
//!
//! Entries are stored, not deflated. A Bericht or an Arbeitshilfe is 10–100 KB of XML, so
//! compressing would save a download of tens of kilobytes once, while a deflate encoder
//! would add several kilobytes of wasm to every load of the writers. ODF requires its
//! `mimetype` entry stored anyway, and both Word and LibreOffice read stored entries.

/// Bit 11 of the general purpose flags: names and comments are UTF-8.
const UTF8: u16 = 1 << 11;
/// Version 2.0: what the oldest readers of OOXML and ODF expect.
const VERSION: u16 = 20;
/// 1980-01-01 00:00, the earliest DOS date: files carry no time, so output is reproducible.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// A zip archive being written; entries keep the order they are added in.
#[derive(Debug, Default)]
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl Zip {
    pub fn new() -> Zip {
        Zip::default()
    }

    /// Adds a file. Panics past 65,535 entries or 4 GiB, which no document comes near.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let size = u32::try_from(data.len()).expect("a zip entry under 4 GiB");
        let offset = u32::try_from(self.out.len()).expect("a zip archive under 4 GiB");
        let name_len = u16::try_from(name.len()).expect("a short entry name");

        // Local file header.
        put32(&mut self.out, 0x0403_4b50);
        for v in [VERSION, UTF8, 0, DOS_TIME, DOS_DATE] {
            put16(&mut self.out, v);
        }
        for v in [crc, size, size] {
            put32(&mut self.out, v);
        }
        put16(&mut self.out, name_len);
        put16(&mut self.out, 0); // no extra field
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        // Its central directory header.
        let c = &mut self.central;
        put32(c, 0x0201_4b50);
        for v in [VERSION, VERSION, UTF8, 0, DOS_TIME, DOS_DATE] {
            put16(c, v);
        }
        for v in [crc, size, size] {
            put32(c, v);
        }
        // name length, extra, comment, disk, internal attributes
        for v in [name_len, 0, 0, 0, 0] {
            put16(c, v);
        }
        put32(c, 0); // external attributes
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries = self.entries.checked_add(1).expect("under 65,535 entries");
    }

    /// The finished archive.
    pub fn finish(mut self) -> Vec<u8> {
        let offset = u32::try_from(self.out.len()).expect("a zip archive under 4 GiB");
        let size = u32::try_from(self.central.len()).expect("a small central directory");
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, v);
        }
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0); // no comment
        self.out
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE, as zip uses it), bit by bit: slower than a table, but a document of
/// 100 KB takes well under a millisecond and the code stays a few instructions.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
