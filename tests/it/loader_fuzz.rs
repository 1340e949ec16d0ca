//! The loader under random damage: the bundled guide and the fixtures, mutated at random
//! (characters deleted, brackets and quotes inserted, lines swapped or doubled), always
//! load to a guide or to located diagnostics in German, and never panic.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::common::*;
use leitfaden::guide::{Guide, Lints, Report};
use proptest::prelude::*;

static BUNDLED: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| read_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guide")));
static FIXTURES: LazyLock<Vec<BTreeMap<String, String>>> = LazyLock::new(|| {
    ["minimal", "guide-v1", "guide-v2", "two-files", "empty-path"]
        .iter()
        .map(|n| files(n))
        .collect()
});

/// One random change to a text.
#[derive(Debug, Clone)]
enum Mutation {
    Delete {
        at: prop::sample::Index,
        len: usize,
    },
    Insert {
        at: prop::sample::Index,
        text: &'static str,
    },
    SwapLines(prop::sample::Index, prop::sample::Index),
    DoubleLine(prop::sample::Index),
}

const TOKENS: [&str; 16] = [
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "Step(",
    "id: \"x\"",
    "when: ",
    "Profile(",
    "/*",
    "//",
    "„",
    "\u{0}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40)
            .prop_map(|(at, len)| Mutation::Delete { at, len }),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(TOKENS.to_vec())
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<prop::sample::Index>().prop_map(Mutation::DoubleLine),
    ]
}

/// The char boundary at or before the index's position in `text`.
fn boundary(text: &str, at: &prop::sample::Index) -> usize {
    if text.is_empty() {
        return 0;
    }
    let mut i = at.index(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    match m {
        Mutation::Delete { at, len } => {
            let start = boundary(text, at);
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert { at, text: t } => {
            let i = boundary(text, at);
            format!("{}{t}{}", &text[..i], &text[i..])
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let (i, j) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(i, j);
            }
            lines.join("\n")
        }
        Mutation::DoubleLine(a) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let i = a.index(lines.len());
                lines.insert(i, lines[i]);
            }
            lines.join("\n")
        }
    }
}

fn mutated(
    files: &BTreeMap<String, String>,
    file: &prop::sample::Index,
    mutations: &[Mutation],
) -> BTreeMap<String, String> {
    let mut files = files.clone();
    let name = files.keys().nth(file.index(files.len())).cloned().unwrap();
    let text = files.get_mut(&name).unwrap();
    for m in mutations {
        *text = apply(text, m);
    }
    files
}

/// Every diagnostic points into a file that exists, at a line and column that exist.
fn assert_located(report: &Report) {
    assert!(!report.diagnostics.is_empty(), "a failed load says why");
    for d in &report.diagnostics {
        let src = report
            .sources
            .get(&d.file)
            .unwrap_or_else(|| panic!("`{}` is no file of the guide: {}", d.file, d.message));
        let lines = src.text().split('\n').count();
        assert!(
            d.line >= 1 && d.line <= lines,
            "{}:{}: line out of range ({lines} lines): {}",
            d.file,
            d.line,
            d.message
        );
        assert!(d.col >= 1, "{}:{}:{}: column 0", d.file, d.line, d.col);
        let rendered = d.render("guide/", Some(src));
        assert!(rendered.contains(&format!("{}:{}:{}", d.file, d.line, d.col)));
        // German sentences start with a capital (or an id in backticks, or a count); the
        // English ones of a library started lower case.
        let german =
            |t: &str| t.starts_with(|c: char| c.is_uppercase() || c == '`' || c.is_ascii_digit());
        assert!(german(&d.message), "not German: {}", d.message);
        assert!(
            d.hint.as_deref().is_none_or(german),
            "not German: {:?}",
            d.hint
        );
    }
}

fn check(files: &BTreeMap<String, String>) {
    let (guide, report): (Option<Guide>, Report) = Guide::build(files, Lints::All);
    if guide.is_none() || report.has_errors() {
        assert_located(&report);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_damaged_bundled_guide_gets_located_messages(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        check(&mutated(&BUNDLED, &file, &mutations));
    }

    #[test]
    fn damaged_fixtures_get_located_messages_also_from_the_full_check(
        fixture in any::<prop::sample::Index>(),
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = mutated(&FIXTURES[fixture.index(FIXTURES.len())], &file, &mutations);
        check(&files);
        let checked = leitfaden::check::check(&files);
        if checked.guide.is_none() {
            assert_located(&checked.report);
        }
    }
}
