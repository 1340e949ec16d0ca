//! Reviews over time: where each field („Transparenz“, „Beteiligung“ …) stands now, at the
//! last snapshot and as the Kommune's target; what changed since a snapshot; the bar chart.
//!
//! The chart is an SVG string made here, in plain Rust, so that the screen, the report and
//! the office documents can all use it; it always comes with a table of the same numbers.

use std::fmt::Write as _;

use crate::date::{Date, Due};
use crate::document::xml::escaped;
use crate::document::{Inline, Table};
use crate::guide::{Guide, Question};
use crate::profile::Answers;
use crate::progress::{Progress, Snapshot, Status};

/// The scale of the questions that ask where a field stands, lowest first.
pub const LEVELS: [&str; 3] = ["am_anfang", "etabliert", "vorreiter"];

/// The level an answer means: its place in `LEVELS`, directly or through `counts_as`
/// („Weiß ich nicht“ counts as „Am Anfang“).
fn level_of(q: &Question, choice: &str) -> Option<u8> {
    let c = q.choices.iter().find(|c| c.id == choice)?;
    let id = c.counts_as.as_deref().unwrap_or(&c.id);
    LEVELS.iter().position(|l| *l == id).map(|p| p as u8)
}

/// The intake questions that ask where a field stands: each of their answers is a level of
/// `LEVELS` or counts as one, and every level is offered. In guide order.
pub fn fields(guide: &Guide) -> Vec<usize> {
    guide
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            let all_levels = q.choices.iter().all(|c| level_of(q, &c.id).is_some());
            let every_level = LEVELS.iter().all(|l| q.choices.iter().any(|c| c.id == *l));
            all_levels && every_level
        })
        .map(|(i, _)| i)
        .collect()
}

/// The choice ids a target may take for question `q` (the levels, lowest first).
pub fn target_choices(guide: &Guide, q: usize) -> Vec<(&str, &str)> {
    LEVELS
        .iter()
        .filter_map(|l| guide.questions[q].choices.iter().find(|c| c.id == *l))
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect()
}

/// The level of field `q` in `answers` (answered or implied).
pub fn level(guide: &Guide, q: usize, answers: &Answers) -> Option<u8> {
    let question = &guide.questions[q];
    let choice = answers.facts(guide).profile[q]?;
    level_of(question, &question.choices[usize::from(choice)].id)
}

/// The level the Kommune set as target for field `q`.
pub fn target(guide: &Guide, q: usize, progress: &Progress) -> Option<u8> {
    let question = &guide.questions[q];
    level_of(question, progress.targets.get(&question.id)?)
}

/// The word for level `l` of field `q`: the label of that answer („Etabliert“).
pub fn level_label(guide: &Guide, q: usize, l: u8) -> String {
    guide.questions[q]
        .choices
        .iter()
        .find(|c| c.id == LEVELS[usize::from(l)])
        .map_or_else(|| LEVELS[usize::from(l)].to_string(), |c| c.label.clone())
}

/// „Etabliert (2 von 3)“, or „keine Angabe“: how the table and the chart's description
/// say a level.
pub fn level_words(guide: &Guide, q: usize, l: Option<u8>) -> String {
    match l {
        Some(l) => format!(
            "{} ({} von {})",
            level_label(guide, q, l),
            l + 1,
            LEVELS.len()
        ),
        None => "keine Angabe".into(),
    }
}

/// One field's levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub question: String,
    /// The field's short name from the guide („Stand bei Transparenz“).
    pub name: String,
    pub now: Option<u8>,
    pub then: Option<u8>,
    pub target: Option<u8>,
    /// The three in words (`level_words`).
    pub words: [String; 3],
}

/// Every field now, at the last snapshot, and as target: the chart and its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub rows: Vec<Row>,
    /// The level labels, lowest first (from the first field).
    pub levels: Vec<String>,
    /// „Zwischenstand „Herbst“ vom 01.10.2026“, or `None` without a snapshot.
    pub then: Option<String>,
}

/// The column headings of the chart's table and the legend of its bars.
pub const NOW: &str = "Jetzt";
pub const TARGET: &str = "Ziel";
pub const THEN: &str = "Letzter Zwischenstand";

impl Chart {
    pub fn build(guide: &Guide, progress: &Progress) -> Chart {
        let last = progress.last_snapshot();
        let fields = fields(guide);
        let rows = fields
            .iter()
            .map(|&q| {
                let now = level(guide, q, &progress.answers);
                let then = last.and_then(|s| level(guide, q, &s.answers));
                let target = target(guide, q, progress);
                Row {
                    question: guide.questions[q].id.clone(),
                    name: guide.questions[q].short.clone(),
                    now,
                    then,
                    target,
                    words: [now, then, target].map(|l| level_words(guide, q, l)),
                }
            })
            .collect();
        let levels = fields.first().map_or_else(Vec::new, |&q| {
            (0..LEVELS.len() as u8)
                .map(|l| level_label(guide, q, l))
                .collect()
        });
        Chart {
            rows,
            levels,
            then: last.map(snapshot_label),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table with the chart's numbers: one row per field; the snapshot's column only
    /// when there is one.
    pub fn table(&self) -> Table {
        let text = |s: &str| vec![Inline::text(s)];
        let mut header = vec![text("Feld"), text(NOW)];
        if let Some(then) = &self.then {
            header.push(text(&format!("{THEN} ({then})")));
        }
        header.push(text(TARGET));
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![text(&r.name), text(&r.words[0])];
                if self.then.is_some() {
                    cells.push(text(&r.words[1]));
                }
                cells.push(text(&r.words[2]));
                cells
            })
            .collect();
        Table {
            header,
            rows,
            widths: Vec::new(),
        }
    }

    /// The chart as an SVG element: per field one bar each for now, the last snapshot and
    /// the target, as long as the level. `role="img"` with a `<title>` and a `<desc>` that
    /// says every number, so a screen reader needs no picture; each bar also carries its
    /// level as text, so no colour has to be told apart. `id` makes the ids of title and
    /// description unique on the page.
    pub fn svg(&self, id: &str) -> String {
        const LABEL_W: u32 = 240;
        const BAR_W: u32 = 360;
        const NAME_H: u32 = 20;
        const BAR_H: u32 = 16;
        const GAP: u32 = 4;
        const GROUP_GAP: u32 = 18;
        const TOP: u32 = 56;
        // Now solid dark, the snapshot solid light, the target as an outline: told apart
        // by shape and lightness, not by hue alone.
        let series: Vec<(&str, usize, &str)> = [
            Some((NOW, 0, "fill=\"#0b4f8a\"")),
            self.then.as_ref().map(|_| (THEN, 1, "fill=\"#9bb7d6\"")),
            Some((
                TARGET,
                2,
                "fill=\"#ffffff\" stroke=\"#0b4f8a\" stroke-width=\"2\" stroke-dasharray=\"6 3\"",
            )),
        ]
        .into_iter()
        .flatten()
        .collect();
        let group_h = NAME_H + series.len() as u32 * (BAR_H + GAP) + GROUP_GAP;
        let height = TOP + self.rows.len() as u32 * group_h + 8;
        let width = LABEL_W + BAR_W + 20;
        let steps = self.levels.len().max(1) as u32;
        let step_w = BAR_W / steps;
        let (title_id, desc_id) = (format!("{id}-titel"), format!("{id}-beschreibung"));
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"level-chart\" role=\"img\" aria-labelledby=\"{} {}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"13\">",
            escaped(&title_id),
            escaped(&desc_id)
        );
        let _ = write!(
            s,
            "<title id=\"{}\">Stand der Felder: jetzt, beim letzten Zwischenstand und Ziel</title>",
            escaped(&title_id)
        );
        let _ = write!(
            s,
            "<desc id=\"{}\">{}</desc>",
            escaped(&desc_id),
            escaped(&self.description())
        );
        // Legend.
        let mut x = LABEL_W;
        for (name, _, paint) in &series {
            let _ = write!(
                s,
                "<rect {paint} x=\"{x}\" y=\"6\" width=\"14\" height=\"14\"/><text x=\"{}\" y=\"18\">{}</text>",
                x + 20,
                escaped(name)
            );
            x += 30 + 8 * name.chars().count() as u32;
        }
        // One vertical line and label per level.
        for (k, label) in self.levels.iter().enumerate() {
            let lx = LABEL_W + (k as u32 + 1) * step_w;
            let _ = write!(
                s,
                "<line class=\"grid\" x1=\"{lx}\" y1=\"{}\" x2=\"{lx}\" y2=\"{}\" stroke=\"#888\" stroke-dasharray=\"3 3\"/><text x=\"{lx}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
                TOP - 8,
                height - 8,
                TOP - 12,
                escaped(label)
            );
        }
        for (i, row) in self.rows.iter().enumerate() {
            let y0 = TOP + i as u32 * group_h;
            let _ = write!(
                s,
                "<text class=\"field\" x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>",
                y0 + 13,
                escaped(&row.name)
            );
            for (k, (name, which, paint)) in series.iter().enumerate() {
                let y = y0 + NAME_H + k as u32 * (BAR_H + GAP);
                let level = [row.now, row.then, row.target][*which];
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}: {}</text>",
                    LABEL_W - 8,
                    y + BAR_H - 4,
                    escaped(name),
                    escaped(&row.words[*which])
                );
                if let Some(l) = level {
                    let w = (u32::from(l) + 1) * step_w;
                    let _ = write!(
                        s,
                        "<rect {paint} x=\"{LABEL_W}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_H}\"/>"
                    );
                }
            }
        }
        s.push_str("</svg>");
        s
    }

    /// Every number of the chart in one text: its `<desc>`.
    pub fn description(&self) -> String {
        self.rows
            .iter()
            .map(|r| {
                let mut parts = vec![format!("{NOW}: {}", r.words[0])];
                if self.then.is_some() {
                    parts.push(format!("{THEN}: {}", r.words[1]));
                }
                parts.push(format!("{TARGET}: {}", r.words[2]));
                format!("{}: {}.", r.name, parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// „Zwischenstand „Herbst“ vom 01.10.2026“.
pub fn snapshot_label(s: &Snapshot) -> String {
    format!("„{}“ vom {}", s.name, s.date.to_german())
}

/// A field that moved between a snapshot and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub field: String,
    pub from: String,
    pub to: String,
    /// Whether it moved up the scale.
    pub up: bool,
}

/// A note written or changed since a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteChange {
    pub step: String,
    pub title: String,
    pub note: String,
    /// Whether the step had no note at the snapshot.
    pub new: bool,
}

/// What changed between a snapshot and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// `snapshot_label` of the snapshot.
    pub since: String,
    /// Titles of steps done or marked not relevant since, in guide order.
    pub completed: Vec<String>,
    /// Titles of steps that were done then and are not any more.
    pub reopened: Vec<String>,
    /// How many tasks were ticked since (and not ticked then).
    pub ticked: usize,
    pub moved: Vec<Moved>,
    pub notes: Vec<NoteChange>,
}

impl Comparison {
    /// Compares `progress` now with its snapshot `then`. Steps the guide no longer has
    /// appear under their id.
    pub fn build(guide: &Guide, progress: &Progress, then: &Snapshot) -> Comparison {
        let closed = |s: Status| matches!(s, Status::Done | Status::NotRelevant);
        let mut ids: Vec<&str> = guide.steps.iter().map(|s| s.id.as_str()).collect();
        for id in progress.steps.keys().chain(then.steps.keys()) {
            if guide.step_index(id).is_none() && !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        let title = |id: &str| {
            guide
                .step_index(id)
                .map_or_else(|| id.to_string(), |i| guide.steps[i].title.clone())
        };
        let mut c = Comparison {
            since: snapshot_label(then),
            completed: Vec::new(),
            reopened: Vec::new(),
            ticked: 0,
            moved: Vec::new(),
            notes: Vec::new(),
        };
        for id in ids {
            let (was, is) = (then.status(id), progress.status(id));
            if closed(is) && !closed(was) {
                c.completed.push(title(id));
            } else if closed(was) && !closed(is) {
                c.reopened.push(title(id));
            }
            if let Some(e) = progress.step(id) {
                let before = then.steps.get(id).map(|s| &s.tasks);
                c.ticked += e
                    .tasks
                    .iter()
                    .filter(|t| before.is_none_or(|b| !b.contains(*t)))
                    .count();
            }
            let (old, new) = (then.note(id).trim(), progress.note(id));
            if !new.trim().is_empty() && new.trim() != old {
                c.notes.push(NoteChange {
                    step: id.to_string(),
                    title: title(id),
                    note: new.trim().to_string(),
                    new: old.is_empty(),
                });
            }
        }
        for q in fields(guide) {
            let (from, to) = (
                level(guide, q, &then.answers),
                level(guide, q, &progress.answers),
            );
            if from != to {
                c.moved.push(Moved {
                    field: guide.questions[q].short.clone(),
                    from: level_words(guide, q, from),
                    to: level_words(guide, q, to),
                    up: to > from,
                });
            }
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.completed.is_empty()
            && self.reopened.is_empty()
            && self.ticked == 0
            && self.moved.is_empty()
            && self.notes.is_empty()
    }
}

/// How due the review is, once its date has come (today or before); `None` before, or
/// without a review date. The start screen reminds of it then.
pub fn review_due(progress: &Progress, today: Date) -> Option<Due> {
    let due = progress.review?.due(today, 0);
    matches!(due, Due::Overdue { .. } | Due::Today).then_some(due)
}
