//! The status report ("Umsetzungsstand"): what `StatusReport::build` collects from a work
//! state and the exact Markdown `to_markdown` writes.

use crate::common::*;
use leitfaden::guide::{Guide, Priority};
use leitfaden::progress::{Plan, Progress, Status};
use leitfaden::report::{ReportChapter, ReportStep, StatusReport};

fn v2() -> Guide {
    load_ok(&files("guide-v2")).0
}

fn v1() -> Guide {
    load_ok(&files("guide-v1")).0
}

/// A small Kommune, new to it, without a mandate: willkommen done, auftrag in progress
/// with a two-line note, beschluss not relevant with a reason.
fn filled(guide: &Guide) -> Progress {
    let mut p = Progress {
        name: "Musterstadt".into(),
        ..Progress::default()
    };
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "nein");
    p.set_task("willkommen", "lesen", true);
    p.set_status(guide, "willkommen", Status::Done);
    p.set_status(guide, "auftrag", Status::InProgress);
    p.set_note(
        "auftrag",
        "Verwaltungsspitze angefragt.\nAntwort steht aus.",
    );
    p.set_status(guide, "beschluss", Status::NotRelevant);
    p.set_reason("beschluss", "Der Rat hat schon beschlossen.");
    // A task that this path does not show: in neither list.
    p.set_task("projekt", "presse", true);
    p.set_status(guide, "projekt", Status::Open);
    p
}

fn step(
    id: &str,
    number: usize,
    title: &str,
    priority: Priority,
    status: Status,
    done: &[&str],
    open: &[&str],
) -> ReportStep {
    ReportStep {
        id: id.into(),
        number,
        title: title.into(),
        priority,
        status,
        reason: String::new(),
        note: String::new(),
        done_tasks: done.iter().map(ToString::to_string).collect(),
        open_tasks: open.iter().map(ToString::to_string).collect(),
        // Every step of the fixtures is estimated at one to two hours.
        effort: Some((1, 2)),
        plan: Plan::default(),
        task_plans: vec![Plan::default(); done.len() + open.len()],
    }
}

#[test]
fn build_collects_profile_progress_and_steps_along_the_path() {
    let guide = v1();
    let r = StatusReport::build(&guide, &filled(&guide));
    assert_eq!(r.title, "Umsetzungsstand Open Government: Musterstadt");
    assert_eq!(r.name, "Musterstadt");
    assert_eq!(r.guide_title, "Minimaler Leitfaden");
    assert_eq!(r.guide_version, "0.1.0");
    assert_eq!(
        r.profile,
        [
            ("Größe".to_string(), "Kleine Gemeinde".to_string()),
            ("Stand".to_string(), "Neu dabei".to_string()),
            ("Politischer Auftrag".to_string(), "Nein".to_string()),
        ]
    );
    assert_eq!((r.done, r.total), (2, 5));
    assert!(r.archive.is_empty());
    let auftrag = ReportStep {
        note: "Verwaltungsspitze angefragt.\nAntwort steht aus.".into(),
        ..step(
            "auftrag",
            2,
            "Den Auftrag klären",
            Priority::Recommended,
            Status::InProgress,
            &[],
            &["Fragen Sie in der Verwaltungsspitze nach."],
        )
    };
    let beschluss = ReportStep {
        reason: "Der Rat hat schon beschlossen.".into(),
        ..step(
            "beschluss",
            3,
            "Einen Beschluss vorbereiten",
            Priority::Recommended,
            Status::NotRelevant,
            &[],
            &["Schreiben Sie eine Vorlage für den Rat."],
        )
    };
    assert_eq!(
        r.chapters,
        [
            ReportChapter {
                title: "Kapitel 0 · Anfangen".into(),
                steps: vec![
                    step(
                        "willkommen",
                        1,
                        "Willkommen",
                        Priority::Essential,
                        Status::Done,
                        &["Lesen Sie die Einleitung."],
                        &[],
                    ),
                    auftrag,
                ],
            },
            ReportChapter {
                title: "Kapitel 1 · Umsetzen".into(),
                steps: vec![
                    beschluss,
                    step(
                        "projekt",
                        4,
                        "Ein erstes Projekt starten",
                        Priority::Recommended,
                        Status::Open,
                        &[],
                        &["Wählen Sie ein Projekt aus."],
                    ),
                    step(
                        "abschluss",
                        5,
                        "Bilanz ziehen",
                        Priority::Optional,
                        Status::Open,
                        &[],
                        &["Schreiben Sie auf, was Sie gelernt haben."],
                    ),
                ],
            },
        ]
    );
}

#[test]
fn step_numbers_priorities_and_tasks_follow_the_profile() {
    let guide = v1();
    let mut p = Progress::default();
    p.set_answer("groesse", "gross");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "ja");
    p.set_task("team", "kernteam", true);
    p.set_task("projekt", "presse", true);
    let r = StatusReport::build(&guide, &p);
    assert_eq!(r.title, "Umsetzungsstand Open Government");
    let numbered: Vec<(usize, &str, Priority)> = r
        .chapters
        .iter()
        .flat_map(|c| &c.steps)
        .map(|s| (s.number, s.id.as_str(), s.priority))
        .collect();
    assert_eq!(
        numbered,
        [
            (1, "willkommen", Priority::Essential),
            (2, "team", Priority::Essential),
            (3, "auftrag", Priority::Recommended),
            (4, "projekt", Priority::Recommended),
            (5, "abschluss", Priority::Optional),
        ]
    );
    assert_eq!((r.done, r.total), (0, 5));
    let team = &r.chapters[0].steps[1];
    assert_eq!(team.status, Status::InProgress);
    assert_eq!(team.done_tasks, ["Benennen Sie drei Personen."]);
    assert_eq!(
        team.open_tasks,
        [
            "Suchen Sie eine erfahrene Kommune.",
            "Vernetzen Sie sich mit anderen Kommunen."
        ]
    );
    let projekt = &r.chapters[1].steps[0];
    assert_eq!(projekt.done_tasks, ["Informieren Sie die Presse."]);
    assert_eq!(projekt.open_tasks, ["Wählen Sie ein Projekt aus."]);
    assert_eq!(
        r.profile.last(),
        Some(&("Politischer Auftrag".to_string(), "Ja".to_string()))
    );
}

#[test]
fn an_empty_progress_reports_the_common_path_and_no_profile() {
    let guide = v1();
    let r = StatusReport::build(&guide, &Progress::default());
    assert!(r.profile.is_empty());
    assert_eq!((r.done, r.total), (0, 3));
    let ids: Vec<&str> = r
        .chapters
        .iter()
        .flat_map(|c| &c.steps)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["willkommen", "projekt", "abschluss"]);
}

#[test]
fn a_decision_out_of_reach_is_not_in_the_profile() {
    // `mandat` is asked in `auftrag`, which is only on the path for "neu".
    let guide = v1();
    let mut p = Progress::default();
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "erfahren");
    p.set_decision("mandat", "ja");
    let r = StatusReport::build(&guide, &p);
    assert_eq!(
        r.profile,
        [
            ("Größe".to_string(), "Kleine Gemeinde".to_string()),
            ("Stand".to_string(), "Erfahren".to_string()),
        ]
    );
    // The answer is kept, not archived: the guide still has it.
    assert!(r.archive.is_empty());
}

const EXPECTED: &str = "\
# Umsetzungsstand Open Government: Musterstadt

Stand: 1. März 2025 · Minimaler Leitfaden (Version 0.1.0)

## Profil

- Größe: Kleine Gemeinde
- Stand: Neu dabei
- Politischer Auftrag: Nein

**Fortschritt:** 2 von 5 Schritten erledigt oder als nicht relevant markiert.

Geschätzte Arbeitszeit Ihrer Verwaltung für diesen Weg: 5 bis 10 Stunden.

## Kapitel 0 · Anfangen

### 1. Willkommen — Erledigt

Priorität: Wichtig · Geschätzter Aufwand: 1 bis 2 Stunden

- [x] Lesen Sie die Einleitung.

### 2. Den Auftrag klären — In Arbeit

Priorität: Empfohlen · Geschätzter Aufwand: 1 bis 2 Stunden

- [ ] Fragen Sie in der Verwaltungsspitze nach.

Notizen:

> Verwaltungsspitze angefragt.
> Antwort steht aus.

## Kapitel 1 · Umsetzen

### 3. Einen Beschluss vorbereiten — Nicht relevant

Priorität: Empfohlen · Geschätzter Aufwand: 1 bis 2 Stunden

Grund, warum nicht relevant: Der Rat hat schon beschlossen.

- [ ] Schreiben Sie eine Vorlage für den Rat.

### 4. Ein erstes Projekt starten — Offen

Priorität: Empfohlen · Geschätzter Aufwand: 1 bis 2 Stunden

- [ ] Wählen Sie ein Projekt aus.

### 5. Bilanz ziehen — Offen

Priorität: Optional · Geschätzter Aufwand: 1 bis 2 Stunden

- [ ] Schreiben Sie auf, was Sie gelernt haben.
";

#[test]
fn markdown_of_a_filled_work_state() {
    let guide = v1();
    let md = StatusReport::build(&guide, &filled(&guide)).to_markdown("1. März 2025");
    assert_eq!(md, EXPECTED);
    assert!(!md.contains("## Archiv"));
}

#[test]
fn a_reason_shows_only_for_a_step_that_is_not_relevant() {
    let guide = v1();
    let mut p = filled(&guide);
    // The reason stays stored when the status changes back, but is not reported.
    p.set_status(&guide, "beschluss", Status::InProgress);
    let md = StatusReport::build(&guide, &p).to_markdown("heute");
    assert!(!md.contains("Grund, warum nicht relevant"), "{md}");
    assert!(md.contains("### 3. Einen Beschluss vorbereiten — In Arbeit\n"));
    // Not relevant without a reason: no empty reason line either.
    p.set_status(&guide, "beschluss", Status::NotRelevant);
    p.set_reason("beschluss", "");
    let md = StatusReport::build(&guide, &p).to_markdown("heute");
    assert!(!md.contains("Grund"), "{md}");
    assert!(md.contains("**Fortschritt:** 2 von 5 Schritten"));
}

#[test]
fn a_blank_note_is_left_out() {
    let guide = v1();
    let mut p = filled(&guide);
    p.set_note("auftrag", "  \n ");
    let md = StatusReport::build(&guide, &p).to_markdown("heute");
    assert!(!md.contains("Notizen:"), "{md}");
}

#[test]
fn the_archive_section_appears_only_when_something_is_archived() {
    let (a, b) = (v1(), v2());
    let mut p = Progress::default();
    p.set_answer("groesse", "gross");
    p.set_answer("stand", "neu");
    p.set_decision("mandat", "ja");
    p.set_task("team", "kernteam", true);
    p.set_task("team", "mentor", true);
    p.set_note("team", "Drei Leute gefragt.\nZwei haben zugesagt.");
    p.set_task("projekt", "presse", true);

    let md = StatusReport::build(&a, &p).to_markdown("heute");
    assert!(!md.contains("Archiv"), "{md}");

    let r = StatusReport::build(&b, &p);
    assert!(!r.archive.is_empty());
    // The answer v2 no longer offers is not in the profile.
    assert_eq!(
        r.profile,
        [
            ("Stand".to_string(), "Neu dabei".to_string()),
            ("Politischer Auftrag".to_string(), "Ja".to_string()),
        ]
    );
    assert_eq!(r.guide_version, "0.2.0");
    let md = r.to_markdown("heute");
    let archive = md
        .split_once("\n## Archiv\n")
        .map(|(_, a)| a)
        .expect("an archive section");
    assert_eq!(
        archive,
        "\nEingaben zu Schritten, Aufgaben oder Antworten, die es in dieser Version des Leitfadens nicht mehr gibt, und aufbewahrte Fassungen von Notizen:\n\n\
         - Schritt „team“: In Arbeit · erledigte Aufgaben: kernteam, mentor · Notiz: „Drei Leute gefragt. Zwei haben zugesagt.“\n\
         - Aufgabe „presse“ in Schritt „projekt“: erledigt\n\
         - Antwort „gross“ auf „groesse“\n"
    );
    // The page shows `archive_lines` as they are: the same entries, the same words.
    assert_eq!(r.archive_lines, r.archive.lines());
    assert_eq!(r.archive_lines.len(), 3);
    assert!(r.archive_lines[0].contains("erledigte Aufgaben: kernteam, mentor"));
    // The new step is on the path; the removed one is not.
    assert!(md.contains(". Zwischenbilanz ziehen — Offen\n"));
    assert!(!md.contains("Ein Team bilden"));
}

#[test]
fn an_archived_step_with_only_a_status_is_listed_plainly() {
    let (a, b) = (v1(), v2());
    let mut p = Progress::default();
    p.set_status(&a, "team", Status::Done);
    let md = StatusReport::build(&b, &p).to_markdown("heute");
    assert!(md.ends_with("\n## Archiv\n\nEingaben zu Schritten, Aufgaben oder Antworten, die es in dieser Version des Leitfadens nicht mehr gibt, und aufbewahrte Fassungen von Notizen:\n\n- Schritt „team“: Erledigt\n"), "{md}");
}

/// What the user entered on a step that a profile change took off the path is still in the
/// report, in its own section, and only there.
#[test]
fn entries_on_steps_off_the_path_are_reported_separately() {
    let guide = v1();
    let mut p = filled(&guide);
    let r = StatusReport::build(&guide, &p);
    assert!(r.off_path.is_empty());
    assert!(!r.to_markdown("1.1.2027").contains("## Weitere Eingaben"));

    // "team" is only on the path of large Kommunen; the profile here is small.
    p.set_note("team", "Kernteam steht.");
    p.set_task("team", "kernteam", true);
    let r = StatusReport::build(&guide, &p);
    assert_eq!(r.off_path.len(), 1);
    let team = &r.off_path[0];
    assert_eq!((team.id.as_str(), team.number), ("team", 0));
    assert_eq!(team.status, Status::InProgress);
    assert_eq!(team.done_tasks, ["Benennen Sie drei Personen."]);
    assert_eq!(team.note, "Kernteam steht.");
    assert!(
        r.chapters
            .iter()
            .all(|c| c.steps.iter().all(|s| s.id != "team"))
    );
    let md = r.to_markdown("1.1.2027");
    let section = &md[md.find("## Weitere Eingaben").expect("the section")..];
    assert!(
        section.contains("### Ein Team bilden — In Arbeit"),
        "{section}"
    );
    assert!(section.contains("- [x] Benennen Sie drei Personen."));
    assert!(section.contains("> Kernteam steht."));
}

/// A page to publish shows what the Kommune picks: here one step's note, no reasons, no
/// other entries; tasks and profile can be left out too.
#[test]
fn a_public_selection_shows_only_what_was_chosen() {
    use leitfaden::document;
    use leitfaden::report::Selection;
    use std::collections::BTreeSet;

    let guide = v1();
    let mut p = filled(&guide);
    p.set_note("willkommen", "Öffentlich: Auftakt am 3. März.");
    p.set_note("team", "Off the path, and never public.");
    let r = StatusReport::build(&guide, &p);
    assert_eq!(r.off_path.len(), 1);

    let full = r.to_markdown("heute");
    assert!(
        full.contains("> Verwaltungsspitze angefragt.") && full.contains("## Weitere Eingaben")
    );

    let mut show = Selection::public();
    let md = document::markdown::write(&r.to_document_with("heute", &show));
    assert!(!md.contains("Notizen:"), "{md}");
    assert!(!md.contains("Grund, warum nicht relevant"), "{md}");
    assert!(
        !md.contains("Weitere Eingaben") && !md.contains("Off the path"),
        "{md}"
    );
    assert!(
        md.contains("## Profil\n\n- Größe: Kleine Gemeinde\n"),
        "{md}"
    );
    assert!(md.contains("### 1. Willkommen — Erledigt\n\nPriorität: Wichtig · Geschätzter Aufwand: 1 bis 2 Stunden\n\n- [x] Lesen Sie die Einleitung.\n"), "{md}");

    show.notes = Some(BTreeSet::from(["willkommen".to_string()]));
    let md = document::markdown::write(&r.to_document_with("heute", &show));
    assert!(
        md.contains("Notizen:\n\n> Öffentlich: Auftakt am 3. März."),
        "{md}"
    );
    assert!(!md.contains("Verwaltungsspitze angefragt"), "{md}");

    show.profile = false;
    show.tasks = false;
    let md = document::markdown::write(&r.to_document_with("heute", &show));
    assert!(!md.contains("## Profil") && !md.contains("- ["), "{md}");
    assert!(md.contains("**Fortschritt:** 2 von 5"), "{md}");
}

/// What the user typed is text in the Markdown file, not HTML or Markdown a viewer acts on.
#[test]
fn user_text_is_escaped_in_the_markdown_file() {
    let guide = v1();
    let mut p = filled(&guide);
    p.name = "Stadt <b>".into();
    p.set_note(
        "auftrag",
        "<img src=\"x\" onerror=\"alert(1)\">\n# kein Titel\n1. kein Punkt **fett**",
    );
    p.set_reason("beschluss", "[klick](javascript:x) & `Code`");
    let md = StatusReport::build(&guide, &p).to_markdown("heute");
    assert!(
        md.starts_with("# Umsetzungsstand Open Government: Stadt &lt;b&gt;\n"),
        "{md}"
    );
    assert!(
        md.contains("> &lt;img src=\"x\" onerror=\"alert(1)\"&gt;\n> \\# kein Titel\n> 1\\. kein Punkt \\*\\*fett\\*\\*\n"),
        "{md}"
    );
    assert!(
        md.contains("Grund, warum nicht relevant: \\[klick\\](javascript:x) &amp; \\`Code\\`\n"),
        "{md}"
    );
}
