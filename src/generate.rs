//! A deterministic generator of large, valid guides for benchmarks and tests: the same
//! seed and size always give the same files, which pass every author check.

use std::collections::BTreeMap;
use std::fmt::Write;

/// A small, seeded pseudo-random sequence (xorshift), stable across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SIZES: [&str; 6] = [
    "dorf",
    "kleinstadt",
    "mittelstadt",
    "grossstadt",
    "metropole",
    "kreis",
];
const LEVELS: [&str; 4] = ["neu", "anfang", "etabliert", "vorreiter"];
const STEPS_PER_CHAPTER: usize = 50;
const DECISIONS: usize = 3;

const WORDS: [&str; 24] = [
    "Verwaltung",
    "Beteiligung",
    "Daten",
    "Rat",
    "Bürgerinnen",
    "Bürger",
    "Projekt",
    "Offenheit",
    "Transparenz",
    "Zusammenarbeit",
    "Team",
    "Ziel",
    "Bericht",
    "Kommune",
    "Portal",
    "Fragen",
    "Ergebnis",
    "Austausch",
    "Plan",
    "Schritt",
    "Aufgabe",
    "Vorschlag",
    "Werkstatt",
    "Termin",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::from("Die");
    for _ in 0..words {
        s.push(' ');
        s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    s.push('.');
    s
}

/// A subset of the size ids (never empty, never all of them), as a RON list.
fn some_sizes(rng: &mut Rng) -> String {
    loop {
        let mask = rng.below(63) + 1;
        if mask.count_ones() as usize == SIZES.len() {
            continue;
        }
        let chosen: Vec<String> = SIZES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask >> i & 1 == 1)
            .map(|(_, s)| format!("\"{s}\""))
            .collect();
        return format!("[{}]", chosen.join(", "));
    }
}

/// Generates a guide of `steps` steps (rounded up to whole chapters) as files for
/// `Guide::load`: path relative to the guide directory → text.
pub fn guide(steps: usize, seed: u64) -> BTreeMap<String, String> {
    let mut rng = Rng(seed.max(1));
    let chapters = steps.div_ceil(STEPS_PER_CHAPTER).max(1);
    let mut files = BTreeMap::new();
    let mut index = String::from(
        "GuideFile(\n    id: \"generiert\",\n    title: \"Generierter Leitfaden\",\n    version: \"1.0.0\",\n    language: \"de\",\n    intro: \"Ein generierter Leitfaden für Messungen.\",\n    questions: [\n",
    );
    let _ = writeln!(
        index,
        "        Question(id: \"groesse\", label: \"Wie groß ist Ihre Kommune?\", short: \"Größe\", choices: [{}]),",
        SIZES
            .iter()
            .map(|s| format!("Choice(id: \"{s}\", label: \"{s}\")"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        index,
        "        Question(id: \"stand\", label: \"Wo stehen Sie?\", short: \"Stand\", choices: [{}]),",
        LEVELS
            .iter()
            .map(|s| format!("Choice(id: \"{s}\", label: \"{s}\")"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    index.push_str("    ],\n    chapters: [\n");
    for c in 0..chapters {
        let _ = writeln!(index, "        \"kapitel/{c:04}.ron\",");
    }
    index.push_str("    ],\n    resources: \"arbeitshilfen.ron\",\n    examples: \"beispiele.ron\",\n    glossary: \"glossar.ron\",\n    sources: \"quellen.ron\",\n)\n");
    files.insert("leitfaden.ron".to_string(), index);

    // Decisions are asked in the first chapter and used everywhere after it.
    let total = chapters * STEPS_PER_CHAPTER;
    for c in 0..chapters {
        let mut text = format!(
            "Chapter(\n    id: \"kapitel-{c}\",\n    title: \"Kapitel {c}\",\n    intro: \"{}\",\n    steps: [\n",
            sentence(&mut rng, 6)
        );
        for k in 0..STEPS_PER_CHAPTER {
            let n = c * STEPS_PER_CHAPTER + k;
            let is_last = n + 1 == total;
            let _ = write!(
                text,
                "        Step(\n            id: \"schritt-{n}\",\n            title: \"Schritt {n}: {}\",\n            effort: (hours: (2, 4), weeks: (1, 2)),\n",
                WORDS[n % WORDS.len()]
            );
            let decision = (1..=DECISIONS).contains(&n).then(|| n - 1);
            // The level a variant may name without contradicting the step's `when`.
            let mut excluded_level = None;
            if !is_last && decision.is_none() && n > 0 {
                let when = match rng.below(5) {
                    0 => format!("Profile(\"groesse\", {})", some_sizes(&mut rng)),
                    1 => {
                        let level = rng.below(4) as usize;
                        excluded_level = Some(level);
                        format!("Not(Profile(\"stand\", [\"{}\"]))", LEVELS[level])
                    }
                    2 if n > DECISIONS => format!(
                        "Any([Decision(\"entscheidung-{}\", [\"a\"]), Profile(\"groesse\", {})])",
                        rng.below(DECISIONS as u64),
                        some_sizes(&mut rng)
                    ),
                    _ => String::new(),
                };
                if !when.is_empty() {
                    let _ = writeln!(text, "            when: {when},");
                }
            }
            if n.is_multiple_of(7) {
                text.push_str("            priority: Essential,\n            priority_if: [(when: Profile(\"stand\", [\"etabliert\", \"vorreiter\"]), then: Optional)],\n");
            }
            let _ = writeln!(
                text,
                "            body: \"{} {} Mehr zu Open Government.\",",
                sentence(&mut rng, 12),
                sentence(&mut rng, 9)
            );
            if n.is_multiple_of(3) {
                let _ = writeln!(
                    text,
                    "            variants: [(when: Profile(\"stand\", [\"{}\"]), text: \"{}\")],",
                    {
                        let level = rng.below(LEVELS.len() as u64) as usize;
                        LEVELS[if Some(level) == excluded_level {
                            (level + 1) % LEVELS.len()
                        } else {
                            level
                        }]
                    },
                    sentence(&mut rng, 10)
                );
            }
            text.push_str("            tasks: [\n");
            for t in 0..3 {
                let _ = writeln!(
                    text,
                    "                (id: \"aufgabe-{t}\", text: \"{}\"),",
                    sentence(&mut rng, 7)
                );
            }
            text.push_str("            ],\n");
            if let Some(d) = decision {
                let _ = writeln!(
                    text,
                    "            decision: Decision(id: \"entscheidung-{d}\", label: \"Frage {d}?\", short: \"Frage {d}\", choices: [Choice(id: \"a\", label: \"A\"), Choice(id: \"b\", label: \"B\"), Choice(id: \"c\", label: \"C\")]),"
                );
            }
            if n == 0 {
                text.push_str("            resources: [\"hilfe\"],\n            examples: [\"beispiel\"],\n            sources: [\"quelle\"],\n");
            }
            if is_last {
                text.push_str("            final: true,\n");
            }
            text.push_str("        ),\n");
        }
        text.push_str("    ],\n)\n");
        files.insert(format!("kapitel/{c:04}.ron"), text);
    }
    // Each decision answer must change something: b and c each get a step of their own.
    let uses: String = (0..DECISIONS)
        .map(|d| format!("Decision(\"entscheidung-{d}\", [\"b\", \"c\"])"))
        .collect::<Vec<_>>()
        .join(", ");
    let last_chapter = format!("kapitel/{:04}.ron", chapters - 1);
    if let Some(text) = files.get_mut(&last_chapter) {
        let extra = format!(
            "        Step(\n            id: \"entscheidungen-b\",\n            title: \"Nach B\",\n            effort: (hours: (1, 2)),\n            when: Any([{}]),\n            body: \"Text.\",\n            tasks: [(id: \"t\", text: \"Tun Sie etwas.\")],\n        ),\n        Step(\n            id: \"entscheidungen-c\",\n            title: \"Nach C\",\n            effort: (hours: (1, 2)),\n            when: Any([{}]),\n            body: \"Text.\",\n            tasks: [(id: \"t\", text: \"Tun Sie etwas.\")],\n        ),\n",
            uses.replace("[\"b\", \"c\"]", "[\"b\"]"),
            uses.replace("[\"b\", \"c\"]", "[\"c\"]")
        );
        let at = text
            .find(&format!(
                "        Step(\n            id: \"schritt-{}\"",
                total - 1
            ))
            .unwrap_or(text.len());
        text.insert_str(at, &extra);
    }
    files.insert("arbeitshilfen.ron".into(), "[Resource(id: \"hilfe\", title: \"Hilfe\", kind: \"Checkliste\", summary: \"Kurz.\", body: \"- [ ] Tun\")]\n".into());
    files.insert("beispiele.ron".into(), "[Example(id: \"beispiel\", kommune: \"Beispielstadt\", size: \"klein\", title: \"Titel\", what: \"Etwas.\", learn: \"Etwas.\", source: \"quelle\")]\n".into());
    files.insert("glossar.ron".into(), "[Term(id: \"og\", term: \"Open Government\", definition: \"Offenes Regierungs- und Verwaltungshandeln.\")]\n".into());
    files.insert(
        "quellen.ron".into(),
        "[Source(id: \"quelle\", title: \"Eine Quelle\", year: \"2020\", url: \"https://example.org/quelle\")]\n".into(),
    );
    files
}
