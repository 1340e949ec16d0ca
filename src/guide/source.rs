//! The guide's source texts with line tables: finding a field or an id in a file and
//! turning a byte offset into file:line:col. The one place that knows where text was written.

use std::collections::BTreeMap;

use super::diagnostic::Location;

/// One guide file's text and the byte offsets where its lines start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFile {
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { text, line_starts }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Line `n` (1-based) without its line break.
    pub fn line(&self, n: usize) -> Option<&str> {
        let start = *self.line_starts.get(n.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text
            .get(start..end.max(start))
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// The location of byte `offset`, underlining `len` characters.
    pub fn loc(&self, offset: usize, len: usize) -> Location {
        if self.line_starts.is_empty() {
            return Location {
                len,
                ..Location::start()
            };
        }
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |t| t.chars().count() + 1);
        Location { line, col, len }
    }

    /// The byte offset of the string literal `"value"` at or after `from`.
    pub fn find_string(&self, value: &str, from: usize) -> Option<usize> {
        find_string(&self.text, value, from)
    }

    /// The byte offset of `key: "value"` (any spacing) at or after `from`, pointing at
    /// the string literal.
    pub fn find_field(&self, key: &str, value: &str, from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(offset) = self.find_string(value, at) {
            let before = self.text[..offset].trim_end();
            if let Some(rest) = before.strip_suffix(':')
                && rest.trim_end().ends_with(key)
            {
                let k = rest.trim_end();
                let prev = k[..k.len() - key.len()].chars().next_back();
                if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    return Some(offset);
                }
            }
            at = offset + 1;
        }
        None
    }

    /// Where `"needle"` is written, searching from `from` (then from the start).
    pub fn at(&self, needle: &str, from: usize) -> Location {
        self.find_string(needle, from)
            .or_else(|| self.find_string(needle, 0))
            .map_or(Location::start(), |o| {
                self.loc(o, needle.chars().count() + 2)
            })
    }

    /// Where `key: "value"` is written, searching from `from` (then from the start); the
    /// bare string where no such field is found.
    pub fn field(&self, key: &str, value: &str, from: usize) -> Location {
        self.find_field(key, value, from)
            .or_else(|| self.find_field(key, value, 0))
            .map_or_else(
                || self.at(value, from),
                |o| self.loc(o, value.chars().count() + 2),
            )
    }

    /// Like `at`, for text that is not a whole string literal.
    pub fn at_raw(&self, needle: &str, from: usize) -> Location {
        self.text
            .get(from..)
            .and_then(|t| t.find(needle))
            .map(|o| o + from)
            .or_else(|| self.text.find(needle))
            .map_or(Location::start(), |o| self.loc(o, needle.chars().count()))
    }
}

fn find_string(text: &str, value: &str, from: usize) -> Option<usize> {
    let needle = format!("\"{value}\"");
    text.get(from..)?.find(&needle).map(|i| i + from)
}

/// Every file of a guide, by its path relative to the guide directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    files: BTreeMap<String, SourceFile>,
}

static EMPTY: SourceFile = SourceFile {
    text: String::new(),
    line_starts: Vec::new(),
};

impl Sources {
    pub fn new(files: &BTreeMap<String, String>) -> Self {
        Sources {
            files: files
                .iter()
                .map(|(k, v)| (k.clone(), SourceFile::new(v.clone())))
                .collect(),
        }
    }

    /// The file, or an empty one for a name no file has (messages then point at 1:1).
    pub fn file(&self, name: &str) -> &SourceFile {
        self.files.get(name).unwrap_or(&EMPTY)
    }

    pub fn get(&self, name: &str) -> Option<&SourceFile> {
        self.files.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The location of byte `offset` in `file`.
    pub fn loc(&self, file: &str, offset: usize, len: usize) -> Location {
        self.file(file).loc(offset, len)
    }
}

#[cfg(test)]
mod tests {
    use super::SourceFile;

    #[test]
    fn lines_and_locations_count_characters_not_bytes() {
        let f = SourceFile::new("a: \"x\",\n  größe: \"y\",\r\nz".into());
        assert_eq!(f.line(2), Some("  größe: \"y\","));
        assert_eq!(f.line(3), Some("z"));
        assert_eq!(f.line(4), None);
        let at = f.field("größe", "y", 0);
        assert_eq!((at.line, at.col, at.len), (2, 10, 3));
    }

    #[test]
    fn a_field_is_found_by_its_key_not_by_a_longer_key() {
        let f = SourceFile::new("my_id: \"a\", id: \"a\"".into());
        let at = f.field("id", "a", 0);
        assert_eq!(at.col, 17);
    }
}
