//! A profile's path: the pure function from (guide, answers) to the ordered steps the user
//! sees, each with its priority, variant texts and reason, and the hidden steps with theirs.

use crate::condition::Facts;
use crate::guide::{Guide, Priority, pick_priority};
use crate::profile::Answers;

/// A step on the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub step: usize,
    pub priority: Priority,
    /// The `priority_if` rule that set the priority, if any.
    pub priority_rule: Option<usize>,
    /// Indices of the variants shown, in order.
    pub variants: Vec<usize>,
    /// Indices of the tasks shown, with their priority.
    pub tasks: Vec<(usize, Priority)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub steps: Vec<Visible>,
    /// Steps not on this path, in guide order.
    pub hidden: Vec<usize>,
    /// The answers in effect: decisions count only once their step is on the path.
    pub facts: Facts,
}

/// Computes the path. Decisions take effect only when the step that asks them is on the
/// path, so an answer given earlier and now out of reach changes nothing (but is kept).
pub fn compute(guide: &Guide, answers: &Answers) -> Path {
    let given = guide.facts(answers);
    let mut facts = Facts {
        profile: given.profile,
        decisions: vec![None; guide.decisions.len()],
    };
    let mut steps = Vec::new();
    let mut hidden = Vec::new();
    for i in 0..guide.steps.len() {
        if !guide.step_visible(i, &facts) {
            hidden.push(i);
            continue;
        }
        let c = &guide.compiled[i];
        let (priority, priority_rule) = guide.step_priority(i, &facts);
        let variants = (0..c.variants.len())
            .filter(|&v| c.variants[v].eval(&facts))
            .collect();
        let tasks = c
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.when.as_ref().is_none_or(|w| w.eval(&facts)))
            .map(|(k, t)| {
                let base = guide.steps[i].tasks[k].priority.unwrap_or(priority);
                (k, pick_priority(base, &t.priority_if, &facts).0)
            })
            .collect();
        steps.push(Visible {
            step: i,
            priority,
            priority_rule,
            variants,
            tasks,
        });
        if let Some(d) = c.decision {
            facts.decisions[d] = given.decisions[d];
        }
    }
    Path {
        steps,
        hidden,
        facts,
    }
}

/// Two profiles' paths side by side: steps only one of them sees, and common steps with
/// the variants each sees (which differ where the text adapts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    pub only_a: Vec<usize>,
    pub only_b: Vec<usize>,
    /// (step, variants shown to A, variants shown to B), in guide order.
    pub both: Vec<(usize, Vec<usize>, Vec<usize>)>,
}

pub fn compare(guide: &Guide, a: &Answers, b: &Answers) -> Comparison {
    let (pa, pb) = (compute(guide, a), compute(guide, b));
    let mut out = Comparison::default();
    for v in &pa.steps {
        match pb.steps.iter().find(|w| w.step == v.step) {
            Some(w) => out
                .both
                .push((v.step, v.variants.clone(), w.variants.clone())),
            None => out.only_a.push(v.step),
        }
    }
    out.only_b = pb
        .steps
        .iter()
        .filter(|w| pa.position(w.step).is_none())
        .map(|w| w.step)
        .collect();
    out
}

/// Where a step stands on a path, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub on_path: usize,
    pub in_chapter: usize,
    /// How many steps of the step's chapter are on the path.
    pub chapter_len: usize,
}

impl Path {
    /// Where step `step` stands on the path, or `None` when it is not on it.
    pub fn place(&self, guide: &Guide, step: usize) -> Option<Place> {
        let pos = self.position(step)?;
        let chapter = guide.step_chapter[step];
        let same = |v: &Visible| guide.step_chapter[v.step] == chapter;
        Some(Place {
            on_path: pos + 1,
            in_chapter: self.steps[..=pos].iter().filter(|v| same(v)).count(),
            chapter_len: self.steps.iter().filter(|v| same(v)).count(),
        })
    }

    /// Steps on `self` but not on `before`, and the other way round.
    pub fn diff(&self, before: &Path) -> (Vec<usize>, Vec<usize>) {
        let appeared = self
            .steps
            .iter()
            .filter(|v| before.position(v.step).is_none())
            .map(|v| v.step)
            .collect();
        let gone = before
            .steps
            .iter()
            .filter(|v| self.position(v.step).is_none())
            .map(|v| v.step)
            .collect();
        (appeared, gone)
    }

    /// The position of step `i` on the path.
    pub fn position(&self, step: usize) -> Option<usize> {
        self.steps.iter().position(|v| v.step == step)
    }

    /// Why step `i` is shown, in German.
    pub fn reason_shown(&self, guide: &Guide, answers: &Answers, step: usize) -> String {
        match &guide.steps[step].when {
            None => "Dieser Schritt gehört zu jedem Weg durch den Leitfaden.".into(),
            Some(cond) => format!(
                "Angezeigt, weil zutrifft: {}.",
                guide.explain(cond, Some(&self.effective(guide, answers)))
            ),
        }
    }

    /// Why step `i` is not on the path, in German.
    pub fn reason_hidden(&self, guide: &Guide, answers: &Answers, step: usize) -> String {
        match &guide.steps[step].when {
            None => "Dieser Schritt gehört zu jedem Weg.".into(),
            Some(cond) => format!(
                "Ausgeblendet, weil nicht zutrifft: {}.",
                guide.explain(cond, Some(&self.effective(guide, answers)))
            ),
        }
    }

    /// Why the step has its priority, in German (None for the step's plain priority).
    pub fn reason_priority(&self, guide: &Guide, answers: &Answers, v: &Visible) -> Option<String> {
        let rule = &guide.steps[v.step].priority_if[v.priority_rule?];
        Some(format!(
            "{}, weil: {}.",
            v.priority.label(),
            guide.explain(&rule.when, Some(&self.effective(guide, answers)))
        ))
    }

    /// The answers as they count on this path (decisions out of reach left out).
    fn effective(&self, guide: &Guide, answers: &Answers) -> Answers {
        let mut a = answers.clone();
        a.decisions.retain(|id, _| {
            guide
                .decision_index(id)
                .is_some_and(|d| self.facts.decisions[d].is_some())
        });
        a
    }

    /// Steps per chapter: (chapter index, positions on the path).
    pub fn by_chapter(&self, guide: &Guide) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        for (pos, v) in self.steps.iter().enumerate() {
            let ch = guide.step_chapter[v.step];
            match out.last_mut() {
                Some((c, list)) if *c == ch => list.push(pos),
                _ => out.push((ch, vec![pos])),
            }
        }
        out
    }
}
