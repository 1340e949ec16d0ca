//! Reading a .zip an author drops on the author page: the central directory, stored and
//! deflated entries (inflate by `miniz_oxide`), CRC checks, and German messages for the rest.
//!
//! Only what a guide folder zipped by Windows, macOS, Linux or our own template needs:
//! no ZIP64, no encryption, no multi-disk archives. Each of those gets its own message,
//! and so does a cut-off or damaged file, naming the entry where it shows.

use crate::document::zip::crc32;

/// One entry of the archive: its path (with `/`), its size unpacked, and its bytes when
/// they were wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub bytes: Option<Vec<u8>>,
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// The end record is 22 bytes, followed by a comment of at most 65,535 bytes.
const END_LEN: usize = 22;

/// The file entries of `zip` (folders are left out), in the archive's order. Unpacks an
/// entry only when `wanted(path, size)` says so; an entry's unpacked size is limited to
/// `limit` bytes, whatever its header claims.
pub fn entries(
    zip: &[u8],
    limit: u64,
    wanted: impl Fn(&str, u64) -> bool,
) -> Result<Vec<Entry>, String> {
    let end = find_end(zip)?;
    let count = usize::from(u16_at(zip, end + 10).unwrap_or(0));
    let dir_size = u32_at(zip, end + 12).unwrap_or(0);
    let dir_start = u32_at(zip, end + 16).unwrap_or(0);
    if u16_at(zip, end + 4) != Some(0) || u16_at(zip, end + 6) != Some(0) {
        return Err("Die ZIP-Datei ist Teil eines mehrteiligen Archivs; \
                    packen Sie den Ordner bitte in eine einzige ZIP-Datei."
            .into());
    }
    if count == 0xffff || dir_size == u32::MAX || dir_start == u32::MAX {
        return Err(
            "Die ZIP-Datei ist im Format ZIP64 gepackt, das diese Seite nicht liest; \
                    packen Sie den Ordner bitte als gewöhnliche ZIP-Datei."
                .into(),
        );
    }
    let mut at = dir_start as usize;
    if at.checked_add(dir_size as usize).is_none_or(|e| e > end) {
        return Err(damaged(
            "ihr Inhaltsverzeichnis zeigt über das Dateiende hinaus",
        ));
    }
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        if u32_at(zip, at) != Some(CENTRAL) {
            return Err(damaged(&format!(
                "Eintrag {} ihres Inhaltsverzeichnisses fehlt",
                n + 1
            )));
        }
        let field = |off: usize| u16_at(zip, at + off).map(usize::from);
        let (Some(flags), Some(method), Some(name_len), Some(extra_len), Some(comment_len)) =
            (field(8), field(10), field(28), field(30), field(32))
        else {
            return Err(damaged("ihr Inhaltsverzeichnis ist abgeschnitten"));
        };
        let (Some(crc), Some(packed), Some(size), Some(local)) = (
            u32_at(zip, at + 16),
            u32_at(zip, at + 20),
            u32_at(zip, at + 24),
            u32_at(zip, at + 42),
        ) else {
            return Err(damaged("ihr Inhaltsverzeichnis ist abgeschnitten"));
        };
        let Some(name) = zip.get(at + 46..at + 46 + name_len) else {
            return Err(damaged("ihr Inhaltsverzeichnis ist abgeschnitten"));
        };
        // Bit 11 says UTF-8; older tools write code page 437, which is ASCII for the
        // names a guide uses.
        let path = String::from_utf8_lossy(name).replace('\\', "/");
        at += 46 + name_len + extra_len + comment_len;
        if path.ends_with('/') {
            continue;
        }
        let size = u64::from(size);
        if !wanted(&path, size) {
            out.push(Entry {
                path,
                size,
                bytes: None,
            });
            continue;
        }
        if flags & 1 != 0 {
            return Err(format!(
                "„{path}“ in der ZIP-Datei ist verschlüsselt; packen Sie den Ordner bitte ohne Kennwort."
            ));
        }
        let data = local_data(zip, local as usize, packed as usize)
            .ok_or_else(|| damaged(&format!("„{path}“ ist abgeschnitten")))?;
        let bytes = match method {
            0 => data.to_vec(),
            8 => {
                let room = usize::try_from(limit).unwrap_or(usize::MAX);
                miniz_oxide::inflate::decompress_to_vec_with_limit(data, room)
                    .map_err(|e| match e.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
                            "„{path}“ ist entpackt größer als {}; das ist keine Datei eines Leitfadens.",
                            crate::text::size(room)
                        ),
                        _ => damaged(&format!("„{path}“ lässt sich nicht entpacken")),
                    })?
            }
            other => {
                return Err(format!(
                    "„{path}“ ist mit einem Verfahren gepackt, das diese Seite nicht liest \
                     (Nummer {other}); packen Sie den Ordner bitte mit der ZIP-Funktion \
                     Ihres Betriebssystems."
                ));
            }
        };
        if bytes.len() as u64 != size || crc32(&bytes) != crc {
            return Err(damaged(&format!(
                "„{path}“ hat nicht den gespeicherten Inhalt"
            )));
        }
        out.push(Entry {
            path,
            size,
            bytes: Some(bytes),
        });
    }
    Ok(out)
}

fn damaged(what: &str) -> String {
    format!(
        "Die ZIP-Datei ist beschädigt oder unvollständig ({what}). \
         Laden Sie sie erneut herunter oder packen Sie den Ordner neu."
    )
}

/// Where the end record starts: it is the last thing in the file, before its comment.
fn find_end(zip: &[u8]) -> Result<usize, String> {
    if zip.len() < END_LEN {
        return Err(if zip.starts_with(b"PK") || zip.is_empty() {
            damaged("sie ist zu kurz")
        } else {
            "Die Datei ist keine ZIP-Datei.".to_string()
        });
    }
    let lowest = zip.len().saturating_sub(END_LEN + usize::from(u16::MAX));
    (lowest..=zip.len() - END_LEN)
        .rev()
        .find(|&i| u32_at(zip, i) == Some(END))
        .ok_or_else(|| {
            if zip.starts_with(b"PK\x03\x04") {
                damaged("ihr Ende fehlt")
            } else {
                "Die Datei ist keine ZIP-Datei.".to_string()
            }
        })
}

/// The packed bytes of the entry whose local header is at `at`.
fn local_data(zip: &[u8], at: usize, packed: usize) -> Option<&[u8]> {
    if u32_at(zip, at)? != LOCAL {
        return None;
    }
    let start = at + 30 + usize::from(u16_at(zip, at + 26)?) + usize::from(u16_at(zip, at + 28)?);
    zip.get(start..start.checked_add(packed)?)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
