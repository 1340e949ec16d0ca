//! The walk over every profile and every answer to each decision met on the way, built on
//! the path rule (`path::Stepper`): which steps someone reaches, whether every path ends
//! with a final step, whether every step has text for everyone who sees it.

use std::collections::BTreeMap;

use crate::condition::Facts;
use crate::guide::{Diagnostic, Guide, Location, Sources, load::INDEX_FILE};
use crate::path::Stepper;

/// How far the walk may go before it samples instead.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Path walks (profile × decision answers) to enumerate at most.
    pub max_walks: u64,
    /// Walks to check when the space is larger than `max_walks`.
    pub sample_walks: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_walks: 2_000_000,
            sample_walks: 50_000,
        }
    }
}

/// What the walk over all profiles found.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Size of the answer space (profiles × decision answers), saturating.
    pub space: u64,
    /// Path walks actually checked.
    pub walks: u64,
    /// Of `walks`, those of the second pass, with „Weiß ich nicht“ answers: every answer
    /// that some other answer counts as (`counts_as`) is replaced by that answer. Such an
    /// answer gives the same path as the one it counts as, but the variants and tasks
    /// written for it only show here.
    pub unknown_walks: u64,
    /// True when the space was too large and a deterministic sample was checked instead.
    pub sampled: bool,
    /// Per answer of the first question: (shortest, longest) path length.
    pub lengths: Vec<(usize, usize)>,
    pub reachable: Vec<bool>,
    /// Steps whose text is empty for some profile, with an example facts.
    pub empty_text: BTreeMap<usize, Facts>,
    /// Walks that ended wrongly, grouped by the last step (None: empty path).
    pub bad_endings: BTreeMap<Option<usize>, (u64, Facts)>,
}

impl Coverage {
    /// The walk's findings as messages for authors.
    pub fn diagnostics(&self, guide: &Guide, sources: &Sources) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let describe = |facts: &Facts| describe_facts(guide, facts);
        let at_step = |i: usize| {
            let o = &guide.origins[i];
            (
                o.file.as_str(),
                sources
                    .file(&o.file)
                    .field("id", &guide.steps[i].id, o.offset),
            )
        };
        if self.sampled {
            out.push(Diagnostic::warning(
                INDEX_FILE,
                Location::start(),
                format!(
                    "Die Antworten ergeben {} Kombinationen, zu viele, um alle durchzugehen; geprüft wurde eine feste Stichprobe von {}",
                    self.space, self.walks
                ),
            ).hint("Schritte, die niemand sieht, und Wege ohne Schluss können dabei übersehen werden; siehe `leitfaden stats`"));
        }
        for (i, r) in self.reachable.iter().enumerate() {
            // A `when` that can never be true is reported on its own already.
            let never = guide.compiled[i]
                .when
                .as_ref()
                .is_some_and(|w| guide.outcomes(w).is_some_and(|(t, _)| !t));
            if !r && !self.sampled && !never {
                let (file, at) = at_step(i);
                out.push(
                    Diagnostic::error(file, at, "Diesen Schritt sieht kein Profil")
                        .hint("Sein `when` kann nicht zusammen mit den Entscheidungen und Antworten zutreffen, die zu ihm führen")
                        .in_step(&guide.steps[i].id),
                );
            }
        }
        for (i, facts) in &self.empty_text {
            let (file, at) = at_step(*i);
            out.push(
                Diagnostic::error(
                    file,
                    at,
                    match describe(facts) {
                        d if d.is_empty() => "Der Schritt hat keinen Text".to_string(),
                        d => format!("Der Schritt hat keinen Text bei {d}"),
                    },
                )
                .hint("Geben Sie ihm einen `body` oder eine Variante, die für dieses Profil gilt")
                .in_step(&guide.steps[*i].id),
            );
        }
        for (last, (count, facts)) in &self.bad_endings {
            match last {
                None => out.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        Location::start(),
                        if *count == 1 {
                            format!("1 Profil bekommt einen leeren Weg: {}", describe(facts))
                        } else {
                            format!(
                                "{count} Profile bekommen einen leeren Weg, z. B. {}",
                                describe(facts)
                            )
                        },
                    )
                    .hint(
                        "Sorgen Sie dafür, dass einige Schritte kein `when` haben oder dass jede Antwort zu Schritten führt",
                    ),
                ),
                Some(i) => {
                    let (file, at) = at_step(*i);
                    out.push(
                        Diagnostic::error(file, at, if *count == 1 {
                            format!(
                                "1 Weg endet mit diesem Schritt, der nicht `final: true` hat: {}",
                                describe(facts)
                            )
                        } else {
                            format!(
                                "{count} Wege enden mit diesem Schritt, der nicht `final: true` hat, z. B. {}",
                                describe(facts)
                            )
                        })
                        .hint("Zeigen Sie jedem Profil einen Schlussschritt (z. B. einen ohne `when`) oder geben Sie diesem `final: true`")
                        .in_step(&guide.steps[*i].id),
                    );
                }
            }
        }
        out
    }
}

/// Facts in words, for messages: `groesse=landgemeinde, mandat=ja, bericht unbeantwortet`.
pub fn describe_facts(guide: &Guide, facts: &Facts) -> String {
    let mut parts = Vec::new();
    for (q, a) in guide.questions.iter().zip(&facts.profile) {
        if let Some(a) = a {
            parts.push(format!("{}={}", q.id, q.choices[*a as usize].id));
        }
    }
    for (d, a) in facts.decisions.iter().enumerate() {
        let decision = guide.decision_at(d);
        match a {
            Some(a) => parts.push(format!(
                "{}={}",
                decision.id, decision.choices[*a as usize].id
            )),
            None => parts.push(format!("{} unbeantwortet", decision.id)),
        }
    }
    parts.join(", ")
}

/// Choices that no condition on the path (a step's `when`, an implied answer) tells apart
/// behave the same; one of each class is enough to walk. Returns, per question, the
/// representative answers. (Variants do not change the path; whether every step has text
/// for everyone is checked on its own, see `empty_texts`.)
fn classes(guide: &Guide, is_decision: bool, index: usize, count: usize) -> Vec<Option<u8>> {
    let mut masks = Vec::new();
    let implied = guide.implied.iter().flatten().map(|(c, _)| c);
    for cond in guide
        .compiled
        .iter()
        .filter_map(|c| c.when.as_ref())
        .chain(implied)
    {
        cond.for_each_leaf(&mut |d, i, m| {
            if d == is_decision && i == index {
                masks.push(m);
            }
        });
    }
    if !is_decision {
        // An implied answer is a value of its own.
        for (_, k) in &guide.implied[index] {
            masks.push(1 << k);
        }
    }
    let mut seen: Vec<Vec<bool>> = Vec::new();
    let mut reps = Vec::new();
    if is_decision {
        // Unanswered is in no mask.
        seen.push(vec![false; masks.len()]);
        reps.push(None);
    }
    for k in 0..count {
        let sig: Vec<bool> = masks.iter().map(|m| m >> k & 1 == 1).collect();
        if !seen.contains(&sig) {
            seen.push(sig);
            reps.push(Some(k as u8));
        }
    }
    reps
}

/// Walks every path (every profile and every answer to each decision met on the way),
/// or a deterministic sample when there are more than `limits.max_walks`.
pub fn walk(guide: &Guide, limits: &Limits) -> Coverage {
    walk_observed(guide, limits, |_, _| {})
}

/// Like `walk`, and calls `seen(facts, steps)` with every path walked: the facts in effect
/// at its end and its steps in order.
pub fn walk_observed(
    guide: &Guide,
    limits: &Limits,
    seen: impl FnMut(&Facts, &[usize]),
) -> Coverage {
    let q_reps: Vec<Vec<Option<u8>>> = guide
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            if i == 0 {
                (0..q.choices.len()).map(|k| Some(k as u8)).collect()
            } else {
                classes(guide, false, i, q.choices.len())
            }
        })
        .collect();
    let d_reps: Vec<Vec<Option<u8>>> = (0..guide.decisions.len())
        .map(|d| classes(guide, true, d, guide.decision_at(d).choices.len()))
        .collect();
    let profiles: u64 = q_reps
        .iter()
        .map(|r| r.len() as u64)
        .fold(1, u64::saturating_mul);
    let space = d_reps
        .iter()
        .map(|r| r.len() as u64)
        .fold(profiles, u64::saturating_mul);
    let first_len = guide.questions.first().map_or(1, |q| q.choices.len());
    let mut walker = Walker {
        guide,
        stepper: Stepper::new(guide),
        d_reps: &d_reps,
        trail: Vec::new(),
        seen,
        out: Coverage {
            space,
            lengths: vec![(usize::MAX, 0); first_len],
            reachable: vec![false; guide.steps.len()],
            ..Coverage::default()
        },
        rng: None,
    };
    let mut facts = Facts {
        profile: vec![None; guide.questions.len()],
        decisions: vec![None; guide.decisions.len()],
    };
    // Implied answers make some combinations the same profile: walk each once.
    let class_of = class_lookup(guide, &q_reps);
    let mut seen = std::collections::HashSet::new();
    let unknown = unknown_reps(guide, &q_reps);
    if space <= limits.max_walks {
        for n in 0..profiles {
            let mut rest = n;
            for (q, reps) in q_reps.iter().enumerate() {
                facts.profile[q] = reps[(rest % reps.len() as u64) as usize];
                rest /= reps.len() as u64;
            }
            guide.apply_implied(&mut facts);
            let key: Vec<Option<u8>> = facts
                .profile
                .iter()
                .enumerate()
                .map(|(q, a)| a.map(|a| class_of[q][usize::from(a)]))
                .collect();
            if !seen.insert(key) {
                continue;
            }
            walker.stepper.prepare(&facts);
            walker.trail.clear();
            walker.walk(&mut facts, 0);
        }
        // The second pass: the same profiles with „Weiß ich nicht“ in place of each
        // answer it counts as. A profile walked above (without such an answer, or with
        // one a `when` already tells apart) has the same key and is skipped.
        if let Some(reps) = &unknown {
            let before = walker.out.walks;
            let count: u64 = reps.iter().map(|r| r.len() as u64).product();
            for n in 0..count {
                let mut rest = n;
                for (q, r) in reps.iter().enumerate() {
                    facts.profile[q] = r[(rest % r.len() as u64) as usize];
                    rest /= r.len() as u64;
                }
                guide.apply_implied(&mut facts);
                let key: Vec<Option<u8>> = facts
                    .profile
                    .iter()
                    .enumerate()
                    .map(|(q, a)| {
                        a.map(|a| {
                            if guide.questions[q].choices[usize::from(a)]
                                .counts_as
                                .is_some()
                            {
                                a
                            } else {
                                class_of[q][usize::from(a)]
                            }
                        })
                    })
                    .collect();
                if !seen.insert(key) {
                    continue;
                }
                walker.stepper.prepare(&facts);
                walker.trail.clear();
                walker.walk(&mut facts, 0);
            }
            walker.out.unknown_walks = walker.out.walks - before;
        }
    } else {
        walker.out.sampled = true;
        walker.rng = Some(0x9e37_79b9_7f4a_7c15);
        // The sample draws „Weiß ich nicht“ answers too.
        let drawn: Vec<Vec<Option<u8>>> = match &unknown {
            Some(u) => q_reps
                .iter()
                .zip(u)
                .map(|(r, u)| {
                    let mut all = r.clone();
                    all.extend(u.iter().filter(|a| !r.contains(a)));
                    all
                })
                .collect(),
            None => q_reps.clone(),
        };
        for _ in 0..limits.sample_walks {
            for (q, reps) in drawn.iter().enumerate() {
                let k = walker.next_random() as usize % reps.len();
                facts.profile[q] = reps[k];
            }
            guide.apply_implied(&mut facts);
            let before = walker.out.walks;
            walker.stepper.prepare(&facts);
            walker.trail.clear();
            walker.walk(&mut facts, 0);
            if has_unknown(guide, &facts) {
                walker.out.unknown_walks += walker.out.walks - before;
            }
        }
    }
    let mut out = walker.out;
    out.empty_text = empty_texts(guide);
    for l in &mut out.lengths {
        if l.0 == usize::MAX {
            *l = (0, 0);
        }
    }
    out
}

/// The representatives with each answer that another answer counts as replaced by that
/// other answer („Weiß ich nicht“ for „Am Anfang“); `None` when no question has one.
fn unknown_reps(guide: &Guide, q_reps: &[Vec<Option<u8>>]) -> Option<Vec<Vec<Option<u8>>>> {
    let mut any = false;
    let reps = guide
        .questions
        .iter()
        .zip(q_reps)
        .map(|(q, reps)| {
            reps.iter()
                .map(|&r| {
                    let Some(k) = r else { return r };
                    let target = &q.choices[usize::from(k)].id;
                    match q
                        .choices
                        .iter()
                        .position(|c| c.counts_as.as_ref() == Some(target))
                    {
                        Some(u) => {
                            any = true;
                            Some(u as u8)
                        }
                        None => r,
                    }
                })
                .collect()
        })
        .collect();
    any.then_some(reps)
}

/// Whether some answer in effect is one that counts as another („Weiß ich nicht“).
fn has_unknown(guide: &Guide, facts: &Facts) -> bool {
    guide
        .questions
        .iter()
        .zip(&facts.profile)
        .any(|(q, a)| a.is_some_and(|a| q.choices[usize::from(a)].counts_as.is_some()))
}

struct Walker<'a, F> {
    guide: &'a Guide,
    stepper: Stepper<'a>,
    d_reps: &'a [Vec<Option<u8>>],
    /// The steps of the path being walked, in order.
    trail: Vec<usize>,
    seen: F,
    out: Coverage,
    /// Some(state) when sampling: one random branch per decision instead of all.
    rng: Option<u64>,
}

impl<F: FnMut(&Facts, &[usize])> Walker<'_, F> {
    fn next_random(&mut self) -> u64 {
        let mut x = self.rng.unwrap_or(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = Some(x);
        x
    }

    /// Walks the path from `cursor` on, branching at each decision.
    fn walk(&mut self, facts: &mut Facts, cursor: usize) {
        let mut cursor = cursor;
        while let Some((c, i)) = self.stepper.next(facts, cursor) {
            self.out.reachable[i] = true;
            self.trail.push(i);
            cursor = c + 1;
            if let Some(d) = self.stepper.asks(i) {
                let all = self.d_reps;
                let reps = &all[d];
                if reps.len() > 1 {
                    let branches: Vec<Option<u8>> = if self.rng.is_some() {
                        vec![reps[self.next_random() as usize % reps.len()]]
                    } else {
                        reps.clone()
                    };
                    let depth = self.trail.len();
                    for answer in branches {
                        facts.decisions[d] = answer;
                        self.walk(facts, cursor);
                        self.trail.truncate(depth);
                    }
                    facts.decisions[d] = None;
                    return;
                }
            }
        }
        self.finish(facts);
    }

    fn finish(&mut self, facts: &Facts) {
        let guide = self.guide;
        self.out.walks += 1;
        let len = self.trail.len();
        if let Some(Some(first)) = facts.profile.first() {
            let l = &mut self.out.lengths[*first as usize];
            l.0 = l.0.min(len);
            l.1 = l.1.max(len);
        }
        let last = self.trail.last().copied();
        if !last.is_some_and(|i| guide.steps[i].is_final) {
            let e = self
                .out
                .bad_endings
                .entry(last)
                .or_insert((0, facts.clone()));
            e.0 += 1;
        }
        (self.seen)(facts, &self.trail);
    }
}

/// For each question, each choice's class: the index of its representative in `reps`
/// (choices outside every representative's class map to themselves' nearest, by mask).
fn class_lookup(guide: &Guide, reps: &[Vec<Option<u8>>]) -> Vec<Vec<u8>> {
    guide
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let sig = |k: u8| -> Vec<bool> {
                let mut out = Vec::new();
                let implied = guide.implied.iter().flatten().map(|(c, _)| c);
                for cond in guide
                    .compiled
                    .iter()
                    .filter_map(|c| c.when.as_ref())
                    .chain(implied)
                {
                    cond.for_each_leaf(&mut |d, i, m| {
                        if !d && i == q {
                            out.push(m >> k & 1 == 1);
                        }
                    });
                }
                out.extend(guide.implied[q].iter().map(|(_, a)| *a == k));
                out
            };
            let rep_sigs: Vec<(u8, Vec<bool>)> =
                reps[q].iter().flatten().map(|&r| (r, sig(r))).collect();
            (0..question.choices.len() as u8)
                .map(|k| {
                    let s = sig(k);
                    rep_sigs
                        .iter()
                        .find(|(_, rs)| *rs == s)
                        .map_or(k, |(r, _)| *r)
                })
                .collect()
        })
        .collect()
}

/// Steps without a body whose variants leave some profile without text: for each such
/// step, one example of facts (over what its `when` and variants name) where the step is
/// shown and no variant holds.
fn empty_texts(guide: &Guide) -> BTreeMap<usize, Facts> {
    let mut out = BTreeMap::new();
    for (i, step) in guide.steps.iter().enumerate() {
        if !step.body.trim().is_empty() {
            continue;
        }
        let c = &guide.compiled[i];
        let mut leaves: Vec<(bool, usize)> = Vec::new();
        for cond in c.when.iter().chain(c.variants.iter()) {
            cond.for_each_leaf(&mut |d, k, _| {
                if !leaves.contains(&(d, k)) {
                    leaves.push((d, k));
                }
            });
        }
        let sizes: Vec<usize> = leaves
            .iter()
            .map(|&(d, k)| {
                if d {
                    guide.decision_at(k).choices.len() + 1
                } else {
                    guide.questions[k].choices.len()
                }
            })
            .collect();
        let Some(total) = sizes.iter().try_fold(1usize, |a, &s| a.checked_mul(s)) else {
            continue;
        };
        if total > 200_000 {
            continue;
        }
        let mut facts = Facts {
            profile: vec![None; guide.questions.len()],
            decisions: vec![None; guide.decisions.len()],
        };
        for n in 0..total {
            let mut rest = n;
            for (k, &(d, idx)) in leaves.iter().enumerate() {
                let v = rest % sizes[k];
                rest /= sizes[k];
                if d {
                    facts.decisions[idx] = (v > 0).then(|| (v - 1) as u8);
                } else {
                    facts.profile[idx] = Some(v as u8);
                }
            }
            let shown = c.when.as_ref().is_none_or(|w| w.eval(&facts));
            if shown && !c.variants.iter().any(|v| v.eval(&facts)) {
                out.insert(i, facts.clone());
                break;
            }
        }
    }
    out
}
