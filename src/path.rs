//! A profile's path: the pure function from (guide, answers) to the ordered steps the user
//! sees, each with its priority, variant texts and reason, and the hidden steps with theirs.
//! `Stepper` is the one path rule; `compute` and the author check's walk both use it.

use crate::condition::{Compiled, Facts};
use crate::guide::{Effort, Guide, Priority};
use crate::profile::{self, Answers};

/// How a step appears for some facts: its priority, the variants and tasks shown.
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
    /// The estimated effort for this profile (`effort_if`, else the step's `effort`).
    pub effort: Option<Effort>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub steps: Vec<Visible>,
    /// Steps not on this path, in guide order.
    pub hidden: Vec<usize>,
    /// The answers in effect: decisions count only once their step is on the path.
    pub facts: Facts,
}

/// The path rule, one step at a time. Steps are taken in guide order; a step is on the
/// path when its `when` holds for the facts in effect at that point; a decision takes
/// effect once the step that asks it is on the path (`Stepper::asks`).
pub struct Stepper<'g> {
    guide: &'g Guide,
    /// For the prepared profile: the steps that are on the path or may be, and whether
    /// that still depends on a decision (then it is evaluated when reached).
    candidates: Vec<(usize, bool)>,
}

impl<'g> Stepper<'g> {
    pub fn new(guide: &'g Guide) -> Self {
        Stepper {
            guide,
            candidates: Vec::with_capacity(guide.steps.len()),
        }
    }

    /// Evaluates, once per profile, the steps whose visibility no decision changes.
    pub fn prepare(&mut self, facts: &Facts) {
        self.candidates.clear();
        for (i, c) in self.guide.compiled.iter().enumerate() {
            if c.when_uses_decision {
                self.candidates.push((i, true));
            } else if self.guide.step_visible(i, facts) {
                self.candidates.push((i, false));
            }
        }
    }

    /// The next step on the path at or after `cursor`: (its cursor, the step index).
    /// Continue with `cursor + 1`.
    pub fn next(&self, facts: &Facts, cursor: usize) -> Option<(usize, usize)> {
        let rest = self.candidates.get(cursor..)?;
        rest.iter()
            .position(|&(i, evaluate)| !evaluate || self.guide.step_visible(i, facts))
            .map(|k| (cursor + k, rest[k].0))
    }

    /// The decision step `step` asks: its answer counts from the following step on.
    pub fn asks(&self, step: usize) -> Option<usize> {
        self.guide.compiled[step].decision
    }
}

/// How step `i` appears for `facts`: the same for a step on the path and for a hidden one
/// that the user opens anyway.
pub fn appearance(guide: &Guide, i: usize, facts: &Facts) -> Visible {
    let c = &guide.compiled[i];
    let (priority, priority_rule) = pick_priority(guide.steps[i].priority, &c.priority_if, facts);
    let variants = (0..c.variants.len())
        .filter(|&v| c.variants[v].eval(facts))
        .collect();
    let tasks = c
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.when.as_ref().is_none_or(|w| w.eval(facts)))
        .map(|(k, t)| {
            let base = guide.steps[i].tasks[k].priority.unwrap_or(priority);
            (k, pick_priority(base, &t.priority_if, facts).0)
        })
        .collect();
    let effort = c
        .effort_if
        .iter()
        .find(|(w, _)| w.eval(facts))
        .map(|&(_, e)| e)
        .or(guide.steps[i].effort);
    Visible {
        step: i,
        priority,
        priority_rule,
        variants,
        tasks,
        effort,
    }
}

/// The priority a `priority_if` list gives (the first rule that holds wins) and the
/// index of that rule.
pub fn pick_priority(
    base: Priority,
    rules: &[(Compiled, Priority)],
    facts: &Facts,
) -> (Priority, Option<usize>) {
    rules
        .iter()
        .position(|(c, _)| c.eval(facts))
        .map_or((base, None), |i| (rules[i].1, Some(i)))
}

/// Computes the path. Decisions take effect only when the step that asks them is on the
/// path, so an answer given earlier and now out of reach changes nothing (but is kept).
pub fn compute(guide: &Guide, answers: &Answers) -> Path {
    let given = answers.facts(guide);
    let mut facts = Facts {
        profile: given.profile,
        decisions: vec![None; guide.decisions.len()],
    };
    let mut stepper = Stepper::new(guide);
    stepper.prepare(&facts);
    let mut steps = Vec::new();
    let mut on_path = vec![false; guide.steps.len()];
    let mut cursor = 0;
    while let Some((c, i)) = stepper.next(&facts, cursor) {
        steps.push(appearance(guide, i, &facts));
        on_path[i] = true;
        if let Some(d) = stepper.asks(i) {
            facts.decisions[d] = given.decisions[d];
        }
        cursor = c + 1;
    }
    let hidden = (0..guide.steps.len()).filter(|&i| !on_path[i]).collect();
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

impl Comparison {
    /// Common steps whose text differs between the two profiles.
    pub fn differing(&self) -> impl Iterator<Item = &(usize, Vec<usize>, Vec<usize>)> {
        self.both.iter().filter(|(_, a, b)| a != b)
    }
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

/// The steps before and after one step on the path (step indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbours {
    pub on_path: bool,
    pub prev: Option<usize>,
    pub next: Option<usize>,
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

    /// The steps before and after `step`; a step off the path has neither.
    pub fn neighbours(&self, step: usize) -> Neighbours {
        let pos = self.position(step);
        Neighbours {
            on_path: pos.is_some(),
            prev: pos
                .and_then(|i| i.checked_sub(1))
                .map(|i| self.steps[i].step),
            next: pos.and_then(|i| self.steps.get(i + 1)).map(|v| v.step),
        }
    }

    /// How step `step` appears: as on the path, or (hidden) as it would for these facts.
    pub fn appearance(&self, guide: &Guide, step: usize) -> Visible {
        match self.position(step) {
            Some(pos) => self.steps[pos].clone(),
            None => appearance(guide, step, &self.facts),
        }
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

    /// Why step `i` is on the path, or why not, in German.
    pub fn reason(&self, guide: &Guide, answers: &Answers, step: usize) -> String {
        if self.position(step).is_some() {
            self.reason_shown(guide, answers, step)
        } else {
            self.reason_hidden(guide, answers, step)
        }
    }

    /// Why step `i` is shown, in German.
    pub fn reason_shown(&self, guide: &Guide, answers: &Answers, step: usize) -> String {
        match &guide.steps[step].when {
            None => "Dieser Schritt gehört zu jedem Weg durch den Leitfaden.".into(),
            Some(cond) => format!(
                "Angezeigt, weil zutrifft: {}.",
                profile::explain(guide, cond, &self.effective(guide, answers))
            ),
        }
    }

    /// Why step `i` is not on the path, in German.
    pub fn reason_hidden(&self, guide: &Guide, answers: &Answers, step: usize) -> String {
        match &guide.steps[step].when {
            None => "Dieser Schritt gehört zu jedem Weg.".into(),
            Some(cond) => format!(
                "Ausgeblendet, weil nicht zutrifft: {}.",
                profile::explain(guide, cond, &self.effective(guide, answers))
            ),
        }
    }

    /// Why the step has its priority, in German (None for the step's plain priority).
    pub fn reason_priority(&self, guide: &Guide, answers: &Answers, v: &Visible) -> Option<String> {
        let rule = &guide.steps[v.step].priority_if[v.priority_rule?];
        Some(format!(
            "{}, weil: {}.",
            v.priority.label(),
            profile::explain(guide, &rule.when, &self.effective(guide, answers))
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

    /// The Kommune's own hours for the whole path, (low, high), from each step's estimate.
    pub fn effort(&self) -> (u32, u32) {
        sum_hours(self.steps.iter())
    }

    /// The hours per chapter on the path: (chapter index, (low, high)).
    pub fn effort_by_chapter(&self, guide: &Guide) -> Vec<(usize, (u32, u32))> {
        self.by_chapter(guide)
            .into_iter()
            .map(|(ch, positions)| (ch, sum_hours(positions.iter().map(|&p| &self.steps[p]))))
            .collect()
    }

    /// How many months the path takes at the time the profile says the Kommune has:
    /// (fewest, most), or `None` when the guide or the profile says nothing about time.
    pub fn months(&self, guide: &Guide) -> Option<(u32, u32)> {
        months(self.effort(), guide.capacity(&self.facts)?)
    }

    /// The path's effort in words, with what it means at the time the Kommune has:
    /// „Geschätzte Arbeitszeit … 24 bis 73 Stunden. Bei „Wenige Stunden im Monat“ sind
    /// das etwa 4 bis 13 Monate.“ `None` when no step on the path has an estimate.
    pub fn effort_phrase(&self, guide: &Guide) -> Option<String> {
        let hours = self.effort();
        if hours.1 == 0 {
            return None;
        }
        let mut out = format!(
            "Geschätzte Arbeitszeit Ihrer Verwaltung für diesen Weg: {}.",
            crate::text::hours(hours)
        );
        if let (Some(months), Some(q)) = (self.months(guide), guide.capacity_question)
            && let Some(Some(a)) = self.facts.profile.get(q)
        {
            let label = &guide.questions[q].choices[usize::from(*a)].label;
            out.push_str(&format!(
                " Bei „{label}“ sind das {}.",
                crate::text::months(months)
            ));
        }
        Some(out)
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

fn sum_hours<'a>(steps: impl Iterator<Item = &'a Visible>) -> (u32, u32) {
    steps
        .filter_map(|v| v.effort)
        .fold((0, 0), |(lo, hi), e| (lo + e.hours.0, hi + e.hours.1))
}

/// Months for `hours` of work (low, high) at the middle of `per_month` hours a month,
/// rounded up: a planning figure, not the extremes of both ranges multiplied together.
pub fn months(hours: (u32, u32), per_month: (u32, u32)) -> Option<(u32, u32)> {
    let mid = (per_month.0 + per_month.1) / 2;
    if mid == 0 {
        return None;
    }
    let fewest = hours.0.div_ceil(mid);
    let most = hours.1.div_ceil(mid);
    Some((fewest.max(u32::from(hours.1 > 0)), most.max(1)))
}
