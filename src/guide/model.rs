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
    /// Who publishes the guide and what it rests on: the „Über diesen Leitfaden“ page.
    #[serde(default)]
    pub about: About,
}

/// The „Über diesen Leitfaden“ page: publisher, date, what the guide is based on, how to
/// cite it, the licence of its content, and the one note on methods (e.g. estimates).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct About {
    /// Who publishes the guide (the voice of its text).
    #[serde(default)]
    pub publisher: String,
    /// When this version was published, as people write it (e.g. „Dezember 2026“).
    #[serde(default)]
    pub date: String,
    /// Markdown: what the guide is based on.
    #[serde(default)]
    pub based_on: String,
    /// How to cite the guide, as one line.
    #[serde(default)]
    pub cite: String,
    /// The licence of the content, e.g. „CC BY 4.0“, and a link to its text.
    #[serde(default)]
    pub licence: String,
    #[serde(default)]
    pub licence_url: Option<String>,
    /// Markdown: how estimates (effort, costs) were made and what the guide cannot say.
    #[serde(default)]
    pub methods: String,
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
    /// Answers that follow from earlier ones: when a rule holds, the question is not asked
    /// and takes that answer (e.g. a Landkreis needs no question about its administration).
    #[serde(default)]
    pub implied: Vec<Implied>,
}

/// An answer a question takes by itself when `when` (on earlier questions) holds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Implied {
    pub when: Condition,
    pub answer: String,
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
    /// For an answer like „Weiß ich nicht“: the answer it counts as in every condition
    /// (the cautious one). A condition can still name this answer itself, e.g. for a
    /// variant that tells how to find out.
    #[serde(default)]
    pub counts_as: Option<String>,
    /// On the question about available time: the hours per month this answer means, a
    /// range; the path's effort is set against it.
    #[serde(default)]
    pub hours_per_month: Option<(u32, u32)>,
}

/// An effort estimate that applies when its condition holds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EffortIf {
    pub when: Condition,
    pub then: Effort,
}

/// An estimate of the Kommune's own work: hours (a range) and, for a step, how many weeks
/// it typically takes from start to finish.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Effort {
    pub hours: (u32, u32),
    #[serde(default)]
    pub weeks: Option<(u32, u32)>,
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
    /// The Kommune's own work for this step, estimated.
    #[serde(default)]
    pub effort: Option<Effort>,
    /// Other estimates for some profiles (a village does the same step with less work);
    /// the first that holds wins.
    #[serde(default)]
    pub effort_if: Vec<EffortIf>,
    /// Markdown for the „Rechtlich prüfen“ box: what to check before publishing documents
    /// or data, using the population register, going door to door or using an online tool.
    #[serde(default)]
    pub legal: String,
}

fn default_priority() -> Priority {
    Priority::Recommended
}

impl Step {
    /// The Arbeitshilfen shown with the step when these variants (indices) are shown: the
    /// step's own, then those of the variants, each once, in that order.
    pub fn resources_with(&self, variants: &[usize]) -> Vec<&str> {
        once_each(
            self.resources.iter().chain(
                variants
                    .iter()
                    .filter_map(|&v| self.variants.get(v))
                    .flat_map(|v| v.resources.iter()),
            ),
        )
    }

    /// The sources shown with the step when these variants are shown: the step's own,
    /// then those of the variants, each once, in that order.
    pub fn sources_with(&self, variants: &[usize]) -> Vec<&str> {
        once_each(
            self.sources.iter().chain(
                variants
                    .iter()
                    .filter_map(|&v| self.variants.get(v))
                    .flat_map(|v| v.sources.iter()),
            ),
        )
    }

    /// Whether the step or any of its variants lists this Arbeitshilfe.
    pub fn uses_resource(&self, id: &str) -> bool {
        self.resources
            .iter()
            .chain(self.variants.iter().flat_map(|v| v.resources.iter()))
            .any(|r| r == id)
    }
}

fn once_each<'a>(ids: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for id in ids {
        if !out.contains(&id.as_str()) {
            out.push(id);
        }
    }
    out
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub when: Condition,
    pub text: String,
    /// Sources for what this paragraph says (shown with it).
    #[serde(default)]
    pub sources: Vec<String>,
    /// Arbeitshilfen (ids in the resources file) that belong to this paragraph: shown
    /// with the step's own only when the paragraph is shown (e.g. the Kreistag template
    /// for Landkreise).
    #[serde(default)]
    pub resources: Vec<String>,
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
    /// The Kommune's own work for this task, estimated.
    #[serde(default)]
    pub effort: Option<Effort>,
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
    /// Ids of the sources the Arbeitshilfe relies on, listed under its body.
    #[serde(default)]
    pub sources: Vec<String>,
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

/// A source steps, examples and Arbeitshilfen cite: shown as „Titel. Herausgeber, Jahr.“
/// with the link on the title.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The work's title, with its author in front where it has one („Name: Titel“).
    pub title: String,
    /// Who issued it (an authority, an association, a web site); empty when unknown.
    #[serde(default)]
    pub publisher: String,
    /// A year („2019“), a range („2017–2019“) or „o. J.“ for an undated source. A string
    /// because ranges and „o. J.“ are real answers; `lint` checks the form.
    #[serde(default)]
    pub year: Option<String>,
    /// The page or document itself, not a home page.
    #[serde(default)]
    pub url: Option<String>,
    /// The source has no web address at all (a printed book, an unpublished paper), so
    /// no link is expected.
    #[serde(default)]
    pub offline: bool,
}

/// The marker for a source without a date („ohne Jahr“).
pub const NO_YEAR: &str = "o. J.";

impl Source {
    /// What follows the title in a citation: „. Herausgeber, Jahr.“, „. Jahr.“ or „.“
    /// (no full stop is doubled after a title that ends in one).
    pub fn imprint(&self) -> String {
        let parts: Vec<&str> = [
            self.publisher.trim(),
            self.year.as_deref().unwrap_or("").trim(),
        ]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
        let ends_sentence = self.title.trim_end().ends_with(['.', '?', '!']);
        let mut out = String::new();
        if !ends_sentence {
            out.push('.');
        }
        if !parts.is_empty() {
            out.push(' ');
            out.push_str(&parts.join(", "));
            if !out.ends_with('.') {
                out.push('.');
            }
        }
        out
    }

    /// The whole citation as plain text, with the address at the end.
    pub fn citation(&self) -> String {
        let mut out = format!("{}{}", self.title.trim_end(), self.imprint());
        if let Some(url) = &self.url {
            out.push(' ');
            out.push_str(url);
        }
        out
    }
}

/// Whether `year` has one of the forms `Source::year` allows: „2019“, „2017–2019“ (en
/// dash) or „o. J.“.
pub fn valid_year(year: &str) -> bool {
    let four = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
    year == NO_YEAR
        || four(year)
        || year
            .split_once('–')
            .is_some_and(|(a, b)| four(a) && four(b) && a < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(title: &str, publisher: &str, year: Option<&str>) -> Source {
        Source {
            id: "q".into(),
            title: title.into(),
            publisher: publisher.into(),
            year: year.map(Into::into),
            url: None,
            offline: false,
        }
    }

    #[test]
    fn imprint_joins_publisher_and_year_after_the_title() {
        assert_eq!(
            source("Titel", "Stadt Köln", Some("2010")).imprint(),
            ". Stadt Köln, 2010."
        );
        assert_eq!(source("Titel", "", Some("2019")).imprint(), ". 2019.");
        assert_eq!(source("Titel", "BMI", None).imprint(), ". BMI.");
        assert_eq!(source("Titel", "", None).imprint(), ".");
        // A title that ends a sentence gets no second full stop; „o. J.“ none either.
        assert_eq!(source("Wer fragt?", "", Some(NO_YEAR)).imprint(), " o. J.");
        assert_eq!(source("Titel.", "", None).imprint(), "");
    }

    #[test]
    fn citation_ends_with_the_address() {
        let mut s = source("Titel", "Herausgeber", Some("2017–2019"));
        s.url = Some("https://example.org/seite".into());
        assert_eq!(
            s.citation(),
            "Titel. Herausgeber, 2017–2019. https://example.org/seite"
        );
    }

    fn step_with_variants() -> Step {
        let variant = |resources: &[&str], sources: &[&str]| Variant {
            when: Condition::Profile("q".into(), vec!["a".into()]),
            text: "Absatz".into(),
            sources: sources.iter().map(ToString::to_string).collect(),
            resources: resources.iter().map(ToString::to_string).collect(),
        };
        Step {
            id: "s".into(),
            title: "Schritt".into(),
            when: None,
            priority: Priority::Recommended,
            priority_if: vec![],
            body: "Text".into(),
            variants: vec![
                variant(&["kreistag", "vorlage"], &["q1"]),
                variant(&["checkliste"], &["q2", "q0"]),
            ],
            tasks: vec![],
            decision: None,
            resources: vec!["vorlage".into()],
            examples: vec![],
            sources: vec!["q0".into()],
            is_final: false,
            effort: None,
            effort_if: vec![],
            legal: String::new(),
        }
    }

    #[test]
    fn a_variants_resources_show_only_with_it_and_once() {
        let s = step_with_variants();
        assert_eq!(s.resources_with(&[]), ["vorlage"]);
        assert_eq!(s.resources_with(&[0]), ["vorlage", "kreistag"]);
        assert_eq!(s.resources_with(&[1]), ["vorlage", "checkliste"]);
        assert_eq!(
            s.resources_with(&[0, 1]),
            ["vorlage", "kreistag", "checkliste"]
        );
        // An index beyond the variants (a stale list) is ignored, not a panic.
        assert_eq!(s.resources_with(&[7]), ["vorlage"]);
        assert!(s.uses_resource("kreistag") && s.uses_resource("vorlage"));
        assert!(!s.uses_resource("fehlt"));
    }

    #[test]
    fn a_variants_sources_show_only_with_it_and_once() {
        let s = step_with_variants();
        assert_eq!(s.sources_with(&[]), ["q0"]);
        assert_eq!(s.sources_with(&[1]), ["q0", "q2"]);
        assert_eq!(s.sources_with(&[1, 0]), ["q0", "q2", "q1"]);
    }

    #[test]
    fn years_are_a_year_a_rising_range_or_no_year() {
        for ok in ["2019", "2017–2019", "o. J."] {
            assert!(valid_year(ok), "{ok}");
        }
        for bad in [
            "",
            "19",
            "2019-2020",
            "2020–2019",
            "Stand 2017",
            "2017 bis 2019",
            "o.J.",
        ] {
            assert!(!valid_year(bad), "{bad}");
        }
    }
}
