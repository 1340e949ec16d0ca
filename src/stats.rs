//! What groups of profiles get from the guide: for every combination of some intake
//! answers (e.g. size × time), the fewest and most steps, „Wichtig“ steps, tasks and hours
//! over every path the walk finds. `leitfaden stats` prints it; tests hold it to targets.

use std::collections::BTreeMap;

use crate::condition::Facts;
use crate::coverage::{self, Limits};
use crate::guide::{Guide, Priority};
use crate::path;

/// A range seen over many paths: the least and the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub min: u32,
    pub max: u32,
}

impl Span {
    fn new(v: u32) -> Span {
        Span { min: v, max: v }
    }

    fn add(&mut self, v: u32) {
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }
}

/// The figures of one group of profiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// (question id, choice id) for each grouping question.
    pub key: Vec<(String, String)>,
    pub steps: Span,
    pub essential: Span,
    pub tasks: Span,
    /// The low end of the hours estimate over the paths, and the high end.
    pub hours_low: Span,
    pub hours_high: Span,
    /// Months at the group's time (when the guide asks for it): fewest and most.
    pub months: Option<Span>,
    /// How many walked paths fell into the group.
    pub paths: u64,
}

/// One path's figures.
#[derive(Debug, Clone, Copy)]
struct Figures {
    steps: u32,
    essential: u32,
    tasks: u32,
    hours: (u32, u32),
    months: Option<(u32, u32)>,
}

fn figures(guide: &Guide, facts: &Facts, steps: &[usize]) -> Figures {
    // A step's conditions name only decisions asked before it, so its appearance for the
    // facts at the end of the path is its appearance where it stands.
    let shown: Vec<path::Visible> = steps
        .iter()
        .map(|&i| path::appearance(guide, i, facts))
        .collect();
    let hours = shown
        .iter()
        .filter_map(|v| v.effort)
        .fold((0, 0), |(lo, hi), e| (lo + e.hours.0, hi + e.hours.1));
    Figures {
        steps: shown.len() as u32,
        essential: shown
            .iter()
            .filter(|v| v.priority == Priority::Essential)
            .count() as u32,
        tasks: shown.iter().map(|v| v.tasks.len() as u32).sum(),
        hours,
        months: guide
            .capacity(facts)
            .and_then(|cap| path::months(hours, cap)),
    }
}

/// The figures for each combination of answers to `questions` (ids), in the guide's
/// order of choices. Unknown question ids are ignored.
pub fn by(guide: &Guide, questions: &[&str]) -> Vec<Group> {
    let qs: Vec<usize> = questions
        .iter()
        .filter_map(|q| guide.question_index(q))
        .collect();
    let mut groups: BTreeMap<Vec<Option<u8>>, Group> = BTreeMap::new();
    coverage::walk_observed(guide, &Limits::default(), |facts, steps| {
        let key: Vec<Option<u8>> = qs.iter().map(|&q| facts.profile[q]).collect();
        let f = figures(guide, facts, steps);
        groups
            .entry(key.clone())
            .and_modify(|g| {
                g.steps.add(f.steps);
                g.essential.add(f.essential);
                g.tasks.add(f.tasks);
                g.hours_low.add(f.hours.0);
                g.hours_high.add(f.hours.1);
                if let (Some(m), Some((lo, hi))) = (&mut g.months, f.months) {
                    m.add(lo);
                    m.add(hi);
                }
                g.paths += 1;
            })
            .or_insert_with(|| Group {
                key: qs
                    .iter()
                    .zip(&key)
                    .map(|(&q, a)| {
                        let question = &guide.questions[q];
                        let choice =
                            a.map_or("–", |a| question.choices[usize::from(a)].id.as_str());
                        (question.id.clone(), choice.to_string())
                    })
                    .collect(),
                steps: Span::new(f.steps),
                essential: Span::new(f.essential),
                tasks: Span::new(f.tasks),
                hours_low: Span::new(f.hours.0),
                hours_high: Span::new(f.hours.1),
                months: f.months.map(|(lo, hi)| Span { min: lo, max: hi }),
                paths: 1,
            });
    });
    groups.into_values().collect()
}

/// The figures as a table, one line per group.
pub fn table(groups: &[Group]) -> String {
    let mut out = String::new();
    let Some(first) = groups.first() else {
        return out;
    };
    let names: Vec<&str> = first.key.iter().map(|(q, _)| q.as_str()).collect();
    out.push_str(&format!(
        "{:<44} {:>7} {:>8} {:>8} {:>11} {:>9} {:>7}\n",
        names.join(" × "),
        "steps",
        "Wichtig",
        "tasks",
        "hours",
        "months",
        "paths"
    ));
    let span = |s: Span| {
        if s.min == s.max {
            s.min.to_string()
        } else {
            format!("{}–{}", s.min, s.max)
        }
    };
    for g in groups {
        let key: Vec<&str> = g.key.iter().map(|(_, c)| c.as_str()).collect();
        out.push_str(&format!(
            "{:<44} {:>7} {:>8} {:>8} {:>11} {:>9} {:>7}\n",
            key.join(" × "),
            span(g.steps),
            span(g.essential),
            span(g.tasks),
            format!("{}–{}", g.hours_low.min, g.hours_high.max),
            g.months.map_or("–".to_string(), span),
            g.paths
        ));
    }
    out
}
