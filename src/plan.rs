//! Who does what by when: the steps and tasks of a work state's path with their owner and
//! due date, as the list „Meine Aufgaben“ (by due date, per person) and as a calendar file.

use crate::date::{self, Date, Due};
use crate::guide::Guide;
use crate::ical::{self, Item, Kind, Stamp};
use crate::path::Path;
use crate::progress::{Plan, Progress, Status};

/// „Bald fällig“ means within this many days.
pub const SOON_DAYS: u32 = 14;

/// One step as a whole, or one task of it, on the path, with its plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The step's index in the guide.
    pub step: usize,
    pub step_id: String,
    pub step_title: String,
    /// The task's id and text; `None` for the step as a whole.
    pub task: Option<(String, String)>,
    pub plan: Plan,
    /// The task is ticked, or the step is done or not relevant (then its tasks are too).
    pub done: bool,
}

impl Entry {
    /// What the entry is called: the task's text, or the step's title.
    pub fn title(&self) -> &str {
        self.task
            .as_ref()
            .map_or(&self.step_title, |(_, text)| text)
    }

    pub fn task_id(&self) -> Option<&str> {
        self.task.as_ref().map(|(id, _)| id.as_str())
    }
}

/// Every step of the path that has a plan of its own and every task the path shows, in
/// path order (a step before its tasks).
pub fn entries(guide: &Guide, path: &Path, progress: &Progress) -> Vec<Entry> {
    let mut out = Vec::new();
    for v in &path.steps {
        let step = &guide.steps[v.step];
        let closed = matches!(
            progress.status(&step.id),
            Status::Done | Status::NotRelevant
        );
        let plan = progress.plan(&step.id, None);
        if !plan.is_empty() {
            out.push(Entry {
                step: v.step,
                step_id: step.id.clone(),
                step_title: step.title.clone(),
                task: None,
                plan,
                done: closed,
            });
        }
        for (k, _) in &v.tasks {
            let task = &step.tasks[*k];
            out.push(Entry {
                step: v.step,
                step_id: step.id.clone(),
                step_title: step.title.clone(),
                task: Some((task.id.clone(), task.text.clone())),
                plan: progress.plan(&step.id, Some(&task.id)),
                done: closed || progress.is_ticked(&step.id, &task.id),
            });
        }
    }
    out
}

/// Whose entries the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    Everyone,
    /// Entries with exactly this owner.
    Named(String),
    /// Entries nobody is named for.
    Nobody,
}

impl Person {
    pub fn matches(&self, plan: &Plan) -> bool {
        match self {
            Person::Everyone => true,
            Person::Named(name) => plan.owner == *name,
            Person::Nobody => plan.owner.is_empty(),
        }
    }
}

/// One line of „Meine Aufgaben“.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    pub entry: Entry,
    /// How due it is today; `None` without a due date.
    pub due: Option<Due>,
}

/// The open entries of the path for `person`: overdue ones first (the longest overdue
/// first), then today's and upcoming ones by date, then those without a date in path order.
pub fn agenda(
    guide: &Guide,
    path: &Path,
    progress: &Progress,
    today: Date,
    person: &Person,
) -> Vec<Open> {
    let mut open: Vec<Open> = entries(guide, path, progress)
        .into_iter()
        .filter(|e| !e.done && person.matches(&e.plan))
        .map(|entry| Open {
            due: entry.plan.due.map(|d| d.due(today, SOON_DAYS)),
            entry,
        })
        .collect();
    // A stable sort keeps path order among entries due the same day and among undated ones.
    open.sort_by_key(|o| date::due_order(o.entry.plan.due));
    open
}

/// „2 überfällig · 1 heute fällig · 3 in den nächsten 14 Tagen“: a summary of an agenda,
/// empty when nothing is dated.
pub fn summary(open: &[Open]) -> String {
    let count = |f: fn(Due) -> bool| open.iter().filter(|o| o.due.is_some_and(f)).count();
    let overdue = count(Due::is_overdue);
    let today = count(|d| d == Due::Today);
    let soon = count(|d| matches!(d, Due::Soon { .. }));
    let mut parts = Vec::new();
    if overdue > 0 {
        parts.push(format!("{overdue} überfällig"));
    }
    if today > 0 {
        parts.push(format!("{today} heute fällig"));
    }
    if soon > 0 {
        parts.push(format!("{soon} in den nächsten {SOON_DAYS} Tagen fällig"));
    }
    parts.join(" · ")
}

/// The UID of a step's (`task` = `None`) or task's calendar entry in work state `origin`:
/// made of ids only, so every export gives the same UID and a calendar program that imports
/// the file again updates the entry instead of adding a second one.
pub fn uid(guide: &Guide, origin: &str, step: &str, task: Option<&str>) -> String {
    match task {
        Some(t) => ical::uid(&[&guide.id, origin, step, t]),
        None => ical::uid(&[&guide.id, origin, step]),
    }
}

/// Every dated step and task of the path as an iCalendar file (RFC 5545). Each entry links
/// to its step in the app at `home`; `now_ms` is the time of the export.
///
/// Each entry is an all-day VEVENT, not a VTODO: Outlook (the program most Verwaltungen
/// use) and Google Calendar import no VTODO from a file at all, while every calendar program
/// shows an all-day event; `TRANSP:TRANSPARENT` keeps the day free. Entries already done
/// stay in the file, marked „Erledigt:“, so that importing again updates the entry a
/// calendar already has instead of leaving it as it was.
pub fn calendar(
    guide: &Guide,
    path: &Path,
    progress: &Progress,
    home: &crate::route::Home,
    now_ms: i64,
) -> String {
    let name = crate::workspace::display_name(&progress.name);
    let items: Vec<Item> = entries(guide, path, progress)
        .into_iter()
        .filter_map(|e| {
            let due = e.plan.due?;
            let mut description = vec![format!("Schritt: {}", e.step_title)];
            if !e.plan.owner.is_empty() {
                description.push(format!("Zuständig: {}", e.plan.owner));
            }
            description.push(format!("Arbeitsstand: {name}"));
            let summary = if e.done {
                format!("Erledigt: {}", e.title())
            } else {
                e.title().to_string()
            };
            Some(Item {
                uid: uid(guide, &progress.origin, &e.step_id, e.task_id()),
                kind: Kind::Event,
                date: due,
                summary,
                description: description.join("\n"),
                url: Some(home.link(&crate::route::Route::Step(e.step_id.clone()))),
                categories: vec!["Open Government".into(), e.plan.owner.clone()],
                status: None,
                completed: None,
            })
        })
        .collect();
    let stamp = Stamp::from_unix_ms(now_ms)
        .or_else(|| Stamp::from_unix_ms(0))
        .expect("1970 is within the years a date may have");
    ical::calendar(&format!("{} – {name}", guide.title), stamp, &items)
}
