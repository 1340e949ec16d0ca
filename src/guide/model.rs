//! The authored guide as types: what an author writes in `guide/*.ron`, one struct per
//! RON struct name. Loading (`guide::load`) fills these; nothing here touches files.

use serde::{Deserialize, Serialize};

use crate::condition::Condition;

/// `guide/leitfaden.ron`: the guide's metadata, its intake questions and the files that
/// hold its chapters and collections, relative to the guide directory.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    pub id: String,
    pub title: String,
    pub version: String,
    pub language: String,
    /// Markdown shown on the start page.
    #[serde(default)]
    pub intro: String,
    pub questions: Vec<Question>,
    pub chapters: Vec<String>,
    #[serde(default)]
    pub resources: Option<String>,
    #[serde(default)]
    pub examples: Option<String>,
    #[serde(default)]
    pub glossary: Option<String>,
    #[serde(default)]
    pub sources: Option<String>,
    /// Ready-made example profiles trainers can switch between in demo mode.
    #[serde(default)]
    pub demo_profiles: Vec<DemoProfile>,
}

/// An example Kommune for demonstrations: a name and an answer to every intake question.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DemoProfile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// (question id, choice id) pairs.
    pub answers: Vec<(String, String)>,
}

/// An intake question: single choice, answered before the path is computed.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The question as the user reads it.
    pub label: String,
    /// A short noun used in explanations ("Größe ist Landgemeinde").
    pub short: String,
    #[serde(default)]
    pub help: String,
    pub choices: Vec<Choice>,
}

/// One answer of a question or a decision, with a stable id.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// One line that helps the user pick this answer.
    #[serde(default)]
    pub help: String,
}

/// `guide/kapitel/*.ron`: one chapter (phase) and its steps, in order.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Essential,
    Recommended,
    Optional,
}

impl Priority {
    pub fn label(self) -> &'static str {
        match self {
            Priority::Essential => "Wichtig",
            Priority::Recommended => "Empfohlen",
            Priority::Optional => "Optional",
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            Priority::Essential => "essential",
            Priority::Recommended => "recommended",
            Priority::Optional => "optional",
        }
    }
}

/// A priority that applies when its condition holds; the first that holds wins.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PriorityIf {
    pub when: Condition,
    pub then: Priority,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    /// Shown only when this holds; no condition means every path has this step.
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default = "default_priority")]
    pub priority: Priority,
    #[serde(default)]
    pub priority_if: Vec<PriorityIf>,
    /// Markdown shown to everyone who sees the step.
    #[serde(default)]
    pub body: String,
    /// Paragraphs shown after the body when their condition holds, in this order.
    #[serde(default)]
    pub variants: Vec<Variant>,
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// A step that properly ends a path (the last step of every path must be one).
    #[serde(default, rename = "final")]
    pub is_final: bool,
}

fn default_priority() -> Priority {
    Priority::Recommended
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub when: Condition,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub when: Option<Condition>,
    /// Defaults to the step's priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub priority_if: Vec<PriorityIf>,
}

/// A question asked inside a step; later conditions can use its answer.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub label: String,
    pub short: String,
    #[serde(default)]
    pub help: String,
    pub choices: Vec<Choice>,
}

/// An Arbeitshilfe: a checklist or template the user can read and download.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub title: String,
    /// E.g. "Checkliste", "Vorlage", "Leitfragen".
    pub kind: String,
    pub summary: String,
    /// Markdown; downloaded filled in for a work state (`handout::Handout`).
    pub body: String,
}

/// A best-practice card: a real Kommune and what others can learn from it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub id: String,
    pub kommune: String,
    pub size: String,
    pub title: String,
    pub what: String,
    pub learn: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub term: String,
    /// Other spellings that are marked in the text as this term.
    #[serde(default)]
    pub also: Vec<String>,
    pub definition: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}
