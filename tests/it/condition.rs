//! Conditions: evaluation of compiled conditions and their wording in German.

use crate::common::*;
use leitfaden::condition::{self, Compiled, Condition, Facts, Vocabulary};
use leitfaden::profile::Answers;

// ---------------------------------------------------------------------------------------
// Conditions: evaluation and wording

#[test]
fn compiled_conditions_treat_an_open_decision_as_not_matching() {
    let facts = |d: Option<u8>| Facts {
        profile: vec![Some(1)],
        decisions: vec![d],
    };
    let ja = Compiled::Decision {
        decision: 0,
        mask: 0b01,
    };
    let not_ja = Compiled::Not(Box::new(ja.clone()));
    assert!(!ja.eval(&facts(None)));
    assert!(not_ja.eval(&facts(None)));
    assert!(ja.eval(&facts(Some(0))));
    assert!(!ja.eval(&facts(Some(1))));
    let gross = Compiled::Profile {
        question: 0,
        mask: 0b10,
    };
    assert!(Compiled::All(vec![gross.clone(), not_ja.clone()]).eval(&facts(None)));
    assert!(!Compiled::All(vec![gross.clone(), ja.clone()]).eval(&facts(None)));
    assert!(Compiled::Any(vec![ja, gross]).eval(&facts(None)));
    assert!(Compiled::All(vec![]).eval(&facts(None)));
    assert!(!Compiled::Any(vec![]).eval(&facts(None)));
    assert!(!Compiled::Never.eval(&facts(None)));
}

fn p(id: &str, choices: &[&str]) -> Condition {
    Condition::Profile(id.into(), choices.iter().map(ToString::to_string).collect())
}

fn d(id: &str, choices: &[&str]) -> Condition {
    Condition::Decision(id.into(), choices.iter().map(ToString::to_string).collect())
}

#[test]
fn explain_uses_short_names_and_labels() {
    let guide = minimal();
    assert_eq!(
        guide.explain(&p("groesse", &["klein", "gross"])),
        "Größe ist „Kleine Gemeinde“ oder „Große Stadt“"
    );
    assert_eq!(
        guide.explain(&d("mandat", &["ja"])),
        "Politischer Auftrag ist „Ja“"
    );
    assert_eq!(
        guide.explain(&Condition::All(vec![
            Condition::Any(vec![p("groesse", &["klein"]), p("stand", &["neu"])]),
            Condition::Not(Box::new(d("mandat", &["ja"]))),
        ])),
        "(Größe ist „Kleine Gemeinde“ oder Stand ist „Neu dabei“) und nicht (Politischer Auftrag ist „Ja“)"
    );
    // A single inner condition needs no parentheses.
    assert_eq!(
        guide.explain(&Condition::Any(vec![Condition::All(vec![p(
            "stand",
            &["neu"]
        )])])),
        "Stand ist „Neu dabei“"
    );
    // Unknown ids are shown as written.
    assert_eq!(guide.explain(&p("farbe", &["rot"])), "farbe ist „rot“");
}

#[test]
fn explain_with_answers_names_them() {
    let guide = minimal();
    let a = answers(&guide, &["groesse=klein", "mandat=nein"]);
    assert_eq!(
        leitfaden::profile::explain(
            &guide,
            &Condition::All(vec![
                p("groesse", &["gross"]),
                p("stand", &["neu"]),
                d("mandat", &["ja"])
            ]),
            &a
        ),
        "Größe ist „Große Stadt“ (Ihre Angabe: „Kleine Gemeinde“) und Stand ist „Neu dabei“ (noch nicht beantwortet) und Politischer Auftrag ist „Ja“ (Ihre Angabe: „Nein“)"
    );
    assert_eq!(
        leitfaden::profile::explain(&guide, &d("mandat", &["ja"]), &Answers::default()),
        "Politischer Auftrag ist „Ja“ (noch nicht entschieden)"
    );
}

struct Letters;

impl Vocabulary for Letters {
    fn name(&self, is_decision: bool, id: &str) -> String {
        format!("{}{id}", if is_decision { "E:" } else { "F:" })
    }
    fn choice_label(&self, _: bool, _: &str, choice: &str) -> String {
        choice.to_uppercase()
    }
    fn answer_label(&self, _: bool, _: &str) -> Option<String> {
        None
    }
}

#[test]
fn explain_lists_three_choices_with_commas_and_oder() {
    assert_eq!(
        condition::explain(&p("q", &["a", "b", "c"]), &Letters, false),
        "F:q ist „A“, „B“ oder „C“"
    );
    assert_eq!(
        condition::explain(&d("e", &["x", "y"]), &Letters, true),
        "E:e ist „X“ oder „Y“ (noch nicht entschieden)"
    );
    assert_eq!(
        condition::explain(
            &Condition::Not(Box::new(Condition::All(vec![
                p("q", &["a"]),
                p("r", &["b"])
            ]))),
            &Letters,
            false
        ),
        "nicht (F:q ist „A“ und F:r ist „B“)"
    );
}

#[test]
fn conditions_are_written_in_ron_as_documented() {
    let c: Condition =
        ron::from_str(r#"All([Profile("groesse", ["klein"]), Not(Decision("mandat", ["ja"]))])"#)
            .unwrap();
    assert_eq!(
        c,
        Condition::All(vec![
            p("groesse", &["klein"]),
            Condition::Not(Box::new(d("mandat", &["ja"])))
        ])
    );
    let mut leaves = Vec::new();
    c.for_each_leaf(&mut |is_d, id, choices| leaves.push((is_d, id.to_string(), choices.len())));
    assert_eq!(
        leaves,
        [
            (false, "groesse".to_string(), 1),
            (true, "mandat".to_string(), 1)
        ]
    );
}
