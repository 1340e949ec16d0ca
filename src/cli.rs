//! `leitfaden`: the command-line tool for guide authors — check, path, graph, stats, search.
//! A thin shell over the core: it reads files, calls `guide`, `path` and `search`, prints.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use leitfaden::check;
use leitfaden::coverage::Coverage;
use leitfaden::guide::Guide;
use leitfaden::path;
use leitfaden::profile::Answers;
use leitfaden::search::{Field, SearchIndex};

const USAGE: &str = "\
leitfaden — tools for authors of a Leitfaden guide

USAGE:
    leitfaden check [DIR]                       check every file (default DIR: guide/)
    leitfaden path [DIR] --answer ID=CHOICE ... print one profile's path with reasons
    leitfaden graph [DIR] [--format dot|mermaid] print the guide's structure
    leitfaden stats [DIR] [--by Q1,Q2]          print counts, path lengths and, per size and
                                                time (or the given questions), the steps,
                                                „Wichtig“ steps, tasks, hours and months
    leitfaden diff-profiles [DIR] A B           which steps and texts differ between two
                                                profiles: a demo profile id, or Q=C,Q=C,...
    leitfaden search [DIR] QUERY...             print the ranked search hits for QUERY
    leitfaden generate --steps N [--seed S] OUT write a generated guide (for benchmarks)
    leitfaden site [DIR] BUILT OUT              the release site: trunk's build BUILT with
                                                the guide as one bundle and pre-rendered
                                                pages (start and every step), into OUT

`search` takes its first argument as DIR when more follow and it is a directory; every
other argument is a word of the query.

Exit status: 0 when the guide has no errors (warnings allowed), 1 on errors, 2 on bad usage.";

pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let mut dir = PathBuf::from("guide");
    let mut positional: Vec<String> = Vec::new();
    let mut by: Option<String> = None;
    let mut answers = Vec::new();
    let mut format = "mermaid".to_string();
    let mut steps = 2000usize;
    let mut seed = 1u64;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--answer" | "-a" => match it.next() {
                Some(a) => answers.push(a.clone()),
                None => return usage("--answer needs ID=CHOICE"),
            },
            "--format" => match it.next().map(String::as_str) {
                Some(f @ ("dot" | "mermaid")) => format = f.to_string(),
                _ => return usage("--format takes dot or mermaid"),
            },
            "--steps" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => steps = n,
                None => return usage("--steps takes a number"),
            },
            "--seed" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => seed = n,
                None => return usage("--seed takes a number"),
            },
            "--by" => match it.next() {
                Some(b) => by = Some(b.clone()),
                None => return usage("--by takes question ids, e.g. groesse,zeit"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.starts_with('-') => return usage(&format!("unknown option {a}")),
            a => positional.push(a.to_string()),
        }
    }
    if command == "search" {
        let words: Vec<&str> = positional.iter().map(String::as_str).collect();
        return search(&words);
    }
    // The guide directory comes first; `diff-profiles` takes two profiles after it.
    let wanted = match command.as_str() {
        "diff-profiles" | "site" => 2,
        _ => 0,
    };
    if positional.len() > wanted {
        dir = PathBuf::from(positional.remove(0));
    }
    if positional.len() != wanted {
        return usage(&format!(
            "`{command}` takes {wanted} argument(s) after the directory"
        ));
    }
    if command == "generate" {
        return generate(&dir, steps, seed);
    }
    let files = match read(&dir) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let prefix = prefix(&dir);
    let started = Instant::now();
    let checked = check::check(&files);
    let (Some(guide), Some(coverage)) = (&checked.guide, &checked.coverage) else {
        eprint!(
            "{}{}",
            checked.report.render(&prefix),
            checked.tail(&prefix, 0.0)
        );
        return ExitCode::from(1);
    };
    let report = &checked.report;
    match command.as_str() {
        "check" => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            print!("{}{}", report.render(&prefix), checked.tail(&prefix, ms));
            ExitCode::SUCCESS
        }
        "path" => print_path(guide, &answers),
        "graph" => {
            print!("{}", graph(guide, &format));
            ExitCode::SUCCESS
        }
        "stats" => {
            print!("{}", stats(guide, coverage));
            let default = if guide.question_index("zeit").is_some() {
                "groesse,zeit".to_string()
            } else {
                guide
                    .questions
                    .first()
                    .map(|q| q.id.clone())
                    .unwrap_or_default()
            };
            let by = by.unwrap_or(default);
            let qs: Vec<&str> = by.split(',').map(str::trim).collect();
            if let Some(unknown) = qs.iter().find(|q| guide.question_index(q).is_none()) {
                return usage(&format!("--by: `{unknown}` is no question of this guide"));
            }
            print!(
                "\n{}",
                leitfaden::stats::table(&leitfaden::stats::by(guide, &qs))
            );
            ExitCode::SUCCESS
        }
        "diff-profiles" => diff_profiles(guide, &positional[0], &positional[1]),
        "site" => {
            print!("{}", report.render(&prefix));
            site(
                &files,
                guide,
                Path::new(&positional[0]),
                Path::new(&positional[1]),
            )
        }
        other => usage(&format!("unknown command `{other}`")),
    }
}

/// `site DIR BUILT OUT`: copies trunk's build BUILT to OUT, leaving out the RON files and
/// the stylesheet (inlined), and adds the bundle and the pre-rendered pages.
fn site(files: &BTreeMap<String, String>, guide: &Guide, built: &Path, out: &Path) -> ExitCode {
    match write_site(files, guide, built, out) {
        Ok(n) => {
            println!(
                "site: {} pages and the guide bundle in {}",
                n,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: site: {e}");
            ExitCode::from(1)
        }
    }
}

fn write_site(
    files: &BTreeMap<String, String>,
    guide: &Guide,
    built: &Path,
    out: &Path,
) -> Result<usize, String> {
    let io = |what: &Path, e: std::io::Error| format!("{}: {e}", what.display());
    let index_path = built.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(|e| io(&index_path, e))?;
    let css_href = index
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("trunk's index.html links no stylesheet")?
        .trim_start_matches("./")
        .trim_start_matches('/')
        .to_string();
    let css_path = built.join(&css_href);
    let css = std::fs::read_to_string(&css_path).map_err(|e| io(&css_path, e))?;
    let bundle = leitfaden::guide::bundle::write(files).map_err(|r| r.render("guide/"))?;
    let bundle_name = format!("leitfaden-{:016x}.json", fnv1a(bundle.as_bytes()));
    let pages = leitfaden::prerender::site(guide, &index, &css, &bundle_name)?;

    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| io(out, e))?;
    }
    copy_tree(built, out, &|rel: &Path| {
        rel == Path::new("index.html") || rel == Path::new(&css_href) || rel.starts_with("guide")
    })
    .map_err(|e| io(built, e))?;
    let write = |name: &str, text: &str| {
        let p = out.join(name);
        std::fs::write(&p, text).map_err(|e| io(&p, e))
    };
    write(&bundle_name, &bundle)?;
    // The template for „Leitfaden anpassen“: these very files, for authors to start from.
    let template = leitfaden::autor::template_zip(files, &guide.title, &guide.version);
    let zip_path = out.join(leitfaden::autor::TEMPLATE_ZIP);
    std::fs::write(&zip_path, template).map_err(|e| io(&zip_path, e))?;
    for page in &pages {
        write(&page.name, &page.text)?;
    }
    Ok(pages.len())
}

/// Copies `from` into `to`, leaving out the files `skip` names (paths relative to `from`).
fn copy_tree(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) -> std::io::Result<()> {
    fn walk(
        root: &Path,
        dir: &Path,
        to: &Path,
        skip: &dyn Fn(&Path) -> bool,
    ) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let p = entry?.path();
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            if skip(&rel) {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, to, skip)?;
            } else {
                let target = to.join(&rel);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::copy(&p, &target)?;
            }
        }
        Ok(())
    }
    std::fs::create_dir_all(to)?;
    walk(from, from, to, skip)
}

/// A content hash for the bundle's file name (FNV-1a, 64 bit): a changed guide gets a
/// new name, so no cache serves an old one.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The guide's files; a directory that cannot be read is said in German, as `check` says
/// everything else.
fn read(dir: &Path) -> Result<BTreeMap<String, String>, ExitCode> {
    leitfaden::guide::load::read_dir(dir).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "den Ordner gibt es nicht".to_string(),
            std::io::ErrorKind::PermissionDenied => "keine Berechtigung".to_string(),
            std::io::ErrorKind::InvalidData => {
                "eine .ron-Datei darin ist kein UTF-8-Text".to_string()
            }
            _ => e.to_string(),
        };
        eprintln!("Fehler: {} lässt sich nicht lesen: {why}", dir.display());
        ExitCode::from(1)
    })
}

fn prefix(dir: &Path) -> String {
    format!("{}/", dir.display()).replace("//", "/")
}

/// `search [DIR] QUERY...`: the hits as the app ranks them, one per line, with the
/// matched words in «…». It needs only a readable guide, not the full check.
fn search(args: &[&str]) -> ExitCode {
    let (dir, words) = match args {
        [dir, words @ ..] if !words.is_empty() && Path::new(dir).is_dir() => (*dir, words),
        words => ("guide", words),
    };
    let query = words.join(" ");
    if query.trim().is_empty() {
        return usage("search needs a query");
    }
    let dir = Path::new(dir);
    let files = match read(dir) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let guide = match Guide::load(&files) {
        Ok((guide, _)) => guide,
        Err(report) => {
            let prefix = prefix(dir);
            eprint!("{}", report.render(&prefix));
            eprintln!("{}", check::summary(&prefix, &report));
            return ExitCode::from(1);
        }
    };
    let found = SearchIndex::build(&guide).search(&guide, &query, &[], usize::MAX);
    if found.total == 0 {
        println!("keine Treffer für „{query}“");
        return ExitCode::SUCCESS;
    }
    // Long lists are often piped into `head`: stop quietly when the reader has gone.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{} Treffer für „{query}“", found.total);
    for (rank, hit) in found.hits.iter().enumerate() {
        let t = hit.target;
        let title = t.title(&guide);
        // A hit in the title is marked there rather than repeated as the snippet.
        let in_title = hit.field == Field::Title && hit.snippet == title;
        let shown = if in_title {
            marked(&hit.snippet, &hit.marks)
        } else {
            title.to_string()
        };
        let mut line = format!("{:>3}. {} · {shown}", rank + 1, t.label());
        if let Some(step) = t.step() {
            let chapter = &guide.chapters[guide.step_chapter[step]].title;
            line.push_str(&format!(
                " · Kapitel „{chapter}“ [{}]",
                guide.steps[step].id
            ));
        }
        if !in_title {
            line.push_str(" — ");
            line.push_str(&marked(&hit.snippet, &hit.marks));
        }
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// The snippet with each mark put in «…».
fn marked(snippet: &str, marks: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for m in marks {
        out.push_str(&snippet[at..m.start]);
        out.push('«');
        out.push_str(&snippet[m.clone()]);
        out.push('»');
        at = m.end;
    }
    out.push_str(&snippet[at..]);
    out
}

fn generate(dir: &Path, steps: usize, seed: u64) -> ExitCode {
    for (name, text) in leitfaden::generate::guide(steps, seed) {
        let path = dir.join(&name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    println!(
        "wrote a guide of about {steps} steps (seed {seed}) to {}",
        dir.display()
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

fn print_path(guide: &Guide, pairs: &[String]) -> ExitCode {
    let answers = match Answers::parse_pairs(guide, pairs.iter().map(String::as_str)) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    for q in &guide.questions {
        if !answers.profile.contains_key(&q.id) {
            eprintln!(
                "note: `{}` is not answered (answers: {}); conditions on it count as not met",
                q.id,
                q.choices
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let p = path::compute(guide, &answers);
    println!("{}", answers.summary(guide));
    println!(
        "{} Schritte in {} Kapiteln\n",
        p.steps.len(),
        p.by_chapter(guide).len()
    );
    for (ch, positions) in p.by_chapter(guide) {
        println!("Kapitel {} · {}", ch, guide.chapters[ch].title);
        for pos in positions {
            let v = &p.steps[pos];
            let s = &guide.steps[v.step];
            println!(
                "  {:>2}. {} — {} [{}]",
                pos + 1,
                s.id,
                s.title,
                v.priority.label()
            );
            println!("      {}", p.reason_shown(guide, &answers, v.step));
            if let Some(r) = p.reason_priority(guide, &answers, v) {
                println!("      {r}");
            }
            if let Some(d) = &s.decision {
                let answer = answers.decisions.get(&d.id).map_or("offen", String::as_str);
                println!("      Entscheidung {}: {answer}", d.id);
            }
        }
    }
    if !p.hidden.is_empty() {
        println!("\nAusgeblendet:");
        for &i in &p.hidden {
            println!(
                "  - {}: {}",
                guide.steps[i].id,
                p.reason_hidden(guide, &answers, i)
            );
        }
    }
    ExitCode::SUCCESS
}

fn graph(guide: &Guide, format: &str) -> String {
    let dot = format == "dot";
    let mut out = String::new();
    out.push_str(if dot {
        "digraph leitfaden {\n  rankdir=TB;\n  node [shape=box];\n"
    } else {
        "flowchart TD\n"
    });
    let label = |i: usize| {
        let s = &guide.steps[i];
        let mut l = s.title.replace('"', "'");
        if let Some(w) = &s.when {
            l.push_str(&format!("\\nwenn: {}", guide.explain(w).replace('"', "'")));
        }
        l
    };
    for (c, ch) in guide.chapters.iter().enumerate() {
        if dot {
            out.push_str(&format!(
                "  subgraph cluster_{c} {{\n    label=\"{}\";\n",
                ch.title
            ));
            for i in ch.steps.clone() {
                out.push_str(&format!(
                    "    \"{}\" [label=\"{}\"];\n",
                    guide.steps[i].id,
                    label(i)
                ));
            }
            out.push_str("  }\n");
        } else {
            out.push_str(&format!("  subgraph {}[\"{}\"]\n", ch.id, ch.title));
            for i in ch.steps.clone() {
                out.push_str(&format!(
                    "    {}[\"{}\"]\n",
                    guide.steps[i].id,
                    label(i).replace("\\n", "<br>")
                ));
            }
            out.push_str("  end\n");
        }
    }
    for w in guide.steps.windows(2) {
        if dot {
            out.push_str(&format!("  \"{}\" -> \"{}\";\n", w[0].id, w[1].id));
        } else {
            out.push_str(&format!("  {} --> {}\n", w[0].id, w[1].id));
        }
    }
    // Dashed edges from each decision to the steps whose visibility depends on it.
    for (d, &asker) in guide.decisions.iter().enumerate() {
        for (i, c) in guide.compiled.iter().enumerate() {
            let mut uses = false;
            if let Some(w) = &c.when {
                w.for_each_leaf(&mut |is_d, idx, _| uses |= is_d && idx == d);
            }
            if uses {
                let (a, b) = (&guide.steps[asker].id, &guide.steps[i].id);
                let name = &guide.decision_at(d).id;
                if dot {
                    out.push_str(&format!(
                        "  \"{a}\" -> \"{b}\" [style=dashed, label=\"{name}\"];\n"
                    ));
                } else {
                    out.push_str(&format!("  {a} -. {name} .-> {b}\n"));
                }
            }
        }
    }
    if dot {
        out.push_str("}\n");
    }
    out
}

fn stats(guide: &Guide, ex: &Coverage) -> String {
    let tasks: usize = guide.steps.iter().map(|s| s.tasks.len()).sum();
    let mut out = String::new();
    let mut line = |k: &str, v: usize| out.push_str(&format!("{k}: {v}\n"));
    line("chapters", guide.chapters.len());
    line("steps", guide.steps.len());
    line("tasks", tasks);
    line("questions", guide.questions.len());
    line("decisions", guide.decisions.len());
    line("resources", guide.resources.len());
    line("examples", guide.examples.len());
    line("terms", guide.terms.len());
    line("sources", guide.sources.len());
    line("words", guide.word_count());
    if let Some(q) = guide.questions.first() {
        for (c, (min, max)) in q.choices.iter().zip(&ex.lengths) {
            out.push_str(&format!(
                "path.{}.min: {min}\npath.{}.max: {max}\n",
                c.id, c.id
            ));
        }
    }
    out
}

/// A profile on the command line: a demo profile's id, or `question=choice,…`.
fn profile_arg(guide: &Guide, arg: &str) -> Result<Answers, String> {
    if let Some(dp) = guide.demo_profiles.iter().find(|d| d.id == arg) {
        return Ok(Answers::of_demo(dp));
    }
    if !arg.contains('=') {
        let ids: Vec<&str> = guide.demo_profiles.iter().map(|d| d.id.as_str()).collect();
        return Err(format!(
            "`{arg}` is no demo profile ({}) and not of the form question=choice,…",
            ids.join(", ")
        ));
    }
    Answers::parse_pairs(guide, arg.split(',').map(str::trim))
}

fn diff_profiles(guide: &Guide, a: &str, b: &str) -> ExitCode {
    let (a, b) = match (profile_arg(guide, a), profile_arg(guide, b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return usage(&e),
    };
    let (pa, pb) = (path::compute(guide, &a), path::compute(guide, &b));
    let c = path::compare(guide, &a, &b);
    println!("A: {}", a.summary(guide));
    println!("B: {}", b.summary(guide));
    // `text::hours` says „Stunden“ itself.
    println!(
        "A: {} Schritte, {} · B: {} Schritte, {}\n",
        pa.steps.len(),
        leitfaden::text::hours(pa.effort()),
        pb.steps.len(),
        leitfaden::text::hours(pb.effort())
    );
    let title = |i: usize| format!("{} — {}", guide.steps[i].id, guide.steps[i].title);
    println!("Nur bei A ({}):", c.only_a.len());
    for &i in &c.only_a {
        println!("  {}", title(i));
    }
    println!("Nur bei B ({}):", c.only_b.len());
    for &i in &c.only_b {
        println!("  {}", title(i));
    }
    let mut differ = 0;
    let mut lines = String::new();
    for (i, _, _) in &c.both {
        let (va, vb) = (pa.appearance(guide, *i), pb.appearance(guide, *i));
        let mut parts = Vec::new();
        if va.priority != vb.priority {
            parts.push(format!(
                "Priorität {} / {}",
                va.priority.label(),
                vb.priority.label()
            ));
        }
        if va.variants != vb.variants {
            let ids = |v: &[usize]| {
                v.iter()
                    .map(|k| (k + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            parts.push(format!(
                "Absätze [{}] / [{}]",
                ids(&va.variants),
                ids(&vb.variants)
            ));
        }
        if va.tasks != vb.tasks {
            parts.push(format!("Aufgaben {} / {}", va.tasks.len(), vb.tasks.len()));
        }
        if va.effort != vb.effort {
            let h = |v: &path::Visible| {
                v.effort
                    .map_or("–".into(), |e| leitfaden::text::hours(e.hours))
            };
            parts.push(format!("Aufwand {} / {}", h(&va), h(&vb)));
        }
        if !parts.is_empty() {
            differ += 1;
            lines.push_str(&format!("  {}: {}\n", title(*i), parts.join("; ")));
        }
    }
    println!(
        "Bei beiden, aber verschieden ({differ} von {}):",
        c.both.len()
    );
    print!("{lines}");
    ExitCode::SUCCESS
}
