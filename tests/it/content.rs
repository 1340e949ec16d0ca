//! The bundled guide's content rules (issue „The guide an experienced Open-Government
//! officer would trust and use“): the working definition quoted once, no author notes,
//! banned words or stray voices in what readers see, each pitfall and task once, a
//! „Rechtlich prüfen“ box wherever a step publishes, uses the register, goes door to door
//! or uses an online tool, and the Arbeitshilfen and glossary the officer needs.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use leitfaden::condition::Facts;
use leitfaden::coverage::{self, Limits};
use leitfaden::guide::Guide;

static GUIDE: LazyLock<Guide> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let files = leitfaden::guide::load::read_dir(&dir).expect("guide/ is readable");
    match Guide::load(&files) {
        Ok((guide, _)) => guide,
        Err(report) => panic!("the bundled guide has errors:\n{}", report.render("guide/")),
    }
});

/// The working definition of 24.11.2017, word for word (open-government-kommunen.de,
/// „Arbeitsdefinition für das Projekt der Modellkommunen Open Government“).
const DEFINITION: &str = "„Kommunales Open Government wird als bewusste und systematische Öffnung von Lokalpolitik und Kommunalverwaltung für die Interessen, Anforderungen und Fähigkeiten der vielfältigen, mobilen, digitalen und zunehmend globalisierten Gesellschaft in den Gemeinden, Städten und Kreisen verstanden.“";

/// Where a text is shown, and whether it is a template's text (which speaks as the
/// Kommune) rather than the guide's own voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Voice {
    Guide,
    /// An Arbeitshilfe's body outside its `>` hints.
    Template,
}

struct Text {
    place: String,
    voice: Voice,
    text: String,
}

/// Every string a reader sees, with where it is shown. The one methods note
/// (`about.methods`) is left out: it is the place where the guide says how estimates were
/// made, so words like „nicht gemessen“ belong there.
fn visible(g: &Guide) -> Vec<Text> {
    let mut out = Vec::new();
    let mut templates = Vec::new();
    let mut push_guide = |place: String, text: &str| {
        out.push(Text {
            place,
            voice: Voice::Guide,
            text: text.to_string(),
        });
    };
    push_guide("guide.title".into(), &g.title);
    push_guide("guide.intro".into(), &g.intro);
    for q in &g.questions {
        push_guide(format!("question {}", q.id), &q.label);
        push_guide(format!("question {}", q.id), &q.help);
        for c in &q.choices {
            push_guide(format!("question {} / {}", q.id, c.id), &c.label);
            push_guide(format!("question {} / {}", q.id, c.id), &c.help);
        }
    }
    for ch in &g.chapters {
        push_guide(format!("chapter {}", ch.id), &ch.title);
        push_guide(format!("chapter {}", ch.id), &ch.intro);
    }
    for s in &g.steps {
        let at = |what: &str| format!("step {} ({what})", s.id);
        push_guide(at("title"), &s.title);
        push_guide(at("body"), &s.body);
        for (k, v) in s.variants.iter().enumerate() {
            push_guide(at(&format!("variant {}", k + 1)), &v.text);
        }
        for t in &s.tasks {
            push_guide(at(&format!("task {}", t.id)), &t.text);
        }
        push_guide(at("legal"), &s.legal);
        if let Some(d) = &s.decision {
            push_guide(at("decision"), &d.label);
            push_guide(at("decision"), &d.help);
            for c in &d.choices {
                push_guide(at("decision"), &c.label);
                push_guide(at("decision"), &c.help);
            }
        }
    }
    for e in &g.examples {
        let at = format!("example {}", e.id);
        for t in [&e.kommune, &e.size, &e.title, &e.what, &e.learn] {
            push_guide(at.clone(), t);
        }
    }
    for t in &g.terms {
        push_guide(format!("term {}", t.id), &t.term);
        push_guide(format!("term {}", t.id), &t.definition);
    }
    for s in &g.sources {
        push_guide(format!("source {}", s.id), &s.title);
        push_guide(format!("source {}", s.id), &s.publisher);
    }
    let a = &g.about;
    for t in [&a.publisher, &a.date, &a.based_on, &a.cite, &a.licence] {
        push_guide("about".into(), t);
    }
    for r in &g.resources {
        push_guide(format!("resource {} (title)", r.id), &r.title);
        push_guide(format!("resource {} (summary)", r.id), &r.summary);
        // A template speaks as the Kommune; its hints (`>` lines) speak as the guide.
        let (hints, body): (Vec<&str>, Vec<&str>) = r
            .body
            .lines()
            .partition(|l| l.trim_start().starts_with('>'));
        push_guide(format!("resource {} (hints)", r.id), &hints.join("\n"));
        templates.push(Text {
            place: format!("resource {} (body)", r.id),
            voice: Voice::Template,
            text: body.join("\n"),
        });
    }
    out.extend(templates);
    out
}

/// The text without what it quotes („…“), since quotes keep their sources' words.
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '„' => depth += 1,
            '“' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Texts of steps a reader works through: body, variants, tasks and the legal box.
fn step_texts(g: &Guide) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in &g.steps {
        out.push((s.id.clone(), s.body.clone()));
        out.extend(s.variants.iter().map(|v| (s.id.clone(), v.text.clone())));
        out.extend(s.tasks.iter().map(|t| (s.id.clone(), t.text.clone())));
        out.push((s.id.clone(), s.legal.clone()));
    }
    out
}

#[test]
fn the_working_definition_is_quoted_once_with_its_source() {
    let g = &*GUIDE;
    let texts = visible(g);
    let quoted: Vec<&str> = texts
        .iter()
        .filter(|t| t.text.contains(DEFINITION))
        .map(|t| t.place.as_str())
        .collect();
    assert_eq!(
        quoted,
        ["step was-ist-open-government (body)"],
        "the definition is quoted word for word exactly once, in its step"
    );
    assert_eq!(
        texts
            .iter()
            .map(|t| t.text.matches(DEFINITION).count())
            .sum::<usize>(),
        1
    );
    // Paraphrases reuse its core; they refer to the step instead.
    let core = "Interessen, Anforderungen und Fähigkeiten";
    let paraphrased: Vec<&str> = texts
        .iter()
        .filter(|t| t.text.contains(core) && !t.text.contains(DEFINITION))
        .map(|t| t.place.as_str())
        .collect();
    assert!(
        paraphrased.is_empty(),
        "paraphrased at {paraphrased:?}; refer to „Was ist kommunales Open Government?“"
    );
    let step = &g.steps[g.step_index("was-ist-open-government").expect("the step")];
    assert!(step.sources.iter().any(|s| s == "workshop-2017"));
    let source = g.source("workshop-2017").expect("the source");
    assert!(source.title.contains("24.11.2017"), "{}", source.title);
    assert_eq!(
        source.url.as_deref(),
        Some("http://open-government-kommunen.de/?p=1302")
    );
}

#[test]
fn no_reader_sees_an_author_note() {
    let notes = [
        "nicht belegt",
        "aus Überlegung",
        "nicht gemessen",
        "Größe hier",
        "TODO",
        "FIXME",
        "XXX",
        "unverified",
        "unverifiziert",
        "Quelle fehlt",
        "noch prüfen",
        "Platzhalter für",
    ];
    let mut found = Vec::new();
    for t in visible(&GUIDE) {
        for n in notes {
            if t.text.contains(n) {
                found.push(format!("{}: „{n}“", t.place));
            }
        }
    }
    assert!(
        found.is_empty(),
        "author notes in reader text:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_reader_sees_the_words_the_review_ruled_out() {
    let banned = [
        ("Stadtgesellschaft", "Zivilgesellschaft vor Ort"),
        ("Gemeindeversammlung", "Einwohnerversammlung"),
        ("%", "Prozent"),
        ("Wir empfehlen", "the imperative or „Es hilft, …“"),
        ("wir empfehlen", "the imperative or „Es hilft, …“"),
        (
            "Dieser Leitfaden ist so entstanden",
            "it is not the pilot's publication",
        ),
        ("Erfolgskriteri", "Erfolgszeichen"),
        ("Erfolgsindikator", "Erfolgszeichen"),
        ("Erfolgsmerkmal", "Erfolgszeichen"),
        ("Betreiber", "wer betreibt …"),
        ("\"", "„…“"),
        ("»", "„…“"),
        ("«", "„…“"),
        ("”", "„…“"),
    ];
    let mut found = Vec::new();
    for t in visible(&GUIDE) {
        for (word, instead) in banned {
            if t.text.contains(word) {
                found.push(format!("{}: „{word}“ (write {instead})", t.place));
            }
        }
        let (open, close) = (t.text.matches('„').count(), t.text.matches('“').count());
        if open != close {
            found.push(format!("{}: {open} „ but {close} “", t.place));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Masculine forms the review found alone: each must come with its feminine form just
/// before it („Bürgerinnen und Bürger“, „die Bürgermeisterin oder den Bürgermeister“).
#[test]
fn persons_are_named_gender_fair() {
    let pairs: [(&str, &str); 22] = [
        ("Bürgermeister", "Bürgermeisterin"),
        ("Bürgermeistern", "Bürgermeisterin"),
        ("Ortsvorsteher", "Ortsvorsteherin"),
        ("Ortsvorstehern", "Ortsvorsteherin"),
        ("Multiplikatoren", "Multiplikatorin"),
        ("Empfänger", "Empfängerin"),
        ("Empfängern", "Empfängerin"),
        ("Einwohner", "Einwohnerin"),
        ("Einwohnern", "Einwohnerin"),
        ("Bürger", "Bürgerin"),
        ("Bürgern", "Bürgerin"),
        ("Teilnehmer", "Teilnehmerin"),
        ("Teilnehmern", "Teilnehmerin"),
        ("Nutzer", "Nutzerin"),
        ("Nutzern", "Nutzerin"),
        ("Landrat", "Landrätin"),
        ("Amtsdirektor", "Amtsdirektorin"),
        ("Kandidaten", "Kandidatin"),
        ("Mitstreiter", "Mitstreiterin"),
        ("Nachfolger", "Nachfolgerin"),
        ("Rednern", "Rednerin"),
        ("Informationsfreiheitsbeauftragte", "die oder der "),
    ];
    let word_char = |c: char| c.is_alphabetic() || c == '-';
    let mut found = Vec::new();
    // Source titles are the cited works' own words.
    for t in visible(&GUIDE)
        .into_iter()
        .filter(|t| !t.place.starts_with("source "))
    {
        let text = unquoted(&t.text);
        for (masc, fem) in pairs {
            for (at, _) in text.match_indices(masc) {
                let before = text[..at].chars().next_back();
                let after = text[at + masc.len()..].chars().next();
                if before.is_some_and(word_char) || after.is_some_and(word_char) {
                    continue;
                }
                let start = text[..at]
                    .char_indices()
                    .rev()
                    .nth(79)
                    .map_or(0, |(i, _)| i);
                if !text[start..at].contains(fem) {
                    found.push(format!("{}: „{masc}“ without „{fem}“", t.place));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The guide speaks as its publisher, to „Sie“; only a template's own text says „wir“
/// (the Kommune). Quotes keep their own words.
#[test]
fn only_templates_say_wir() {
    let first_person = [
        "wir", "uns", "unser", "unsere", "unserer", "unseren", "unserem", "unseres",
    ];
    let mut found = Vec::new();
    let mut templates_do = false;
    for t in visible(&GUIDE) {
        let text = unquoted(&t.text);
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .collect();
        let hit = words.iter().find(|w| first_person.contains(&w.as_str()));
        match (t.voice, hit) {
            (Voice::Guide, Some(w)) => found.push(format!("{}: „{w}“", t.place)),
            (Voice::Template, Some(_)) => templates_do = true,
            _ => {}
        }
    }
    assert!(
        found.is_empty(),
        "„wir“ outside a template:\n{}",
        found.join("\n")
    );
    assert!(templates_do, "the templates speak as the Kommune");
}

/// Each pitfall is told once, at its natural step.
#[test]
fn each_pitfall_is_told_once_at_its_step() {
    let pitfalls = [
        (
            "eher E-Government als Open Government",
            "offenheit-in-vorhaben",
        ),
        ("älter als 65", "alle-erreichen"),
        ("42 Prozent", "klein-dauerhaft"),
        (
            "Stolperstein:** Beteiligung ohne Rückmeldung",
            "pilot-kommunizieren",
        ),
    ];
    let texts = visible(&GUIDE);
    for (marker, step) in pitfalls {
        let places: Vec<&str> = texts
            .iter()
            .filter(|t| t.text.contains(marker))
            .map(|t| t.place.as_str())
            .collect();
        assert_eq!(places.len(), 1, "„{marker}“ is told at {places:?}");
        assert!(
            places[0].starts_with(&format!("step {step} ")),
            "„{marker}“ belongs in {step}, is at {}",
            places[0]
        );
    }
    // Data never updated: in the two steps about keeping data current, which no one sees
    // together (one is for Kommunen at the start, the other for those further along).
    let never_updated: BTreeSet<String> = texts
        .iter()
        .filter(|t| t.text.contains("nie wieder aktualisiert"))
        .map(|t| t.place.split(' ').nth(1).unwrap_or("").to_string())
        .collect();
    assert!(
        never_updated
            .iter()
            .all(|s| s == "transparenz-vertiefen" || s == "daten-governance"),
        "{never_updated:?}"
    );
}

/// Words a task's text shares with another, of four letters or more, over all it uses.
fn overlap(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let all = a.union(&b).count();
    if all == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / all as f64
}

/// No one meets the same task twice on a path: tasks of two steps that share a path are
/// not near copies of each other (a later step refers back instead).
#[test]
fn no_task_is_repeated_on_a_path() {
    let g = &*GUIDE;
    let mut paths: HashSet<Vec<usize>> = HashSet::new();
    coverage::walk_observed(g, &Limits::default(), |_, steps| {
        if !paths.contains(steps) {
            paths.insert(steps.to_vec());
        }
    });
    let mut together: HashSet<(usize, usize)> = HashSet::new();
    for p in &paths {
        for (k, &a) in p.iter().enumerate() {
            for &b in &p[k + 1..] {
                together.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut near = Vec::new();
    for &(a, b) in &together {
        for ta in &g.steps[a].tasks {
            for tb in &g.steps[b].tasks {
                let o = overlap(&ta.text, &tb.text);
                if o >= 0.6 {
                    near.push(format!(
                        "{:.2} {}/{} ~ {}/{}",
                        o, g.steps[a].id, ta.id, g.steps[b].id, tb.id
                    ));
                }
            }
        }
    }
    near.sort();
    assert!(
        near.is_empty(),
        "tasks repeated on a path:\n{}",
        near.join("\n")
    );
    // The measure finds a copy: the same text in two steps would count fully.
    assert!((overlap("Fragen Sie den Kreis.", "Fragen Sie den Kreis.") - 1.0).abs() < 1e-9);
}

/// What tells that a step's tasks publish documents or data, use the population
/// register, go door to door or use an online tool. Tasks are what the reader does; a
/// body that only mentions such things (an example elsewhere) needs no box.
const NEEDS_LEGAL: [&str; 18] = [
    "eröffentlichen",
    "ins Netz",
    "im Netz",
    "online stell",
    "auf Ihre Internetseite",
    "auf Ihrer Internetseite",
    "Datensatz",
    "Datensätz",
    "Melderegister",
    "Meldeamt",
    "Zufallsauswahl",
    "per Los",
    "Haustür",
    "Hausbesuch",
    "Plattform",
    "Online-Beteiligung",
    "Online-Werkzeug",
    "Schnittstelle frei",
];

/// The steps the rule covers, with the word that caught each.
fn steps_needing_legal(g: &Guide) -> BTreeMap<&str, &'static str> {
    let mut out = BTreeMap::new();
    for s in &g.steps {
        let word = NEEDS_LEGAL
            .iter()
            .find(|w| s.tasks.iter().any(|t| t.text.contains(*w)));
        if let Some(w) = word {
            out.insert(s.id.as_str(), *w);
        }
    }
    out
}

#[test]
fn every_step_that_publishes_or_uses_the_register_or_an_online_tool_has_a_legal_box() {
    let g = &*GUIDE;
    let covered = steps_needing_legal(g);
    let missing: Vec<String> = covered
        .iter()
        .filter(|(id, _)| {
            let s = &g.steps[g.step_index(id).expect("a step")];
            s.legal.trim().is_empty()
        })
        .map(|(id, w)| format!("{id} (task says „{w}“)"))
        .collect();
    assert!(
        missing.is_empty(),
        "no „Rechtlich prüfen“ box:\n{}",
        missing.join("\n")
    );
    // The rule reaches the steps it is made for: data, council papers, the Bürgerrat by
    // lot, platforms, lists on the web.
    for id in [
        "open-data-start",
        "open-data-ohne-portal",
        "ratsinfo-oparl",
        "ratsinfo-dienstleister",
        "transparenz-vertiefen",
        "buergerrat-losverfahren",
        "beteiligungsplattform",
        "buergerbudget",
        "vorhabenliste-erproben",
        "leitbild-offenheit",
        "ampel-monitoring",
    ] {
        assert!(
            covered.contains_key(id),
            "the rule misses {id}: {covered:?}"
        );
    }
    // Each box names what to check: data protection, and accessibility where it publishes.
    for id in covered.keys() {
        let s = &g.steps[g.step_index(id).expect("a step")];
        assert!(
            s.legal.contains("DSGVO") || s.legal.contains("barrierefrei"),
            "{id}: the box names neither data protection nor accessibility"
        );
    }
}

#[test]
fn the_council_and_kreistag_templates_commission_the_administration() {
    let g = &*GUIDE;
    for (id, body, commission) in [
        (
            "vorlage-ratsbeschluss",
            "Gemeinderat",
            "beauftragt die Verwaltung",
        ),
        (
            "vorlage-ratsbeschluss-kreistag",
            "Kreistag",
            "beauftragt die Kreisverwaltung",
        ),
    ] {
        let r = g
            .resource(id)
            .unwrap_or_else(|| panic!("no Arbeitshilfe {id}"));
        assert!(r.title.contains(body), "{}", r.title);
        for part in [
            commission,
            "## Beratungsfolge",
            "## Beschlussvorschlag",
            "Haushaltsstelle",
            "Deckung",
            "Vorlagen-Nr.",
            "Arbeitsdefinition des Modellprojekts",
        ] {
            assert!(r.body.contains(part), "{id} lacks „{part}“");
        }
    }
    // The Kreistag template shows to Landkreise only: a step or paragraph that offers it
    // is hidden from every other size.
    let size = g.question_index("groesse").expect("the size question");
    let kreistag = "vorlage-ratsbeschluss-kreistag";
    let mut offered = 0;
    for (i, s) in g.steps.iter().enumerate() {
        let c = &g.compiled[i];
        let on_step = s.resources.iter().any(|r| r == kreistag);
        for (k, choice) in g.questions[size].choices.iter().enumerate() {
            if choice.id == "landkreis" {
                continue;
            }
            let mut facts = Facts {
                profile: vec![None; g.questions.len()],
                decisions: vec![None; g.decisions.len()],
            };
            facts.profile[size] = Some(k as u8);
            let step_shown = c.when.as_ref().is_none_or(|w| w.eval(&facts));
            if on_step {
                assert!(
                    !step_shown,
                    "{} offers the Kreistag template to {}",
                    s.id, choice.id
                );
            }
            for (v, variant) in s.variants.iter().enumerate() {
                if variant.resources.iter().any(|r| r == kreistag) {
                    assert!(
                        !c.variants[v].eval(&facts),
                        "{} variant {} offers the Kreistag template to {}",
                        s.id,
                        v + 1,
                        choice.id
                    );
                }
            }
        }
        offered += usize::from(
            on_step
                || s.variants
                    .iter()
                    .any(|v| v.resources.iter().any(|r| r == kreistag)),
        );
    }
    assert!(
        offered >= 3,
        "the Kreistag template is offered in {offered} steps"
    );
}

#[test]
fn there_are_at_least_sixteen_arbeitshilfen_and_each_is_offered() {
    let g = &*GUIDE;
    assert!(
        g.resources.len() >= 16,
        "{} Arbeitshilfen",
        g.resources.len()
    );
    for r in &g.resources {
        assert!(
            g.steps.iter().any(|s| s.uses_resource(&r.id)),
            "no step offers {}",
            r.id
        );
    }
    for id in [
        "vorlage-ratserklaerung",
        "vorlage-vereinbarung-kreis-gemeinden",
        "vorlage-vorhabenliste",
        "vorlage-buergerbudget-regeln",
        "vorlage-einladung-buergerrat",
        "vorlage-transparenzsatzung",
        "tabelle-beteiligungsmethoden",
        "checkliste-datenschutz-barrierefreiheit",
    ] {
        assert!(g.resource(id).is_some(), "the issue asks for {id}");
    }
}

#[test]
fn every_glossary_term_occurs_in_some_step_text() {
    let g = &*GUIDE;
    let mut found = vec![false; g.terms.len()];
    for (_, text) in step_texts(g) {
        for m in g.spellings.find(&text) {
            found[m.term] = true;
        }
    }
    let unused: Vec<&str> = g
        .terms
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(t, _)| t.term.as_str())
        .collect();
    assert!(unused.is_empty(), "terms no step uses: {unused:?}");
    for needed in [
        "KDZ",
        "Hackerspace",
        "Café Communale",
        "Amt",
        "Verbandsgemeinde",
        "Satzung",
        "Einwohnerversammlung",
    ] {
        assert!(
            g.terms.iter().any(|t| t.term == needed),
            "the glossary lacks {needed}"
        );
    }
}
