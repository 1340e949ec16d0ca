//! What a user told the guide about their Kommune: intake answers and decisions taken
//! inside the guide, both keyed by the guide's stable ids.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::condition::{Condition, Facts, Vocabulary};
use crate::guide::Guide;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// Intake question id → choice id.
    #[serde(default)]
    pub profile: BTreeMap<String, String>,
    /// Decision id → choice id.
    #[serde(default)]
    pub decisions: BTreeMap<String, String>,
}

impl Answers {
    /// The answers as indices into the guide's questions and decisions. Ids the guide
    /// does not know are left out (they stay in the user's progress untouched).
    pub fn facts(&self, guide: &Guide) -> Facts {
        let profile: Vec<Option<u8>> = guide
            .questions
            .iter()
            .map(|q| {
                let a = self.profile.get(&q.id)?;
                q.choices.iter().position(|c| &c.id == a).map(|i| i as u8)
            })
            .collect();
        let decisions = (0..guide.decisions.len())
            .map(|d| {
                let decision = guide.decision_at(d);
                let a = self.decisions.get(&decision.id)?;
                decision
                    .choices
                    .iter()
                    .position(|c| &c.id == a)
                    .map(|i| i as u8)
            })
            .collect();
        let mut facts = Facts { profile, decisions };
        guide.apply_implied(&mut facts);
        facts
    }

    /// The intake questions still to ask: not answered (with an answer the guide has)
    /// and not implied by earlier answers.
    pub fn unanswered<'g>(&self, guide: &'g Guide) -> Vec<&'g crate::guide::Question> {
        let facts = self.facts(guide);
        guide
            .questions
            .iter()
            .zip(&facts.profile)
            .filter(|(_, a)| a.is_none())
            .map(|(q, _)| q)
            .collect()
    }

    /// The answers that `facts` stand for (the inverse of `facts`).
    pub fn from_facts(guide: &Guide, facts: &Facts) -> Answers {
        let mut answers = Answers::default();
        for (q, a) in guide.questions.iter().zip(&facts.profile) {
            if let Some(a) = a {
                answers
                    .profile
                    .insert(q.id.clone(), q.choices[*a as usize].id.clone());
            }
        }
        for (d, a) in facts.decisions.iter().enumerate() {
            if let Some(a) = a {
                let decision = guide.decision_at(d);
                answers.decisions.insert(
                    decision.id.clone(),
                    decision.choices[*a as usize].id.clone(),
                );
            }
        }
        answers
    }

    /// Parses `question=choice` pairs as given on the command line or in a URL. Each id
    /// is looked up in the guide: questions first, then decisions.
    pub fn parse_pairs<'a>(
        guide: &Guide,
        pairs: impl IntoIterator<Item = &'a str>,
    ) -> Result<Answers, String> {
        let mut answers = Answers::default();
        for pair in pairs {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not of the form question=answer"))?;
            if let Some(q) = guide.questions.iter().find(|q| q.id == key) {
                if !q.choices.iter().any(|c| c.id == value) {
                    return Err(format!(
                        "question `{key}` has no answer `{value}`; answers: {}",
                        ids(q.choices.iter().map(|c| c.id.as_str()))
                    ));
                }
                answers.profile.insert(key.into(), value.into());
            } else if let Some(d) = guide.decision_index(key).map(|d| guide.decision_at(d)) {
                if !d.choices.iter().any(|c| c.id == value) {
                    return Err(format!(
                        "decision `{key}` has no answer `{value}`; answers: {}",
                        ids(d.choices.iter().map(|c| c.id.as_str()))
                    ));
                }
                answers.decisions.insert(key.into(), value.into());
            } else {
                let known =
                    guide.questions.iter().map(|q| q.id.as_str()).chain(
                        (0..guide.decisions.len()).map(|d| guide.decision_at(d).id.as_str()),
                    );
                return Err(format!(
                    "unknown question or decision `{key}`; known: {}",
                    ids(known)
                ));
            }
        }
        Ok(answers)
    }

    /// The answers of a demo profile.
    pub fn of_demo(profile: &crate::guide::DemoProfile) -> Answers {
        Answers {
            profile: profile.answers.iter().cloned().collect(),
            decisions: BTreeMap::new(),
        }
    }

    /// The answer question `q` takes by itself from the earlier answers, if it does (then
    /// the question is not asked).
    pub fn implied<'g>(&self, guide: &'g Guide, q: usize) -> Option<&'g crate::guide::Choice> {
        let k = guide.implied_answer(q, &self.facts(guide))?;
        guide.questions[q].choices.get(usize::from(k))
    }

    /// Whether every intake question has a valid answer or one implied by earlier ones.
    pub fn profile_complete(&self, guide: &Guide) -> bool {
        self.unanswered(guide).is_empty()
    }

    /// `Größe: Landgemeinde · Stand bei Transparenz: Noch nichts · …` for headers, with
    /// implied answers too.
    pub fn summary(&self, guide: &Guide) -> String {
        let facts = self.facts(guide);
        guide
            .questions
            .iter()
            .zip(&facts.profile)
            .filter_map(|(q, a)| {
                let c = &q.choices[usize::from((*a)?)];
                Some(format!("{}: {}", q.short, c.label))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

/// How many questions the intake asks, in words: „acht Fragen“, or „bis zu acht Fragen“
/// when some can follow from earlier answers.
pub fn intake_size(guide: &Guide, singular: &str, plural: &str) -> String {
    let n = guide.questions.len();
    let counted = crate::text::counted(n, singular, plural);
    if guide.questions.iter().any(|q| !q.implied.is_empty()) {
        format!("bis zu {counted}")
    } else {
        counted
    }
}

/// Puts a condition into German words, naming the user's answer to each part.
pub fn explain(guide: &Guide, cond: &Condition, answers: &Answers) -> String {
    crate::condition::explain(cond, &Words { guide, answers }, true)
}

/// The guide's words for questions and choices, with the user's answers.
struct Words<'a> {
    guide: &'a Guide,
    answers: &'a Answers,
}

impl Vocabulary for Words<'_> {
    fn name(&self, is_decision: bool, id: &str) -> String {
        self.guide.name(is_decision, id)
    }

    fn choice_label(&self, is_decision: bool, id: &str, choice: &str) -> String {
        self.guide.choice_label(is_decision, id, choice)
    }

    fn answer_label(&self, is_decision: bool, id: &str) -> Option<String> {
        let map = if is_decision {
            &self.answers.decisions
        } else {
            &self.answers.profile
        };
        let a = map.get(id)?;
        Some(self.guide.choice_label(is_decision, id, a))
    }
}
