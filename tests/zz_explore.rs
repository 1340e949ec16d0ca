mod common;
use common::*;
use leitfaden::guide::Guide;

const C1: &str = "kapitel/01-anfangen.ron";
const C2: &str = "kapitel/02-umsetzen.ron";
const IX: &str = "leitfaden.ron";

fn show(name: &str, f: std::collections::BTreeMap<String, String>) {
    let r = match Guide::load(&f) {
        Ok((_, r)) => r,
        Err(r) => r,
    };
    println!("===== {name}");
    for d in &r.diagnostics {
        println!("{:?}  | at: {:?}", short(d), at(&f, &d.file, d.line, d.col));
    }
    print!("{}", r.render(""));
}

#[test]
fn explore() {
    show(
        "missing comma",
        minimal_with(&[(C1, "title: \"Willkommen\",", "title: \"Willkommen\"")]),
    );
    show("unclosed", minimal_with(&[(C2, "    ],\n)\n", "    ],\n")]));
    show(
        "titel",
        minimal_with(&[(
            C1,
            "title: \"Ein Team bilden\"",
            "titel: \"Ein Team bilden\"",
        )]),
    );
    show(
        "missing field",
        minimal_with(&[(C1, "title: \"Ein Team bilden\",", "")]),
    );
    show(
        "dup step same file",
        minimal_with(&[(C1, "id: \"team\"", "id: \"willkommen\"")]),
    );
    show(
        "dup step other file",
        minimal_with(&[(C2, "id: \"beschluss\"", "id: \"team\"")]),
    );
    show(
        "dup task",
        minimal_with(&[(C1, "id: \"mentor\"", "id: \"kernteam\"")]),
    );
    show(
        "dup choice q",
        minimal_with(&[(IX, "id: \"gross\"", "id: \"klein\"")]),
    );
    show(
        "dup choice d",
        minimal_with(&[(C1, "id: \"nein\"", "id: \"ja\"")]),
    );
    show(
        "unknown question",
        minimal_with(&[(
            C1,
            "Profile(\"groesse\", [\"gross\"])",
            "Profile(\"groese\", [\"gross\"])",
        )]),
    );
    show(
        "unknown choice",
        minimal_with(&[(
            C1,
            "Profile(\"groesse\", [\"gross\"])",
            "Profile(\"groesse\", [\"mittel\"])",
        )]),
    );
    show(
        "unknown decision",
        minimal_with(&[(
            C2,
            "when: Decision(\"mandat\", [\"nein\"])",
            "when: Decision(\"auftrag\", [\"nein\"])",
        )]),
    );
    show(
        "decision before",
        minimal_with(&[(
            C1,
            "when: Profile(\"groesse\", [\"gross\"])",
            "when: Decision(\"mandat\", [\"ja\"])",
        )]),
    );
    show(
        "decision same step",
        minimal_with(&[(
            C1,
            "when: Profile(\"stand\", [\"neu\"]),\n            body",
            "when: Decision(\"mandat\", [\"ja\"]),\n            body",
        )]),
    );
    show(
        "unknown refs",
        minimal_with(&[(
            C1,
            "resources: [\"checkliste\"]",
            "resources: [\"checklist\"]",
        )]),
    );
    show(
        "never",
        minimal_with(&[(
            C1,
            "when: Profile(\"groesse\", [\"klein\"]),\n                    text",
            "when: All([Profile(\"groesse\", [\"klein\"]), Profile(\"groesse\", [\"gross\"])]),\n                    text",
        )]),
    );
    show(
        "always",
        minimal_with(&[(
            C1,
            "when: Profile(\"groesse\", [\"gross\"])",
            "when: Profile(\"groesse\", [\"klein\", \"gross\"])",
        )]),
    );
    show(
        "unreachable",
        minimal_with(&[(
            C2,
            "when: Decision(\"mandat\", [\"nein\"])",
            "when: All([Profile(\"stand\", [\"erfahren\"]), Decision(\"mandat\", [\"nein\"])])",
        )]),
    );
    show(
        "not final",
        minimal_with(&[(C2, "            final: true,\n", "")]),
    );
    show(
        "unused answer",
        minimal_with(&[(
            C1,
            "Choice(id: \"nein\", label: \"Nein\"),",
            "Choice(id: \"nein\", label: \"Nein\"),\n                    Choice(id: \"offen\", label: \"Noch offen\"),",
        )]),
    );
    show(
        "no text",
        minimal_with(&[(
            C2,
            "                (\n                    when: Not(Decision(\"mandat\", [\"ja\"])),\n                    text: \"Starten Sie ohne Auftrag mit einem kleinen Projekt.\",\n                ),\n",
            "",
        )]),
    );
    show(
        "js",
        minimal_with(&[(
            C2,
            "text: \"Informieren Sie die Presse.\"",
            "text: \"Informieren Sie die [Presse](javascript:alert(1)).\"",
        )]),
    );
    show(
        "missing chapter",
        minimal_with(&[(
            IX,
            "        \"kapitel/02-umsetzen.ron\",\n",
            "        \"kapitel/02-umsetzen.ron\",\n        \"kapitel/03-fehlt.ron\",\n",
        )]),
    );

    show(
        "dup resource",
        minimal_with(&[(
            "arbeitshilfen.ron",
            "]\n",
            "    Resource(id: \"checkliste\", title: \"T\", kind: \"K\", summary: \"S\", body: \"B\"),\n]\n",
        )]),
    );
    show(
        "dup example",
        minimal_with(&[(
            "beispiele.ron",
            "]\n",
            "    Example(id: \"beispielstadt\", kommune: \"K\", size: \"S\", title: \"T\", what: \"W\", learn: \"L\", source: \"handbuch\"),\n]\n",
        )]),
    );
    show(
        "dup term",
        minimal_with(&[(
            "glossar.ron",
            "]\n",
            "    Term(id: \"open-government\", term: \"Open Government\", definition: \"D\"),\n]\n",
        )]),
    );
    show(
        "dup source",
        minimal_with(&[(
            "quellen.ron",
            "]\n",
            "    Source(id: \"handbuch\", title: \"T\"),\n]\n",
        )]),
    );
    show(
        "unknown example",
        minimal_with(&[(
            C1,
            "examples: [\"beispielstadt\"]",
            "examples: [\"musterstadt\"]",
        )]),
    );
    show(
        "unknown source",
        minimal_with(&[(
            C1,
            "sources: [\"handbuch\"]",
            "sources: [\"handbuch\", \"gesetz\"]",
        )]),
    );
    show(
        "example unknown source",
        minimal_with(&[(
            "beispiele.ron",
            "source: \"handbuch\"",
            "source: \"handbuh\"",
        )]),
    );
    show(
        "unused resource",
        minimal_with(&[(C1, "            resources: [\"checkliste\"],\n", "")]),
    );
    show(
        "unused example",
        minimal_with(&[(C1, "            examples: [\"beispielstadt\"],\n", "")]),
    );
    show(
        "unused term",
        minimal_with(&[
            (C1, "**Open Government**", "**Offenheit**"),
            (
                "beispiele.ron",
                "Der Rat hat Open Government",
                "Der Rat hat Offenheit",
            ),
        ]),
    );
    show(
        "unused source",
        minimal_with(&[
            (C1, "            sources: [\"handbuch\"],\n", ""),
            ("beispiele.ron", "source: \"handbuch\"", "source: \"zwei\""),
            (
                "quellen.ron",
                "]\n",
                "    Source(id: \"zwei\", title: \"Z\"),\n]\n",
            ),
        ]),
    );
    show(
        "term id = example id",
        minimal_with(&[
            (
                "glossar.ron",
                "id: \"open-government\"",
                "id: \"beispielstadt\"",
            ),
            (C1, "**Open Government**", "**Offenheit**"),
        ]),
    );
    show(
        "unused decision",
        minimal_with(&[
            (
                C2,
                "when: Decision(\"mandat\", [\"nein\"])",
                "when: Profile(\"stand\", [\"neu\"])",
            ),
            (
                C2,
                "(when: All([Profile(\"groesse\", [\"klein\"]), Decision(\"mandat\", [\"ja\"])]), then: Essential)",
                "(when: Profile(\"groesse\", [\"klein\"]), then: Essential)",
            ),
            (
                C2,
                "when: Decision(\"mandat\", [\"ja\"]),\n                    text",
                "when: Profile(\"groesse\", [\"klein\"]),\n                    text",
            ),
            (
                C2,
                "when: Not(Decision(\"mandat\", [\"ja\"]))",
                "when: Not(Profile(\"groesse\", [\"klein\"]))",
            ),
            (C2, ", when: Decision(\"mandat\", [\"ja\"])", ""),
        ]),
    );
    show(
        "dup question",
        minimal_with(&[(IX, "id: \"stand\"", "id: \"groesse\"")]),
    );
    show(
        "js intro",
        minimal_with(&[(
            IX,
            "intro: \"Ein kleiner Leitfaden zum Testen.\"",
            "intro: \"Ein [kleiner](JavaScript:x) Leitfaden.\"",
        )]),
    );
    show(
        "js resource",
        minimal_with(&[(
            "arbeitshilfen.ron",
            "- [ ] Team benannt",
            "- [ ] [Team](javascript:x) benannt",
        )]),
    );
    show(
        "source url",
        minimal_with(&[(
            "quellen.ron",
            "https://example.org/handbuch",
            "ftp://example.org/handbuch",
        )]),
    );
    show(
        "umlaut unknown field",
        minimal_with(&[(
            C1,
            "(id: \"mentor\", text: \"Suchen Sie eine erfahrene Kommune.\",",
            "(id: \"mentor\", text: \"Größere Äöü Kommune.\", txt: \"x\",",
        )]),
    );
    show(
        "umlaut comma",
        minimal_with(&[(
            C1,
            "(id: \"kernteam\", text: \"Benennen Sie drei Personen.\")",
            "(id: \"kernteam\", text: \"Größe ÄÖÜ\" when: Profile(\"stand\", [\"neu\"]))",
        )]),
    );
    show(
        "bad priority",
        minimal_with(&[(C1, "priority: Essential,", "priority: Wichtig,")]),
    );
    show(
        "quote in text",
        minimal_with(&[(
            C1,
            "text: \"Lesen Sie die Einleitung.\"",
            "text: \"Lesen Sie die \"Einleitung\".\"",
        )]),
    );
}
