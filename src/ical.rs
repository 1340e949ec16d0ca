//! Dated tasks and steps as an iCalendar file (RFC 5545) for Outlook, Thunderbird & Co.:
//! all-day VTODOs or VEVENTs with stable UIDs, TEXT escaping and octet-exact line folding.

use std::fmt::Write as _;

use crate::date::Date;

/// Who made the file (RFC 5545 §3.7.3).
pub const PRODID: &str = "-//Leitfaden//Kommunales Open Government//DE";

/// The domain-like right-hand side of every UID (RFC 5545 §3.8.4.7 suggests one so that
/// UIDs from different producers do not collide).
pub const UID_DOMAIN: &str = "leitfaden";

/// RFC 5545 §3.1: content lines SHOULD NOT be longer than this many octets, without CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// How an entry appears in a calendar program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A task with a due date (`VTODO`, `DUE;VALUE=DATE`): shows in task lists.
    Todo,
    /// An all-day appointment on the date (`VEVENT`): shows in every calendar view, also in
    /// programs that ignore tasks.
    Event,
}

/// Where a task stands; written as `STATUS` of a `VTODO` (events have no such states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    InProgress,
    Done,
}

/// A moment in UTC to the second, for `DTSTAMP` and `COMPLETED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    date: Date,
    second_of_day: u32,
}

impl Stamp {
    /// The UTC moment `ms` milliseconds after 1970 (JavaScript's `Date.now()`), to the second;
    /// `None` outside the years [`Date`] allows.
    pub fn from_unix_ms(ms: i64) -> Option<Stamp> {
        const MS_PER_DAY: i64 = 24 * 60 * 60 * 1000;
        let date = Date::from_unix_ms(ms)?;
        let second_of_day = u32::try_from(ms.rem_euclid(MS_PER_DAY) / 1000).ok()?;
        Some(Stamp {
            date,
            second_of_day,
        })
    }

    /// `20261201T083000Z` (RFC 5545 §3.3.5, form 2: UTC).
    pub fn to_ical(self) -> String {
        let s = self.second_of_day;
        format!(
            "{}T{:02}{:02}{:02}Z",
            date_value(self.date),
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

/// One entry of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Made with [`uid`]; the same thing must get the same UID in every export.
    pub uid: String,
    pub kind: Kind,
    /// The due date; the whole day.
    pub date: Date,
    pub summary: String,
    /// Left out of the file when empty (also when it holds nothing TEXT can carry).
    pub description: String,
    /// A link back, e.g. to the step in the guide. Characters a URI may not hold are
    /// percent-encoded.
    pub url: Option<String>,
    /// Left out when empty; empty names are dropped.
    pub categories: Vec<String>,
    /// Only for [`Kind::Todo`]; `None` writes no `STATUS`.
    pub status: Option<Status>,
    /// When a done task was finished, if known; only for [`Kind::Todo`].
    pub completed: Option<Stamp>,
}

/// A UID for the entry identified by `parts` (at least one) (e.g. the work state's id, the step's id and
/// the task's id), like `ws-1.buergerhaushalt.beschluss@leitfaden`.
///
/// Why it is stable: it depends on nothing but `parts`, which are ids — never on a title,
/// a date, the order of entries or the time of the export. Exporting again after a title
/// or a due date changed gives the same UID, so a calendar program that imports the file
/// again updates its entry instead of adding a second one. Different parts give different
/// UIDs: every character but `a-z`, `0-9` and `-` is written as `_` and two hex digits
/// per UTF-8 byte (including `_` and `.` themselves), and the parts are joined with `.`,
/// so no two lists of parts share a UID. The result holds only `a-z 0-9 - _ . @`, which
/// every calendar program and every URL accepts.
pub fn uid(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        for b in part.bytes() {
            if b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' {
                out.push(char::from(b));
            } else {
                // Writing to a String cannot fail.
                let _ = write!(out, "_{b:02x}");
            }
        }
    }
    out.push('@');
    out.push_str(UID_DOMAIN);
    out
}

/// The whole `.ics` file: a `VCALENDAR` named `name` with one component per item, every
/// line folded to at most [`MAX_LINE_OCTETS`] octets and ended with CRLF.
pub fn calendar(name: &str, stamp: Stamp, items: &[Item]) -> String {
    let mut out = String::new();
    let mut line = |l: &str| fold_into(&mut out, l);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    // X-WR-CALNAME is what Outlook and Apple Calendar read; NAME is RFC 7986's.
    line(&format!("X-WR-CALNAME:{}", text(name)));
    line(&format!("NAME:{}", text(name)));
    let dtstamp = stamp.to_ical();
    for item in items {
        let tag = match item.kind {
            Kind::Todo => "VTODO",
            Kind::Event => "VEVENT",
        };
        line(&format!("BEGIN:{tag}"));
        line(&format!("UID:{}", text(&item.uid)));
        line(&format!("DTSTAMP:{dtstamp}"));
        match item.kind {
            Kind::Todo => line(&format!("DUE;VALUE=DATE:{}", date_value(item.date))),
            Kind::Event => {
                line(&format!("DTSTART;VALUE=DATE:{}", date_value(item.date)));
                // The end of an all-day event is exclusive (RFC 5545 §3.6.1): the next day.
                // On the last day of year 2999 there is none, and a missing DTEND means
                // one day too.
                if let Some(next) = item.date.add_days(1) {
                    line(&format!("DTEND;VALUE=DATE:{}", date_value(next)));
                }
                // A due date is not an appointment: it must not make the day look busy.
                line("TRANSP:TRANSPARENT");
            }
        }
        line(&format!("SUMMARY:{}", text(&item.summary)));
        let description = text(&item.description);
        if !description.is_empty() {
            line(&format!("DESCRIPTION:{description}"));
        }
        if let Some(url) = &item.url {
            line(&format!("URL:{}", uri(url)));
        }
        let categories: Vec<String> = item
            .categories
            .iter()
            .map(|c| text(c))
            .filter(|c| !c.is_empty())
            .collect();
        if !categories.is_empty() {
            line(&format!("CATEGORIES:{}", categories.join(",")));
        }
        if item.kind == Kind::Todo {
            if let Some(status) = item.status {
                line(match status {
                    Status::Open => "STATUS:NEEDS-ACTION",
                    Status::InProgress => "STATUS:IN-PROCESS",
                    Status::Done => "STATUS:COMPLETED",
                });
            }
            if let Some(done) = item.completed {
                line(&format!("COMPLETED:{}", done.to_ical()));
            }
        }
        line(&format!("END:{tag}"));
    }
    line("END:VCALENDAR");
    out
}

/// `20261201` (RFC 5545 §3.3.4).
fn date_value(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
/// (LF, CRLF or a lone CR) as `\n`. Other control characters are not allowed in TEXT and
/// are dropped; tabs stay.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: characters a URI may not hold (spaces, controls, non-ASCII, `"<>\^`{|}`)
/// percent-encoded byte by byte, so a link with umlauts or spaces still arrives whole.
fn uri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let plain = c.is_ascii_graphic()
            && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}');
        if plain {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Appends the content line `line` folded (RFC 5545 §3.1): at most [`MAX_LINE_OCTETS`]
/// octets per physical line, each continuation starting with one space (which counts),
/// every physical line ended with CRLF, and never a cut inside a UTF-8 sequence.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
}
