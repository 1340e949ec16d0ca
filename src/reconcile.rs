//! A colleague's file of the same work state (same origin) merged into this one: for each
//! part — the profile, targets and review date, each step — what changed on which side
//! since the two copies parted, and the merged work state once the user has picked a side
//! per part or let the newer change win. A note changed on both sides is never dropped.

use std::collections::BTreeMap;

use crate::condition::Vocabulary;
use crate::guide::Guide;
use crate::progress::{Field, Kept, Progress, StepProgress, split_plan_key};

/// A part of a work state that is merged as a whole.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Name, answers and decisions.
    Profile,
    /// Targets and the review date.
    Targets,
    /// A step: status, ticks, note, reason, and the owners and due dates of the step and
    /// its tasks.
    Step(String),
}

/// Which copy changed a part since the two parted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
    Both,
}

impl Side {
    fn with(self, other: Side) -> Side {
        if self == other { self } else { Side::Both }
    }

    /// „Nur bei Ihnen geändert“ …, as the merge view says it.
    pub fn label(self) -> &'static str {
        match self {
            Side::Mine => "Nur bei Ihnen geändert",
            Side::Theirs => "Nur in der Datei geändert",
            Side::Both => "Auf beiden Seiten geändert",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Side::Mine => "mine",
            Side::Theirs => "theirs",
            Side::Both => "both",
        }
    }
}

/// What the user takes for a part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pick {
    Mine,
    Theirs,
    /// Each field and step entry from the copy that changed it last; a note that loses to
    /// a change made without seeing it is kept (as between two tabs).
    #[default]
    Newer,
}

/// One part in which the copies differ, with each side's content in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub part: Part,
    /// „Profil“, „Ziele und Überprüfung“, or the step's title.
    pub title: String,
    pub side: Side,
    pub mine: Vec<String>,
    pub theirs: Vec<String>,
}

/// The latest moment both copies demonstrably share: the newest stamp that is the same in
/// both (a step entry with the same time and tab, or a field with the same time). What a
/// copy changed after it, it changed on its own.
fn parted(mine: &Progress, theirs: &Progress) -> u64 {
    let entries = mine.steps.iter().filter_map(|(id, m)| {
        let t = theirs.steps.get(id)?;
        (m.edited == t.edited && m.by == t.by).then_some(m.edited)
    });
    let fields = mine
        .stamps
        .iter()
        .filter_map(|(k, v)| (theirs.stamps.get(k) == Some(v)).then_some(*v));
    entries.chain(fields).max().unwrap_or(0)
}

/// Which side changed a field whose values differ.
fn field_side(mine: &Progress, theirs: &Progress, f: &Field, parted: u64) -> Side {
    let (m, t) = (mine.stamp_of(f), theirs.stamp_of(f));
    match (m > parted, t > parted) {
        (true, false) => Side::Mine,
        (false, true) => Side::Theirs,
        (true, true) => Side::Both,
        // Both older than the parting (e.g. no stamp in common at all): the later one.
        (false, false) if m > t => Side::Mine,
        (false, false) if t > m => Side::Theirs,
        (false, false) => Side::Both,
    }
}

/// Which side changed a step entry whose contents differ.
fn entry_side(m: Option<&StepProgress>, t: Option<&StepProgress>, parted: u64) -> Side {
    let (m, t) = match (m, t) {
        (Some(m), Some(t)) => (m, t),
        (Some(_), None) => return Side::Mine,
        (None, _) => return Side::Theirs,
    };
    match (m.edited > parted, t.edited > parted) {
        (true, false) => Side::Mine,
        (false, true) => Side::Theirs,
        // A change made having seen the other's version is that side's alone.
        (true, true) if t.by != m.by && t.base >= m.edited => Side::Theirs,
        (true, true) if t.by != m.by && m.base >= t.edited => Side::Mine,
        (true, true) => Side::Both,
        (false, false) if m.edited > t.edited => Side::Mine,
        (false, false) if t.edited > m.edited => Side::Theirs,
        (false, false) => Side::Both,
    }
}

/// The part a field belongs to; `None` for the step the user is on, which stays this
/// browser's.
fn part_of(f: &Field) -> Option<Part> {
    match f {
        Field::Name | Field::Intake | Field::Answer(_) | Field::Decision(_) => Some(Part::Profile),
        Field::Target(_) | Field::Review => Some(Part::Targets),
        Field::Owner(k) | Field::Due(k) => Some(Part::Step(split_plan_key(k).0.to_string())),
        Field::Current => None,
    }
}

/// Every differing part with the side that changed it and the fields in it.
fn classify(mine: &Progress, theirs: &Progress) -> BTreeMap<Part, (Side, Vec<Field>, bool)> {
    let parted = parted(mine, theirs);
    let mut parts: BTreeMap<Part, (Side, Vec<Field>, bool)> = BTreeMap::new();
    for f in mine.fields(theirs) {
        let Some(part) = part_of(&f) else { continue };
        if mine.same_field(theirs, &f) {
            continue;
        }
        let side = field_side(mine, theirs, &f, parted);
        let e = parts.entry(part).or_insert((side, Vec::new(), false));
        e.0 = e.0.with(side);
        e.1.push(f);
    }
    let ids = mine.steps.keys().chain(theirs.steps.keys());
    for id in ids {
        let (m, t) = (mine.steps.get(id), theirs.steps.get(id));
        let same = match (m, t) {
            (Some(m), Some(t)) => m.same_content(t),
            (Some(e), None) | (None, Some(e)) => e.same_content(&StepProgress::default()),
            (None, None) => true,
        };
        if same {
            continue;
        }
        let side = entry_side(m, t, parted);
        let e = parts
            .entry(Part::Step(id.clone()))
            .or_insert((side, Vec::new(), true));
        e.0 = e.0.with(side);
        e.2 = true;
    }
    parts
}

/// The parts in which `mine` and `theirs` (a file of the same work state) differ: the
/// profile, then targets and review date, then the steps in guide order (steps the guide no
/// longer has last).
pub fn differences(guide: &Guide, mine: &Progress, theirs: &Progress) -> Vec<Difference> {
    let mut out: Vec<Difference> = classify(mine, theirs)
        .into_iter()
        .map(|(part, (side, _, _))| Difference {
            title: title(guide, &part),
            mine: describe(guide, mine, &part),
            theirs: describe(guide, theirs, &part),
            part,
            side,
        })
        .collect();
    let order = |p: &Part| match p {
        Part::Profile => (0, 0),
        Part::Targets => (1, 0),
        Part::Step(id) => (2, guide.step_index(id).unwrap_or(usize::MAX)),
    };
    out.sort_by_key(|d| order(&d.part));
    out
}

fn title(guide: &Guide, part: &Part) -> String {
    match part {
        Part::Profile => "Profil".into(),
        Part::Targets => "Ziele und nächste Überprüfung".into(),
        Part::Step(id) => guide.step_index(id).map_or_else(
            || format!("Schritt „{id}“"),
            |i| guide.steps[i].title.clone(),
        ),
    }
}

/// One side's content of a part, line by line, as the merge view shows it.
fn describe(guide: &Guide, p: &Progress, part: &Part) -> Vec<String> {
    let mut out = Vec::new();
    match part {
        Part::Profile => {
            out.push(format!("Name: {}", crate::workspace::display_name(&p.name)));
            let summary = p.answers.summary(guide);
            if !summary.is_empty() {
                out.push(summary);
            }
            for (d, c) in &p.answers.decisions {
                out.push(format!(
                    "{}: {}",
                    guide.name(true, d),
                    guide.choice_label(true, d, c)
                ));
            }
        }
        Part::Targets => {
            for (q, c) in &p.targets {
                out.push(format!(
                    "Ziel bei „{}“: {}",
                    guide.name(false, q),
                    guide.choice_label(false, q, c)
                ));
            }
            if let Some(d) = p.review {
                out.push(format!("Nächste Überprüfung: {}", d.to_german()));
            }
        }
        Part::Step(id) => {
            let step = guide.step_index(id).map(|i| &guide.steps[i]);
            let task_text = |t: &str| {
                step.and_then(|s| s.tasks.iter().find(|x| x.id == t))
                    .map_or_else(|| t.to_string(), |x| x.text.clone())
            };
            let e = p.step(id).cloned().unwrap_or_default();
            out.push(format!("Status: {}", e.status.label()));
            for t in &e.tasks {
                out.push(format!("Erledigt: {}", task_text(t)));
            }
            if !e.reason.is_empty() {
                out.push(format!("Grund: „{}“", e.reason));
            }
            if !e.note.is_empty() {
                out.push(format!("Notiz: „{}“", e.note));
            }
            for (key, plan) in &p.plans {
                match split_plan_key(key) {
                    (s, None) if s == id => out.push(format!("Schritt: {}", plan.words())),
                    (s, Some(t)) if s == id => {
                        out.push(format!("Aufgabe „{}“: {}", task_text(t), plan.words()));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// `mine` merged with `theirs` (a file of the same work state): every part as `picks` says
/// (`Pick::Newer` where it says nothing), at `now` by tab `tab`.
///
/// Whatever is picked, nothing typed is lost: a note the other side changed that does not
/// end up in the step is kept beside it (`StepProgress::kept`, shown on the step with
/// „An meine Notiz anhängen“ and „Verwerfen“), ticks of concurrent edits are kept under
/// „newer wins“, snapshots of both sides are kept, and the step this browser is on stays.
/// A part taken from the side that changed it earlier is stamped `now` (or just after the
/// other side's stamp, should its clock run ahead), so that the choice also wins when the
/// merged work state meets the other copy again.
pub fn combine(
    mine: &Progress,
    theirs: &Progress,
    picks: &BTreeMap<Part, Pick>,
    now: u64,
    tab: &str,
) -> Progress {
    let parts = classify(mine, theirs);
    let mut out = mine.clone();
    out.merge(theirs);
    out.current = mine.current.clone();
    match mine.stamps.get("current") {
        Some(&s) => out.stamps.insert("current".into(), s),
        None => out.stamps.remove("current"),
    };
    for (part, (side, fields, entry_differs)) in &parts {
        let pick = picks.get(part).copied().unwrap_or_default();
        let (chosen, other, other_side) = match pick {
            Pick::Newer => continue,
            Pick::Mine => (mine, theirs, Side::Theirs),
            Pick::Theirs => (theirs, mine, Side::Mine),
        };
        for f in fields {
            out.take_field(chosen, f);
            let (c, o) = (chosen.stamp_of(f), other.stamp_of(f));
            out.stamps
                .insert(f.key(), if c >= o { c } else { now.max(o + 1) });
        }
        let Part::Step(id) = part else { continue };
        if !entry_differs {
            continue;
        }
        let kept = out
            .steps
            .get(id)
            .map(|e| e.kept.clone())
            .unwrap_or_default();
        let mut entry = chosen.steps.get(id).cloned().unwrap_or_default();
        let theirs_entry = other.steps.get(id).cloned().unwrap_or_default();
        // The chosen version is the note now: a copy of it kept by the merge above goes.
        let kept: Vec<Kept> = kept
            .into_iter()
            .filter(|k| !(k.edited == entry.edited && k.by == entry.by))
            .collect();
        if entry.edited < theirs_entry.edited {
            entry.base = theirs_entry.edited;
            // Later than the other side's change even when that side's clock runs ahead.
            entry.edited = now.max(theirs_entry.edited + 1);
            entry.by = tab.to_string();
        }
        entry.kept = kept;
        let other_changed = *side == other_side || *side == Side::Both;
        let lost = |a: &str, b: &str| a != b && !a.trim().is_empty();
        if other_changed
            && (lost(&theirs_entry.note, &entry.note) || lost(&theirs_entry.reason, &entry.reason))
        {
            let copy = Kept {
                note: theirs_entry.note.clone(),
                reason: theirs_entry.reason.clone(),
                edited: theirs_entry.edited,
                by: theirs_entry.by.clone(),
                dismissed: false,
            };
            if !entry.kept.iter().any(|k| k.same(&copy)) {
                entry.kept.push(copy);
            }
        }
        out.steps.insert(id.clone(), entry);
    }
    out
}
