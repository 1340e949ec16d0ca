//! "Did you mean …?": the one algorithm that finds the closest known name to a misspelt
//! one, for ids, references and field names alike.

/// The known name closest to `wanted` by edit distance, if it is close enough to be a
/// plausible typo (at most two edits, and fewer than half the letters).
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = 2.min(wanted.chars().count().saturating_sub(1) / 2).max(1);
    known
        .into_iter()
        .map(|k| (edit_distance(k, wanted), k))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// A hint naming the closest known id, or the known ids when none is close.
pub fn hint<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let mut known: Vec<&str> = known.into_iter().collect();
    known.sort_unstable();
    known.dedup();
    if let Some(close) = closest(wanted, known.iter().copied()) {
        return format!("Meinten Sie `{close}`?");
    }
    if known.is_empty() {
        return "Davon ist noch nichts angelegt".into();
    }
    let shown: Vec<String> = known.iter().take(12).map(|k| format!("`{k}`")).collect();
    let more = if known.len() > 12 { ", …" } else { "" };
    format!("Bekannte Kennungen: {}{more}", shown.join(", "))
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested_far_ones_are_not() {
        let known = ["title", "tasks", "when", "checkliste"];
        assert_eq!(closest("titel", known), Some("title"));
        assert_eq!(closest("checklste", known), Some("checkliste"));
        assert_eq!(closest("xyz", known), None);
        // A two-letter name is not "close" to every other two-letter name.
        assert_eq!(closest("ab", ["cd"]), None);
    }

    #[test]
    fn the_hint_lists_known_ids_when_nothing_is_close() {
        assert_eq!(hint("zzzzzz", ["a", "b"]), "Bekannte Kennungen: `a`, `b`");
        assert_eq!(hint("x", []), "Davon ist noch nichts angelegt");
    }
}
