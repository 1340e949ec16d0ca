//! The `leitfaden` binary on the fixtures: exit codes and what it prints.

use std::process::{Command, Output};

use crate::common::bin;

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// The step ids `leitfaden path` lists, in order (`  12. id — title [priority]`).
fn path_ids(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| {
            let (number, rest) = l.trim_start().split_once(". ")?;
            number.parse::<usize>().ok()?;
            Some(rest.split(" — ").next()?.to_string())
        })
        .collect()
}

const MINIMAL: &str = "tests/fixtures/minimal";

#[test]
fn check_passes_on_the_minimal_fixture() {
    let o = run(&["check", MINIMAL]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "tests/fixtures/minimal/: 0 Fehler, 0 Warnungen");
    assert!(
        lines[1].starts_with(
            "6 Schritte in 2 Kapiteln; alle 6 Wege über alle Profile und Antworten auf Entscheidungen geprüft; "
        ),
        "{}",
        lines[1]
    );
    assert_eq!(
        &lines[2..],
        [
            "  Weglänge groesse=klein: 3–5 Schritte",
            "  Weglänge groesse=gross: 4–6 Schritte"
        ]
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn check_prints_warnings_but_passes() {
    // A copy of the minimal fixture with one unused example.
    let dir = std::env::temp_dir().join(format!("leitfaden-cli-warning-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in crate::common::files("minimal") {
        let text = if name == "kapitel/01-anfangen.ron" {
            text.replace("            examples: [\"beispielstadt\"],\n", "")
        } else {
            text
        };
        let path = dir.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let o = run(&["check", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let prefix = format!("{}/", dir.display());
    assert!(
        out.starts_with(&format!(
            "{prefix}beispiele.ron:3:13: Warnung: Kein Schritt verweist auf das Beispiel `beispielstadt`\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("\n{prefix}: 0 Fehler, 1 Warnung\n")),
        "{out}"
    );
}

#[test]
fn check_fails_on_errors_in_two_files_and_reports_all_of_them() {
    let o = run(&["check", "tests/fixtures/two-files"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let headlines: Vec<&str> = err.lines().filter(|l| l.contains(": Fehler: ")).collect();
    assert_eq!(
        headlines,
        [
            "tests/fixtures/two-files/kapitel/01-eins.ron:8:27: Fehler: Unbekannte Frage `groese` (Schritt `start`)",
            "tests/fixtures/two-files/kapitel/01-eins.ron:11:25: Fehler: Unbekannte Arbeitshilfe `vorlage` (Schritt `start`)",
            "tests/fixtures/two-files/kapitel/02-zwei.ron:6:17: Fehler: Schritt-Kennung `start` kommt doppelt vor (Schritt `start`)",
            "tests/fixtures/two-files/kapitel/02-zwei.ron:8:28: Fehler: Unbekannte Entscheidung `mandat` (Schritt `start`)",
        ]
    );
    assert!(
        err.ends_with("\ntests/fixtures/two-files/: 4 Fehler, 0 Warnungen\n"),
        "{err}"
    );
    // The first message in full: source line, caret, hint.
    assert!(
        err.starts_with(
            "tests/fixtures/two-files/kapitel/01-eins.ron:8:27: Fehler: Unbekannte Frage `groese` (Schritt `start`)
  |
8 |             when: Profile(\"groese\", [\"klein\"]),
  |                           ^^^^^^^^
  = Hinweis: Meinten Sie `groesse`?
"
        ),
        "{err}"
    );
}

#[test]
fn check_fails_on_a_syntax_error() {
    let o = run(&["check", "tests/fixtures/syntax-error/"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "tests/fixtures/syntax-error/leitfaden.ron:4:5: Fehler: Hier fehlt ein Komma\n"
        ),
        "{err}"
    );
    assert!(err.ends_with(
            "tests/fixtures/syntax-error/: 1 Fehler, 0 Warnungen\nAnmerkung: Verweise und Wege werden geprüft, sobald sich alle Dateien lesen lassen\n"
        ));
}

#[test]
fn check_fails_on_an_empty_path() {
    let o = run(&["check", "tests/fixtures/empty-path"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with(
        "tests/fixtures/empty-path/leitfaden.ron:1:1: Fehler: 1 Profil bekommt einen leeren Weg: groesse=gross\n"
    ));
}

#[test]
fn other_commands_also_refuse_a_broken_guide() {
    for cmd in ["path", "stats", "graph"] {
        let o = run(&[cmd, "tests/fixtures/two-files"]);
        assert_eq!(code(&o), 1, "{cmd}");
        assert_eq!(stdout(&o), "", "{cmd}");
        assert!(stderr(&o).contains(": 4 Fehler, 0 Warnungen"), "{cmd}");
    }
}

#[test]
fn path_prints_the_steps_of_a_profile() {
    let o = run(&[
        "path",
        MINIMAL,
        "--answer",
        "groesse=klein",
        "-a",
        "stand=neu",
        "--answer",
        "mandat=nein",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "all questions answered: no notes");
    let out = stdout(&o);
    assert_eq!(
        path_ids(&out),
        ["willkommen", "auftrag", "beschluss", "projekt", "abschluss"]
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Größe: Kleine Gemeinde · Stand: Neu dabei");
    assert_eq!(lines[1], "5 Schritte in 2 Kapiteln");
    assert!(out.contains(
        "   3. beschluss — Einen Beschluss vorbereiten [Empfohlen]\n      Angezeigt, weil zutrifft: Politischer Auftrag ist „Nein“ (Ihre Angabe: „Nein“).\n"
    ));
    assert!(out.contains("      Entscheidung mandat: nein\n"));
    assert!(out.ends_with(
        "\nAusgeblendet:\n  - team: Ausgeblendet, weil nicht zutrifft: Größe ist „Große Stadt“ (Ihre Angabe: „Kleine Gemeinde“).\n"
    ));
}

#[test]
fn path_with_missing_answers_notes_them() {
    let o = run(&["path", MINIMAL, "--answer", "groesse=gross"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stderr(&o),
        "note: `stand` is not answered (answers: neu, erfahren); conditions on it count as not met\n"
    );
    assert_eq!(
        path_ids(&stdout(&o)),
        ["willkommen", "team", "projekt", "abschluss"]
    );
}

#[test]
fn path_with_a_priority_rule_explains_it() {
    let o = run(&["path", MINIMAL, "-a", "groesse=gross", "-a", "stand=neu"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(
        "   2. team — Ein Team bilden [Wichtig]\n      Angezeigt, weil zutrifft: Größe ist „Große Stadt“ (Ihre Angabe: „Große Stadt“).\n      Wichtig, weil: Stand ist „Neu dabei“ (Ihre Angabe: „Neu dabei“).\n"
    ));
}

#[test]
fn unknown_answers_are_usage_errors() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["--answer", "groesse=riesig"],
            "error: question `groesse` has no answer `riesig`; answers: klein, gross\n",
        ),
        (
            &["--answer", "farbe=rot"],
            "error: unknown question or decision `farbe`; known: groesse, stand, mandat\n",
        ),
        (
            &["--answer", "mandat=vielleicht"],
            "error: decision `mandat` has no answer `vielleicht`; answers: ja, nein\n",
        ),
        (&["--answer"], "error: --answer needs ID=CHOICE\n"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["path", MINIMAL];
        args.extend(extra);
        let o = run(&args);
        assert_eq!(code(&o), 2, "{extra:?}");
        assert_eq!(stdout(&o), "", "{extra:?}");
        let err = stderr(&o);
        assert!(err.contains(message), "{extra:?}: {err}");
        assert!(err.contains("USAGE:"), "{extra:?}");
    }
}

#[test]
fn other_usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate", MINIMAL][..],
        &["check", MINIMAL, "--verbose"][..],
        &["graph", MINIMAL, "--format", "svg"][..],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).contains("USAGE:"), "{args:?}");
    }
}

#[test]
fn missing_directory_is_an_error() {
    let o = run(&["check", "tests/fixtures/gibt-es-nicht"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).starts_with(
            "Fehler: tests/fixtures/gibt-es-nicht lässt sich nicht lesen: den Ordner gibt es nicht\n"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stats_prints_counts_and_path_lengths() {
    let o = run(&["stats", MINIMAL]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    for line in [
        "chapters: 2",
        "steps: 6",
        "tasks: 9",
        "questions: 2",
        "decisions: 1",
        "resources: 1",
        "examples: 1",
        "terms: 1",
        "sources: 1",
    ] {
        assert!(lines.contains(&line), "missing `{line}` in\n{out}");
    }
    let paths: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("path."))
        .collect();
    assert_eq!(
        paths,
        [
            "path.klein.min: 3",
            "path.klein.max: 5",
            "path.gross.min: 4",
            "path.gross.max: 6"
        ]
    );
    let words: usize = lines
        .iter()
        .find_map(|l| l.strip_prefix("words: "))
        .expect("a words line")
        .parse()
        .unwrap();
    assert!(words > 50, "{words}");
}

#[test]
fn graph_as_dot() {
    let o = run(&["graph", MINIMAL, "--format", "dot"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("digraph leitfaden {\n"), "{out}");
    assert!(out.ends_with("}\n"));
    for line in [
        "  subgraph cluster_0 {",
        "    label=\"Anfangen\";",
        "    \"team\" [label=\"Ein Team bilden\\nwenn: Größe ist „Große Stadt“\"];",
        "  \"willkommen\" -> \"team\";",
        "  \"projekt\" -> \"abschluss\";",
        "  \"auftrag\" -> \"beschluss\" [style=dashed, label=\"mandat\"];",
    ] {
        assert!(out.lines().any(|l| l == line), "missing `{line}` in\n{out}");
    }
    // One edge per neighbouring pair of steps, one dashed edge for the one decision use
    // in a `when`.
    assert_eq!(out.matches(" -> ").count(), 5 + 1);
}

#[test]
fn graph_as_mermaid_by_default() {
    let o = run(&["graph", MINIMAL]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("flowchart TD\n"), "{out}");
    assert!(
        out.contains("\n  auftrag -. mandat .-> beschluss\n"),
        "{out}"
    );
    assert!(out.contains("\n  willkommen --> team\n"), "{out}");
}

const SEARCH: &str = "tests/fixtures/search";

#[test]
fn search_prints_ranked_hits_with_marks() {
    let o = run(&["search", SEARCH, "buergerrat"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "3 Treffer für „buergerrat“
  1. Schritt · Einen «Bürgerrat» einsetzen · Kapitel „Beteiligen“ [buergerrat]
  2. Begriff · «Bürgerrat»
  3. Schritt · Ziele klären · Kapitel „Beteiligen“ [ziele] — Klären Sie, welche Ziele die Kommune verfolgt. Ein «Bürgerrat» kann später helfen.
"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn search_takes_every_word_after_the_directory_as_the_query() {
    let o = run(&["search", SEARCH, "Bürgerrat", "Einwohner"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("2 Treffer für „Bürgerrat Einwohner“\n"),
        "{out}"
    );
    assert!(out.contains(
        "  1. Schritt · Einen Bürgerrat einsetzen · Kapitel „Beteiligen“ [buergerrat] — Ein «Bürgerrat» bringt ausgeloste «Einwohnerinnen» und «Einwohner» zusammen. Mehr dazu.\n"
    ), "{out}");
}

#[test]
fn search_without_a_directory_searches_the_bundled_guide() {
    // „Vorhabensliste“ is no directory, so it is the query, in guide/.
    let o = run(&["search", "Vorhabensliste"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let first = out.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("  1. "), "{out}");
    assert!(first.contains("«Vorhabenliste»"), "{out}");
}

#[test]
fn search_without_hits_says_so_and_succeeds() {
    let o = run(&["search", SEARCH, "Haushaltssatzung"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "keine Treffer für „Haushaltssatzung“\n");
}

#[test]
fn search_needs_a_query_and_a_readable_guide() {
    for args in [&["search"][..], &["search", "  "][..]] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(
            stderr(&o).starts_with("error: search needs a query\n"),
            "{}",
            stderr(&o)
        );
    }
    let o = run(&["search", "tests/fixtures/two-files", "Rat"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains(": 4 Fehler, 0 Warnungen"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_profiles_says_steps_and_hours_once_each() {
    let (a, b) = ("groesse=klein,stand=neu", "groesse=gross,stand=erfahren");
    let o = run(&["diff-profiles", MINIMAL, a, b]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let guide = crate::common::minimal();
    let summary = |arg: &str| {
        let answers =
            leitfaden::profile::Answers::parse_pairs(&guide, arg.split(',')).expect("valid");
        let p = leitfaden::path::compute(&guide, &answers);
        format!(
            "{} Schritte, {}",
            p.steps.len(),
            leitfaden::text::hours(p.effort())
        )
    };
    let expected = format!("A: {} · B: {}", summary(a), summary(b));
    assert!(
        out.lines().any(|l| l == expected),
        "no line `{expected}` in\n{out}"
    );
    assert!(!out.contains("Stunden Stunden"), "{out}");
    assert!(expected.ends_with(" Stunden"), "{expected}");
}
