//! The pre-rendered pages of the release build: one per step and the start page, each
//! trunk's page with the screen a first-time visitor sees, readable without JavaScript.

use std::path::Path;

use leitfaden::guide::Guide;
use leitfaden::html::escape;
use leitfaden::prerender::{self, BUNDLE_META, PAGES_META, SHELL_ID};

use crate::common::{edit, files, load_ok, read_dir};

/// The shape of trunk's output page that `site` works on.
const INDEX: &str = "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
    <title>Leitfaden</title>\n<link rel=\"stylesheet\" href=\"./main-1.css\" integrity=\"x\"/>\n\
    <script type=\"module\">import init from './app.js'; await init();</script>\n\
    <link rel=\"modulepreload\" href=\"./app.js\"><link rel=\"preload\" href=\"./app_bg.wasm\" as=\"fetch\">\n</head>\n<body>\n\
    <noscript><p>Dieser Leitfaden braucht JavaScript.</p></noscript>\n</body>\n</html>\n";
const CSS: &str = "body { margin: 0; }";

fn bundled() -> Guide {
    load_ok(&read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"),
    ))
    .0
}

fn page<'a>(pages: &'a [prerender::File], name: &str) -> &'a str {
    &pages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no page {name}"))
        .text
}

/// The pre-rendered screen of a page.
fn shell(text: &str) -> &str {
    let start = text
        .find(&format!("<div id=\"{SHELL_ID}\">"))
        .expect("the page has the pre-rendered screen");
    &text[start..text.rfind("</div>").unwrap()]
}

/// The text of some HTML (glossary terms are elements inside the text).
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_step_has_a_page_with_its_title_text_and_tasks() {
    let guide = bundled();
    let pages = prerender::site(&guide, INDEX, CSS, "leitfaden-1.json").unwrap();
    assert_eq!(
        pages.len(),
        guide.steps.len() + 1,
        "the start page and one per step"
    );
    for step in &guide.steps {
        let text = page(&pages, &format!("schritt-{}.html", step.id));
        let screen = shell(text);
        assert!(
            screen.contains(&format!("<h1>{}</h1>", escape(&step.title))),
            "{}",
            step.id
        );
        assert!(
            text.contains(&format!(
                "<title>{} – Leitfaden Open Government</title>",
                escape(&step.title)
            )),
            "{}",
            step.id
        );
        // The first words of the body are there as text.
        let first: String = leitfaden::markdown::parse(&step.body)
            .into_iter()
            .find_map(|b| match b {
                leitfaden::markdown::Block::Paragraph(inl) => {
                    Some(leitfaden::markdown::plain(&inl))
                }
                _ => None,
            })
            .unwrap_or_default()
            .chars()
            .take(12)
            .collect();
        assert!(
            without_tags(screen).contains(&escape(&first)),
            "{}: {first}",
            step.id
        );
        // Tasks without a condition are there, and disabled until the app is.
        for task in step.tasks.iter().filter(|t| t.when.is_none()) {
            let id = format!("aufgabe-{}-{}", step.id, task.id);
            assert!(
                screen.contains(&format!("<input type=\"checkbox\" id=\"{id}\" disabled>")),
                "{id}"
            );
            // So are its „Zuständig“ and „Fällig bis“, as the app shows them (folded, so
            // that the page needs no date fields laid out), so that nothing moves when the
            // app takes over.
            let suffix = format!("{}-{}", step.id, task.id);
            for field in [
                format!(
                    "<details class=\"plan\"><summary>Zuständig und Termin<span class=\"visually-hidden\"> für: {}</span><span class=\"plan-set\"></span></summary><div class=\"plan-fields\">",
                    escape(&task.text)
                ),
                format!(
                    "<input type=\"text\" id=\"zustaendig-{suffix}\" maxlength=\"80\" autocomplete=\"off\" disabled>"
                ),
                format!(
                    "<input type=\"date\" id=\"faellig-{suffix}\" min=\"1900-01-01\" max=\"2999-12-31\" disabled>"
                ),
                format!(
                    "<label for=\"zustaendig-{suffix}\">Zuständig<span class=\"visually-hidden\"> für: {}</span></label>",
                    escape(&task.text)
                ),
            ] {
                assert!(screen.contains(&field), "{field}");
            }
        }
        assert!(
            screen.contains(&format!(
                "<fieldset class=\"step-plan\" disabled><legend>Wer kümmert sich um den ganzen Schritt, bis wann? (freiwillig)</legend>\
                 <div class=\"plan-fields\"><div class=\"plan-field\"><label for=\"zustaendig-{id}\">",
                id = step.id
            )),
            "{}: the whole step's fields",
            step.id
        );
    }
}

#[test]
fn pages_load_the_bundle_inline_the_stylesheet_and_keep_trunks_loader() {
    let guide = bundled();
    let pages = prerender::site(&guide, INDEX, CSS, "leitfaden-abc.json").unwrap();
    for p in &pages {
        let t = &p.text;
        assert!(
            t.contains(&format!(
                "<meta name=\"{BUNDLE_META}\" content=\"leitfaden-abc.json\">"
            )),
            "{}",
            p.name
        );
        assert!(
            t.contains(&format!("<meta name=\"{PAGES_META}\"")),
            "{}",
            p.name
        );
        // Nothing of the app is requested before the first paint: no preload link, and the
        // loader waits for a frame before it asks for the glue, the wasm and the bundle.
        assert!(!t.contains("<link rel=\"preload\""), "{}", p.name);
        let wait = t
            .find("requestAnimationFrame")
            .expect("the loader waits for a frame");
        let bundle = t
            .find("l.href = 'leitfaden-abc.json'")
            .expect("the bundle is preloaded by the loader");
        let glue = t
            .find("await import('./app.js')")
            .expect("the glue is imported dynamically");
        assert!(wait < bundle && bundle < glue, "{}", p.name);
        assert!(
            t.contains("<style>body { margin: 0; }</style>"),
            "{}",
            p.name
        );
        assert!(!t.contains("main-1.css"), "{}", p.name);
        assert!(!t.contains("import init from"), "{}", p.name);
        assert!(
            t.contains("await init();"),
            "trunk's start is kept: {}",
            p.name
        );
        assert!(
            !t.contains("braucht JavaScript."),
            "trunk's note gives way to the shell's: {}",
            p.name
        );
        assert_eq!(t.matches("<title>").count(), 1, "{}", p.name);
    }
}

#[test]
fn the_start_page_lists_every_step_for_readers_without_javascript() {
    let guide = bundled();
    let pages = prerender::site(&guide, INDEX, CSS, "b.json").unwrap();
    let start = page(&pages, "index.html");
    let screen = shell(start);
    assert!(screen.contains(&format!("<h1>{}</h1>", escape(&guide.title))));
    assert!(screen.contains("href=\"#/fragen\""));
    let noscript = &screen[screen.find("<noscript><nav").expect("the step list")..];
    for step in &guide.steps {
        assert!(
            noscript.contains(&format!("href=\"schritt-{}.html\"", step.id)),
            "{}",
            step.id
        );
    }
}

#[test]
fn the_next_and_previous_links_follow_a_first_time_visitors_path() {
    let guide = bundled();
    let pages = prerender::site(&guide, INDEX, CSS, "b.json").unwrap();
    let path = leitfaden::path::compute(&guide, &Default::default());
    let (a, b) = (path.steps[0].step, path.steps[1].step);
    let first = page(&pages, &format!("schritt-{}.html", guide.steps[a].id));
    assert!(first.contains(&format!(
        "rel=\"next\" href=\"schritt-{}.html\"",
        guide.steps[b].id
    )));
    let second = page(&pages, &format!("schritt-{}.html", guide.steps[b].id));
    assert!(second.contains(&format!(
        "rel=\"prev\" href=\"schritt-{}.html\"",
        guide.steps[a].id
    )));
}

#[test]
fn hostile_guide_text_stays_text_on_the_pages() {
    let mut f = files("minimal");
    let name = "kapitel/01-anfangen.ron";
    let text = f[name].clone();
    let first_title = text
        .split("title: \"")
        .nth(2)
        .and_then(|r| r.split('"').next())
        .expect("a step title")
        .to_string();
    edit(
        &mut f,
        name,
        &format!("title: \"{first_title}\""),
        "title: \"<script>alert(1)</script> & <b>x</b>\"",
    );
    let (guide, _) = load_ok(&f);
    let pages = prerender::site(&guide, INDEX, CSS, "b.json").unwrap();
    for p in &pages {
        assert!(!p.text.contains("<script>alert"), "{}", p.name);
        assert!(!p.text.contains("<b>x"), "{}", p.name);
    }
    assert!(pages.iter().any(|p| {
        p.text
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;")
    }));
}

#[test]
fn every_page_has_the_apps_search_field_waiting_for_the_app() {
    use leitfaden::finder::field;
    let guide = bundled();
    let pages = prerender::site(&guide, INDEX, CSS, "leitfaden-1.json").unwrap();
    for p in &pages {
        let shell = shell(&p.text);
        let header = &shell[shell.find("<header").unwrap()..shell.find("</header>").unwrap()];
        // Between the brand and the navigation, as `app::frame::Header` has it.
        let (brand, search, nav) = (
            header.find("class=\"brand\"").unwrap(),
            header
                .find("role=\"search\"")
                .unwrap_or_else(|| panic!("{}: no search landmark", p.name)),
            header.find("<nav").unwrap(),
        );
        assert!(brand < search && search < nav, "{}", p.name);
        assert!(header.contains(&format!(
            "<label for=\"{}\">{}</label>",
            field::INPUT,
            field::LABEL
        )));
        let input = &header[header.find("<input").unwrap()..];
        let input = &input[..input.find('>').unwrap()];
        assert!(
            input.contains(&format!("id=\"{}\"", field::INPUT)),
            "{input}"
        );
        assert!(input.contains("aria-keyshortcuts=\"/\""), "{input}");
        assert!(
            input.ends_with(" disabled"),
            "typing must wait for the app: {input}"
        );
        assert!(header.contains(&format!(
            "<div id=\"{}\" class=\"search-results\" hidden></div>",
            field::HITS
        )));
    }
}

#[test]
fn a_page_without_what_site_needs_is_refused_with_the_reason() {
    let guide = bundled();
    let no_css = INDEX.replace(
        "<link rel=\"stylesheet\" href=\"./main-1.css\" integrity=\"x\"/>",
        "",
    );
    let err = prerender::site(&guide, &no_css, CSS, "b.json")
        .err()
        .expect("no stylesheet link");
    assert!(err.contains("stylesheet"), "{err}");
    let err = prerender::site(&guide, INDEX, "a { } </style><script>", "b.json")
        .err()
        .expect("a stylesheet that ends the style element");
    assert!(err.contains("</style"), "{err}");
    let err = prerender::site(
        &guide,
        &INDEX.replace("<body>", "<body class=x>"),
        CSS,
        "b.json",
    )
    .err()
    .expect("no plain <body>");
    assert!(err.contains("<body>"), "{err}");
}
