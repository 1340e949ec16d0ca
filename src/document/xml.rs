//! Escaping for the XML and HTML the writers produce: every text and attribute value goes
//! through `esc`, which also drops the characters XML 1.0 forbids (see `clean`).

/// Appends `s` escaped for XML/HTML text and for attribute values in either quotes.
pub(crate) fn esc(out: &mut String, s: &str) {
    for c in super::clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` escaped (see `esc`).
pub(crate) fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc(&mut out, s);
    out
}

/// The XML declaration every part starts with.
pub(crate) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
