//! Messages for guide authors: where (file:line:col), what, and a plain hint, rendered
//! like a compiler message with the offending source line and a caret under the span.
//! The messages are German, for the people at a Kreis who edit the files; ids, field
//! names and RON snippets stay as they are written, in backticks.

use std::fmt;

use super::source::{SourceFile, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word the messages use: `Fehler` or `Warnung`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "Fehler",
            Severity::Warning => "Warnung",
        }
    }
}

/// One problem found in the guide. `line` and `col` are 1-based; `len` is the number of
/// characters to underline (at least one caret is drawn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the author knows it, relative to the guide directory.
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub len: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The step the problem belongs to, when there is one.
    pub step: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, at: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file, at, message)
    }

    pub fn warning(file: &str, at: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file, at, message)
    }

    fn new(severity: Severity, file: &str, at: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.to_string(),
            line: at.line,
            col: at.col,
            len: at.len.max(1),
            message: message.into(),
            hint: None,
            step: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn in_step(mut self, step: &str) -> Self {
        self.step = Some(step.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line of the message: `file:line:col: Fehler: message`, with `prefix`
    /// (usually the guide directory) put before the file name.
    pub fn headline(&self, prefix: &str) -> String {
        let step = match &self.step {
            Some(step) => format!(" (Schritt `{step}`)"),
            None => String::new(),
        };
        format!(
            "{}{}:{}:{}: {}: {}{}",
            prefix,
            self.file,
            self.line,
            self.col,
            self.severity.as_str(),
            self.message,
            step
        )
    }

    /// The full message with the source line, a caret under the span and the hint.
    pub fn render(&self, prefix: &str, source: Option<&SourceFile>) -> String {
        let mut out = self.headline(prefix);
        out.push('\n');
        if let Some(text) = source.and_then(|s| s.line(self.line)) {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let shown = text.replace('\t', " ");
            let caret_at: usize = shown.chars().take(self.col.saturating_sub(1)).count();
            let room = shown.chars().count().saturating_sub(caret_at).max(1);
            out.push_str(&format!("{pad} |\n{number} | {shown}\n{pad} | "));
            out.push_str(&" ".repeat(caret_at));
            out.push_str(&"^".repeat(self.len.min(room)));
            out.push('\n');
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = Hinweis: {hint}\n"));
        }
        out
    }
}

/// A place in a source file: 1-based line and column (in characters) and a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

impl Location {
    pub fn start() -> Self {
        Location {
            line: 1,
            col: 1,
            len: 1,
        }
    }
}

/// Everything found while loading and checking a guide, with the source texts needed to
/// show each problem in context.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
    /// True when files could not be read, so references and paths were not checked yet.
    pub incomplete: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Sorts by file and position so authors can walk through a file top to bottom.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        self.diagnostics.dedup();
    }

    /// All messages, rendered, with file names prefixed by `prefix` (e.g. `guide/`).
    pub fn render(&self, prefix: &str) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.render(prefix, self.sources.get(&d.file)));
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(""))
    }
}
