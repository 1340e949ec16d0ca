//! The author checks: every problem `Guide::load` reports, with its exact message,
//! severity, file, line, column and step. Broken guides are the minimal fixture with one
//! edit (see `common::minimal_with`) or a small directory below `tests/fixtures/`.

use crate::common::*;
use leitfaden::check;
use leitfaden::coverage::{self, Limits};
use leitfaden::guide::{Severity, load};

const INDEX: &str = "leitfaden.ron";
const CH1: &str = "kapitel/01-anfangen.ron";
const CH2: &str = "kapitel/02-umsetzen.ron";

/// Loads `files`, expecting errors, and compares every diagnostic.
fn expect_errors(files: &std::collections::BTreeMap<String, String>, expected: &[Short]) {
    let report = load_err(files);
    assert_eq!(shorts(&report), expected, "\n{report}");
}

/// Loads `files`, expecting success with exactly these warnings.
fn expect_warnings(files: &std::collections::BTreeMap<String, String>, expected: &[Short]) {
    let (_, report) = load_ok(files);
    assert_eq!(shorts(&report), expected, "\n{report}");
}

/// The hint of the only diagnostic.
fn only_hint(files: &std::collections::BTreeMap<String, String>) -> String {
    let report = match full(files) {
        Ok((_, r)) | Err(r) => r,
    };
    assert_eq!(report.diagnostics.len(), 1, "\n{report}");
    report.diagnostics[0].hint.clone().expect("a hint")
}

// ---------------------------------------------------------------------------------------
// The valid fixture

#[test]
fn minimal_fixture_loads_without_any_diagnostic() {
    let (guide, report) = load_ok(&files("minimal"));
    assert!(report.diagnostics.is_empty(), "\n{report}");
    assert_eq!(guide.id, "minimal");
    assert_eq!(guide.questions.len(), 2);
    assert_eq!(guide.chapters.len(), 2);
    let ids: Vec<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "willkommen",
            "team",
            "auftrag",
            "beschluss",
            "projekt",
            "abschluss"
        ]
    );
    assert_eq!(guide.chapters[0].steps, 0..3);
    assert_eq!(guide.chapters[1].steps, 3..6);
    assert_eq!(guide.chapters[1].file, CH2);
    assert_eq!(guide.step_chapter, [0, 0, 0, 1, 1, 1]);
    // The one decision is asked by `auftrag` (step 2).
    assert_eq!(guide.decisions, [2]);
    assert_eq!(guide.decision_index("mandat"), Some(0));
    assert_eq!(guide.step_index("beschluss"), Some(3));
    assert_eq!(guide.step_index("fehlt"), None);
    assert_eq!(
        (
            guide.resources.len(),
            guide.examples.len(),
            guide.terms.len(),
            guide.sources.len()
        ),
        (1, 1, 1, 1)
    );
}

#[test]
fn step_origins_point_at_each_steps_id() {
    let files = files("minimal");
    let guide = minimal();
    for (i, step) in guide.steps.iter().enumerate() {
        let o = &guide.origins[i];
        let text = &files[&o.file];
        assert!(
            text[o.offset..].starts_with(&format!("\"{}\"", step.id)),
            "origin of `{}` points at {:?}",
            step.id,
            &text[o.offset..o.offset + 20]
        );
    }
}

#[test]
fn exhaustive_walk_of_the_minimal_fixture() {
    let guide = minimal();
    let ex = coverage::walk(&guide, &Limits::default());
    // 2 sizes × 2 stand classes × 2 classes of the decision, which only `when: nein` tells
    // apart (unanswered and ja behave the same on the path); it is met for `stand=neu`.
    assert_eq!(ex.space, 2 * 2 * 2);
    assert_eq!(ex.walks, 6);
    assert!(!ex.sampled);
    assert_eq!(ex.lengths, [(3, 5), (4, 6)]);
    assert!(ex.reachable.iter().all(|&r| r));
    assert!(ex.empty_text.is_empty());
    assert!(ex.bad_endings.is_empty());
}

#[test]
fn sampling_when_the_space_is_too_large_is_reported() {
    let guide = minimal();
    let limits = Limits {
        max_walks: 5,
        sample_walks: 3,
    };
    let ex = coverage::walk(&guide, &limits);
    assert!(ex.sampled);
    assert_eq!(ex.walks, 3);
    let checked = check::check_with(&files("minimal"), &limits);
    assert!(checked.coverage.expect("the walk ran").sampled);
    assert_eq!(
        shorts(&checked.report),
        [warn(
            INDEX,
            1,
            1,
            "Die Antworten ergeben 8 Kombinationen, zu viele, um alle durchzugehen; geprüft wurde eine feste Stichprobe von 3",
            None
        )]
    );
}

#[test]
fn listed_files_names_chapters_then_collections() {
    let files = files("minimal");
    assert_eq!(
        load::listed_files(&files[INDEX]).unwrap(),
        [
            CH1,
            CH2,
            "arbeitshilfen.ron",
            "beispiele.ron",
            "glossar.ron",
            "quellen.ron"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Reading: RON syntax and schema errors

#[test]
fn missing_comma_is_reported_where_ron_notices_it() {
    let files = minimal_with(&[(CH2, "title: \"Bilanz ziehen\",", "title: \"Bilanz ziehen\"")]);
    // ron notices the missing comma at the start of the next field.
    expect_errors(&files, &[err(CH2, 38, 13, "Hier fehlt ein Komma", None)]);
    assert_eq!(at(&files, CH2, 38, 13), "priority: Optional,");
    assert_eq!(
        only_hint(&files),
        "Wahrscheinlich fehlt am Ende des vorigen Felds oder Eintrags ein Komma; auch ein `\"` mitten im Text beendet ihn zu früh (schreiben Sie dort „…“)"
    );
}

#[test]
fn unclosed_parenthesis_is_reported_at_the_end_of_the_file() {
    let files = minimal_with(&[(CH2, "    ],\n)\n", "    ],\n")]);
    expect_errors(&files, &[err(CH2, 45, 7, "Die Datei endet zu früh", None)]);
    assert_eq!(
        only_hint(&files),
        "Wahrscheinlich ist eine Klammer nicht geschlossen"
    );
}

#[test]
fn a_text_started_with_a_typographic_quote_gets_its_own_message() {
    let files = minimal_with(&[(CH2, "title: \"Bilanz ziehen\",", "title: “Bilanz ziehen”,")]);
    // ron points at the space before the value; the caret goes under the quote.
    expect_errors(
        &files,
        &[err(
            CH2,
            37,
            20,
            "Hier beginnt ein Text mit einem typografischen Anführungszeichen",
            None,
        )],
    );
    assert!(at(&files, CH2, 37, 20).starts_with('“'));
    assert_eq!(
        only_hint(&files),
        "Texte beginnen und enden mit dem geraden Anführungszeichen `\"`; typografische wie „…“ gehören nur in den Text"
    );
}

#[test]
fn values_of_the_wrong_kind_are_named_in_german() {
    let cases = [
        (
            "final: true,",
            "final: \"ja\",",
            (43, 19),
            "Hier wird `true` oder `false` erwartet",
            "Schreiben Sie `true` (ja) oder `false` (nein), ohne Anführungszeichen",
        ),
        (
            "title: \"Bilanz ziehen\",",
            "title: 3,",
            (37, 19),
            "Hier wird ein Text in Anführungszeichen erwartet",
            "Texte stehen in geraden Anführungszeichen `\"…\"`; innerhalb eines Textes schreiben Sie „…“ statt `\"`",
        ),
        (
            "hours: (1, 2), weeks: (1, 1)),\n            title: \"Bilanz",
            "hours: (1), weeks: (1, 1)),\n            title: \"Bilanz",
            (36, 48),
            "Hier werden zwei Werte in Klammern erwartet; hier steht nur einer",
            "Schreiben Sie einen Bereich als (von, bis), z. B. `hours: (2, 4)`",
        ),
        (
            "priority: Optional,",
            "priority: \"Optional\",",
            (38, 23),
            "Hier wird ein Name ohne Anführungszeichen erwartet",
            "Feldnamen und Werte wie `Essential` oder `Optional` bestehen aus Buchstaben und stehen ohne Anführungszeichen",
        ),
        (
            "tasks: [\n                (id: \"bilanz\"",
            "tasks: \n                (id: \"bilanz\"",
            (40, 19),
            "Hier wird eine Liste `[...]` erwartet",
            "Eine Liste steht in eckigen Klammern, z. B. `[\"a\", \"b\"]`; auch eine leere Liste `[]` ist möglich",
        ),
    ];
    for (from, to, (line, col), message, hint) in cases {
        let files = minimal_with(&[(CH2, from, to)]);
        expect_errors(&files, &[err(CH2, line, col, message, None)]);
        assert_eq!(only_hint(&files), hint, "{to}");
    }
}

#[test]
fn a_rare_ron_error_keeps_the_crates_text_in_a_german_sentence() {
    let files = minimal_with(&[(INDEX, "GuideFile(", "#![enable(gibt_es_nicht)]\nGuideFile(")]);
    let report = load_err(&files);
    assert_eq!(report.errors(), 1, "\n{report}");
    let d = &report.diagnostics[0];
    assert!(
        d.message
            .starts_with("Die Datei lässt sich hier nicht lesen: "),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("Prüfen Sie Kommas, Klammern und Anführungszeichen kurz vor dieser Stelle")
    );
}

#[test]
fn syntax_error_in_the_entry_file_stops_reading() {
    let files = files("syntax-error");
    expect_errors(&files, &[err(INDEX, 4, 5, "Hier fehlt ein Komma", None)]);
    assert_eq!(at(&files, INDEX, 4, 5), "version: \"0.1.0\",");
}

#[test]
fn unknown_field_is_underlined_and_a_close_name_suggested() {
    let files = minimal_with(&[(CH2, "title: \"Bilanz ziehen\"", "titel: \"Bilanz ziehen\"")]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            CH2,
            37,
            13,
            "Unbekanntes Feld `titel` in `Step`; erlaubt sind `id`, `title`, `when`, `priority`, \
             `priority_if`, `body`, `variants`, `tasks`, `decision`, `resources`, `examples`, \
             `sources`, `final`, `effort`, `effort_if`, `legal`",
            None
        )]
    );
    let d = &report.diagnostics[0];
    assert_eq!(d.len, "titel".len());
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "Meinten Sie `title`? Feldnamen sind englisch, und es kommt auf Groß- und Kleinschreibung an"
        )
    );
}

#[test]
fn unknown_field_after_umlauts_is_located_in_characters() {
    // Columns count characters, not bytes: the umlauts before `txt` must not shift it.
    let files = minimal_with(&[(
        CH1,
        "(id: \"lesen\", text: \"Lesen Sie die Einleitung.\")",
        "(id: \"lesen\", text: \"Größe für Übersicht\", txt: \"x\")",
    )]);
    let report = load_err(&files);
    let d = &report.diagnostics[0];
    assert_eq!(
        (d.file.as_str(), d.line, d.col, d.len),
        (CH1, 18, 60, 3),
        "\n{report}"
    );
    assert!(at(&files, CH1, 18, 60).starts_with("txt:"));
    assert!(d.message.starts_with("Unbekanntes Feld `txt` in `Task`"));
    // One letter from `text`: the one did-you-mean algorithm suggests it.
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "Meinten Sie `text`? Feldnamen sind englisch, und es kommt auf Groß- und Kleinschreibung an"
        )
    );
}

#[test]
fn missing_field_is_reported_at_the_end_of_its_struct() {
    let files = minimal_with(&[(CH2, "            title: \"Bilanz ziehen\",\n", "")]);
    // ron only knows the field is missing when the struct closes.
    expect_errors(
        &files,
        &[err(CH2, 43, 9, "In `Step` fehlt das Feld `title`", None)],
    );
    assert_eq!(at(&files, CH2, 43, 9), "),");
    assert_eq!(
        only_hint(&files),
        "Ergänzen Sie `title: ...` in diesem `Step`"
    );
}

#[test]
fn unknown_priority_value_lists_the_allowed_values() {
    let files = minimal_with(&[(CH2, "priority: Optional,", "priority: Wichtig,")]);
    expect_errors(
        &files,
        &[err(
            CH2,
            38,
            23,
            "Unbekannter Wert `Wichtig` für `Priority`; erlaubt sind `Essential`, `Recommended`, `Optional`",
            None,
        )],
    );
}

#[test]
fn missing_chapter_file_points_at_its_name_in_the_entry_file() {
    let files = minimal_with(&[(
        INDEX,
        "        \"kapitel/02-umsetzen.ron\",\n",
        "        \"kapitel/02-umsetzen.ron\",\n        \"kapitel/03-fehlt.ron\",\n",
    )]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            INDEX,
            31,
            9,
            "Die Datei `kapitel/03-fehlt.ron` gibt es nicht",
            None
        )]
    );
    assert_eq!(report.diagnostics[0].len, "\"kapitel/03-fehlt.ron\"".len());
    assert_eq!(at(&files, INDEX, 31, 9), "\"kapitel/03-fehlt.ron\",");
}

#[test]
fn missing_entry_file_is_an_error() {
    let mut files = files("minimal");
    files.remove(INDEX);
    expect_errors(
        &files,
        &[err(INDEX, 1, 1, "Die Datei `leitfaden.ron` fehlt", None)],
    );
}

#[test]
fn parse_errors_in_two_files_are_all_reported() {
    // Nothing refers into chapter 2 or the glossary, so no follow-up errors.
    let files = minimal_with(&[
        (CH2, "title: \"Bilanz ziehen\",", "title: \"Bilanz ziehen\""),
        (
            "glossar.ron",
            "term: \"Open Government\"",
            "begriff: \"Open Government\"",
        ),
    ]);
    let report = load_err(&files);
    assert_eq!(report.errors(), 2, "\n{report}");
    let places: Vec<(&str, usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.line, d.col))
        .collect();
    assert_eq!(places, [("glossar.ron", 4, 9), (CH2, 38, 13)]);
    assert!(
        report.diagnostics[0]
            .message
            .starts_with("Unbekanntes Feld `begriff` in `Term`")
    );
}

#[test]
fn errors_in_two_chapter_files_are_all_reported_in_file_order() {
    let files = files("two-files");
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [
            err(
                "kapitel/01-eins.ron",
                8,
                27,
                "Unbekannte Frage `groese`",
                Some("start")
            ),
            err(
                "kapitel/01-eins.ron",
                11,
                25,
                "Unbekannte Arbeitshilfe `vorlage`",
                Some("start")
            ),
            err(
                "kapitel/02-zwei.ron",
                6,
                17,
                "Schritt-Kennung `start` kommt doppelt vor",
                Some("start")
            ),
            err(
                "kapitel/02-zwei.ron",
                8,
                28,
                "Unbekannte Entscheidung `mandat`",
                Some("start")
            ),
        ]
    );
    let hints: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.hint.as_deref().unwrap())
        .collect();
    assert_eq!(
        hints,
        [
            "Meinten Sie `groesse`?",
            "Davon ist noch nichts angelegt",
            "Der erste Schritt mit dieser Kennung steht in kapitel/01-eins.ron:6:17; jede Schritt-Kennung darf im ganzen Leitfaden nur einmal vorkommen",
            "Davon ist noch nichts angelegt",
        ]
    );
    assert_eq!((report.errors(), report.warnings()), (4, 0));
}

// ---------------------------------------------------------------------------------------
// Ids

#[test]
fn duplicate_step_id_in_the_same_file_points_at_the_second_step() {
    let files = minimal_with(&[(CH1, "id: \"team\"", "id: \"willkommen\"")]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            CH1,
            24,
            17,
            "Schritt-Kennung `willkommen` kommt doppelt vor",
            Some("willkommen")
        )]
    );
    assert_eq!(
        report.diagnostics[0].hint.as_deref(),
        Some(
            "Der erste Schritt mit dieser Kennung steht in kapitel/01-anfangen.ron:7:17; jede Schritt-Kennung darf im ganzen Leitfaden nur einmal vorkommen"
        )
    );
}

#[test]
fn duplicate_step_id_across_files_names_the_first() {
    let files = minimal_with(&[(CH2, "id: \"beschluss\"", "id: \"team\"")]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            CH2,
            6,
            17,
            "Schritt-Kennung `team` kommt doppelt vor",
            Some("team")
        )]
    );
    assert_eq!(
        report.diagnostics[0].hint.as_deref(),
        Some(
            "Der erste Schritt mit dieser Kennung steht in kapitel/01-anfangen.ron:24:17; jede Schritt-Kennung darf im ganzen Leitfaden nur einmal vorkommen"
        )
    );
}

#[test]
fn duplicate_task_id() {
    let files = minimal_with(&[(CH1, "id: \"mentor\"", "id: \"kernteam\"")]);
    // Points at the first of the two tasks (line 32), not the repeated one (line 33).
    expect_errors(
        &files,
        &[err(
            CH1,
            32,
            22,
            "Aufgaben-Kennung `kernteam` kommt doppelt vor",
            Some("team"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Jede Aufgaben-Kennung darf in ihrem Schritt nur einmal vorkommen; Kennungen bestehen aus Kleinbuchstaben a–z, Ziffern, `-` und `_` (sie stehen in Links)"
    );
}

#[test]
fn invalid_task_id() {
    let files = minimal_with(&[(CH1, "id: \"mentor\"", "id: \"Mentor\"")]);
    expect_errors(
        &files,
        &[err(
            CH1,
            33,
            22,
            "Ungültige Aufgaben-Kennung `Mentor`",
            Some("team"),
        )],
    );
}

#[test]
fn duplicate_choice_id_in_a_question() {
    let files = minimal_with(&[(
        INDEX,
        "Choice(id: \"gross\", label: \"Große Stadt\"),",
        "Choice(id: \"gross\", label: \"Große Stadt\"),\n                Choice(id: \"klein\", label: \"Winzig\"),",
    )]);
    // Points at the first `klein` (line 14), not the repeated one (line 16).
    expect_errors(
        &files,
        &[err(
            INDEX,
            14,
            28,
            "Antwort-Kennung `klein` kommt in `groesse` doppelt vor",
            None,
        )],
    );
}

#[test]
fn duplicate_choice_id_in_a_decision() {
    let files = minimal_with(&[(
        CH1,
        "Choice(id: \"nein\", label: \"Nein\"),",
        "Choice(id: \"nein\", label: \"Nein\"),\n                    Choice(id: \"ja\", label: \"Doch\"),",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            57,
            32,
            "Antwort-Kennung `ja` kommt in `mandat` doppelt vor",
            Some("auftrag"),
        )],
    );
}

#[test]
fn duplicate_decision_id() {
    let files = minimal_with(&[(
        CH2,
        "                (id: \"vorlage\", text: \"Schreiben Sie eine Vorlage für den Rat.\"),\n            ],\n",
        "                (id: \"vorlage\", text: \"Schreiben Sie eine Vorlage für den Rat.\"),\n            ],\n            decision: Decision(id: \"mandat\", label: \"L\", short: \"S\", choices: [Choice(id: \"ja\", label: \"Ja\")]),\n",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            13,
            36,
            "Entscheidungs-Kennung `mandat` kommt doppelt vor",
            Some("beschluss"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Jede Entscheidung wird in nur einem Schritt gefragt"
    );
}

#[test]
fn duplicate_collection_ids_point_at_the_second_entry() {
    let cases = [
        (
            "arbeitshilfen.ron",
            "    Resource(id: \"checkliste\", title: \"T\", kind: \"K\", summary: \"S\", body: \"B\"),\n",
            (9, 18),
            "Arbeitshilfen-Kennung `checkliste` kommt doppelt vor",
        ),
        (
            "beispiele.ron",
            "    Example(id: \"beispielstadt\", kommune: \"K\", size: \"S\", title: \"T\", what: \"W\", learn: \"L\", source: \"handbuch\"),\n",
            (11, 17),
            "Beispiel-Kennung `beispielstadt` kommt doppelt vor",
        ),
        (
            "glossar.ron",
            "    Term(id: \"open-government\", term: \"Offenheit\", definition: \"D\"),\n",
            (8, 14),
            "Begriffs-Kennung `open-government` kommt doppelt vor",
        ),
        (
            "quellen.ron",
            "    Source(id: \"handbuch\", title: \"T\"),\n",
            (9, 16),
            "Quellen-Kennung `handbuch` kommt doppelt vor",
        ),
    ];
    for (file, entry, (line, col), message) in cases {
        let files = minimal_with(&[(file, "]\n", &format!("{entry}]\n"))]);
        expect_errors(&files, &[err(file, line, col, message, None)]);
        assert_eq!(
            at(&files, file, line, col - 4).get(..4),
            Some("id: "),
            "{file}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// References and conditions

#[test]
fn unknown_question() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Profile(\"groese\", [\"gross\"])",
    )]);
    expect_errors(
        &files,
        &[err(CH1, 26, 27, "Unbekannte Frage `groese`", Some("team"))],
    );
    assert_eq!(only_hint(&files), "Meinten Sie `groesse`?");
}

#[test]
fn unknown_choice() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Profile(\"groesse\", [\"mittel\"])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            26,
            39,
            "`groesse` hat keine Antwort `mittel`",
            Some("team"),
        )],
    );
    assert_eq!(only_hint(&files), "Bekannte Kennungen: `gross`, `klein`");
}

#[test]
fn condition_without_answers() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Profile(\"groesse\", [])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            26,
            27,
            "Die Bedingung zu `groesse` nennt keine Antwort",
            Some("team"),
        )],
    );
}

#[test]
fn unknown_decision() {
    let files = minimal_with(&[(
        CH2,
        "when: Decision(\"mandat\", [\"nein\"])",
        "when: Decision(\"auftrag\", [\"nein\"])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            8,
            28,
            "Unbekannte Entscheidung `auftrag`",
            Some("beschluss"),
        )],
    );
    assert_eq!(only_hint(&files), "Bekannte Kennungen: `mandat`");
}

#[test]
fn question_used_as_decision_gets_a_specific_hint() {
    let files = minimal_with(&[(
        CH2,
        "when: Decision(\"mandat\", [\"nein\"])",
        "when: Decision(\"stand\", [\"neu\"])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            8,
            28,
            "Unbekannte Entscheidung `stand`",
            Some("beschluss"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "`stand` ist eine Frage zur Kommune: Schreiben Sie `Profile(\"stand\", [...])`"
    );
}

#[test]
fn decision_used_before_it_is_asked() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Decision(\"mandat\", [\"ja\"])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            26,
            28,
            "Die Entscheidung `mandat` wird im Schritt `auftrag` gefragt, und der kommt nicht vor diesem Schritt",
            Some("team"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Eine Bedingung kann nur Entscheidungen nutzen, die auf dem Weg schon vorher gefragt wurden"
    );
}

#[test]
fn decision_used_in_the_step_that_asks_it() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"stand\", [\"neu\"]),\n            body",
        "when: Decision(\"mandat\", [\"ja\"]),\n            body",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            47,
            28,
            "Die Entscheidung `mandat` wird im Schritt `auftrag` gefragt, und der kommt nicht vor diesem Schritt",
            Some("auftrag"),
        )],
    );
}

#[test]
fn unknown_references_to_collections() {
    let cases = [
        (
            CH1,
            "resources: [\"checkliste\"]",
            "resources: [\"checklist\"]",
            (20, 25),
            "Unbekannte Arbeitshilfe `checklist`",
            Some("willkommen"),
            "Meinten Sie `checkliste`?",
        ),
        (
            CH1,
            "examples: [\"beispielstadt\"]",
            "examples: [\"musterstadt\"]",
            (61, 24),
            "Unbekanntes Beispiel `musterstadt`",
            Some("auftrag"),
            "Bekannte Kennungen: `beispielstadt`",
        ),
        (
            CH1,
            "sources: [\"handbuch\"]",
            "sources: [\"handbuch\", \"gesetz\"]",
            (21, 35),
            "Unbekannte Quelle `gesetz`",
            Some("willkommen"),
            "Bekannte Kennungen: `handbuch`",
        ),
        (
            "beispiele.ron",
            "source: \"handbuch\"",
            "source: \"handbuh\"",
            (9, 17),
            "Unbekannte Quelle `handbuh`",
            None,
            "Meinten Sie `handbuch`?",
        ),
        (
            // The known first id is passed over; the misspelt second one is underlined.
            "arbeitshilfen.ron",
            "Leitfaden gelesen\",\n",
            "Leitfaden gelesen\",\n        sources: [\"handbuch\", \"handbuh\"],\n",
            (8, 31),
            "Unbekannte Quelle `handbuh` in der Arbeitshilfe `checkliste`",
            None,
            "Meinten Sie `handbuch`?",
        ),
    ];
    for (file, from, to, (line, col), message, step, hint) in cases {
        let files = minimal_with(&[(file, from, to)]);
        expect_errors(&files, &[err(file, line, col, message, step)]);
        assert_eq!(only_hint(&files), hint);
    }
}

#[test]
fn variant_condition_that_can_never_be_true() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"klein\"]),\n                    text",
        "when: All([Profile(\"groesse\", [\"klein\"]), Profile(\"groesse\", [\"gross\"])]),\n                    text",
    )]);
    // Located at the step's id, not at the condition itself.
    expect_errors(
        &files,
        &[err(
            CH1,
            7,
            17,
            "Das `when` einer Variante kann nie zutreffen",
            Some("willkommen"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Prüfen Sie, ob sich Teile widersprechen, z. B. `All([...])` mit zwei verschiedenen Antworten auf dieselbe Frage"
    );
}

#[test]
fn step_condition_that_can_never_be_true_is_reported_once() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: All([Profile(\"groesse\", [\"gross\"]), Not(Profile(\"groesse\", [\"gross\"]))])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            24,
            17,
            "Das `when` des Schritts kann nie zutreffen",
            Some("team"),
        )],
    );
}

#[test]
fn task_priority_rule_that_can_never_be_true() {
    let files = minimal_with(&[(
        CH1,
        "(when: Profile(\"stand\", [\"erfahren\"]), then: Essential)",
        "(when: Any([]), then: Essential)",
    )]);
    expect_errors(
        &files,
        &[err(
            CH1,
            24,
            17,
            "Eine Regel in `priority_if` einer Aufgabe kann nie zutreffen",
            Some("team"),
        )],
    );
}

#[test]
fn condition_that_is_always_true_is_a_warning() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Profile(\"groesse\", [\"klein\", \"gross\"])",
    )]);
    expect_warnings(
        &files,
        &[warn(
            CH1,
            24,
            17,
            "Das `when` des Schritts trifft immer zu",
            Some("team"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Die Bedingung nennt jede Antwort; entfernen Sie sie oder schränken Sie sie ein"
    );
}

#[test]
fn unreachable_step() {
    // `mandat` is only asked when stand=neu, so stand=erfahren and mandat=nein never meet.
    let files = minimal_with(&[(
        CH2,
        "when: Decision(\"mandat\", [\"nein\"])",
        "when: All([Profile(\"stand\", [\"erfahren\"]), Decision(\"mandat\", [\"nein\"])])",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            6,
            17,
            "Diesen Schritt sieht kein Profil",
            Some("beschluss"),
        )],
    );
}

#[test]
fn profile_with_an_empty_path() {
    let files = files("empty-path");
    expect_errors(
        &files,
        &[err(
            INDEX,
            1,
            1,
            "1 Profil bekommt einen leeren Weg: groesse=gross",
            None,
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Sorgen Sie dafür, dass einige Schritte kein `when` haben oder dass jede Antwort zu Schritten führt"
    );
}

#[test]
fn path_that_does_not_end_with_a_final_step() {
    let files = minimal_with(&[(CH2, "            final: true,\n", "")]);
    expect_errors(
        &files,
        &[err(
            CH2,
            36,
            17,
            "6 Wege enden mit diesem Schritt, der nicht `final: true` hat, z. B. groesse=klein, stand=neu, mandat unbeantwortet",
            Some("abschluss"),
        )],
    );
}

#[test]
fn only_some_paths_end_without_a_final_step() {
    // A last step only large towns see: small towns still end with `abschluss`.
    let files = minimal_with(&[(
        CH2,
        "            final: true,\n        ),\n",
        "            final: true,\n        ),\n        Step(id: \"ausblick\", title: \"Ausblick\", when: Profile(\"groesse\", [\"gross\"]), body: \"Weiter.\", tasks: [(id: \"weiter\", text: \"Weiter.\")], effort: (hours: (1, 2))),\n",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            45,
            18,
            "3 Wege enden mit diesem Schritt, der nicht `final: true` hat, z. B. groesse=gross, stand=neu, mandat unbeantwortet",
            Some("ausblick"),
        )],
    );
}

#[test]
fn step_without_text_for_some_profile() {
    let files = minimal_with(&[(
        CH2,
        "                (\n                    when: Not(Decision(\"mandat\", [\"ja\"])),\n                    text: \"Starten Sie ohne Auftrag mit einem kleinen Projekt.\",\n                ),\n",
        "",
    )]);
    expect_errors(
        &files,
        &[err(
            CH2,
            15,
            17,
            "Der Schritt hat keinen Text bei mandat unbeantwortet",
            Some("projekt"),
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Geben Sie ihm einen `body` oder eine Variante, die für dieses Profil gilt"
    );
}

// ---------------------------------------------------------------------------------------
// Links

#[test]
fn javascript_link_in_a_task_is_an_error() {
    let files = minimal_with(&[(
        CH2,
        "text: \"Informieren Sie die Presse.\"",
        "text: \"Informieren Sie die [Presse](javascript:history.back).\"",
    )]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            CH2,
            32,
            68,
            "Der Link `javascript:history.back` ist nicht erlaubt",
            Some("projekt")
        )]
    );
    assert_eq!(report.diagnostics[0].len, "javascript:history.back".len());
    assert!(at(&files, CH2, 32, 68).starts_with("javascript:history.back)"));
    assert_eq!(
        report.diagnostics[0].hint.as_deref(),
        Some("Links dürfen nur mit https://, http:// oder mailto: beginnen")
    );
}

#[test]
fn unsafe_link_with_parentheses_is_reported_whole() {
    let files = minimal_with(&[(
        CH2,
        "text: \"Informieren Sie die Presse.\"",
        "text: \"Informieren Sie die [Presse](javascript:alert(1)).\"",
    )]);
    let report = load_err(&files);
    assert_eq!(
        shorts(&report),
        [err(
            CH2,
            32,
            68,
            "Der Link `javascript:alert(1)` ist nicht erlaubt",
            Some("projekt")
        )]
    );
    assert_eq!(report.diagnostics[0].len, "javascript:alert(1)".len());
}

#[test]
fn unsafe_links_are_found_in_every_kind_of_text() {
    let cases = [
        (
            INDEX,
            "intro: \"Ein kleiner Leitfaden zum Testen.\"",
            "intro: \"Ein [kleiner](JavaScript:x) Leitfaden.\"",
            (7, 27),
            "Der Link `JavaScript:x` ist nicht erlaubt",
        ),
        (
            CH1,
            "intro: \"Die ersten Schritte.\"",
            "intro: \"Die [ersten](data:text/html,x) Schritte.\"",
            (4, 26),
            "Der Link `data:text/html,x` ist nicht erlaubt",
        ),
        (
            "arbeitshilfen.ron",
            "- [ ] Team benannt",
            "- [ ] [Team](javascript:x) benannt",
            (7, 29),
            "Der Link `javascript:x` ist nicht erlaubt",
        ),
        (
            "beispiele.ron",
            "learn: \"Ein Beschluss gibt Rückhalt.\"",
            "learn: \"Ein [Beschluss](vbscript:x) gibt Rückhalt.\"",
            (8, 33),
            "Der Link `vbscript:x` ist nicht erlaubt",
        ),
    ];
    for (file, from, to, (line, col), message) in cases {
        let files = minimal_with(&[(file, from, to)]);
        expect_errors(&files, &[err(file, line, col, message, None)]);
    }
}

#[test]
fn safe_links_are_allowed() {
    let files = minimal_with(&[(
        CH2,
        "text: \"Informieren Sie die Presse.\"",
        "text: \"Informieren Sie die [Presse](https://example.org) per [Mail](mailto:presse@example.org).\"",
    )]);
    let (_, report) = load_ok(&files);
    assert!(report.diagnostics.is_empty(), "\n{report}");
}

#[test]
fn source_url_must_be_a_web_address() {
    let files = minimal_with(&[(
        "quellen.ron",
        "https://example.org/handbuch",
        "ftp://example.org/handbuch",
    )]);
    expect_errors(
        &files,
        &[err(
            "quellen.ron",
            5,
            14,
            "Die `url` `ftp://example.org/handbuch` der Quelle ist keine Webadresse",
            None,
        )],
    );
}

// ---------------------------------------------------------------------------------------
// Unused material (warnings)

#[test]
fn unused_decision_answer() {
    let files = minimal_with(&[(
        CH1,
        "Choice(id: \"nein\", label: \"Nein\"),",
        "Choice(id: \"nein\", label: \"Nein\"),\n                    Choice(id: \"offen\", label: \"Noch offen\"),",
    )]);
    expect_warnings(
        &files,
        &[warn(
            CH1,
            59,
            32,
            "Keine Bedingung nutzt die Antwort `offen` der Entscheidung `mandat`",
            Some("auftrag"),
        )],
    );
}

#[test]
fn decision_used_by_no_condition() {
    // Every use of `mandat` replaced by conditions on the profile.
    let files = minimal_with(&[
        (
            CH2,
            "when: Decision(\"mandat\", [\"nein\"])",
            "when: Profile(\"stand\", [\"neu\"])",
        ),
        (
            CH2,
            "All([Profile(\"groesse\", [\"klein\"]), Decision(\"mandat\", [\"ja\"])])",
            "Profile(\"groesse\", [\"klein\"])",
        ),
        (
            CH2,
            "when: Decision(\"mandat\", [\"ja\"]),\n",
            "when: Profile(\"groesse\", [\"klein\"]),\n",
        ),
        (
            CH2,
            "Not(Decision(\"mandat\", [\"ja\"]))",
            "Not(Profile(\"groesse\", [\"klein\"]))",
        ),
        (CH2, ", when: Decision(\"mandat\", [\"ja\"])", ""),
    ]);
    expect_warnings(
        &files,
        &[warn(
            CH1,
            53,
            21,
            "Keine Bedingung nutzt die Entscheidung `mandat`",
            Some("auftrag"),
        )],
    );
}

#[test]
fn unused_collection_entries() {
    let cases = [
        (
            CH1,
            "            resources: [\"checkliste\"],\n",
            "arbeitshilfen.ron",
            "Kein Schritt verweist auf die Arbeitshilfe `checkliste`",
        ),
        (
            CH1,
            "            examples: [\"beispielstadt\"],\n",
            "beispiele.ron",
            "Kein Schritt verweist auf das Beispiel `beispielstadt`",
        ),
    ];
    for (file, line, in_file, message) in cases {
        let files = minimal_with(&[(file, line, "")]);
        expect_warnings(&files, &[warn(in_file, 3, 13, message, None)]);
    }
}

#[test]
fn unused_source() {
    let files = minimal_with(&[
        (CH1, "            sources: [\"handbuch\"],\n", ""),
        (
            "beispiele.ron",
            "source: \"handbuch\"",
            "source: \"zweite\"",
        ),
        (
            "quellen.ron",
            "]\n",
            "    Source(id: \"zweite\", title: \"Zweite Quelle\", year: \"2021\", url: \"https://example.org/zweite\"),\n]\n",
        ),
    ]);
    expect_warnings(
        &files,
        &[warn(
            "quellen.ron",
            3,
            13,
            "Nichts verweist auf die Quelle `handbuch`",
            None,
        )],
    );
}

#[test]
fn a_source_cited_only_by_an_arbeitshilfe_is_used() {
    let files = minimal_with(&[
        (CH1, "            sources: [\"handbuch\"],\n", ""),
        (
            "beispiele.ron",
            "source: \"handbuch\"",
            "source: \"zweite\"",
        ),
        (
            "quellen.ron",
            "]\n",
            "    Source(id: \"zweite\", title: \"Zweite Quelle\", year: \"2021\", url: \"https://example.org/zweite\"),\n]\n",
        ),
        (
            "arbeitshilfen.ron",
            "Leitfaden gelesen\",\n",
            "Leitfaden gelesen\",\n        sources: [\"handbuch\"],\n",
        ),
    ]);
    let (guide, report) = load_ok(&files);
    assert!(report.diagnostics.is_empty(), "\n{report}");
    let r = guide
        .resource("checkliste")
        .expect("the fixture's resource");
    let cited: Vec<&str> = guide
        .resource_sources(r)
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(cited, ["handbuch"]);
}

#[test]
fn source_without_a_year_is_a_warning() {
    let files = minimal_with(&[("quellen.ron", "        year: \"2020\",\n", "")]);
    expect_warnings(
        &files,
        &[warn(
            "quellen.ron",
            3,
            13,
            "Quelle `handbuch` hat kein Jahr",
            None,
        )],
    );
    assert_eq!(
        only_hint(&files),
        "Ergänzen Sie `year: \"2019\"`, einen Zeitraum wie `\"2017–2019\"` oder `\"o. J.\"` für eine Quelle ohne Jahr"
    );
}

#[test]
fn source_year_must_be_a_year_a_range_or_o_j() {
    for ok in ["2017–2020", "o. J."] {
        let files = minimal_with(&[("quellen.ron", "\"2020\"", &format!("\"{ok}\""))]);
        let (_, report) = load_ok(&files);
        assert!(report.diagnostics.is_empty(), "{ok}:\n{report}");
    }
    let files = minimal_with(&[("quellen.ron", "\"2020\"", "\"Stand 2020\"")]);
    expect_warnings(
        &files,
        &[warn(
            "quellen.ron",
            7,
            15,
            "Das Jahr `Stand 2020` der Quelle ist keine Jahreszahl",
            None,
        )],
    );
}

#[test]
fn source_without_a_link_is_a_warning_unless_it_is_offline() {
    let no_url = (
        "quellen.ron",
        "        url: \"https://example.org/handbuch\",\n",
        "",
    );
    expect_warnings(
        &minimal_with(&[no_url]),
        &[warn(
            "quellen.ron",
            3,
            13,
            "Quelle `handbuch` hat keinen Link",
            None,
        )],
    );
    let offline = minimal_with(&[
        no_url,
        (
            "quellen.ron",
            "        year: \"2020\",\n",
            "        year: \"2020\",\n        offline: true,\n",
        ),
    ]);
    let (_, report) = load_ok(&offline);
    assert!(report.diagnostics.is_empty(), "\n{report}");
}

#[test]
fn the_reader_check_leaves_citation_warnings_to_authors() {
    // `Guide::load` (what the app runs) reports no author warnings.
    let files = minimal_with(&[
        ("quellen.ron", "        year: \"2020\",\n", ""),
        (
            "quellen.ron",
            "        url: \"https://example.org/handbuch\",\n",
            "",
        ),
    ]);
    let (_, report) = leitfaden::guide::Guide::load(&files).expect("loads");
    assert!(report.diagnostics.is_empty(), "\n{report}");
    assert_eq!(full(&files).expect("loads").1.warnings(), 2);
}

#[test]
fn unused_term() {
    let files = minimal_with(&[(CH1, "**Open Government**", "**Offenheit**")]);
    expect_warnings(
        &files,
        &[warn(
            "glossar.ron",
            3,
            13,
            "Der Begriff `Open Government` kommt in keinem Schritt vor",
            None,
        )],
    );
}

#[test]
fn unused_term_found_only_through_also() {
    // `Open-Government` (from `also`) counts as a use.
    let files = minimal_with(&[(CH1, "**Open Government**", "**Open-Government-Kultur**")]);
    let (_, report) = load_ok(&files);
    assert!(report.diagnostics.is_empty(), "\n{report}");
}

#[test]
fn unused_entry_is_located_in_its_own_collection_even_if_its_id_occurs_elsewhere() {
    // The term's id is also the example's id and a task's id: the warning still belongs
    // to the glossary.
    let files = minimal_with(&[
        (
            "glossar.ron",
            "id: \"open-government\"",
            "id: \"beispielstadt\"",
        ),
        (CH1, "**Open Government**", "**Offenheit**"),
        (CH1, "id: \"lesen\"", "id: \"beispielstadt\""),
    ]);
    expect_warnings(
        &files,
        &[warn(
            "glossar.ron",
            3,
            13,
            "Der Begriff `Open Government` kommt in keinem Schritt vor",
            None,
        )],
    );
}

#[test]
fn step_without_tasks_is_a_warning() {
    let files = minimal_with(&[(
        CH2,
        "            tasks: [\n                (id: \"bilanz\", text: \"Schreiben Sie auf, was Sie gelernt haben.\"),\n            ],\n",
        "",
    )]);
    expect_warnings(
        &files,
        &[warn(
            CH2,
            36,
            17,
            "Der Schritt hat keine Aufgaben",
            Some("abschluss"),
        )],
    );
}

// ---------------------------------------------------------------------------------------
// Rendering

#[test]
fn rendered_error_shows_the_line_a_caret_and_the_hint() {
    let files = minimal_with(&[(
        CH1,
        "when: Profile(\"groesse\", [\"gross\"])",
        "when: Profile(\"groese\", [\"gross\"])",
    )]);
    let report = load_err(&files);
    let expected = "\
guide/kapitel/01-anfangen.ron:26:27: Fehler: Unbekannte Frage `groese` (Schritt `team`)
   |
26 |             when: Profile(\"groese\", [\"gross\"]),
   |                           ^^^^^^^^
  = Hinweis: Meinten Sie `groesse`?

";
    assert_eq!(report.render("guide/"), expected);
    assert_eq!(
        report.diagnostics[0].headline(""),
        "kapitel/01-anfangen.ron:26:27: Fehler: Unbekannte Frage `groese` (Schritt `team`)"
    );
}

#[test]
fn rendered_warning_without_step() {
    let files = minimal_with(&[(CH1, "**Open Government**", "**Offenheit**")]);
    let (_, report) = load_ok(&files);
    assert_eq!(
        report.to_string(),
        "\
glossar.ron:3:13: Warnung: Der Begriff `Open Government` kommt in keinem Schritt vor
  |
3 |         id: \"open-government\",
  |             ^^^^^^^^^^^^^^^^^
  = Hinweis: Ein Begriff wird markiert, wo seine Schreibweise (oder eine aus `also`) ein Wort beginnt; tragen Sie die Form, die die Texte verwenden, in `also` ein

"
    );
}

#[test]
fn caret_is_cut_at_the_end_of_the_line_and_missing_source_omits_the_excerpt() {
    let d = leitfaden::guide::Diagnostic::error(
        "x.ron",
        leitfaden::guide::Location {
            line: 2,
            col: 3,
            len: 50,
        },
        "kaputt",
    );
    assert_eq!(
        d.render(
            "",
            Some(&leitfaden::guide::source::SourceFile::new(
                "erste\nzweite\n".into()
            ))
        ),
        "x.ron:2:3: Fehler: kaputt\n  |\n2 | zweite\n  |   ^^^^\n"
    );
    assert_eq!(d.render("p/", None), "p/x.ron:2:3: Fehler: kaputt\n");
    assert_eq!(d.severity, Severity::Error);
}

/// The minimal fixture with the step's Arbeitshilfe moved into its variant.
fn resource_in_variant(id: &str) -> std::collections::BTreeMap<String, String> {
    minimal_with(&[
        (CH1, "            resources: [\"checkliste\"],\n", ""),
        (
            CH1,
            "text: \"Als kleine Gemeinde starten Sie mit wenig Aufwand.\",",
            &format!(
                "text: \"Als kleine Gemeinde starten Sie mit wenig Aufwand.\",\n                    resources: [\"{id}\"],"
            ),
        ),
    ])
}

#[test]
fn a_resource_listed_only_by_a_variant_is_used_and_shows_with_it() {
    let (guide, report) = load_ok(&resource_in_variant("checkliste"));
    assert!(report.diagnostics.is_empty(), "\n{report}");
    let i = guide.step_index("willkommen").expect("the fixture's step");
    let step = &guide.steps[i];
    assert!(step.resources_with(&[]).is_empty());
    assert_eq!(step.resources_with(&[0]), ["checkliste"]);
    // A small Gemeinde sees the variant, so the Arbeitshilfe; a big city does neither.
    let shown = |size: &str| {
        let answers =
            leitfaden::profile::Answers::parse_pairs(&guide, [&*format!("groesse={size}")])
                .expect("a valid answer");
        let p = leitfaden::path::compute(&guide, &answers);
        let v = p.appearance(&guide, i);
        step.resources_with(&v.variants)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(shown("klein"), ["checkliste"]);
    assert!(shown("gross").is_empty());
}

#[test]
fn an_unknown_resource_in_a_variant_is_an_error() {
    let files = resource_in_variant("checklist");
    let report = load_err(&files);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message == "Unbekannte Arbeitshilfe `checklist`")
        .unwrap_or_else(|| panic!("no error for the variant's resource:\n{report}"));
    assert_eq!(d.step.as_deref(), Some("willkommen"));
    assert!(at(&files, CH1, d.line, d.col).starts_with("\"checklist\""));
}

#[test]
fn a_blank_variant_or_task_is_a_warning() {
    let files = minimal_with(&[
        (
            CH1,
            "text: \"Als kleine Gemeinde starten Sie mit wenig Aufwand.\",",
            "text: \"  \",",
        ),
        (CH1, "text: \"Benennen Sie drei Personen.\"", "text: \"\""),
    ]);
    let (_, report) = load_ok(&files);
    let messages: Vec<(&str, Option<&str>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.message.as_str(), d.step.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            ("Variante 1 hat keinen Text", Some("willkommen")),
            ("Aufgabe `kernteam` hat keinen Text", Some("team")),
        ],
        "\n{report}"
    );
}
