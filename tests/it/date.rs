//! Calendar dates: strict parsing, day arithmetic, serde as an ISO string, how due a date is.

use leitfaden::date::{self, Date, DateError, Due};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Day number by walking whole years and months: slow and obvious, an oracle for the
/// era arithmetic in `date`.
fn days_by_counting(year: u16, month: u8, day: u8) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let year_len = |y: i64| if leap(y) { 366 } else { 365 };
    let month_len = |y: i64, m: u8| match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let y = i64::from(year);
    let mut n: i64 = if y >= 1970 {
        (1970..y).map(year_len).sum()
    } else {
        -(y..1970).map(year_len).sum::<i64>()
    };
    n += (1..month).map(|m| month_len(y, m)).sum::<i64>();
    n + i64::from(day) - 1
}

// ---------------------------------------------------------------------------------------
// Parsing and display

#[test]
fn iso_text_parses_and_displays_back() {
    let date = d("2026-12-01");
    assert_eq!((date.year(), date.month(), date.day()), (2026, 12, 1));
    assert_eq!(date.to_string(), "2026-12-01");
    assert_eq!(date.to_german(), "01.12.2026");
    assert_eq!(d("1900-01-01").to_german(), "01.01.1900");
    assert_eq!(d("2999-12-31").to_string(), "2999-12-31");
}

#[test]
fn leap_days_exist_only_in_leap_years() {
    assert!("2024-02-29".parse::<Date>().is_ok());
    assert!("2000-02-29".parse::<Date>().is_ok(), "divisible by 400");
    for s in ["2023-02-29", "1900-02-29", "2100-02-29", "2026-02-30"] {
        assert!(
            matches!(s.parse::<Date>(), Err(DateError::Day { .. })),
            "{s} must not exist"
        );
    }
}

#[test]
fn months_have_their_lengths() {
    for (month, len) in [
        (1, 31),
        (3, 31),
        (4, 30),
        (6, 30),
        (9, 30),
        (11, 30),
        (12, 31),
    ] {
        assert!(Date::new(2026, month, len).is_ok());
        assert_eq!(
            Date::new(2026, month, len + 1),
            Err(DateError::Day {
                year: 2026,
                month,
                day: len + 1
            })
        );
    }
    assert_eq!(
        Date::new(2026, 1, 0),
        Err(DateError::Day {
            year: 2026,
            month: 1,
            day: 0
        })
    );
}

#[test]
fn parsing_is_strict_about_the_shape() {
    for s in [
        "",
        "2026-1-01",
        "2026-01-1",
        "26-01-01",
        " 2026-01-01",
        "2026-01-01 ",
        "2026/01/01",
        "20260101",
        "+026-01-01",
        "2026-+1-01",
        "2026-01-0a",
        "01.12.2026",
        "2026-01-01T00:00",
        "２０２６-01-01",
        "2026-0ä-01",
    ] {
        assert_eq!(
            s.parse::<Date>(),
            Err(DateError::Format(s.to_string())),
            "{s:?}"
        );
    }
}

#[test]
fn years_months_and_days_out_of_range_are_refused() {
    assert_eq!("1899-12-31".parse::<Date>(), Err(DateError::Year(1899)));
    assert_eq!("3000-01-01".parse::<Date>(), Err(DateError::Year(3000)));
    assert_eq!("0000-01-01".parse::<Date>(), Err(DateError::Year(0)));
    assert_eq!("2026-00-10".parse::<Date>(), Err(DateError::Month(0)));
    assert_eq!("2026-13-10".parse::<Date>(), Err(DateError::Month(13)));
    assert!(matches!(
        "2026-04-31".parse::<Date>(),
        Err(DateError::Day { day: 31, .. })
    ));
}

#[test]
fn errors_read_as_german_sentences() {
    let msg = |s: &str| s.parse::<Date>().unwrap_err().to_string();
    assert_eq!(
        msg("2026-02-30"),
        "Den 30. Februar 2026 gibt es nicht; der Monat hat 28 Tage."
    );
    assert_eq!(
        msg("2024-02-30"),
        "Den 30. Februar 2024 gibt es nicht; der Monat hat 29 Tage."
    );
    assert_eq!(msg("2026-13-01"), "Einen Monat 13 gibt es nicht.");
    assert_eq!(
        msg("3000-01-01"),
        "Das Jahr 3000 liegt nicht zwischen 1900 und 2999."
    );
    assert_eq!(
        msg("1.12.2026"),
        "„1.12.2026“ ist kein Datum der Form JJJJ-MM-TT."
    );
}

// ---------------------------------------------------------------------------------------
// Day arithmetic

#[test]
fn day_numbers_count_from_1970() {
    assert_eq!(d("1970-01-01").days_since_epoch(), 0);
    assert_eq!(d("1970-01-02").days_since_epoch(), 1);
    assert_eq!(d("1969-12-31").days_since_epoch(), -1);
    assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
    assert_eq!(d("2026-12-01").days_since_epoch(), 20_788);
    assert_eq!(d("1900-01-01").days_since_epoch(), -25_567);
    assert_eq!(d("2999-12-31").days_since_epoch(), 376_199);
    assert_eq!(Date::from_days_since_epoch(20_788), Some(d("2026-12-01")));
    assert_eq!(Date::from_days_since_epoch(-25_567), Some(d("1900-01-01")));
    assert_eq!(Date::from_days_since_epoch(-25_568), None);
    assert_eq!(Date::from_days_since_epoch(376_199), Some(d("2999-12-31")));
    assert_eq!(Date::from_days_since_epoch(376_200), None);
    assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
    assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
}

#[test]
fn adding_days_crosses_months_years_and_leap_days() {
    assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
    assert_eq!(d("2024-02-28").add_days(2), Some(d("2024-03-01")));
    assert_eq!(d("2023-02-28").add_days(1), Some(d("2023-03-01")));
    assert_eq!(d("2026-12-31").add_days(1), Some(d("2027-01-01")));
    assert_eq!(d("2026-01-01").add_days(-1), Some(d("2025-12-31")));
    assert_eq!(d("2026-01-01").add_days(365), Some(d("2027-01-01")));
    assert_eq!(d("2026-03-15").add_days(0), Some(d("2026-03-15")));
    assert_eq!(d("2999-12-31").add_days(1), None);
    assert_eq!(d("1900-01-01").add_days(-1), None);
    assert_eq!(d("2026-01-01").add_days(i64::MAX), None);
}

#[test]
fn days_until_is_signed() {
    assert_eq!(d("2026-12-01").days_until(d("2026-12-24")), 23);
    assert_eq!(d("2026-12-24").days_until(d("2026-12-01")), -23);
    assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
    assert_eq!(d("2026-05-05").days_until(d("2026-05-05")), 0);
}

#[test]
fn unix_milliseconds_give_the_utc_date() {
    assert_eq!(Date::from_unix_ms(0), Some(d("1970-01-01")));
    assert_eq!(Date::from_unix_ms(86_399_999), Some(d("1970-01-01")));
    assert_eq!(Date::from_unix_ms(86_400_000), Some(d("1970-01-02")));
    assert_eq!(Date::from_unix_ms(-1), Some(d("1969-12-31")));
    // 2025-12-01T08:30:45.123Z
    assert_eq!(Date::from_unix_ms(1_764_577_845_123), Some(d("2025-12-01")));
    assert_eq!(Date::from_unix_ms(i64::MAX), None);
}

// ---------------------------------------------------------------------------------------
// serde

#[test]
fn serde_stores_the_iso_string() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Task {
        due: Option<Date>,
    }
    let task = Task {
        due: Some(d("2026-12-01")),
    };
    let json = serde_json::to_string(&task).unwrap();
    assert_eq!(json, r#"{"due":"2026-12-01"}"#);
    assert_eq!(serde_json::from_str::<Task>(&json).unwrap(), task);
    assert_eq!(
        serde_json::from_str::<Task>(r#"{"due":null}"#).unwrap(),
        Task { due: None }
    );
    // RON, the other format the crate speaks.
    assert_eq!(ron::to_string(&d("2026-12-01")).unwrap(), r#""2026-12-01""#);
}

#[test]
fn serde_refuses_bad_dates_clearly() {
    let err = serde_json::from_str::<Date>(r#""2026-02-30""#).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("invalid value"), "{text}");
    assert!(text.contains("2026-02-30"), "names the bad text: {text}");
    assert!(text.contains("YYYY-MM-DD"), "says what is expected: {text}");

    let err = serde_json::from_str::<Date>("20261201")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("invalid type"), "{err}");
    assert!(serde_json::from_str::<Date>(r#""2026-12-1""#).is_err());
}

// ---------------------------------------------------------------------------------------
// How due

#[test]
fn due_dates_are_classified_from_today() {
    let today = d("2026-12-01");
    let due = |s: &str| d(s).due(today, 7);
    assert_eq!(due("2026-11-28"), Due::Overdue { days: 3 });
    assert_eq!(due("2026-11-30"), Due::Overdue { days: 1 });
    assert_eq!(due("2026-12-01"), Due::Today);
    assert_eq!(due("2026-12-02"), Due::Soon { days: 1 });
    assert_eq!(due("2026-12-08"), Due::Soon { days: 7 });
    assert_eq!(due("2026-12-09"), Due::Later { days: 8 });
    assert_eq!(d("2026-12-02").due(today, 0), Due::Later { days: 1 });
    assert!(due("2026-11-30").is_overdue());
    assert!(!due("2026-12-01").is_overdue());
    assert_eq!(due("2026-11-28").days_until(), -3);
    assert_eq!(due("2026-12-09").days_until(), 8);
}

#[test]
fn due_labels_are_german() {
    let today = d("2026-12-01");
    let label = |s: &str| d(s).due(today, 7).german();
    assert_eq!(label("2026-11-28"), "3 Tage überfällig");
    assert_eq!(label("2026-11-30"), "1 Tag überfällig");
    assert_eq!(label("2026-12-01"), "heute fällig");
    assert_eq!(label("2026-12-02"), "morgen fällig");
    assert_eq!(label("2026-12-06"), "in 5 Tagen fällig");
    assert_eq!(label("2027-01-01"), "in 31 Tagen fällig");
}

#[test]
fn a_task_list_sorts_overdue_first_then_upcoming_then_undated() {
    let mut tasks = [
        ("undated a", None),
        ("later", Some(d("2027-03-01"))),
        ("today", Some(d("2026-12-01"))),
        ("long overdue", Some(d("2026-10-01"))),
        ("undated b", None),
        ("soon", Some(d("2026-12-03"))),
        ("overdue", Some(d("2026-11-30"))),
    ];
    tasks.sort_by_key(|(_, due)| date::due_order(*due));
    let names: Vec<_> = tasks.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "long overdue",
            "overdue",
            "today",
            "soon",
            "later",
            "undated a",
            "undated b"
        ]
    );

    let today = d("2026-12-01");
    let mut dues: Vec<Due> = [
        "2027-03-01",
        "2026-12-01",
        "2026-10-01",
        "2026-12-03",
        "2026-11-30",
    ]
    .iter()
    .map(|s| d(s).due(today, 7))
    .collect();
    dues.sort();
    assert_eq!(
        dues,
        [
            Due::Overdue { days: 61 },
            Due::Overdue { days: 1 },
            Due::Today,
            Due::Soon { days: 2 },
            Due::Later { days: 90 },
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Properties over the whole range

fn any_day() -> impl Strategy<Value = i64> {
    -25_567i64..=376_199
}

proptest! {
    #[test]
    fn day_numbers_and_dates_are_inverse(n in any_day()) {
        let date = Date::from_days_since_epoch(n).expect("in range");
        prop_assert_eq!(date.days_since_epoch(), n);
        prop_assert_eq!(days_by_counting(date.year(), date.month(), date.day()), n);
        prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        prop_assert_eq!(
            Date::new(date.year(), date.month(), date.day()),
            Ok(date)
        );
    }

    #[test]
    fn date_order_agrees_with_day_order(a in any_day(), b in any_day()) {
        let (da, db) = (
            Date::from_days_since_epoch(a).unwrap(),
            Date::from_days_since_epoch(b).unwrap(),
        );
        prop_assert_eq!(da.cmp(&db), a.cmp(&b));
        prop_assert_eq!(da.days_until(db), b - a);
        prop_assert_eq!(da.add_days(b - a), Some(db));
        // ISO text sorts like the dates, so stored strings can be compared as text too.
        prop_assert_eq!(da.to_string().cmp(&db.to_string()), a.cmp(&b));
    }

    #[test]
    fn unix_ms_fall_on_their_day(day in any_day(), ms_of_day in 0i64..86_400_000) {
        let ms = day * 86_400_000 + ms_of_day;
        prop_assert_eq!(
            Date::from_unix_ms(ms).map(Date::days_since_epoch),
            Some(day)
        );
    }

    #[test]
    fn iso_shaped_text_parses_exactly_when_the_date_exists(
        s in "(1[89]|2[0-9]|30)[0-9]{2}-(0[0-9]|1[0-3])-[0-3][0-9]"
    ) {
        let (y, m, dd): (u16, u8, u8) =
            (s[0..4].parse().unwrap(), s[5..7].parse().unwrap(), s[8..10].parse().unwrap());
        // The oracle: `days_by_counting` is only defined for real dates, so check by
        // stepping back from the next month's first day.
        let exists = (1900..=2999).contains(&y) && (1..=12).contains(&m) && dd >= 1 && {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            let len = days_by_counting(ny, nm, 1) - days_by_counting(y, m, 1);
            i64::from(dd) <= len
        };
        match s.parse::<Date>() {
            Ok(date) => {
                prop_assert!(exists, "{} parsed", s);
                prop_assert_eq!(date.to_string(), s);
            }
            Err(e) => {
                prop_assert!(!exists, "{} refused: {}", s, e);
                prop_assert!(!matches!(e, DateError::Format(_)), "{}", s);
            }
        }
    }
}
