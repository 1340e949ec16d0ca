//! The status report ("Umsetzungsstand") of one work state: the profile, each step of the
//! path per chapter with status, open tasks, notes and reasons, and what is archived. The
//! app renders it as a page; `to_markdown` writes the file an officer hands to the council.

use crate::guide::{Guide, Priority};
use crate::path;
use crate::progress::{Archive, Progress, Status};

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
}

/// The report's fixed texts, shared by the page and every download.
pub const OFF_PATH_TITLE: &str = "Weitere Eingaben";
pub const OFF_PATH_INTRO: &str = "Schritte, die nach dem aktuellen Profil nicht auf dem Weg liegen, zu denen aber schon etwas eingetragen ist:";
pub const ARCHIVE_TITLE: &str = "Archiv";
pub const ARCHIVE_INTRO: &str = "Eingaben zu Schritten, Aufgaben oder Antworten, die es in dieser Version des Leitfadens nicht mehr gibt, und aufbewahrte Fassungen von Notizen:";

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
}

impl StatusReport {
    pub fn build(guide: &Guide, progress: &Progress) -> StatusReport {
        let path = path::compute(guide, &progress.answers);
        let mut profile = Vec::new();
        for q in &guide.questions {
            if let Some(c) = progress
                .answers
                .profile
                .get(&q.id)
                .and_then(|a| q.choices.iter().find(|c| &c.id == a))
            {
                profile.push((q.short.clone(), c.label.clone()));
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
                    .map(|pos| {
                        let v = &path.steps[pos];
                        let step = &guide.steps[v.step];
                        let entry = progress.step(&step.id).cloned().unwrap_or_default();
                        let (done_tasks, open_tasks) = v
                            .tasks
                            .iter()
                            .map(|(k, _)| &step.tasks[*k])
                            .partition::<Vec<_>, _>(|t| entry.tasks.contains(&t.id));
                        ReportStep {
                            id: step.id.clone(),
                            number: pos + 1,
                            title: step.title.clone(),
                            priority: v.priority,
                            status: entry.status,
                            reason: entry.reason.clone(),
                            note: entry.note.clone(),
                            done_tasks: done_tasks.iter().map(|t| t.text.clone()).collect(),
                            open_tasks: open_tasks.iter().map(|t| t.text.clone()).collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let off_path = path
            .hidden
            .iter()
            .filter_map(|&i| {
                let step = &guide.steps[i];
                let entry = progress.step(&step.id).filter(|e| !e.is_empty())?;
                let (done_tasks, open_tasks) = step
                    .tasks
                    .iter()
                    .partition::<Vec<_>, _>(|t| entry.tasks.contains(&t.id));
                Some(ReportStep {
                    id: step.id.clone(),
                    number: 0,
                    title: step.title.clone(),
                    priority: step.priority,
                    status: entry.status,
                    reason: entry.reason.clone(),
                    note: entry.note.clone(),
                    done_tasks: done_tasks.iter().map(|t| t.text.clone()).collect(),
                    open_tasks: open_tasks.iter().map(|t| t.text.clone()).collect(),
                })
            })
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
            archive,
        }
    }

    /// The report as Markdown; `date` is printed as the report's date.
    pub fn to_markdown(&self, date: &str) -> String {
        let mut out = format!("# {}\n\n", self.title);
        out.push_str(&format!(
            "Stand: {date} · {} (Version {})\n\n",
            self.guide_title, self.guide_version
        ));
        out.push_str("## Profil\n\n");
        for (k, v) in &self.profile {
            out.push_str(&format!("- {k}: {v}\n"));
        }
        out.push_str(&format!(
            "\n**Fortschritt:** {} von {} Schritten erledigt oder als nicht relevant markiert.\n",
            self.done, self.total
        ));
        for ch in &self.chapters {
            out.push_str(&format!("\n## {}\n", ch.title));
            for s in &ch.steps {
                write_step(&mut out, s, &format!("{}. {}", s.number, s.title));
            }
        }
        if !self.off_path.is_empty() {
            out.push_str(&format!("\n## {OFF_PATH_TITLE}\n\n{OFF_PATH_INTRO}\n"));
            for s in &self.off_path {
                write_step(&mut out, s, &s.title);
            }
        }
        if !self.archive_lines.is_empty() {
            out.push_str(&format!("\n## {ARCHIVE_TITLE}\n\n{ARCHIVE_INTRO}\n\n"));
            for line in &self.archive_lines {
                out.push_str(&format!("- {}\n", line.replace('\n', " ")));
            }
        }
        out
    }
}

/// One step's section of the Markdown report.
fn write_step(out: &mut String, s: &ReportStep, heading: &str) {
    out.push_str(&format!(
        "\n### {heading} — {}\n\nPriorität: {}\n",
        s.status.label(),
        s.priority.label()
    ));
    if s.status == Status::NotRelevant && !s.reason.is_empty() {
        out.push_str(&format!("\nGrund, warum nicht relevant: {}\n", s.reason));
    }
    if !s.done_tasks.is_empty() || !s.open_tasks.is_empty() {
        out.push('\n');
        for t in &s.done_tasks {
            out.push_str(&format!("- [x] {t}\n"));
        }
        for t in &s.open_tasks {
            out.push_str(&format!("- [ ] {t}\n"));
        }
    }
    if !s.note.trim().is_empty() {
        out.push_str("\nNotizen:\n\n");
        for line in s.note.lines() {
            out.push_str(&format!("> {line}\n"));
        }
    }
}
