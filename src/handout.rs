//! An Arbeitshilfe filled in for one work state: the Kommune, its profile and the notes of
//! the steps that use it, then the guide's text with its writing space, as one Document.

use crate::document::{self, Block, Document, Inline, Item, Meta};
use crate::guide::{Guide, Resource};
use crate::progress::Progress;

/// How many lines an Arbeitshilfe without writing space of its own gets at its end.
pub const NOTES_LINES: usize = 8;

/// What goes into one Arbeitshilfe's download, taken from the guide and a work state.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    pub resource: Resource,
    /// The work state's name (may be empty).
    pub kommune: String,
    /// The profile in one line ("Größe: … · Stand: …"), empty before the intake.
    pub profile: String,
    /// (step title, note) for every step that lists this Arbeitshilfe (itself or in a
    /// variant) and has a note, in guide order; steps off the current path too, since the
    /// notes are the user's.
    pub notes: Vec<(String, String)>,
    pub guide_title: String,
    pub guide_version: String,
    /// The sources the Arbeitshilfe cites, as citations.
    pub sources: Vec<String>,
}

impl Handout {
    /// The Arbeitshilfe `resource` (an id) for this work state; `None` if the guide has none.
    pub fn build(guide: &Guide, progress: &Progress, resource: &str) -> Option<Handout> {
        let r = guide.resource(resource)?;
        let notes = guide
            .steps
            .iter()
            .filter(|s| s.uses_resource(resource))
            .filter_map(|s| {
                let note = progress.step(&s.id)?.note.trim_end();
                (!note.trim().is_empty()).then(|| (s.title.clone(), note.to_string()))
            })
            .collect();
        Some(Handout {
            resource: r.clone(),
            kommune: progress.name.trim().to_string(),
            profile: progress.answers.summary(guide),
            notes,
            guide_title: guide.title.clone(),
            guide_version: guide.version.clone(),
            sources: guide
                .resource_sources(r)
                .iter()
                .map(|s| s.citation())
                .collect(),
        })
    }

    /// The filled-in Arbeitshilfe. The guide's body keeps its own writing space; one
    /// without gets a notes section with ruled lines at the end.
    pub fn to_document(&self, date: &str) -> Document {
        let r = &self.resource;
        let mut blocks = vec![
            Block::Paragraph(vec![
                Inline::Strong(vec![Inline::text(r.kind.clone())]),
                Inline::text(format!(
                    " · Stand: {date} · {} (Version {})",
                    self.guide_title, self.guide_version
                )),
            ]),
            Block::para(r.summary.clone()),
            Block::Heading(1, vec![Inline::text("Angaben aus Ihrem Arbeitsstand")]),
        ];
        if self.kommune.is_empty() {
            blocks.push(Block::para("Kommune:"));
            blocks.push(Block::WritingSpace(1));
        }
        let mut facts = Vec::new();
        if !self.kommune.is_empty() {
            facts.push(format!("Kommune: {}", self.kommune));
        }
        if !self.profile.is_empty() {
            facts.push(format!("Profil: {}", self.profile));
        }
        if !facts.is_empty() {
            blocks.push(Block::List {
                ordered: false,
                items: facts
                    .into_iter()
                    .map(|t| Item {
                        checked: None,
                        inlines: vec![Inline::Text(t)],
                    })
                    .collect(),
            });
        }
        for (step, note) in &self.notes {
            blocks.push(Block::Paragraph(vec![Inline::Strong(vec![Inline::text(
                format!("Ihre Notizen zum Schritt „{step}“:"),
            )])]));
            blocks.push(Block::Quote(vec![Inline::text(note.clone())]));
        }
        let body = document::from_markdown(&r.body);
        let has_space = body.iter().any(|b| matches!(b, Block::WritingSpace(_)));
        blocks.extend(body);
        if !has_space {
            blocks.push(Block::Heading(1, vec![Inline::text("Eigene Notizen")]));
            blocks.push(Block::WritingSpace(NOTES_LINES));
        }
        if !self.sources.is_empty() {
            blocks.push(Block::Heading(1, vec![Inline::text("Quellen")]));
            blocks.push(Block::List {
                ordered: false,
                items: self
                    .sources
                    .iter()
                    .map(|c| Item {
                        checked: None,
                        inlines: vec![Inline::text(c.clone())],
                    })
                    .collect(),
            });
        }
        Document {
            title: r.title.clone(),
            meta: Meta {
                kommune: self.kommune.clone(),
                date: date.to_string(),
                guide_title: self.guide_title.clone(),
                guide_version: self.guide_version.clone(),
            },
            blocks,
        }
    }

    /// The filled-in Arbeitshilfe as Markdown (from `to_document`).
    pub fn to_markdown(&self, date: &str) -> String {
        document::markdown::write(&self.to_document(date))
    }
}
