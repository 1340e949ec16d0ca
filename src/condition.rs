//! The small language of `when`: all / any / not / "answer is one of". Conditions are data,
//! so the engine can evaluate them and explain them to a user in German.

use serde::{Deserialize, Serialize};

/// A condition as an author writes it, e.g.
/// `All([Profile("groesse", ["landgemeinde"]), Not(Decision("mandat", ["ja"]))])`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub enum Condition {
    /// Every inner condition holds.
    All(Vec<Condition>),
    /// At least one inner condition holds.
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The answer to intake question `.0` is one of `.1`.
    Profile(String, Vec<String>),
    /// The answer to decision `.0` is one of `.1`; false while the decision is open.
    Decision(String, Vec<String>),
}

impl Condition {
    /// Calls `f` for every leaf: (is_decision, id, choices).
    pub fn for_each_leaf<'a>(&'a self, f: &mut impl FnMut(bool, &'a str, &'a [String])) {
        match self {
            Condition::All(items) | Condition::Any(items) => {
                items.iter().for_each(|c| c.for_each_leaf(f));
            }
            Condition::Not(inner) => inner.for_each_leaf(f),
            Condition::Profile(q, choices) => f(false, q, choices),
            Condition::Decision(d, choices) => f(true, d, choices),
        }
    }
}

/// A condition resolved against a guide: ids replaced by indices and choice lists by bit
/// masks, so the exhaustive author check can evaluate millions of them quickly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compiled {
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    Not(Box<Compiled>),
    Profile {
        question: usize,
        mask: u64,
    },
    Decision {
        decision: usize,
        mask: u64,
    },
    /// A leaf that names something the guide does not have (already reported).
    Never,
}

/// Answers as indices into the guide's questions and decisions (`None`: not answered).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Facts {
    pub profile: Vec<Option<u8>>,
    pub decisions: Vec<Option<u8>>,
}

impl Compiled {
    pub fn eval(&self, facts: &Facts) -> bool {
        match self {
            Compiled::All(items) => items.iter().all(|c| c.eval(facts)),
            Compiled::Any(items) => items.iter().any(|c| c.eval(facts)),
            Compiled::Not(inner) => !inner.eval(facts),
            Compiled::Profile { question, mask } => {
                matches!(facts.profile.get(*question), Some(Some(a)) if mask >> a & 1 == 1)
            }
            Compiled::Decision { decision, mask } => {
                matches!(facts.decisions.get(*decision), Some(Some(a)) if mask >> a & 1 == 1)
            }
            Compiled::Never => false,
        }
    }

    /// Calls `f` for every leaf: (is_decision, index, mask).
    pub fn for_each_leaf(&self, f: &mut impl FnMut(bool, usize, u64)) {
        match self {
            Compiled::All(items) | Compiled::Any(items) => {
                items.iter().for_each(|c| c.for_each_leaf(f));
            }
            Compiled::Not(inner) => inner.for_each_leaf(f),
            Compiled::Profile { question, mask } => f(false, *question, *mask),
            Compiled::Decision { decision, mask } => f(true, *decision, *mask),
            Compiled::Never => {}
        }
    }
}

/// What a condition needs to put itself into words: the short names and choice labels.
pub trait Vocabulary {
    /// The short name of a question (`is_decision` false) or decision, and a choice label.
    fn name(&self, is_decision: bool, id: &str) -> String;
    fn choice_label(&self, is_decision: bool, id: &str, choice: &str) -> String;
    /// The current answer's label, if answered.
    fn answer_label(&self, is_decision: bool, id: &str) -> Option<String>;
}

/// Puts a condition into German words, e.g. „Größe ist „Landgemeinde“ oder „Kleine
/// Kleinstadt““. With `with_answers`, each part also names the user's answer.
pub fn explain(cond: &Condition, vocab: &dyn Vocabulary, with_answers: bool) -> String {
    match cond {
        Condition::All(items) => join(items, " und ", vocab, with_answers),
        Condition::Any(items) => join(items, " oder ", vocab, with_answers),
        Condition::Not(inner) => format!("nicht ({})", explain(inner, vocab, with_answers)),
        Condition::Profile(id, choices) => leaf(false, id, choices, vocab, with_answers),
        Condition::Decision(id, choices) => leaf(true, id, choices, vocab, with_answers),
    }
}

fn join(items: &[Condition], sep: &str, vocab: &dyn Vocabulary, with_answers: bool) -> String {
    items
        .iter()
        .map(|c| match c {
            Condition::All(_) | Condition::Any(_) if items.len() > 1 => {
                format!("({})", explain(c, vocab, with_answers))
            }
            _ => explain(c, vocab, with_answers),
        })
        .collect::<Vec<_>>()
        .join(sep)
}

fn leaf(
    is_decision: bool,
    id: &str,
    choices: &[String],
    vocab: &dyn Vocabulary,
    with_answers: bool,
) -> String {
    let labels: Vec<String> = choices
        .iter()
        .map(|c| format!("„{}“", vocab.choice_label(is_decision, id, c)))
        .collect();
    let alternatives = match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} oder {last}", rest.join(", ")),
        _ => labels.join(""),
    };
    let mut out = format!("{} ist {alternatives}", vocab.name(is_decision, id));
    if with_answers {
        match vocab.answer_label(is_decision, id) {
            Some(answer) => out.push_str(&format!(" (Ihre Angabe: „{answer}“)")),
            None if is_decision => out.push_str(" (noch nicht entschieden)"),
            None => out.push_str(" (noch nicht beantwortet)"),
        }
    }
    out
}
