//! When files cannot move (locked-down office PCs that block downloads or uploads): a work
//! state as a short versioned text to copy and paste, and a report as a `mailto:` link.
//!
//! The text is the export file (`export`) as compact JSON in base64, between a first line
//! that names it and its version and a last line with a checksum, so that a cut-off or
//! garbled paste is refused with its own message before the export is read. What the
//! export says is then checked exactly as an imported file is (`export::decode_file`).

use crate::export::{self, Export};
use crate::saved::DecodeError;

/// The first line of a copied work state; the number after „v“ is the text's version.
pub const PREFIX: &str = "Leitfaden-Arbeitsstand v";
/// The version this app writes and reads.
pub const VERSION: u32 = 1;
/// The last line starts with this, followed by the checksum.
const END: &str = "Ende, Prüfsumme ";
/// Base64 characters per line: short enough for any mail client or chat.
const WIDTH: usize = 76;

/// Why a pasted text cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Nothing was pasted.
    Empty,
    /// No line „Leitfaden-Arbeitsstand v1“: some other text.
    NotOurs,
    /// Written by a newer version of the app.
    Newer(u32),
    /// The end line is missing: only part of the text was copied.
    Truncated,
    /// Characters were changed or lost on the way (checksum or base64 wrong).
    Damaged,
    /// The text is whole, but what it holds is refused as a file would be.
    Export(DecodeError),
}

impl TextError {
    /// A message for the user, in German.
    pub fn message(&self) -> String {
        match self {
            TextError::Empty => "Das Feld ist leer. Fügen Sie den kopierten Text ein.".into(),
            TextError::NotOurs => format!(
                "Das ist kein kopierter Arbeitsstand: Der Text muss mit der Zeile „{PREFIX}{VERSION}“ beginnen. Kopieren Sie ihn mit „Als Text kopieren“ unter „Arbeitsstände“."
            ),
            TextError::Newer(v) => format!(
                "Dieser Text stammt aus einer neueren Version der Anwendung (Textfassung {v}; diese Version kennt Fassung {VERSION}). Bitte nutzen Sie die neuere Version."
            ),
            TextError::Truncated => format!(
                "Der Text ist unvollständig: Die letzte Zeile („{}…“) fehlt. Vermutlich wurde beim Kopieren nicht alles markiert.",
                END.trim_end()
            ),
            TextError::Damaged => {
                "Der Text ist beschädigt: Zeichen wurden beim Kopieren oder Versenden verändert oder gelöscht.".into()
            }
            TextError::Export(e) => e.message(),
        }
    }
}

/// The text of an export: first line, base64 lines, end line with checksum.
pub fn encode_state(e: &Export) -> String {
    let data = base64(export::encode_compact(e).as_bytes());
    let mut out = format!("{PREFIX}{VERSION}\n");
    for chunk in data.as_bytes().chunks(WIDTH) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("{END}{:08x}\n", checksum(data.as_bytes())));
    out
}

/// Reads a pasted text back into an export of guide `guide_id`. Text around the copied
/// block (a mail's greeting, quote marks `> ` of a reply) is ignored. A pasted export file
/// (its JSON) is accepted as well.
pub fn decode_state(text: &str, guide_id: &str) -> Result<Export, TextError> {
    if text.len() > crate::saved::MAX_BYTES * 2 {
        return Err(TextError::Export(DecodeError::TooLarge(text.len())));
    }
    let trimmed = text.trim().trim_start_matches('\u{feff}');
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    if trimmed.starts_with('{') {
        return export::decode(trimmed, guide_id).map_err(TextError::Export);
    }
    // A reply's quote marks and indentation are not part of the text.
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches(['>', ' ']).trim())
        .collect();
    let Some(start) = lines.iter().position(|l| l.starts_with(PREFIX)) else {
        return Err(TextError::NotOurs);
    };
    let version = &lines[start][PREFIX.len()..];
    match version.trim().parse::<u32>() {
        Ok(VERSION) => {}
        Ok(v) if v > VERSION => return Err(TextError::Newer(v)),
        _ => return Err(TextError::NotOurs),
    }
    let mut data = String::new();
    let mut sum = None;
    for line in &lines[start + 1..] {
        if let Some(hex) = line.strip_prefix(END.trim_end()) {
            sum = Some(hex.trim());
            break;
        }
        data.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    let Some(sum) = sum else {
        return Err(TextError::Truncated);
    };
    if u32::from_str_radix(sum, 16).ok() != Some(checksum(data.as_bytes())) {
        return Err(TextError::Damaged);
    }
    let bytes = unbase64(&data).ok_or(TextError::Damaged)?;
    export::decode_file(&bytes, guide_id).map_err(TextError::Export)
}

/// FNV-1a, 32 bits: enough to notice a changed or lost character.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64 (padding required, as `base64` writes it); `None` if it is not.
pub fn unbase64(text: &str) -> Option<Vec<u8>> {
    let t = text.as_bytes();
    if !t.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(t.len() / 4 * 3);
    for (k, quad) in t.chunks(4).enumerate() {
        let last = k + 1 == t.len() / 4;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// A `mailto:` link and whether its body had to be cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailto {
    pub href: String,
    pub cut: bool,
}

/// What a cut mail body ends with.
pub const CUT_NOTE: &str = "[Gekürzt: Der Bericht ist länger, als ein E-Mail-Link fassen kann. Den vollständigen Bericht können Sie mit „Als Text kopieren“ einfügen oder als Word-Datei anhängen.]";

/// The longest `mailto:` link this makes. Some mail programs (and Windows' hand-over to
/// them) cut or refuse links of about 2,000 characters; this stays below.
pub const MAIL_LIMIT: usize = 1800;

/// A `mailto:` link with `subject` and `body`, at most `limit` characters long: whole
/// lines of the body are dropped from its end (and `CUT_NOTE` added) until it fits.
pub fn mailto(subject: &str, body: &str, limit: usize) -> Mailto {
    let make = |body: &str| format!("mailto:?subject={}&body={}", encode(subject), encode(body));
    let full = make(body);
    if full.len() <= limit {
        return Mailto {
            href: full,
            cut: false,
        };
    }
    let lines: Vec<&str> = body.lines().collect();
    for keep in (0..lines.len()).rev() {
        let shorter = format!("{}\n\n{CUT_NOTE}", lines[..keep].join("\n").trim_end());
        let href = make(shorter.trim_start());
        if href.len() <= limit {
            return Mailto { href, cut: true };
        }
    }
    // Not even the note fits next to the subject: the subject alone, shortened by whole
    // characters (never in the middle of an escape).
    let mut subject: Vec<char> = subject.chars().collect();
    loop {
        let s: String = subject.iter().collect();
        let href = format!("mailto:?subject={}", encode(&s));
        if href.len() <= limit || subject.is_empty() {
            return Mailto { href, cut: true };
        }
        subject.pop();
    }
}

/// Percent-encoding for a `mailto:` header value (RFC 6068): everything but unreserved
/// characters, UTF-8 bytes one by one, line breaks as CRLF.
fn encode(s: &str) -> String {
    let s = crate::document::clean(s).replace('\n', "\r\n");
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
