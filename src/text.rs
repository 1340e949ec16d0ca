//! Small pieces of German the core computes rather than the screens hard-coding them:
//! numbers as words and counted nouns („fünf Fragen“, „7 Tage“).

/// A number as a German word up to twelve („eine“ for 1, as in „eine Frage“), else digits.
pub fn number(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "keine", "eine", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
        "elf", "zwölf",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), ToString::to_string)
}

/// „fünf Fragen“, „eine Frage“: a count in words with the singular or plural noun.
pub fn counted(n: usize, singular: &str, plural: &str) -> String {
    format!("{} {}", number(n), if n == 1 { singular } else { plural })
}

/// The same with digits: „7 Tage“, „1 Tag“.
pub fn counted_digits(n: u64, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A size for people: „830 KB“, „5,0 MB“ (German decimal comma).
pub fn size(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{},{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A span of months for people: „etwa 1 Monat“, „etwa 9 bis 14 Monate“.
pub fn months((fewest, most): (u32, u32)) -> String {
    match (fewest, most) {
        (a, b) if a == b => format!("etwa {}", counted_digits(u64::from(a), "Monat", "Monate")),
        (a, b) => format!("etwa {a} bis {b} Monate"),
    }
}

/// Hours for people: „12 Stunden“, „12 bis 20 Stunden“.
pub fn hours((lo, hi): (u32, u32)) -> String {
    if lo == hi {
        counted_digits(u64::from(lo), "Stunde", "Stunden")
    } else {
        format!("{lo} bis {hi} Stunden")
    }
}

/// Capitalises the first letter (for a phrase at the start of a sentence).
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// „Geschätzter Aufwand: 2 bis 4 Stunden, Dauer etwa 2 bis 4 Wochen“.
pub fn effort_line(e: crate::guide::Effort) -> String {
    let mut out = format!("Geschätzter Aufwand: {}", hours(e.hours));
    if let Some((lo, hi)) = e.weeks {
        if lo == hi {
            out.push_str(&format!(
                ", Dauer etwa {}",
                counted_digits(u64::from(lo), "Woche", "Wochen")
            ));
        } else {
            out.push_str(&format!(", Dauer etwa {lo} bis {hi} Wochen"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_words_where_people_write_them_so() {
        assert_eq!(counted(5, "Frage", "Fragen"), "fünf Fragen");
        assert_eq!(counted(1, "Frage", "Fragen"), "eine Frage");
        assert_eq!(counted(14, "Frage", "Fragen"), "14 Fragen");
        assert_eq!(counted_digits(7, "Tag", "Tage"), "7 Tage");
        assert_eq!(capitalised(&counted(7, "Frage", "Fragen")), "Sieben Fragen");
        assert_eq!(size(5 * 1024 * 1024), "5,0 MB");
        assert_eq!(size(850_000), "831 KB");
        assert_eq!(size(1), "1 KB");
        assert_eq!(months((9, 14)), "etwa 9 bis 14 Monate");
        assert_eq!(months((1, 1)), "etwa 1 Monat");
        assert_eq!(hours((12, 20)), "12 bis 20 Stunden");
    }
}
