//! The status report ("Umsetzungsstand") of one work state: the profile, each step of the
//! path per chapter with status, open tasks, notes and reasons, and what is archived. The
//! app renders it as a page; `to_document` makes the one document that the Markdown, Word,
//! OpenDocument and web-page files are written from.

use std::collections::BTreeSet;

use crate::document::{self, Block, Document, Inline, Item, Meta, Table};
use crate::guide::{Guide, Priority};
use crate::path;
use crate::progress::{Archive, Plan, Progress, Status};
use crate::review::Chart;

#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    pub title: String,
    pub name: String,
    pub guide_title: String,
    pub guide_version: String,
    /// (question or decision, answer label) in guide order.
    pub profile: Vec<(String, String)>,
    pub done: usize,
    pub total: usize,
    pub chapters: Vec<ReportChapter>,
    /// Steps that are not on the current path but hold something the user entered
    /// (e.g. from before a profile change); `number` is 0.
    pub off_path: Vec<ReportStep>,
    pub archive: Archive,
    /// The archive in words (`Archive::lines`), as every rendering shows it.
    pub archive_lines: Vec<String>,
    /// The path's effort in words (`Path::effort_phrase`).
    pub effort: Option<String>,
    /// Each field's level now, at the last snapshot and as target (empty when the guide
    /// asks about no field).
    pub levels: Chart,
    /// The next review date, if set.
    pub review: Option<crate::date::Date>,
}

/// The report's fixed texts, shared by the page and every download.
pub const OFF_PATH_TITLE: &str = "Weitere Eingaben";
pub const OFF_PATH_INTRO: &str = "Schritte, die nach dem aktuellen Profil nicht auf dem Weg liegen, zu denen aber schon etwas eingetragen ist:";
pub const ARCHIVE_TITLE: &str = "Archiv";
pub const ARCHIVE_INTRO: &str = "Eingaben zu Schritten, Aufgaben oder Antworten, die es in dieser Version des Leitfadens nicht mehr gibt, und aufbewahrte Fassungen von Notizen:";
pub const LEVELS_TITLE: &str = "Stand der Felder und Ziele";
/// The column of owners and due dates in a step's task table.
pub const PLAN_COLUMN: &str = "Zuständig / Fällig";

#[derive(Debug, Clone, PartialEq)]
pub struct ReportChapter {
    pub title: String,
    pub steps: Vec<ReportStep>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportStep {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub priority: Priority,
    pub status: Status,
    pub reason: String,
    pub note: String,
    pub done_tasks: Vec<String>,
    pub open_tasks: Vec<String>,
    /// The estimated hours for this profile, (low, high).
    pub effort: Option<(u32, u32)>,
    /// Who does the step as a whole, and by when.
    pub plan: Plan,
    /// Each task's owner and due date: first the done tasks', then the open ones', in the
    /// order of `done_tasks` and `open_tasks`.
    pub task_plans: Vec<Plan>,
}

impl ReportStep {
    /// Step `v.step` as it appears on (or off) the path, with what the user entered.
    fn of(guide: &Guide, progress: &Progress, v: &path::Visible, number: usize) -> ReportStep {
        let step = &guide.steps[v.step];
        let entry = progress.step(&step.id).cloned().unwrap_or_default();
        let (done_tasks, open_tasks) = v
            .tasks
            .iter()
            .map(|(k, _)| &step.tasks[*k])
            .partition::<Vec<_>, _>(|t| entry.tasks.contains(&t.id));
        ReportStep {
            id: step.id.clone(),
            number,
            title: step.title.clone(),
            priority: v.priority,
            status: entry.status,
            reason: entry.reason.clone(),
            note: entry.note.clone(),
            done_tasks: done_tasks.iter().map(|t| t.text.clone()).collect(),
            open_tasks: open_tasks.iter().map(|t| t.text.clone()).collect(),
            effort: v.effort.map(|e| e.hours),
            plan: progress.plan(&step.id, None),
            task_plans: done_tasks
                .iter()
                .chain(&open_tasks)
                .map(|t| progress.plan(&step.id, Some(&t.id)))
                .collect(),
        }
    }

    /// „Zuständig / Fällig (ganzer Schritt): Frau Yilmaz · bis 01.12.2026“.
    pub fn plan_line(&self) -> String {
        format!("{PLAN_COLUMN} (ganzer Schritt): {}", self.plan.cell())
    }

    /// Whether the step or one of its tasks has an owner or a due date.
    pub fn has_plans(&self) -> bool {
        !self.plan.is_empty() || self.task_plans.iter().any(|p| !p.is_empty())
    }

    /// The step's tasks as (text, done, plan), done ones first.
    pub fn tasks(&self) -> impl Iterator<Item = (&str, bool, Option<&Plan>)> {
        let done = self.done_tasks.iter().map(|t| (t.as_str(), true));
        let open = self.open_tasks.iter().map(|t| (t.as_str(), false));
        done.chain(open)
            .enumerate()
            .map(|(i, (t, d))| (t, d, self.task_plans.get(i)))
    }

    /// „Priorität: Wichtig · Geschätzter Aufwand: 2 bis 4 Stunden“.
    pub fn meta(&self) -> String {
        let mut out = format!("Priorität: {}", self.priority.label());
        if let Some(h) = self.effort {
            out.push_str(&format!(
                " · Geschätzter Aufwand: {}",
                crate::text::hours(h)
            ));
        }
        out
    }
}

impl StatusReport {
    pub fn build(guide: &Guide, progress: &Progress) -> StatusReport {
        let path = path::compute(guide, &progress.answers);
        let mut profile = Vec::new();
        for (q, a) in guide.questions.iter().zip(&path.facts.profile) {
            if let Some(a) = a {
                profile.push((q.short.clone(), q.choices[usize::from(*a)].label.clone()));
            }
        }
        for d in 0..guide.decisions.len() {
            let decision = guide.decision_at(d);
            if let Some(c) = path.facts.decisions[d].map(|k| &decision.choices[k as usize]) {
                profile.push((decision.short.clone(), c.label.clone()));
            }
        }
        let (done, total) = progress.done_count(guide, path.steps.iter().map(|v| v.step));
        let chapters = path
            .by_chapter(guide)
            .into_iter()
            .map(|(ch, positions)| ReportChapter {
                title: format!("Kapitel {ch} · {}", guide.chapters[ch].title),
                steps: positions
                    .into_iter()
                    .map(|pos| ReportStep::of(guide, progress, &path.steps[pos], pos + 1))
                    .collect(),
            })
            .collect();
        // What the user entered on steps a profile change took off the path, shown as
        // those steps would appear.
        let off_path = path
            .hidden
            .iter()
            .filter(|&&i| {
                progress
                    .step(&guide.steps[i].id)
                    .is_some_and(|e| !e.is_empty())
            })
            .map(|&i| ReportStep::of(guide, progress, &path.appearance(guide, i), 0))
            .collect();
        let name = progress.name.clone();
        let archive = progress.archive(guide);
        StatusReport {
            title: if name.is_empty() {
                "Umsetzungsstand Open Government".into()
            } else {
                format!("Umsetzungsstand Open Government: {name}")
            },
            name,
            guide_title: guide.title.clone(),
            guide_version: guide.version.clone(),
            profile,
            done,
            total,
            chapters,
            off_path,
            archive_lines: archive.lines(),
            effort: path.effort_phrase(guide),
            archive,
            levels: Chart::build(guide, progress),
            review: progress.review,
        }
    }

    /// The report as Markdown; `date` is printed as the report's date. Written from
    /// `to_document`, so it says exactly what the office files and the web page say.
    pub fn to_markdown(&self, date: &str) -> String {
        document::markdown::write(&self.to_document(date))
    }

    /// What every page of the report's office files names in its header.
    pub fn meta(&self, date: &str) -> Meta {
        Meta {
            kommune: self.name.clone(),
            date: date.to_string(),
            guide_title: self.guide_title.clone(),
            guide_version: self.guide_version.clone(),
        }
    }

    /// The whole report as a document (for the council: everything, see `Selection::all`).
    pub fn to_document(&self, date: &str) -> Document {
        self.to_document_with(date, &Selection::all())
    }

    /// The report as a document showing what `show` selects. Each chapter starts a page.
    pub fn to_document_with(&self, date: &str, show: &Selection) -> Document {
        let mut blocks = vec![Block::para(format!(
            "Stand: {date} · {} (Version {})",
            self.guide_title, self.guide_version
        ))];
        if show.profile {
            blocks.push(heading(1, "Profil"));
            if !self.profile.is_empty() {
                blocks.push(Block::List {
                    ordered: false,
                    items: self
                        .profile
                        .iter()
                        .map(|(k, v)| item(None, format!("{k}: {v}")))
                        .collect(),
                });
            }
        }
        blocks.push(Block::Paragraph(vec![
            Inline::Strong(vec![Inline::text("Fortschritt:")]),
            Inline::text(format!(
                " {} von {} Schritten erledigt oder als nicht relevant markiert.",
                self.done, self.total
            )),
        ]));
        if let Some(e) = &self.effort {
            blocks.push(Block::para(e.clone()));
        }
        if show.profile && !self.levels.is_empty() {
            blocks.push(heading(1, LEVELS_TITLE));
            blocks.push(Block::Table(self.levels.table()));
            if let Some(d) = self.review {
                blocks.push(Block::para(format!(
                    "Nächste Überprüfung: {}",
                    d.to_german()
                )));
            }
        }
        for ch in &self.chapters {
            blocks.push(Block::PageBreak);
            blocks.push(heading(1, &ch.title));
            for s in &ch.steps {
                step_blocks(&mut blocks, s, &format!("{}. {}", s.number, s.title), show);
            }
        }
        if show.other_entries && !self.off_path.is_empty() {
            blocks.push(Block::PageBreak);
            blocks.push(heading(1, OFF_PATH_TITLE));
            blocks.push(Block::para(OFF_PATH_INTRO));
            for s in &self.off_path {
                step_blocks(&mut blocks, s, &s.title, show);
            }
        }
        if show.other_entries && !self.archive_lines.is_empty() {
            blocks.push(Block::PageBreak);
            blocks.push(heading(1, ARCHIVE_TITLE));
            blocks.push(Block::para(ARCHIVE_INTRO));
            let items = self
                .archive_lines
                .iter()
                .map(|line| item(None, line.replace('\n', " ")))
                .collect();
            blocks.push(Block::List {
                ordered: false,
                items,
            });
        }
        Document {
            title: self.title.clone(),
            meta: self.meta(date),
            blocks,
        }
    }
}

/// What a report shows. The council report shows everything (`Selection::all`); a page
/// the Kommune publishes shows what it chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The profile's answers.
    pub profile: bool,
    /// Each step's ticked and open tasks.
    pub tasks: bool,
    /// Why a step is not relevant.
    pub reasons: bool,
    /// Whose notes: every step's (`None`) or only the steps with these ids.
    pub notes: Option<BTreeSet<String>>,
    /// Entries on steps off the path, and the archive.
    pub other_entries: bool,
    /// Who does which step or task by when (names of people: not for a public page
    /// unless chosen).
    pub plans: bool,
}

impl Selection {
    pub fn all() -> Selection {
        Selection {
            profile: true,
            tasks: true,
            reasons: true,
            notes: None,
            other_entries: true,
            plans: true,
        }
    }

    /// A start for a public page: the profile and every step with its status and tasks;
    /// no notes, reasons or other entries until the Kommune picks them.
    pub fn public() -> Selection {
        Selection {
            profile: true,
            tasks: true,
            reasons: false,
            notes: Some(BTreeSet::new()),
            other_entries: false,
            plans: false,
        }
    }

    fn note(&self, step: &str) -> bool {
        self.notes.as_ref().is_none_or(|ids| ids.contains(step))
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading(level, vec![Inline::text(text)])
}

fn item(checked: Option<bool>, text: String) -> Item {
    Item {
        checked,
        inlines: vec![Inline::Text(text)],
    }
}

/// One step's part of the report: heading with status, priority, reason, tasks, notes.
fn step_blocks(blocks: &mut Vec<Block>, s: &ReportStep, heading: &str, show: &Selection) {
    blocks.push(Block::Heading(
        2,
        vec![Inline::text(format!("{heading} — {}", s.status.label()))],
    ));
    blocks.push(Block::para(s.meta()));
    if show.reasons && s.status == Status::NotRelevant && !s.reason.trim().is_empty() {
        blocks.push(Block::para(format!(
            "Grund, warum nicht relevant: {}",
            s.reason.trim()
        )));
    }
    if show.plans && !s.plan.is_empty() {
        blocks.push(Block::para(s.plan_line()));
    }
    if show.tasks && s.tasks().next().is_some() {
        if show.plans && s.has_plans() {
            blocks.push(Block::Table(task_table(s)));
        } else {
            let items = s
                .tasks()
                .map(|(t, done, _)| item(Some(done), t.to_string()));
            blocks.push(Block::List {
                ordered: false,
                items: items.collect(),
            });
        }
    }
    let note = s.note.trim_end().trim_start_matches(['\n', '\r']);
    if show.note(&s.id) && !note.trim().is_empty() {
        blocks.push(Block::para("Notizen:"));
        blocks.push(Block::Quote(vec![Inline::text(note)]));
    }
}

/// A step's tasks with whether each is done and its owner and due date (`PLAN_COLUMN`).
fn task_table(s: &ReportStep) -> Table {
    let text = |t: &str| vec![Inline::text(t)];
    Table {
        header: vec![text("Aufgabe"), text("Stand"), text(PLAN_COLUMN)],
        rows: s
            .tasks()
            .map(|(t, done, plan)| {
                vec![
                    text(t),
                    text(if done { "☑ erledigt" } else { "☐ offen" }),
                    text(&plan.map(Plan::cell).unwrap_or_default()),
                ]
            })
            .collect(),
        widths: vec![6, 2, 3],
    }
}
