//! The .ics writer, read back with an independent strict RFC 5545 parser (`calico`), and
//! its physical lines checked octet by octet.

use calico::model::component::{Calendar, CalendarComponent};
use calico::model::primitive::{DateTimeOrDate, Gregorian, Status as ParsedStatus, Token, Version};
use leitfaden::date::Date;
use leitfaden::ical::{self, Item, Kind, Stamp, Status};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// 2025-12-01T08:30:45.123Z
const NOW_MS: i64 = 1_764_577_845_123;

fn now() -> Stamp {
    Stamp::from_unix_ms(NOW_MS).unwrap()
}

fn item(kind: Kind, uid: &str, date: &str, summary: &str) -> Item {
    Item {
        uid: uid.into(),
        kind,
        date: d(date),
        summary: summary.into(),
        description: String::new(),
        url: None,
        categories: Vec::new(),
        status: None,
        completed: None,
    }
}

/// Checks the physical shape RFC 5545 §3.1 asks for, which a parser forgives: every line
/// ends with CRLF, no CR or LF stands alone, no line is longer than 75 octets, and only
/// continuation lines start with a space.
pub(crate) fn assert_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    let body = &ics[..ics.len() - 2];
    for (i, line) in body.split("\r\n").enumerate() {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "line {i} has a bare CR or LF: {line:?}"
        );
        assert!(
            line.len() <= ical::MAX_LINE_OCTETS,
            "line {i} has {} octets: {line:?}",
            line.len()
        );
        assert!(!line.is_empty(), "line {i} is empty");
        if i == 0 {
            assert_eq!(line, "BEGIN:VCALENDAR");
        }
    }
}

/// Every content line once unfolded, with how many physical lines it took.
fn logical_lines(ics: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for line in ics.trim_end_matches("\r\n").split("\r\n") {
        match line.strip_prefix(' ') {
            Some(rest) => {
                let last = out.last_mut().expect("a continuation follows a line");
                last.0.push_str(rest);
                last.1 += 1;
            }
            None => out.push((line.to_string(), 1)),
        }
    }
    out
}

pub(crate) fn parse(ics: &str) -> Calendar {
    let mut cals = Calendar::parse(ics).unwrap_or_else(|e| panic!("{e:?}\n{ics}"));
    assert_eq!(cals.len(), 1, "one VCALENDAR");
    cals.remove(0)
}

fn ymd(date: &calico::model::primitive::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year().get(),
        date.month().number().get(),
        date.day() as u8
    )
}

fn date_of(value: &DateTimeOrDate) -> String {
    match value {
        DateTimeOrDate::Date(date) => ymd(date),
        other => panic!("expected a DATE value, got {other:?}"),
    }
}

/// What the parser saw in one component, as plain strings.
#[derive(Debug, PartialEq, Default)]
pub(crate) struct Seen {
    pub(crate) kind: &'static str,
    pub(crate) uid: String,
    pub(crate) dtstamp: String,
    pub(crate) due: Option<String>,
    pub(crate) start: Option<String>,
    pub(crate) end: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) status: Option<ParsedStatus>,
    pub(crate) completed: Option<String>,
}

fn stamp_of(dt: &calico::model::primitive::DateTime<calico::model::primitive::Utc>) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        ymd(&dt.date),
        dt.time.hour() as u8,
        dt.time.minute() as u8,
        dt.time.second() as u8
    )
}

pub(crate) fn seen(cal: &Calendar) -> Vec<Seen> {
    cal.components()
        .iter()
        .map(|c| match c {
            CalendarComponent::Todo(t) => Seen {
                kind: "VTODO",
                uid: t.uid().expect("UID").value.as_str().to_string(),
                dtstamp: stamp_of(&t.dtstamp().expect("DTSTAMP").value),
                due: t.due().map(|p| date_of(&p.value)),
                start: t.dtstart().map(|p| date_of(&p.value)),
                summary: t.summary().map(|p| p.value.clone()),
                description: t.description().map(|p| p.value.clone()),
                url: t.url().map(|p| p.value.as_str().to_string()),
                categories: t
                    .categories()
                    .into_iter()
                    .flatten()
                    .flat_map(|p| p.value.clone())
                    .collect(),
                status: t.status().map(|p| p.value),
                completed: t.completed().map(|p| stamp_of(&p.value)),
                ..Seen::default()
            },
            CalendarComponent::Event(e) => Seen {
                kind: "VEVENT",
                uid: e.uid().expect("UID").value.as_str().to_string(),
                dtstamp: stamp_of(&e.dtstamp().expect("DTSTAMP").value),
                start: e.dtstart().map(|p| date_of(&p.value)),
                end: e.dtend().map(|p| date_of(&p.value)),
                summary: e.summary().map(|p| p.value.clone()),
                description: e.description().map(|p| p.value.clone()),
                url: e.url().map(|p| p.value.as_str().to_string()),
                categories: e
                    .categories()
                    .into_iter()
                    .flatten()
                    .flat_map(|p| p.value.clone())
                    .collect(),
                status: e.status().map(|p| p.value),
                ..Seen::default()
            },
            other => panic!("unexpected component {other:?}"),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The calendar and its components

#[test]
fn the_calendar_says_who_made_it_and_what_it_is_called() {
    let ics = ical::calendar("Musterstadt – Aufgaben", now(), &[]);
    assert_lines(&ics);
    let cal = parse(&ics);
    assert_eq!(cal.prod_id().value, ical::PRODID);
    assert_eq!(cal.version().value, Token::Known(Version::V2_0));
    assert_eq!(
        cal.cal_scale().map(|p| p.value.clone()),
        Some(Token::Known(Gregorian))
    );
    assert_eq!(
        cal.method().map(|p| p.value.to_string()),
        Some("PUBLISH".into())
    );
    let names: Vec<&str> = cal
        .name()
        .into_iter()
        .flatten()
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(names, ["Musterstadt – Aufgaben"]);
    assert!(cal.components().is_empty());
    let lines = logical_lines(&ics);
    assert!(
        lines
            .iter()
            .any(|(l, _)| l == "X-WR-CALNAME:Musterstadt – Aufgaben"),
        "{lines:?}"
    );
}

#[test]
fn one_component_per_item_with_its_dates() {
    let items = [
        item(
            Kind::Todo,
            "t1@leitfaden",
            "2026-12-01",
            "Beschluss vorbereiten",
        ),
        item(Kind::Event, "e1@leitfaden", "2026-12-31", "Silvester-Frist"),
        item(
            Kind::Event,
            "e2@leitfaden",
            "2028-02-28",
            "Vor dem Schalttag",
        ),
        item(Kind::Event, "e3@leitfaden", "2028-02-29", "Schalttag"),
    ];
    let ics = ical::calendar("Aufgaben", now(), &items);
    assert_lines(&ics);
    let stamp = "2025-12-01T08:30:45Z".to_string();
    assert_eq!(
        seen(&parse(&ics)),
        [
            Seen {
                kind: "VTODO",
                uid: "t1@leitfaden".into(),
                dtstamp: stamp.clone(),
                due: Some("2026-12-01".into()),
                summary: Some("Beschluss vorbereiten".into()),
                ..Seen::default()
            },
            Seen {
                kind: "VEVENT",
                uid: "e1@leitfaden".into(),
                dtstamp: stamp.clone(),
                start: Some("2026-12-31".into()),
                end: Some("2027-01-01".into()),
                summary: Some("Silvester-Frist".into()),
                ..Seen::default()
            },
            Seen {
                kind: "VEVENT",
                uid: "e2@leitfaden".into(),
                dtstamp: stamp.clone(),
                start: Some("2028-02-28".into()),
                end: Some("2028-02-29".into()),
                summary: Some("Vor dem Schalttag".into()),
                ..Seen::default()
            },
            Seen {
                kind: "VEVENT",
                uid: "e3@leitfaden".into(),
                dtstamp: stamp,
                start: Some("2028-02-29".into()),
                end: Some("2028-03-01".into()),
                summary: Some("Schalttag".into()),
                ..Seen::default()
            },
        ]
    );
}

#[test]
fn dates_are_written_as_date_values_and_events_do_not_block_the_day() {
    let ics = ical::calendar(
        "A",
        now(),
        &[
            item(Kind::Todo, "t@leitfaden", "2026-03-05", "T"),
            item(Kind::Event, "e@leitfaden", "2026-03-05", "E"),
        ],
    );
    let lines: Vec<String> = logical_lines(&ics).into_iter().map(|(l, _)| l).collect();
    for expected in [
        "DUE;VALUE=DATE:20260305",
        "DTSTART;VALUE=DATE:20260305",
        "DTEND;VALUE=DATE:20260306",
        "TRANSP:TRANSPARENT",
        "DTSTAMP:20251201T083045Z",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected} in {lines:?}"
        );
    }
    let cal = parse(&ics);
    let CalendarComponent::Event(event) = &cal.components()[1] else {
        panic!("second is the event")
    };
    assert_eq!(
        event.transp().map(|p| p.value.to_string()),
        Some("TRANSPARENT".into())
    );
}

#[test]
fn the_last_possible_day_has_an_event_without_dtend() {
    let ics = ical::calendar(
        "A",
        now(),
        &[item(Kind::Event, "e@leitfaden", "2999-12-31", "Ende")],
    );
    let got = seen(&parse(&ics));
    assert_eq!(got[0].start.as_deref(), Some("2999-12-31"));
    assert_eq!(got[0].end, None);
}

#[test]
fn todos_carry_status_completion_url_and_categories() {
    let mut done = item(Kind::Todo, "t@leitfaden", "2026-01-15", "Erledigt");
    done.status = Some(Status::Done);
    done.completed = Stamp::from_unix_ms(1_768_478_400_000); // 2026-01-15T12:00:00Z
    done.description = "Zweite Zeile".into();
    done.url = Some("https://example.org/leitfaden/#/schritt/beteiligung".into());
    done.categories = vec![
        "Beteiligung".into(),
        String::new(),
        "Haushalt, Finanzen; Sonstiges".into(),
    ];
    let mut open = item(Kind::Todo, "o@leitfaden", "2026-01-16", "Offen");
    open.status = Some(Status::Open);
    let mut doing = item(Kind::Todo, "i@leitfaden", "2026-01-17", "Begonnen");
    doing.status = Some(Status::InProgress);
    let mut event = item(Kind::Event, "e@leitfaden", "2026-01-18", "Termin");
    event.status = Some(Status::Done);
    event.completed = Stamp::from_unix_ms(0);

    let ics = ical::calendar("A", now(), &[done, open, doing, event]);
    assert_lines(&ics);
    let got = seen(&parse(&ics));
    assert_eq!(got[0].status, Some(ParsedStatus::Completed));
    assert_eq!(got[0].completed.as_deref(), Some("2026-01-15T12:00:00Z"));
    assert_eq!(got[0].description.as_deref(), Some("Zweite Zeile"));
    assert_eq!(
        got[0].url.as_deref(),
        Some("https://example.org/leitfaden/#/schritt/beteiligung")
    );
    assert_eq!(
        got[0].categories,
        ["Beteiligung", "Haushalt, Finanzen; Sonstiges"]
    );
    assert_eq!(got[1].status, Some(ParsedStatus::NeedsAction));
    assert_eq!(got[2].status, Some(ParsedStatus::InProcess));
    // Task states mean nothing for an appointment: no STATUS, no COMPLETED.
    assert_eq!(got[3].status, None);
    assert!(!ics.contains("COMPLETED:19700101"));
}

#[test]
fn empty_description_and_categories_are_left_out() {
    let ics = ical::calendar("A", now(), &[item(Kind::Todo, "t@x", "2026-01-15", "T")]);
    assert!(!ics.contains("DESCRIPTION"), "{ics}");
    assert!(!ics.contains("CATEGORIES"), "{ics}");
    assert!(!ics.contains("URL"), "{ics}");
    assert!(!ics.contains("STATUS"), "{ics}");
}

#[test]
fn links_with_spaces_and_umlauts_are_percent_encoded() {
    let mut it = item(Kind::Event, "e@x", "2026-01-15", "T");
    it.url = Some("https://example.org/Bürger haushalt?a=1&b=\"x\"#teil|2".into());
    let ics = ical::calendar("A", now(), &[it]);
    let got = seen(&parse(&ics));
    assert_eq!(
        got[0].url.as_deref(),
        Some("https://example.org/B%C3%BCrger%20haushalt?a=1&b=%22x%22#teil%7C2")
    );
}

// ---------------------------------------------------------------------------------------
// Text: escaping and folding

const AWKWARD: &str = "Beschluss; Rat, Ausschuss \\ Verwaltung\nZweite Zeile: „Zitat“ \
                       äöüß ÄÖÜ 😀 👩‍👩‍👧 C:\\new\\n\\, Ende";

#[test]
fn special_characters_round_trip_through_an_independent_parser() {
    let mut it = item(Kind::Todo, "t@x", "2026-01-15", AWKWARD);
    it.description = AWKWARD.repeat(5);
    let ics = ical::calendar(AWKWARD, now(), &[it]);
    assert_lines(&ics);
    let cal = parse(&ics);
    let got = seen(&cal);
    assert_eq!(got[0].summary.as_deref(), Some(AWKWARD));
    assert_eq!(
        got[0].description.as_deref(),
        Some(AWKWARD.repeat(5).as_str())
    );
    assert_eq!(cal.name().unwrap()[0].value, AWKWARD);
    // The escapes themselves, as RFC 5545 §3.3.11 spells them.
    assert!(ics.contains(r"Beschluss\; Rat\, Ausschuss \\ Verwaltung\nZweite"));
    assert!(ics.contains(r"C:\\new\\n\\\, Ende"));
}

#[test]
fn line_breaks_of_any_kind_become_newlines_and_controls_are_dropped() {
    let summary = "a\r\nb\rc\nd\u{0}e\u{7}f\tg\u{7f}h\u{1b}i";
    let ics = ical::calendar(
        "A",
        now(),
        &[item(Kind::Todo, "t@x", "2026-01-15", summary)],
    );
    assert_lines(&ics);
    assert_eq!(
        seen(&parse(&ics))[0].summary.as_deref(),
        Some("a\nb\nc\ndef\tghi")
    );
    assert_eq!(ical::text(summary), "a\\nb\\nc\\ndef\tghi");
}

#[test]
fn a_line_of_75_octets_stays_whole_and_76_folds() {
    // "SUMMARY:" is 8 octets.
    let whole = ical::calendar(
        "A",
        now(),
        &[item(Kind::Todo, "t@x", "2026-01-15", &"x".repeat(67))],
    );
    let line = logical_lines(&whole)
        .into_iter()
        .find(|(l, _)| l.starts_with("SUMMARY:"))
        .unwrap();
    assert_eq!((line.0.len(), line.1), (75, 1));

    let folded = ical::calendar(
        "A",
        now(),
        &[item(Kind::Todo, "t@x", "2026-01-15", &"x".repeat(68))],
    );
    assert_lines(&folded);
    assert!(
        folded.contains(&format!("SUMMARY:{}\r\n x\r\n", "x".repeat(67))),
        "{folded}"
    );
}

#[test]
fn folding_counts_octets_and_never_cuts_a_character() {
    // Two-, three- and four-octet characters at every offset against the fold.
    for pad in 0..4 {
        for ch in ["ä", "€", "😀"] {
            let summary = format!("{}{}", "x".repeat(pad), ch.repeat(60));
            let ics = ical::calendar(
                "A",
                now(),
                &[item(Kind::Todo, "t@x", "2026-01-15", &summary)],
            );
            assert_lines(&ics);
            let (line, physical) = logical_lines(&ics)
                .into_iter()
                .find(|(l, _)| l.starts_with("SUMMARY:"))
                .unwrap();
            assert_eq!(line, format!("SUMMARY:{summary}"));
            let octets = line.len();
            // Each physical line is filled as far as a whole character allows.
            assert!(
                physical <= octets.div_ceil(ical::MAX_LINE_OCTETS - 4),
                "{physical} lines for {octets} octets"
            );
            assert_eq!(
                seen(&parse(&ics))[0].summary.as_deref(),
                Some(summary.as_str())
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// UIDs

#[test]
fn uids_are_stable_safe_and_distinct() {
    let a = ical::uid(&["1", "buergerhaushalt", "beschluss"]);
    assert_eq!(a, "1.buergerhaushalt.beschluss@leitfaden");
    assert_eq!(a, ical::uid(&["1", "buergerhaushalt", "beschluss"]));
    assert_ne!(a, ical::uid(&["2", "buergerhaushalt", "beschluss"]));
    assert_ne!(a, ical::uid(&["1", "buergerhaushalt"]));
    // Joining must not blur the parts: neither a dot nor an escape can be faked.
    assert_ne!(ical::uid(&["1", "a.b"]), ical::uid(&["1.a", "b"]));
    assert_ne!(ical::uid(&["_2e"]), ical::uid(&["."]));
    assert_eq!(
        ical::uid(&["Tab1", "schritt_ä"]),
        "_54ab1.schritt_5f_c3_a4@leitfaden"
    );
}

#[test]
fn the_same_work_gives_the_same_file_parts_except_the_stamp() {
    let items = |summary: &str, date: &str| {
        vec![
            Item {
                uid: ical::uid(&["ws-7", "schritt", "aufgabe"]),
                ..item(Kind::Todo, "", date, summary)
            },
            Item {
                uid: ical::uid(&["ws-7", "schritt"]),
                ..item(Kind::Event, "", date, summary)
            },
        ]
    };
    let first = seen(&parse(&ical::calendar(
        "A",
        now(),
        &items("Alt", "2026-01-15"),
    )));
    let later = Stamp::from_unix_ms(NOW_MS + 86_400_000).unwrap();
    let again = seen(&parse(&ical::calendar(
        "A",
        later,
        &items("Neu", "2026-02-01"),
    )));
    let uids = |s: &[Seen]| s.iter().map(|c| c.uid.clone()).collect::<Vec<_>>();
    assert_eq!(
        uids(&first),
        uids(&again),
        "renamed and moved, still the same entries"
    );
    assert_ne!(first[0].uid, first[1].uid, "a step and its task differ");
    assert_ne!(first[0].dtstamp, again[0].dtstamp);
}

// ---------------------------------------------------------------------------------------
// Stamps

#[test]
fn stamps_are_utc_to_the_second() {
    assert_eq!(
        Stamp::from_unix_ms(0).unwrap().to_ical(),
        "19700101T000000Z"
    );
    assert_eq!(now().to_ical(), "20251201T083045Z");
    assert_eq!(
        Stamp::from_unix_ms(-1).unwrap().to_ical(),
        "19691231T235959Z"
    );
    assert_eq!(
        Stamp::from_unix_ms(86_399_999).unwrap().to_ical(),
        "19700101T235959Z"
    );
    assert_eq!(Stamp::from_unix_ms(i64::MAX), None);
}

// ---------------------------------------------------------------------------------------
// Properties

/// Text with what makes escaping and folding hard, including characters TEXT cannot hold.
fn awkward_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>(),
            1 => prop::sample::select(vec![
                '\n', '\r', '\t', ',', ';', '\\', ':', '"', ' ', 'n', 'ä', '€', '😀', '\u{200d}',
                '\u{0}', '\u{7f}',
            ]),
        ],
        0..200,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// What TEXT can carry of `s`: line breaks as LF, other control characters but tab gone.
fn carried(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_ascii_control() || *c == '\n' || *c == '\t')
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_survives_escaping_and_folding(
        summary in awkward_text(),
        description in awkward_text(),
        category in awkward_text(),
        name in awkward_text(),
    ) {
        let mut it = item(Kind::Todo, "t@x", "2026-01-15", &summary);
        it.description = description.clone();
        it.categories = vec![category.clone()];
        let event = Item { kind: Kind::Event, uid: "e@x".into(), ..it.clone() };
        let ics = ical::calendar(&name, now(), &[it, event]);
        assert_lines(&ics);
        let cal = parse(&ics);
        let got = seen(&cal);
        prop_assert_eq!(got.len(), 2);
        for c in &got {
            prop_assert_eq!(c.summary.clone(), Some(carried(&summary)));
            prop_assert_eq!(
                c.description.clone(),
                Some(carried(&description)).filter(|t| !t.is_empty())
            );
            let expected_categories: Vec<String> =
                Some(carried(&category)).filter(|t| !t.is_empty()).into_iter().collect();
            prop_assert_eq!(&c.categories, &expected_categories);
        }
        prop_assert_eq!(cal.name().unwrap()[0].value.clone(), carried(&name));
    }

    #[test]
    fn uids_are_injective_and_safe(
        a in prop::collection::vec(".{0,12}", 1..4),
        b in prop::collection::vec(".{0,12}", 1..4),
    ) {
        let ua = ical::uid(&a.iter().map(String::as_str).collect::<Vec<_>>());
        let ub = ical::uid(&b.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(ua == ub, a == b, "{} vs {}", ua, ub);
        prop_assert!(ua.ends_with("@leitfaden"));
        prop_assert!(
            ua.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_.@".contains(&c)),
            "{}", ua
        );
    }
}
