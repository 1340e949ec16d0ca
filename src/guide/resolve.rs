//! Builds the immutable `Guide` from what was read: checks every id and reference,
//! compiles every condition to indices and masks, and reports what is broken, located.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Report};
use super::load::{Authored, INDEX_FILE};
use super::model::{Choice, Question, Step};
use super::source::{SourceFile, Sources};
use super::suggest;
use super::{ChapterInfo, CollectionFiles, CompiledStep, CompiledTask, Guide, Origin};
use crate::condition::{Compiled, Condition};

pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

const ID_HINT: &str =
    "Kennungen bestehen aus Kleinbuchstaben a–z, Ziffern, `-` und `_` (sie stehen in Links)";

/// Resolves what was read into a guide; `None` when the entry file could not be read.
/// Broken ids and references are reported; the guide is still returned so that further
/// checks can run on what is sound.
pub fn resolve(authored: Authored, sources: &Sources, report: &mut Report) -> Option<Guide> {
    let index = authored.index?;
    let mut steps: Vec<Step> = Vec::new();
    let mut step_chapter = Vec::new();
    let mut origins = Vec::new();
    let mut chapters = Vec::new();
    for (file, chapter) in authored.chapters {
        let src = sources.file(&file);
        let start = steps.len();
        let mut at = src.find_field("id", &chapter.id, 0).unwrap_or(0);
        for step in chapter.steps {
            at = src.find_field("id", &step.id, at + 1).unwrap_or(at);
            step_chapter.push(chapters.len());
            origins.push(Origin {
                file: file.clone(),
                offset: at,
            });
            steps.push(step);
        }
        chapters.push(ChapterInfo {
            id: chapter.id,
            title: chapter.title,
            intro: chapter.intro,
            file,
            steps: start..steps.len(),
        });
    }
    let files = CollectionFiles {
        resources: authored.resources_file.unwrap_or_default(),
        examples: authored.examples_file.unwrap_or_default(),
        glossary: authored.glossary_file.unwrap_or_default(),
        sources: authored.sources_file.unwrap_or_default(),
    };
    let mut cx = Cx { sources, report };
    cx.questions(&index.questions);
    cx.demo_profiles(&index.questions, &index.demo_profiles);
    cx.chapters(&chapters);
    let (step_ids, decision_ids, decisions) = cx.steps(&steps, &origins);

    let names = Names {
        questions: &index.questions,
        decision_ids: &decision_ids,
        decision_steps: &decisions,
        steps: &steps,
    };
    let resources: HashSet<&str> = authored.resources.iter().map(|r| r.id.as_str()).collect();
    let examples: HashSet<&str> = authored.examples.iter().map(|r| r.id.as_str()).collect();
    let source_ids: HashSet<&str> = authored.sources.iter().map(|r| r.id.as_str()).collect();
    let mut compiled = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let origin = &origins[i];
        let src = sources.file(&origin.file);
        let at = At {
            file: &origin.file,
            from: origin.offset,
            src,
        };
        let owner = Owner::Step {
            index: i,
            id: &step.id,
        };
        let mut c = |cond: &Condition| names.compile(cond, owner, &mut cx, &at);
        let tasks = step
            .tasks
            .iter()
            .map(|t| CompiledTask {
                when: t.when.as_ref().map(&mut c),
                priority_if: t.priority_if.iter().map(|p| (c(&p.when), p.then)).collect(),
            })
            .collect();
        let when = step.when.as_ref().map(&mut c);
        let mut when_uses_decision = false;
        if let Some(w) = &when {
            w.for_each_leaf(&mut |is_d, _, _| when_uses_decision |= is_d);
        }
        compiled.push(CompiledStep {
            when,
            when_uses_decision,
            priority_if: step
                .priority_if
                .iter()
                .map(|p| (c(&p.when), p.then))
                .collect(),
            variants: step.variants.iter().map(|v| c(&v.when)).collect(),
            tasks,
            decision: step
                .decision
                .as_ref()
                .and_then(|d| decision_ids.get(&d.id).copied()),
            effort_if: step
                .effort_if
                .iter()
                .map(|e| (c(&e.when), e.then))
                .collect(),
        });
        let variant_sources: Vec<String> = step
            .variants
            .iter()
            .flat_map(|v| v.sources.iter().cloned())
            .collect();
        let variant_resources: Vec<String> = step
            .variants
            .iter()
            .flat_map(|v| v.resources.iter().cloned())
            .collect();
        for (unknown, ids, known) in [
            ("Unbekannte Arbeitshilfe", &step.resources, &resources),
            ("Unbekannte Arbeitshilfe", &variant_resources, &resources),
            ("Unbekanntes Beispiel", &step.examples, &examples),
            ("Unbekannte Quelle", &step.sources, &source_ids),
            ("Unbekannte Quelle", &variant_sources, &source_ids),
        ] {
            for id in ids {
                if !known.contains(id.as_str()) {
                    let at = src.at(id, origin.offset);
                    cx.push(
                        Diagnostic::error(&origin.file, at, format!("{unknown} `{id}`"))
                            .hint(suggest::hint(id, known.iter().copied()))
                            .in_step(&step.id),
                    );
                }
            }
        }
    }

    // Implied answers: conditions on earlier questions only, and an answer that exists.
    let index_src = sources.file(INDEX_FILE);
    let mut implied = Vec::with_capacity(index.questions.len());
    let mut q_from = 0;
    for (qi, q) in index.questions.iter().enumerate() {
        q_from = index_src.find_field("id", &q.id, q_from).unwrap_or(q_from);
        let at = At {
            file: INDEX_FILE,
            from: q_from,
            src: index_src,
        };
        let mut rules = Vec::new();
        for rule in &q.implied {
            let cond = names.compile(&rule.when, Owner::Question { index: qi }, &mut cx, &at);
            match q.choices.iter().position(|c| c.id == rule.answer) {
                Some(k) => rules.push((cond, k as u8)),
                None => {
                    let loc = index_src.at(&rule.answer, q_from);
                    cx.push(
                        Diagnostic::error(
                            INDEX_FILE,
                            loc,
                            format!("`{}` hat keine Antwort `{}`", q.id, rule.answer),
                        )
                        .hint(suggest::hint(
                            &rule.answer,
                            q.choices.iter().map(|c| c.id.as_str()),
                        )),
                    );
                }
            }
        }
        implied.push(rules);
        cx.counts_as(q, q_from);
    }
    let capacity_question = cx.capacity(&index.questions);

    cx.unique(
        &files.resources,
        authored.resources.iter().map(|r| &r.id),
        "Arbeitshilfen-Kennung",
    );
    cx.unique(
        &files.examples,
        authored.examples.iter().map(|r| &r.id),
        "Beispiel-Kennung",
    );
    cx.unique(
        &files.glossary,
        authored.terms.iter().map(|r| &r.id),
        "Begriffs-Kennung",
    );
    cx.unique(
        &files.sources,
        authored.sources.iter().map(|r| &r.id),
        "Quellen-Kennung",
    );
    let res_src = sources.file(&files.resources);
    let mut from = 0;
    for r in &authored.resources {
        from = res_src.find_field("id", &r.id, from).unwrap_or(from);
        // Search from the list itself, so that a word in the body cannot be taken for it.
        let list = res_src.text()[from..]
            .find("sources:")
            .map_or(from, |o| o + from);
        for id in &r.sources {
            if !source_ids.contains(id.as_str()) {
                let at = res_src.at(id, list);
                cx.push(
                    Diagnostic::error(
                        &files.resources,
                        at,
                        format!("Unbekannte Quelle `{id}` in der Arbeitshilfe `{}`", r.id),
                    )
                    .hint(suggest::hint(id, source_ids.iter().copied())),
                );
            }
        }
    }
    let ex_src = sources.file(&files.examples);
    let mut from = 0;
    for e in &authored.examples {
        from = ex_src.find_field("id", &e.id, from).unwrap_or(from);
        if !source_ids.contains(e.source.as_str()) {
            let at = ex_src.at(&e.source, from);
            cx.push(
                Diagnostic::error(
                    &files.examples,
                    at,
                    format!("Unbekannte Quelle `{}`", e.source),
                )
                .hint(suggest::hint(&e.source, source_ids.iter().copied())),
            );
        }
    }

    let spellings = super::glossary::Spellings::new(&authored.terms);
    let mut guide = Guide {
        id: index.id,
        title: index.title,
        version: index.version,
        language: index.language,
        intro: index.intro,
        questions: index.questions,
        demo_profiles: index.demo_profiles,
        about: index.about,
        chapters,
        steps,
        step_chapter,
        origins,
        compiled,
        decisions,
        resources: authored.resources,
        examples: authored.examples,
        terms: authored.terms,
        sources: authored.sources,
        step_ids,
        implied,
        capacity_question,
        collection_files: files,
        spellings,
        fingerprint: String::new(),
    };
    guide.fingerprint = super::fingerprint_of(&guide);
    Some(guide)
}

struct Cx<'a> {
    sources: &'a Sources,
    report: &'a mut Report,
}

impl Cx<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.report.push(d);
    }

    fn questions(&mut self, questions: &[Question]) {
        let src = self.sources.file(INDEX_FILE);
        let mut seen = HashSet::new();
        let mut from = 0;
        for q in questions {
            let at = src.field("id", &q.id, from);
            from = src.find_field("id", &q.id, from).unwrap_or(from);
            if !seen.insert(q.id.as_str()) {
                self.push(Diagnostic::error(
                    INDEX_FILE,
                    at,
                    format!("Fragen-Kennung `{}` kommt doppelt vor", q.id),
                ));
            }
            if !valid_id(&q.id) {
                self.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        at,
                        format!("Ungültige Fragen-Kennung `{}`", q.id),
                    )
                    .hint(ID_HINT),
                );
            }
            self.choices(INDEX_FILE, &q.id, &q.choices, from, None);
        }
    }

    /// Every answer of a demo profile names a real question and choice; every question is
    /// answered.
    fn demo_profiles(&mut self, questions: &[Question], profiles: &[super::DemoProfile]) {
        let src = self.sources.file(INDEX_FILE);
        let mut ids = HashSet::new();
        let mut from = 0;
        for dp in profiles {
            from = src.find_field("id", &dp.id, from).unwrap_or(from);
            let at = src.field("id", &dp.id, from);
            if !ids.insert(dp.id.as_str()) || !valid_id(&dp.id) {
                self.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        at,
                        format!(
                            "Die Demo-Profil-Kennung `{}` kommt doppelt vor oder ist ungültig",
                            dp.id
                        ),
                    )
                    .hint(ID_HINT),
                );
            }
            for (q, a) in &dp.answers {
                match questions.iter().find(|x| &x.id == q) {
                    None => {
                        let at = src.at(q, from);
                        self.push(
                            Diagnostic::error(
                                INDEX_FILE,
                                at,
                                format!("Unbekannte Frage `{q}` im Demo-Profil `{}`", dp.id),
                            )
                            .hint(suggest::hint(q, questions.iter().map(|x| x.id.as_str()))),
                        );
                    }
                    Some(question) if !question.choices.iter().any(|c| &c.id == a) => {
                        let at = src.at(a, from);
                        self.push(
                            Diagnostic::error(
                                INDEX_FILE,
                                at,
                                format!("`{q}` hat keine Antwort `{a}`"),
                            )
                            .hint(suggest::hint(
                                a,
                                question.choices.iter().map(|c| c.id.as_str()),
                            )),
                        );
                    }
                    Some(_) => {}
                }
            }
            for q in questions.iter().filter(|q| q.implied.is_empty()) {
                if !dp.answers.iter().any(|(x, _)| x == &q.id) {
                    self.push(
                        Diagnostic::error(
                            INDEX_FILE,
                            at,
                            format!("Das Demo-Profil `{}` beantwortet `{}` nicht", dp.id, q.id),
                        )
                        .hint("Ein Demo-Profil beantwortet jede Frage zur Kommune"),
                    );
                }
            }
        }
    }

    fn chapters(&mut self, chapters: &[ChapterInfo]) {
        let mut ids = HashSet::new();
        for ch in chapters {
            if !ids.insert(ch.id.as_str()) {
                let at = self.sources.file(&ch.file).field("id", &ch.id, 0);
                self.push(Diagnostic::error(
                    &ch.file,
                    at,
                    format!("Kapitel-Kennung `{}` kommt doppelt vor", ch.id),
                ));
            }
        }
    }

    /// Step, task and decision ids: (step index by id, decision index by id, the step
    /// that asks each decision).
    #[allow(clippy::type_complexity)]
    fn steps(
        &mut self,
        steps: &[Step],
        origins: &[Origin],
    ) -> (HashMap<String, usize>, HashMap<String, usize>, Vec<usize>) {
        let mut step_ids: HashMap<String, usize> = HashMap::new();
        let mut decision_ids: HashMap<String, usize> = HashMap::new();
        let mut decisions = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            let origin = &origins[i];
            let src = self.sources.file(&origin.file);
            let at = src.field("id", &step.id, origin.offset);
            if let Some(&first) = step_ids.get(&step.id) {
                let first = &origins[first];
                let first_at = self.sources.loc(&first.file, first.offset, 1);
                self.push(
                    Diagnostic::error(&origin.file, at, format!("Schritt-Kennung `{}` kommt doppelt vor", step.id))
                        .hint(format!(
                            "Der erste Schritt mit dieser Kennung steht in {}:{}:{}; jede Schritt-Kennung darf im ganzen Leitfaden nur einmal vorkommen",
                            first.file, first_at.line, first_at.col
                        ))
                        .in_step(&step.id),
                );
            } else {
                step_ids.insert(step.id.clone(), i);
            }
            if !valid_id(&step.id) {
                self.push(
                    Diagnostic::error(
                        &origin.file,
                        at,
                        format!("Ungültige Schritt-Kennung `{}`", step.id),
                    )
                    .hint(ID_HINT)
                    .in_step(&step.id),
                );
            }
            let mut task_ids = HashSet::new();
            for t in &step.tasks {
                if !task_ids.insert(t.id.as_str()) || !valid_id(&t.id) {
                    let at = src.field("id", &t.id, origin.offset);
                    let msg = if valid_id(&t.id) {
                        format!("Aufgaben-Kennung `{}` kommt doppelt vor", t.id)
                    } else {
                        format!("Ungültige Aufgaben-Kennung `{}`", t.id)
                    };
                    self.push(
                        Diagnostic::error(&origin.file, at, msg)
                            .hint(
                                "Jede Aufgaben-Kennung darf in ihrem Schritt nur einmal vorkommen; "
                                    .to_string() + ID_HINT,
                            )
                            .in_step(&step.id),
                    );
                }
            }
            if let Some(d) = &step.decision {
                let at = src.field("id", &d.id, origin.offset);
                if decision_ids.contains_key(&d.id) {
                    self.push(
                        Diagnostic::error(
                            &origin.file,
                            at,
                            format!("Entscheidungs-Kennung `{}` kommt doppelt vor", d.id),
                        )
                        .hint("Jede Entscheidung wird in nur einem Schritt gefragt")
                        .in_step(&step.id),
                    );
                } else {
                    decision_ids.insert(d.id.clone(), decisions.len());
                    decisions.push(i);
                }
                let from = src.find_field("id", &d.id, origin.offset).unwrap_or(0);
                self.choices(&origin.file, &d.id, &d.choices, from, Some(&step.id));
            }
        }
        (step_ids, decision_ids, decisions)
    }

    fn choices(
        &mut self,
        file: &str,
        owner: &str,
        choices: &[Choice],
        from: usize,
        step: Option<&str>,
    ) {
        let src = self.sources.file(file);
        let with_step = |d: Diagnostic| match step {
            Some(s) => d.in_step(s),
            None => d,
        };
        if choices.is_empty() || choices.len() > 64 {
            let at = src.field("id", owner, from);
            self.push(with_step(
                Diagnostic::error(file, at, format!("`{owner}` braucht 1 bis 64 Antworten"))
                    .hint("Schreiben Sie jede Antwort als `Choice(id: \"...\", label: \"...\")`"),
            ));
        }
        let mut seen = HashSet::new();
        for c in choices {
            if !seen.insert(c.id.as_str()) || !valid_id(&c.id) {
                let at = src.field("id", &c.id, from);
                let msg = if valid_id(&c.id) {
                    format!("Antwort-Kennung `{}` kommt in `{owner}` doppelt vor", c.id)
                } else {
                    format!("Ungültige Antwort-Kennung `{}` in `{owner}`", c.id)
                };
                self.push(with_step(Diagnostic::error(file, at, msg).hint(ID_HINT)));
            }
        }
    }

    /// `counts_as` names another answer of the same question, one that counts as itself.
    fn counts_as(&mut self, q: &Question, from: usize) {
        let src = self.sources.file(INDEX_FILE);
        for c in &q.choices {
            let Some(target) = &c.counts_as else { continue };
            let at = src.field("id", &c.id, from);
            match q.choices.iter().find(|x| &x.id == target) {
                None => self.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        at,
                        format!("Die Antwort `{}` von `{}` zählt als `{target}`, aber diese Antwort hat `{}` nicht", c.id, q.id, q.id),
                    )
                    .hint(suggest::hint(target, q.choices.iter().map(|c| c.id.as_str()))),
                ),
                Some(t) if t.id == c.id || t.counts_as.is_some() => self.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        at,
                        format!("Die Antwort `{}` von `{}` zählt als `{target}`, und `{target}` zählt selbst als eine andere Antwort", c.id, q.id),
                    )
                    .hint("Lassen Sie „Weiß ich nicht“ als eine echte Antwort zählen, die vorsichtige"),
                ),
                Some(_) => {}
            }
        }
    }

    /// The one question whose answers carry `hours_per_month`: every answer has it or
    /// counts as one that has.
    fn capacity(&mut self, questions: &[Question]) -> Option<usize> {
        let src = self.sources.file(INDEX_FILE);
        let with: Vec<usize> = (0..questions.len())
            .filter(|&q| {
                questions[q]
                    .choices
                    .iter()
                    .any(|c| c.hours_per_month.is_some())
            })
            .collect();
        for &q in with.iter().skip(1) {
            let at = src.field("id", &questions[q].id, 0);
            self.push(
                Diagnostic::error(
                    INDEX_FILE,
                    at,
                    format!(
                        "`{}` nennt Stunden pro Monat, `{}` aber auch",
                        questions[q].id, questions[with[0]].id
                    ),
                )
                .hint("Nur eine Frage zur Kommune sagt, wie viel Zeit sie hat"),
            );
        }
        let q = *with.first()?;
        for c in &questions[q].choices {
            let ok = match (c.hours_per_month, &c.counts_as) {
                (Some((lo, hi)), _) => lo <= hi && hi > 0,
                (None, Some(_)) => true,
                (None, None) => false,
            };
            if !ok {
                let at = src.field(
                    "id",
                    &c.id,
                    src.find_field("id", &questions[q].id, 0).unwrap_or(0),
                );
                self.push(
                    Diagnostic::error(
                        INDEX_FILE,
                        at,
                        format!("Die Antwort `{}` von `{}` braucht `hours_per_month` mit einem Bereich", c.id, questions[q].id),
                    )
                    .hint("Geben Sie einen Bereich mit der kleineren Zahl zuerst an, z. B. `hours_per_month: (30, 35)`, oder lassen Sie die Antwort als eine zählen, die ihn hat (`counts_as`)"),
                );
            }
        }
        Some(q)
    }

    /// Ids of a collection: each once, and valid. `kind` names the id, e.g.
    /// `Quellen-Kennung`.
    fn unique<'a>(&mut self, file: &str, ids: impl Iterator<Item = &'a String>, kind: &str) {
        let src = self.sources.file(file);
        let mut seen = HashSet::new();
        let mut from = 0;
        for id in ids {
            let offset = src.find_field("id", id, from);
            let at = src.field("id", id, from);
            from = offset.map_or(from, |o| o + 1);
            if !seen.insert(id.as_str()) {
                self.push(Diagnostic::error(
                    file,
                    at,
                    format!("{kind} `{id}` kommt doppelt vor"),
                ));
            } else if !valid_id(id) {
                self.push(
                    Diagnostic::error(file, at, format!("Ungültige {kind} `{id}`")).hint(ID_HINT),
                );
            }
        }
    }
}

/// What conditions may name, for compiling them.
struct Names<'a> {
    questions: &'a [Question],
    decision_ids: &'a HashMap<String, usize>,
    decision_steps: &'a [usize],
    steps: &'a [Step],
}

/// What a condition belongs to: a step (decisions asked before it may be used) or an
/// intake question's implied answer (only earlier questions may be used).
#[derive(Clone, Copy)]
enum Owner<'a> {
    Step { index: usize, id: &'a str },
    Question { index: usize },
}

impl Owner<'_> {
    fn tag(self, d: Diagnostic) -> Diagnostic {
        match self {
            Owner::Step { id, .. } => d.in_step(id),
            Owner::Question { .. } => d,
        }
    }
}

/// Where a condition is written, for locating messages.
struct At<'a> {
    file: &'a str,
    from: usize,
    src: &'a SourceFile,
}

impl Names<'_> {
    fn compile(&self, cond: &Condition, owner: Owner, cx: &mut Cx, at: &At) -> Compiled {
        let recurse = |items: &[Condition], cx: &mut Cx| -> Vec<Compiled> {
            items
                .iter()
                .map(|c| self.compile(c, owner, cx, at))
                .collect()
        };
        match cond {
            Condition::All(items) => Compiled::All(recurse(items, cx)),
            Condition::Any(items) => Compiled::Any(recurse(items, cx)),
            Condition::Not(inner) => Compiled::Not(Box::new(self.compile(inner, owner, cx, at))),
            Condition::Profile(q, wanted) => {
                let Some(qi) = self.questions.iter().position(|x| &x.id == q) else {
                    let loc = at.src.at(q, at.from);
                    cx.push(owner.tag(
                        Diagnostic::error(at.file, loc, format!("Unbekannte Frage `{q}`")).hint(
                            suggest::hint(q, self.questions.iter().map(|x| x.id.as_str())),
                        ),
                    ));
                    return Compiled::Never;
                };
                if let Owner::Question { index } = owner
                    && qi >= index
                {
                    let loc = at.src.at(q, at.from);
                    cx.push(
                        Diagnostic::error(
                            at.file,
                            loc,
                            format!(
                                "Die abgeleitete Antwort auf `{}` hängt von `{q}` ab, und `{q}` wird nicht vorher gefragt",
                                self.questions[index].id
                            ),
                        )
                        .hint("Eine Antwort kann nur aus Fragen zur Kommune folgen, die vorher gestellt werden"),
                    );
                }
                let choices = &self.questions[qi].choices;
                let mask = mask(cx, owner, at, q, wanted, choices);
                Compiled::Profile { question: qi, mask }
            }
            Condition::Decision(d, wanted) => {
                let step = match owner {
                    Owner::Step { index, .. } => index,
                    Owner::Question { index } => {
                        let loc = at.src.at(d, at.from);
                        cx.push(
                            Diagnostic::error(
                                at.file,
                                loc,
                                format!(
                                    "Die abgeleitete Antwort auf `{}` nennt die Entscheidung `{d}`",
                                    self.questions[index].id
                                ),
                            )
                            .hint("Eine abgeleitete Antwort kann nur aus den Fragen zur Kommune folgen; die kommen vor jeder Entscheidung"),
                        );
                        return Compiled::Never;
                    }
                };
                let Some(&di) = self.decision_ids.get(d) else {
                    let loc = at.src.at(d, at.from);
                    let hint = if self.questions.iter().any(|q| &q.id == d) {
                        format!(
                            "`{d}` ist eine Frage zur Kommune: Schreiben Sie `Profile(\"{d}\", [...])`"
                        )
                    } else {
                        suggest::hint(d, self.decision_ids.keys().map(String::as_str))
                    };
                    cx.push(
                        owner.tag(
                            Diagnostic::error(
                                at.file,
                                loc,
                                format!("Unbekannte Entscheidung `{d}`"),
                            )
                            .hint(hint),
                        ),
                    );
                    return Compiled::Never;
                };
                let asked_in = self.decision_steps[di];
                if asked_in >= step {
                    let loc = at.src.at(d, at.from);
                    cx.push(owner.tag(
                        Diagnostic::error(
                            at.file,
                            loc,
                            format!(
                                "Die Entscheidung `{d}` wird im Schritt `{}` gefragt, und der kommt nicht vor diesem Schritt",
                                self.steps[asked_in].id
                            ),
                        )
                        .hint("Eine Bedingung kann nur Entscheidungen nutzen, die auf dem Weg schon vorher gefragt wurden"),
                    ));
                }
                let choices = &self.steps[asked_in]
                    .decision
                    .as_ref()
                    .expect("decision_steps only lists steps that ask one")
                    .choices;
                let mask = mask(cx, owner, at, d, wanted, choices);
                Compiled::Decision { decision: di, mask }
            }
        }
    }
}

/// The bit mask of the `wanted` choices among `choices`; unknown ones are reported. A
/// choice that counts as a wanted one (`counts_as`, e.g. „Weiß ich nicht“) is in the mask
/// too.
fn mask(
    cx: &mut Cx,
    owner: Owner,
    at: &At,
    name: &str,
    wanted: &[String],
    choices: &[Choice],
) -> u64 {
    let mut mask = 0u64;
    if wanted.is_empty() {
        let loc = at.src.at(name, at.from);
        cx.push(
            owner.tag(
                Diagnostic::error(
                    at.file,
                    loc,
                    format!("Die Bedingung zu `{name}` nennt keine Antwort"),
                )
                .hint("Nennen Sie mindestens eine Antwort, z. B. `[\"ja\"]`"),
            ),
        );
    }
    for w in wanted {
        match choices.iter().position(|c| &c.id == w) {
            Some(i) if i < 64 => mask |= 1 << i,
            _ => {
                let loc = at.src.at(w, at.from);
                cx.push(
                    owner.tag(
                        Diagnostic::error(
                            at.file,
                            loc,
                            format!("`{name}` hat keine Antwort `{w}`"),
                        )
                        .hint(suggest::hint(w, choices.iter().map(|c| c.id.as_str()))),
                    ),
                );
            }
        }
    }
    for (i, c) in choices.iter().enumerate().take(64) {
        if c.counts_as.as_ref().is_some_and(|t| wanted.contains(t)) {
            mask |= 1 << i;
        }
    }
    mask
}
