//! Who does what by when: owners and due dates in the progress (cleaned, stamped, merged
//! between tabs, archived), the list „Meine Aufgaben“, the calendar file read back with an
//! independent parser, and the column in the report and its documents.

use crate::common::*;
use crate::ical::{assert_lines, parse, seen};
use leitfaden::date::Due;
use leitfaden::document;
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::plan::{self, Person};
use leitfaden::progress::{MAX_OWNER_CHARS, Plan, Progress, Status};
use leitfaden::report::{PLAN_COLUMN, Selection, StatusReport};
use leitfaden::workspace::Workspace;

/// A work state on v1 for a small Gemeinde new to the topic: its path is willkommen,
/// auftrag, projekt, abschluss.
fn small(guide: &Guide) -> Progress {
    let mut p = Progress {
        name: "Musterstadt".into(),
        origin: "herkunft-1".into(),
        ..Progress::default()
    };
    p.set_answer("groesse", "klein");
    p.set_answer("stand", "neu");
    p.adopt_guide(guide);
    p
}

fn edited_by(base: &Progress, now: u64, tab: &str, f: impl FnOnce(&mut Progress)) -> Progress {
    let mut p = base.clone();
    f(&mut p);
    p.stamp_changes(base, now, tab);
    p
}

// ---------------------------------------------------------------------------------------
// Owners and due dates in the progress

#[test]
fn owners_are_cleaned_capped_and_cleared_and_plans_never_stay_empty() {
    let guide = v1();
    let mut p = small(&guide);
    p.set_owner(
        "projekt",
        Some("projekt-waehlen"),
        "  Frau\tYilmaz \u{7}\u{1b}<script>alert(1)</script>\n ",
    );
    assert_eq!(
        p.plan("projekt", Some("projekt-waehlen")).owner,
        "Frau Yilmaz <script>alert(1)</script>",
        "controls dropped, white space made single, markup kept as text"
    );
    p.set_owner("projekt", None, &"Ä".repeat(500));
    assert_eq!(
        p.plan("projekt", None).owner.chars().count(),
        MAX_OWNER_CHARS
    );
    p.set_due("projekt", None, Some(day("2026-05-31")));
    assert_eq!(
        p.plan("projekt", None),
        Plan {
            owner: "Ä".repeat(MAX_OWNER_CHARS),
            due: Some(day("2026-05-31"))
        }
    );
    // Clearing both removes the entry, so nothing empty is saved.
    p.set_owner("projekt", None, "   ");
    p.set_due("projekt", None, None);
    assert_eq!(p.plan("projekt", None), Plan::default());
    assert!(!p.plans.contains_key("projekt"));
    assert_eq!(p.plans.len(), 1);
    assert!(p.plans.contains_key("projekt/projekt-waehlen"));
}

#[test]
fn the_names_used_are_suggested_once_each_alphabetically() {
    let guide = v1();
    let mut p = small(&guide);
    p.set_owner("willkommen", None, "Herr Becker");
    p.set_owner("projekt", Some("projekt-waehlen"), "anna Schmidt");
    p.set_owner("auftrag", Some("nachfragen"), "Herr Becker");
    p.set_owner("abschluss", None, "Frau Yilmaz");
    assert_eq!(p.owners(), ["anna Schmidt", "Frau Yilmaz", "Herr Becker"]);
}

#[test]
fn owner_and_due_date_are_stamped_each_and_both_tabs_changes_survive() {
    let guide = v1();
    let base = edited_by(&small(&guide), 10, "a-", |p| {
        p.set_owner("projekt", Some("projekt-waehlen"), "Frau Yilmaz");
    });
    assert_eq!(base.stamps["owner:projekt/projekt-waehlen"], 10);
    assert!(!base.stamps.contains_key("due:projekt/projekt-waehlen"));
    // Tab A changes the owner, tab B (not having seen it) the date of the same task and
    // ticks it: all three survive, in either direction.
    let a = edited_by(&base, 100, "a-", |p| {
        p.set_owner("projekt", Some("projekt-waehlen"), "Herr Becker");
    });
    let b = edited_by(&base, 200, "b-", |p| {
        p.set_due("projekt", Some("projekt-waehlen"), Some(day("2026-06-30")));
        p.set_task("projekt", "projekt-waehlen", true);
    });
    let mut ab = a.clone();
    ab.merge(&b);
    let mut ba = b.clone();
    ba.merge(&a);
    for m in [&ab, &ba] {
        assert_eq!(
            m.plan("projekt", Some("projekt-waehlen")),
            Plan {
                owner: "Herr Becker".into(),
                due: Some(day("2026-06-30")),
            }
        );
        assert!(m.is_ticked("projekt", "projekt-waehlen"));
    }
    assert_eq!(ab, ba);
    // A later clearing wins over the older value.
    let cleared = edited_by(&ab, 300, "a-", |p| {
        p.set_due("projekt", Some("projekt-waehlen"), None);
    });
    let mut m = b.clone();
    m.merge(&cleared);
    assert_eq!(m.plan("projekt", Some("projekt-waehlen")).due, None);
    assert_eq!(
        m.plan("projekt", Some("projekt-waehlen")).owner,
        "Herr Becker"
    );
}

#[test]
fn plans_of_steps_and_tasks_a_guide_update_removed_are_kept_in_the_archive() {
    let (v1, v2) = (v1(), v2());
    let mut p = small(&v1);
    p.set_owner("team", None, "Frau Yilmaz");
    p.set_due("team", Some("kernteam"), Some(day("2026-03-01")));
    p.set_owner("projekt", Some("presse"), "Pressestelle");
    p.set_due("projekt", Some("projekt-waehlen"), Some(day("2026-04-01")));
    assert!(p.archive(&v1).plans.is_empty(), "all exist in v1");
    let archive = p.archive(&v2);
    assert_eq!(
        archive.plans,
        [
            (
                "projekt".to_string(),
                Some("presse".to_string()),
                Plan {
                    owner: "Pressestelle".into(),
                    due: None
                }
            ),
            (
                "team".to_string(),
                None,
                Plan {
                    owner: "Frau Yilmaz".into(),
                    due: None
                }
            ),
            (
                "team".to_string(),
                Some("kernteam".to_string()),
                Plan {
                    owner: String::new(),
                    due: Some(day("2026-03-01"))
                }
            ),
        ]
    );
    let lines = archive.lines();
    for expected in [
        "Aufgabe „presse“ in Schritt „projekt“: Zuständig: Pressestelle",
        "Schritt „team“: Zuständig: Frau Yilmaz",
        "Aufgabe „kernteam“ in Schritt „team“: fällig bis 01.03.2026",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} in {lines:?}"
        );
    }
    // The data itself is untouched, and comes back with a guide that has it again.
    assert_eq!(p.plans.len(), 4);
    assert!(p.archive(&v1).is_empty());
}

// ---------------------------------------------------------------------------------------
// Meine Aufgaben

#[test]
fn the_list_shows_open_tasks_overdue_first_then_by_date_then_undated_and_filters_by_person() {
    let guide = v1();
    let mut p = small(&guide);
    p.set_due("abschluss", Some("bilanz"), Some(day("2026-03-20")));
    p.set_owner("abschluss", Some("bilanz"), "Herr Becker");
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-02-20")));
    p.set_owner("auftrag", Some("nachfragen"), "Frau Yilmaz");
    p.set_due("projekt", None, Some(day("2026-03-01")));
    p.set_owner("projekt", None, "Frau Yilmaz");
    // A ticked task and every task of a done step are not open.
    p.set_due("willkommen", Some("lesen"), Some(day("2026-01-01")));
    p.set_task("willkommen", "lesen", true);
    let path = path::compute(&guide, &p.answers);
    let today = day("2026-03-01");
    let list = plan::agenda(&guide, &path, &p, today, &Person::Everyone);
    let seen: Vec<(&str, Option<&str>, Option<Due>)> = list
        .iter()
        .map(|o| (o.entry.step_id.as_str(), o.entry.task_id(), o.due))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "auftrag",
                Some("nachfragen"),
                Some(Due::Overdue { days: 9 })
            ),
            ("projekt", None, Some(Due::Today)),
            ("abschluss", Some("bilanz"), Some(Due::Later { days: 19 })),
            ("projekt", Some("projekt-waehlen"), None),
        ]
    );
    assert_eq!(
        list[0].entry.title(),
        "Fragen Sie in der Verwaltungsspitze nach."
    );
    assert_eq!(list[1].entry.title(), "Ein erstes Projekt starten");
    assert_eq!(list[0].due.unwrap().german(), "9 Tage überfällig");
    assert_eq!(plan::summary(&list), "1 überfällig · 1 heute fällig");
    // Per person.
    let yilmaz = plan::agenda(
        &guide,
        &path,
        &p,
        today,
        &Person::Named("Frau Yilmaz".into()),
    );
    let ids: Vec<_> = yilmaz.iter().map(|o| o.entry.title()).collect();
    assert_eq!(
        ids,
        [
            "Fragen Sie in der Verwaltungsspitze nach.",
            "Ein erstes Projekt starten"
        ]
    );
    let nobody = plan::agenda(&guide, &path, &p, today, &Person::Nobody);
    assert_eq!(nobody.len(), 1);
    assert_eq!(nobody[0].entry.task_id(), Some("projekt-waehlen"));
    // A step marked done takes its tasks off the list; one on another path is not on it.
    p.set_status(&guide, "abschluss", Status::Done);
    p.set_due("team", Some("kernteam"), Some(day("2026-02-01")));
    let list = plan::agenda(&guide, &path, &p, today, &Person::Everyone);
    assert!(list.iter().all(|o| o.entry.step_id != "abschluss"));
    assert!(list.iter().all(|o| o.entry.step_id != "team"));
    // Within the soon window.
    let soon = plan::agenda(&guide, &path, &p, day("2026-02-18"), &Person::Everyone);
    assert_eq!(soon[0].due, Some(Due::Soon { days: 2 }));
    assert_eq!(plan::summary(&soon), "2 in den nächsten 14 Tagen fällig");
}

// ---------------------------------------------------------------------------------------
// The calendar file

/// What the parser saw of an entry: kind, summary, first day, the day after.
type Dated<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// The single-file build (no step pages): entries link with a fragment.
static APP: std::sync::LazyLock<leitfaden::route::Home> =
    std::sync::LazyLock::new(|| leitfaden::route::Home {
        base: "https://leitfaden.example/".into(),
        pages: false,
    });
/// 2026-03-01T09:00:00Z
const MARCH: i64 = 1_772_355_600_000;

#[test]
fn the_calendar_has_one_all_day_entry_per_dated_task_and_step_with_the_right_dates() {
    let guide = v1();
    let mut p = small(&guide);
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-02-20")));
    p.set_owner("auftrag", Some("nachfragen"), "Frau Yilmaz");
    p.set_due("projekt", None, Some(day("2026-03-31")));
    p.set_due("abschluss", Some("bilanz"), Some(day("2026-12-31")));
    p.set_owner("willkommen", Some("lesen"), "Herr Becker"); // no date: no entry
    p.set_due("willkommen", Some("lesen"), Some(day("2026-01-10")));
    p.set_task("willkommen", "lesen", true);
    p.set_due("team", Some("kernteam"), Some(day("2026-02-01"))); // not on this path
    let path = path::compute(&guide, &p.answers);
    let ics = plan::calendar(&guide, &path, &p, &APP, MARCH);
    assert_lines(&ics);
    let cal = parse(&ics);
    let got = seen(&cal);
    let dates: Vec<Dated> = got
        .iter()
        .map(|s| {
            (
                s.kind,
                s.summary.as_deref(),
                s.start.as_deref(),
                s.end.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (
                "VEVENT",
                Some("Erledigt: Lesen Sie die Einleitung."),
                Some("2026-01-10"),
                Some("2026-01-11")
            ),
            (
                "VEVENT",
                Some("Fragen Sie in der Verwaltungsspitze nach."),
                Some("2026-02-20"),
                Some("2026-02-21")
            ),
            (
                "VEVENT",
                Some("Ein erstes Projekt starten"),
                Some("2026-03-31"),
                Some("2026-04-01")
            ),
            (
                "VEVENT",
                Some("Schreiben Sie auf, was Sie gelernt haben."),
                Some("2026-12-31"),
                Some("2027-01-01")
            ),
        ]
    );
    let nachfragen = &got[1];
    assert_eq!(
        nachfragen.description.as_deref(),
        Some("Schritt: Den Auftrag klären\nZuständig: Frau Yilmaz\nArbeitsstand: Musterstadt")
    );
    assert_eq!(
        nachfragen.url.as_deref(),
        Some("https://leitfaden.example/#/schritt/auftrag")
    );
    // The release site has a page per step: the entry links to it.
    let site = leitfaden::route::Home {
        base: "https://leitfaden.example/og/index.html".into(),
        pages: true,
    };
    let urls: Vec<Option<String>> = seen(&parse(&plan::calendar(&guide, &path, &p, &site, MARCH)))
        .into_iter()
        .map(|s| s.url)
        .collect();
    assert_eq!(
        urls[1].as_deref(),
        Some("https://leitfaden.example/og/schritt-auftrag.html")
    );
    assert_eq!(nachfragen.categories, ["Open Government", "Frau Yilmaz"]);
    assert_eq!(nachfragen.dtstamp, "2026-03-01T09:00:00Z");
    assert_eq!(
        nachfragen.uid,
        plan::uid(&guide, "herkunft-1", "auftrag", Some("nachfragen"))
    );
    assert_eq!(got[2].uid, plan::uid(&guide, "herkunft-1", "projekt", None));
    let names: Vec<&str> = cal
        .name()
        .into_iter()
        .flatten()
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(names, ["Minimaler Leitfaden – Musterstadt"]);
}

#[test]
fn uids_stay_the_same_across_exports_and_differ_between_work_states_and_entries() {
    let guide = v1();
    let mut p = small(&guide);
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-02-20")));
    p.set_due("auftrag", None, Some(day("2026-02-28")));
    let path = path::compute(&guide, &p.answers);
    let uids = |p: &Progress, at: i64| -> Vec<String> {
        seen(&parse(&plan::calendar(&guide, &path, p, &APP, at)))
            .into_iter()
            .map(|s| s.uid)
            .collect()
    };
    let first = uids(&p, MARCH);
    // A month later, with another date, another owner, another name and the task done.
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-04-20")));
    p.set_owner("auftrag", Some("nachfragen"), "Herr Becker");
    p.name = "Musterstadt (neu)".into();
    p.set_task("auftrag", "nachfragen", true);
    let later = uids(&p, MARCH + 30 * 86_400_000);
    assert_eq!(first, later, "re-importing updates the same entries");
    assert_eq!(first.len(), 2);
    assert_ne!(first[0], first[1]);
    // A copy of the work state (another origin) has entries of its own.
    let copy = Progress {
        origin: "herkunft-2".into(),
        ..p.clone()
    };
    let other = uids(&copy, MARCH);
    assert!(
        other.iter().all(|u| !first.contains(u)),
        "{other:?} {first:?}"
    );
}

#[test]
fn hostile_owner_and_work_state_names_arrive_whole_in_the_calendar() {
    let guide = v1();
    let mut p = small(&guide);
    p.name = "Stadt; mit, Komma \\ und\r\nZeilen".into();
    let owner = "Frau A; Herr B, Team \\ \"Zitat\" <b>x</b> 😀 äöü".repeat(2);
    p.set_owner("auftrag", Some("nachfragen"), &owner);
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-02-20")));
    let cleaned = p.plan("auftrag", Some("nachfragen")).owner;
    assert!(cleaned.chars().count() <= MAX_OWNER_CHARS);
    let path = path::compute(&guide, &p.answers);
    let ics = plan::calendar(&guide, &path, &p, &APP, MARCH);
    assert_lines(&ics);
    let got = seen(&parse(&ics));
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].description.as_deref(),
        Some(
            format!(
                "Schritt: Den Auftrag klären\nZuständig: {cleaned}\nArbeitsstand: Stadt; mit, Komma \\ und\nZeilen"
            )
            .as_str()
        )
    );
    assert_eq!(got[0].categories, ["Open Government".to_string(), cleaned]);
}

#[test]
fn a_work_state_without_dates_gives_an_empty_calendar() {
    let guide = v1();
    let p = small(&guide);
    let path = path::compute(&guide, &p.answers);
    let ics = plan::calendar(&guide, &path, &p, &APP, MARCH);
    assert_lines(&ics);
    assert!(parse(&ics).components().is_empty());
}

// ---------------------------------------------------------------------------------------
// Report and documents

fn planned_report() -> (Guide, Progress) {
    let guide = v1();
    let mut p = small(&guide);
    p.set_task("auftrag", "nachfragen", true);
    p.set_owner("auftrag", Some("nachfragen"), "Frau <b>Yilmaz</b> & Co");
    p.set_due("auftrag", Some("nachfragen"), Some(day("2026-02-20")));
    p.set_owner("projekt", None, "Herr Becker");
    p.set_due("projekt", None, Some(day("2026-03-31")));
    (guide, p)
}

#[test]
fn the_report_has_a_column_for_owner_and_due_date_where_there_are_some() {
    let (guide, p) = planned_report();
    let r = StatusReport::build(&guide, &p);
    let auftrag = r.chapters[0]
        .steps
        .iter()
        .find(|s| s.id == "auftrag")
        .unwrap();
    assert!(auftrag.has_plans());
    let projekt = r.chapters[1]
        .steps
        .iter()
        .find(|s| s.id == "projekt")
        .unwrap();
    assert_eq!(
        projekt.plan_line(),
        "Zuständig / Fällig (ganzer Schritt): Herr Becker · bis 31.03.2026"
    );
    let willkommen = &r.chapters[0].steps[0];
    assert!(!willkommen.has_plans());

    let doc = r.to_document("01.03.2026");
    let tables: Vec<&document::Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            document::Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let task_table = tables
        .iter()
        .find(|t| t.header.iter().any(|h| document::plain(h) == PLAN_COLUMN))
        .expect("a table with the column");
    let rows: Vec<Vec<String>> = task_table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| document::plain(c)).collect())
        .collect();
    assert_eq!(
        rows,
        [[
            "Fragen Sie in der Verwaltungsspitze nach.",
            "☑ erledigt",
            "Frau <b>Yilmaz</b> & Co · bis 20.02.2026"
        ]]
    );
    // Steps without plans keep their checklist.
    let md = r.to_markdown("01.03.2026");
    assert!(md.contains("- [ ] Lesen Sie die Einleitung."), "{md}");
    assert!(md.contains(PLAN_COLUMN), "{md}");
    assert!(md.contains("Herr Becker · bis 31.03.2026"), "{md}");
    // A public page names no people unless chosen.
    let public = r.to_document_with("01.03.2026", &Selection::public());
    let text = document::markdown::write(&public);
    assert!(
        !text.contains("Yilmaz") && !text.contains("Becker"),
        "{text}"
    );
    assert!(text.contains("Fragen Sie in der Verwaltungsspitze nach."));
}

/// Every text node of every XML part of an office file.
fn office_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if !f.name().ends_with(".xml") {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        let x = roxmltree::Document::parse(&s).unwrap_or_else(|e| panic!("{}: {e}", f.name()));
        for n in x.descendants().filter(roxmltree::Node::is_text) {
            all.push_str(n.text().unwrap_or_default());
            all.push('\n');
        }
        // The owner's markup stays text: every element is one of the format's own.
        assert!(
            x.descendants()
                .filter(roxmltree::Node::is_element)
                .all(|n| n.tag_name().namespace().is_some()),
            "{}: an element without namespace",
            f.name()
        );
    }
    all
}

#[test]
fn owners_and_due_dates_are_in_the_word_opendocument_and_web_files() {
    let (guide, p) = planned_report();
    let doc = StatusReport::build(&guide, &p).to_document("01.03.2026");
    for (format, text) in [
        ("docx", office_text(&document::docx::write(&doc))),
        ("odt", office_text(&document::odt::write(&doc))),
    ] {
        for expected in [
            PLAN_COLUMN,
            "Frau <b>Yilmaz</b> & Co · bis 20.02.2026",
            "Herr Becker · bis 31.03.2026",
        ] {
            assert!(text.contains(expected), "{format}: {expected} in\n{text}");
        }
    }
    let credits = document::html::Credits::default();
    let page = document::html::write(&doc, &credits);
    assert!(page.contains("Frau &lt;b&gt;Yilmaz&lt;/b&gt; &amp; Co · bis 20.02.2026"));
    assert!(!page.contains("<b>Yilmaz"));
}

// ---------------------------------------------------------------------------------------
// Export and import

#[test]
fn owners_dates_and_origin_travel_in_the_export_file() {
    let (guide, p) = planned_report();
    let mut ws = Workspace::new(&guide.id);
    ws.set_origin_seed("quelle");
    *ws.active_mut() = p.clone();
    let file = leitfaden::export::export(&ws, "1", &guide, "2026-03-01T10:00:00Z").unwrap();
    let back = leitfaden::export::decode(&file, &guide.id).unwrap();
    assert_eq!(back.progress.plans, p.plans);
    assert_eq!(back.progress.origin, "herkunft-1");
    assert_eq!(back.preview(&guide).planned, 2);
    // Imported into another browser, it keeps its origin …
    let mut other = Workspace::new(&guide.id);
    other.set_origin_seed("anderer");
    let id = other.import(&back.progress);
    assert_eq!(other.state(&id).unwrap().progress.origin, "herkunft-1");
    assert_eq!(other.state(&id).unwrap().progress.plans, p.plans);
    assert!(other.same_origin(&back.progress).is_some());
    // … and imported once more beside it, the second copy is a work state of its own.
    let again = other.import(&back.progress);
    let origin = &other.state(&again).unwrap().progress.origin;
    assert!(origin.starts_with("anderer-"), "{origin}");
    assert_eq!(other.same_origin(&back.progress).unwrap().id, id);
}

#[test]
fn a_hand_edited_file_is_cleaned_as_the_app_would_have_written_it() {
    let (guide, p) = planned_report();
    let mut ws = Workspace::new(&guide.id);
    *ws.active_mut() = p;
    let file = leitfaden::export::export(&ws, "1", &guide, "2026-03-01T10:00:00Z").unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&file).unwrap();
    let progress = &mut json["progress"];
    progress["plans"]["projekt/projekt-waehlen"]["owner"] =
        format!("\u{1b}[31m Frau\n\nYilmaz {}", "x".repeat(5000)).into();
    progress["plans"]["auftrag"] = serde_json::json!({ "owner": " \u{7} " });
    progress["origin"] = format!("herkunft\r\nX-INJECTED:1{}", "y".repeat(100)).into();
    let snapshots: Vec<serde_json::Value> = (0..40)
        .map(|k| {
            serde_json::json!({
                "name": if k == 1 { "\u{0}\t ".to_string() } else { format!("Stand {k}\u{8}") },
                "date": "2026-03-01",
                "taken": 1000 - k,
            })
        })
        .chain([serde_json::json!({ "name": "Stand 0\u{8}", "date": "2026-03-01", "taken": 1000 })])
        .collect();
    progress["snapshots"] = snapshots.into();
    let back = leitfaden::export::decode(&json.to_string(), &guide.id).unwrap();
    let p = back.progress;
    let owner = &p.plan("projekt", Some("projekt-waehlen")).owner;
    assert!(owner.starts_with("[31m Frau Yilmaz xxx"), "{owner}");
    assert_eq!(owner.chars().count(), MAX_OWNER_CHARS);
    assert!(
        !p.plans.contains_key("auftrag"),
        "a plan left empty is dropped"
    );
    assert_eq!(p.origin, "", "an origin that is no plain id is dropped");
    // The newest twelve, oldest first, the duplicate once, every name cleaned or made.
    assert_eq!(p.snapshots.len(), leitfaden::progress::MAX_SNAPSHOTS);
    let taken: Vec<u64> = p.snapshots.iter().map(|s| s.taken).collect();
    assert_eq!(taken, (989..=1000).collect::<Vec<u64>>());
    assert_eq!(p.snapshots[0].name, "Stand 11");
    assert_eq!(p.snapshots[10].name, "Zwischenstand vom 01.03.2026");
    assert_eq!(p.snapshots[11].name, "Stand 0");
    // Imported, it gets an origin of its own.
    let mut other = Workspace::new(&guide.id);
    other.set_origin_seed("hier");
    let id = other.import(&p);
    assert!(
        other
            .state(&id)
            .unwrap()
            .progress
            .origin
            .starts_with("hier-")
    );
}

#[test]
fn a_stored_document_with_two_work_states_of_one_origin_keeps_it_for_the_first_only() {
    let (guide, p) = planned_report();
    let mut ws = Workspace::new(&guide.id);
    ws.set_origin_seed("hier");
    *ws.active_mut() = p.clone();
    ws.import(&p);
    let mut json: serde_json::Value = serde_json::from_str(&leitfaden::saved::encode(&ws)).unwrap();
    assert_ne!(
        json["states"][0]["progress"]["origin"],
        json["states"][1]["progress"]["origin"]
    );
    json["states"][1]["progress"]["origin"] = json["states"][0]["progress"]["origin"].clone();
    let mut back = leitfaden::saved::decode(&json.to_string(), &guide.id).unwrap();
    back.set_origin_seed("neu");
    let origins: Vec<&str> = back
        .states()
        .iter()
        .map(|s| s.progress.origin.as_str())
        .collect();
    assert_eq!(origins[0], "herkunft-1");
    assert!(origins[1].starts_with("neu-"), "{origins:?}");
}
