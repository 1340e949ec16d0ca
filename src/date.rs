//! Calendar dates without a time zone (due dates, review dates): strict ISO parsing, day
//! arithmetic on a day count since 1970, German display and how due a date is from today.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The first year a [`Date`] may have. The range keeps typing slips such as „0226“ out of
/// stored dates and every day count far inside `i64`.
pub const FIRST_YEAR: u16 = 1900;
/// The last year a [`Date`] may have.
pub const LAST_YEAR: u16 = 2999;

const MS_PER_DAY: i64 = 24 * 60 * 60 * 1000;

/// A civil date (proleptic Gregorian), always valid and within [`FIRST_YEAR`]..=[`LAST_YEAR`].
/// Orders chronologically (the field order makes the derived `Ord` do so); stored as
/// `"YYYY-MM-DD"`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text or a set of numbers is not a [`Date`]; `Display` is German, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `JJJJ-MM-TT` (ten characters, digits and two hyphens).
    Format(String),
    /// The year is outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    Year(u16),
    /// There is no such month.
    Month(u8),
    /// The month has no such day.
    Day { year: u16, month: u8, day: u8 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "„{s}“ ist kein Datum der Form JJJJ-MM-TT."),
            DateError::Year(y) => write!(
                f,
                "Das Jahr {y} liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR}."
            ),
            DateError::Month(m) => write!(f, "Einen Monat {m} gibt es nicht."),
            DateError::Day { year, month, day } => write!(
                f,
                "Den {day}. {} {year} gibt es nicht; der Monat hat {} Tage.",
                MONTHS[usize::from(*month) - 1],
                days_in_month(*year, *month)
            ),
        }
    }
}

impl std::error::Error for DateError {}

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day number (1970-01-01 = 0) of the first and last date in range, so the conversions
/// below can refuse anything outside it before doing arithmetic.
const FIRST_DAY: i64 = days_from_civil(FIRST_YEAR as i64, 1, 1);
const LAST_DAY: i64 = days_from_civil(LAST_YEAR as i64, 12, 31);

// The civil-from-days conversion in 400-year eras (146 097 days each), counting years from
// March so that the leap day is the last day of a year and needs no special case.
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Date {
    /// The date, if it exists and its year is in range.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(DateError::Year(year));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day { year, month, day });
        }
        Ok(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// The date `days` days after 1970-01-01; `None` outside the year range.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        if !(FIRST_DAY..=LAST_DAY).contains(&days) {
            return None;
        }
        let (y, m, d) = civil_from_days(days);
        // In range, so these fit; `new` re-checks rather than trusting the arithmetic.
        Date::new(
            u16::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
        .ok()
    }

    /// The date in UTC at `ms` milliseconds since 1970 (what JavaScript's `Date.now()`
    /// gives). That is the UTC date: for „today“ as someone in Germany sees it shortly
    /// after midnight, add the local offset to `ms` first, or build the date from the
    /// browser's local calendar fields with [`Date::new`].
    pub fn from_unix_ms(ms: i64) -> Option<Date> {
        Date::from_days_since_epoch(ms.div_euclid(MS_PER_DAY))
    }

    /// `days` later (earlier when negative); `None` when that leaves the year range.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Days from `self` to `other`: positive when `other` is later.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// „01.12.2026“, as German forms and letters write a date.
    pub fn to_german(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// How due this date is, seen from `today`; „soon“ means within `soon_days` days.
    pub fn due(self, today: Date, soon_days: u32) -> Due {
        Due::of(self, today, soon_days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Exactly `YYYY-MM-DD` (what `<input type="date">` gives): no signs, spaces or
    /// shortened fields, so a stored date has one spelling.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let format = || DateError::Format(s.to_string());
        let b = s.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(format());
        }
        if !(digits_at(0..4) && digits_at(5..7) && digits_at(8..10)) {
            return Err(format());
        }
        // All ASCII digits, so the slices are on char boundaries and parse.
        let year = s[0..4].parse().map_err(|_| format())?;
        let month = s[5..7].parse().map_err(|_| format())?;
        let day = s[8..10].parse().map_err(|_| format())?;
        Date::new(year, month, day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct IsoDate;

        impl Visitor<'_> for IsoDate {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f,
                    "a date as YYYY-MM-DD between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31"
                )
            }

            // `invalid_value` keeps serde's „invalid value“ wording, which `saved` turns into
            // its German message like any other bad value.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_str(IsoDate)
    }
}

/// How due a date is relative to today. Orders the way a task list shows dated entries:
/// the longest overdue first, then today, then the soonest upcoming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    /// Past; `days` ≥ 1 days ago.
    Overdue {
        days: u32,
    },
    Today,
    /// In 1..=`soon_days` days.
    Soon {
        days: u32,
    },
    /// Further ahead than that.
    Later {
        days: u32,
    },
}

impl Due {
    /// `due` seen from `today`, with „soon“ meaning within `soon_days` days.
    pub fn of(due: Date, today: Date, soon_days: u32) -> Due {
        let until = today.days_until(due);
        // Both dates lie within 1900..=2999, so the distance fits in a u32.
        let days = u32::try_from(until.unsigned_abs()).unwrap_or(u32::MAX);
        match until {
            0 => Due::Today,
            u if u < 0 => Due::Overdue { days },
            _ if days <= soon_days => Due::Soon { days },
            _ => Due::Later { days },
        }
    }

    /// Days until the due date, negative when overdue.
    pub fn days_until(self) -> i64 {
        match self {
            Due::Overdue { days } => -i64::from(days),
            Due::Today => 0,
            Due::Soon { days } | Due::Later { days } => i64::from(days),
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Due::Overdue { .. })
    }

    /// „3 Tage überfällig“, „heute fällig“, „morgen fällig“, „in 5 Tagen fällig“.
    pub fn german(self) -> String {
        match self {
            Due::Overdue { days } => format!(
                "{} überfällig",
                crate::text::counted_digits(u64::from(days), "Tag", "Tage")
            ),
            Due::Today => "heute fällig".into(),
            Due::Soon { days: 1 } | Due::Later { days: 1 } => "morgen fällig".into(),
            Due::Soon { days } | Due::Later { days } => format!("in {days} Tagen fällig"),
        }
    }

    fn rank(self) -> u8 {
        match self {
            Due::Overdue { .. } => 0,
            Due::Today => 1,
            Due::Soon { .. } => 2,
            Due::Later { .. } => 3,
        }
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Due) -> std::cmp::Ordering {
        // The rank only breaks ties between values classified with different windows, so
        // that `Ord` agrees with `Eq`.
        (self.days_until(), self.rank()).cmp(&(other.days_until(), other.rank()))
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Due) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A sort key for a task list: dated entries by date (so overdue ones come first, then
/// today's and upcoming ones), undated entries last.
pub fn due_order(due: Option<Date>) -> (bool, Option<Date>) {
    (due.is_none(), due)
}
