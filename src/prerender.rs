//! Pre-rendered pages for the release build: the start page and one page per step, as a
//! first-time visitor's app would show them, written into the HTML before any wasm runs.
//!
//! A visitor sees text at once (and can read every step without JavaScript); the app then
//! replaces the pre-rendered screen with its own in one go (`web::dom::remove_prerendered`).
//! The markup copies the app's (`app::frame`, `app::start`, `app::step`) element for
//! element, with the controls disabled until the app is there, so the takeover does not
//! move anything; the e2e test `prerender.test.mjs` compares the positions.
//!
//! Each step has a page `schritt-<id>.html` next to `index.html` (same directory, so every
//! relative address in it means the same). The app keeps hash routes inside the page and
//! shows a step's address as its page (`Route::page`), so that a link someone shares lands
//! on pre-rendered text; old `#/schritt/…` links still work.

use std::fmt::Write;

use crate::guide::{Guide, Priority, Source};
use crate::html::{self, Marked, escape};
use crate::path::{self, Path};
use crate::profile::Answers;
use crate::progress::Status;
use crate::route::Route;

/// The id of the element that holds the pre-rendered screen.
pub const SHELL_ID: &str = "vorab";
/// `<meta name=…>` naming the guide bundle the page loads.
pub const BUNDLE_META: &str = "leitfaden-bundle";
/// `<meta name=…>` saying that each step has its own page (`Route::page`).
pub const PAGES_META: &str = "leitfaden-seiten";

/// One file of the site: its name in the build directory and its text.
pub struct File {
    pub name: String,
    pub text: String,
}

/// The pages of the site, made from the page trunk built (`index`): the start page as
/// `index.html` and a page per step, each with the pre-rendered screen, the stylesheet
/// inline, and a pointer to the guide bundle `bundle_name`.
pub fn site(guide: &Guide, index: &str, css: &str, bundle_name: &str) -> Result<Vec<File>, String> {
    let page = Template::new(index, css, bundle_name)?;
    let fresh = Answers::default();
    let path = path::compute(guide, &fresh);
    let mut files = vec![File {
        name: "index.html".into(),
        text: page.fill(&guide.title, &start_shell(guide)),
    }];
    for i in 0..guide.steps.len() {
        let Some(name) = Route::Step(guide.steps[i].id.clone()).page() else {
            continue;
        };
        let title = format!("{} – Leitfaden Open Government", guide.steps[i].title);
        files.push(File {
            name,
            text: page.fill(&title, &step_shell(guide, &path, &fresh, i)),
        });
    }
    Ok(files)
}

/// trunk's page, cut where the pre-rendered parts go.
struct Template {
    head_before_title: String,
    head_after_title: String,
    body_after: String,
}

impl Template {
    fn new(index: &str, css: &str, bundle_name: &str) -> Result<Template, String> {
        let mut page = index.to_string();
        // The stylesheet inline: it would otherwise be one more round trip before the
        // first paint.
        let link_start = page
            .find("<link rel=\"stylesheet\"")
            .ok_or("index.html has no stylesheet link")?;
        let link_end = link_start
            + page[link_start..]
                .find('>')
                .ok_or("the stylesheet link is not closed")?
            + 1;
        if css.contains("</style") {
            return Err("the stylesheet contains \"</style\"".into());
        }
        page.replace_range(link_start..link_end, &format!("<style>{css}</style>"));
        // Old hash links (`#/schritt/…`, `#/fragen`) show another screen than the start
        // page, and a preview (`?vorschau`) another guide: hide the pre-rendered one until
        // the app has rendered the right one.
        let page_loader = start_after_paint(&page, bundle_name)?;
        page = page_loader;
        let head_extra = format!(
            "<meta name=\"{BUNDLE_META}\" content=\"{b}\"><meta name=\"{PAGES_META}\" content=\"1\">\
             <script>if(/^#\\/./.test(location.hash)||/[?&]vorschau/.test(location.search))document.documentElement.classList.add('andere-seite')</script>\n</head>",
            b = escape(bundle_name)
        );
        if !page.contains("</head>") {
            return Err("index.html has no </head>".into());
        }
        page = page.replacen("</head>", &head_extra, 1);
        let t_start = page.find("<title>").ok_or("index.html has no <title>")?;
        let t_end = page.find("</title>").ok_or("index.html has no </title>")? + "</title>".len();
        let b = page.find("<body>").ok_or("index.html has no <body>")? + "<body>".len();
        // The app's own note for browsers without JavaScript is replaced by the shell's.
        let mut body_after = page[b..].to_string();
        if let (Some(s), Some(e)) = (
            body_after.find("<noscript>"),
            body_after.find("</noscript>"),
        ) {
            body_after.replace_range(s..e + "</noscript>".len(), "");
        }
        Ok(Template {
            head_before_title: page[..t_start].to_string(),
            head_after_title: page[t_end..b].to_string(),
            body_after,
        })
    }

    fn fill(&self, title: &str, shell: &str) -> String {
        format!(
            "{}<title>{}</title>{}<div id=\"{SHELL_ID}\">{shell}</div>{}",
            self.head_before_title,
            escape(title),
            self.head_after_title,
            self.body_after
        )
    }
}

/// Skip link, header, `main` with `content`, live region and footer, as `app::App` has.
/// trunk's loader, changed to start the app once the pre-rendered page is painted: the
/// wasm, its glue and the guide bundle are requested only then (no preload links), so the
/// first paint never waits for them, and a browser reporting the largest paint (or a
/// Lighthouse simulation of a slow line) does not count them as needed for it. A hidden tab
/// paints no frame; it starts after half a second.
fn start_after_paint(page: &str, bundle_name: &str) -> Result<String, String> {
    let mut page = page.to_string();
    let open = "<script type=\"module\">";
    let at = page
        .find(open)
        .ok_or("index.html has no module script (trunk's loader)")?
        + open.len();
    let import = page[at..]
        .find("import init")
        .map(|i| at + i)
        .ok_or("trunk's loader does not import init")?;
    let end = import
        + page[import..]
            .find(';')
            .ok_or("trunk's loader import is not closed")?
        + 1;
    let statement = &page[import..end];
    let glue = statement
        .split('\'')
        .nth(1)
        .filter(|g| g.ends_with(".js"))
        .ok_or("trunk's loader imports no .js file")?
        .to_string();
    if glue.contains(['\\', '<']) || bundle_name.contains(['\'', '\\', '<']) {
        return Err("unexpected characters in the glue or bundle name".into());
    }
    let start = format!(
        "\nawait new Promise((go) => {{ requestAnimationFrame(() => setTimeout(go)); setTimeout(go, 500); }});\n\
         {{ const l = document.createElement('link'); l.rel = 'preload'; l.as = 'fetch'; \
         l.crossOrigin = 'anonymous'; l.href = '{bundle_name}'; document.head.append(l); }}\n\
         const bindings = await import('{glue}');\nconst init = bindings.default;"
    );
    page.replace_range(import..end, &start);
    // trunk's preloads of the glue and the wasm would start both before the first paint.
    for tag in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
        while let Some(s) = page.find(tag) {
            let e = s + page[s..].find('>').ok_or("a preload link is not closed")? + 1;
            page.replace_range(s..e, "");
        }
    }
    Ok(page)
}

fn frame(guide: &Guide, start: bool, content: &str) -> String {
    let current = if start { " aria-current=\"page\"" } else { "" };
    format!(
        "<a class=\"skip-link\" href=\"#inhalt\">Zum Inhalt springen</a>\
         <header class=\"site-header\"><div class=\"brand\"><a href=\"./\" class=\"brand-link\">{title}</a></div>{search}\
         <nav aria-label=\"Hauptnavigation\"><ul><li><a href=\"./\"{current}>Start</a></li>\
         <li><a href=\"#/arbeitsstaende\">Arbeitsstände</a></li></ul></nav></header>\
         <main id=\"inhalt\" tabindex=\"-1\">{content}</main>\
         <p class=\"visually-hidden\" aria-live=\"polite\" id=\"ansage\"></p>\
         <footer class=\"site-footer\"><p>{title} · Version {version} · Ihre Eingaben bleiben in diesem Browser. Kein Konto, kein Server.</p>\
         <p><a href=\"#/ueber\">Über diesen Leitfaden</a> · <a href=\"#/anpassen\">Leitfaden anpassen</a></p></footer>",
        title = escape(&guide.title),
        version = escape(&guide.version),
        // The field waits for the app.
        search = crate::finder::field::html(true),
    )
}

/// Said where a control needs the app: without JavaScript, or before the app is there.
const NOSCRIPT: &str = "<noscript><p class=\"banner info\">Ohne JavaScript können Sie alle Schritte lesen. \
    Die Fragen zu Ihrer Kommune, Ihr Weg, Häkchen und Notizen brauchen JavaScript.</p></noscript>";

fn start_shell(guide: &Guide) -> String {
    let mut marked = Marked::new();
    let questions = crate::profile::intake_size(guide, "kurze Frage", "kurze Fragen");
    let mut out = format!(
        "<section class=\"start\"><h1>{}</h1><div class=\"lead\">{}</div><ul class=\"facts\">\
         <li>Sie beantworten zuerst {} (etwa 2 Minuten).</li>\
         <li>Danach sehen Sie Ihren Weg: die Schritte, die zu Ihrer Kommune passen. Sie können jederzeit unterbrechen.</li>\
         <li>Alles bleibt in diesem Browser: kein Konto, kein Server, keine Übertragung.</li></ul>\
         <div class=\"actions\"><a class=\"button primary\" href=\"#/fragen\">Los geht&#39;s</a></div>\
         <p class=\"demo-entry\">Sie leiten eine Schulung? Im <a href=\"?demo#/uebersicht\">Demo-Modus</a> \
         wechseln Sie zwischen Beispielkommunen und vergleichen Profile – getrennt von Ihren echten Eingaben.</p>",
        escape(&guide.title),
        html::markdown(&guide.intro, guide, &mut marked),
        escape(&questions),
    );
    // Without JavaScript: every step, to read.
    out.push_str(NOSCRIPT);
    out.push_str("<noscript><nav aria-label=\"Alle Schritte\"><h2>Alle Schritte</h2>");
    for c in &guide.chapters {
        let _ = write!(out, "<h3>{}</h3><ul>", escape(&c.title));
        for i in c.steps.clone() {
            let s = &guide.steps[i];
            if let Some(page) = Route::Step(s.id.clone()).page() {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(&page),
                    escape(&s.title)
                );
            }
        }
        out.push_str("</ul>");
    }
    out.push_str("</nav></noscript></section>");
    frame(guide, true, &out)
}

/// The link to step `i`: its page, which works with and without the app.
fn step_href(guide: &Guide, i: usize) -> String {
    let route = Route::Step(guide.steps[i].id.clone());
    escape(&route.page().unwrap_or_else(|| route.href()))
}

fn step_shell(guide: &Guide, path: &Path, answers: &Answers, i: usize) -> String {
    let step = &guide.steps[i];
    let visible = path.appearance(guide, i);
    let on_path = path.position(i).is_some();
    let chapter = guide.step_chapter[i];
    let position = match path.place(guide, i) {
        None => format!("Kapitel {chapter} · ausgeblendeter Schritt"),
        Some(at) => format!(
            "Kapitel {chapter} · Schritt {} von {} · insgesamt {} von {}",
            at.in_chapter,
            at.chapter_len,
            at.on_path,
            path.steps.len()
        ),
    };
    let mut marked = Marked::new();
    let mut out = format!(
        "<article class=\"step\"><p class=\"position\">{}</p><h1>{}</h1><p class=\"badges\">\
         <span class=\"badge priority-{}\">{}</span>",
        escape(&position),
        escape(&step.title),
        visible.priority.css_class(),
        visible.priority.label()
    );
    if let Some(r) = on_path
        .then(|| path.reason_priority(guide, answers, &visible))
        .flatten()
    {
        let _ = write!(out, "<span class=\"priority-reason\">{}</span>", escape(&r));
    }
    out.push_str("</p>");
    if let Some(e) = visible.effort {
        let _ = write!(
            out,
            "<p class=\"meta effort\">{}</p>",
            escape(&crate::text::effort_line(e))
        );
    }
    if !on_path {
        out.push_str("<p class=\"banner info\">Dieser Schritt ist für Ihr Profil ausgeblendet. Sie sehen ihn, weil Sie ihn ausdrücklich geöffnet haben.</p>");
    }
    out.push_str(NOSCRIPT);
    for text in
        std::iter::once(&step.body).chain(visible.variants.iter().map(|&k| &step.variants[k].text))
    {
        let _ = write!(
            out,
            "<div class=\"text-block\">{}</div>",
            html::markdown(text, guide, &mut marked)
        );
    }
    if !step.legal.trim().is_empty() {
        let _ = write!(
            out,
            "<aside class=\"legal\" aria-labelledby=\"rechtlich-titel\"><h2 id=\"rechtlich-titel\">Rechtlich prüfen</h2><div>{}</div></aside>",
            html::markdown(&step.legal, guide, &mut marked)
        );
    }
    let _ = write!(
        out,
        "<details class=\"why\"><summary>Warum sehe ich diesen Schritt?</summary><p>{}</p></details>",
        escape(&path.reason(guide, answers, i))
    );
    tasks(&mut out, guide, i, &visible.tasks);
    decision(&mut out, guide, i);
    resources(&mut out, guide, i);
    examples(&mut out, guide, i);
    own_state(&mut out, guide, i);
    sources(&mut out, guide, i, &visible.variants);
    // „Zurück“ and „Weiter“ along a first-time visitor's path.
    let n = path.neighbours(i);
    out.push_str("<nav class=\"step-nav\" aria-label=\"Schritte\">");
    match n.prev {
        Some(p) => {
            let _ = write!(
                out,
                "<a class=\"button secondary\" rel=\"prev\" href=\"{}\">Zurück</a>",
                step_href(guide, p)
            );
        }
        None if n.on_path => {
            let _ = write!(
                out,
                "<a class=\"button secondary\" href=\"{}\">Zurück</a>",
                Route::Summary.href()
            );
        }
        None => {
            let _ = write!(
                out,
                "<a class=\"button secondary\" href=\"{}\">Zurück zur Übersicht</a>",
                Route::Overview.href()
            );
        }
    }
    match n.next {
        Some(x) => {
            let _ = write!(
                out,
                "<a class=\"button primary\" rel=\"next\" href=\"{}\">Weiter</a>",
                step_href(guide, x)
            );
        }
        None => {
            let _ = write!(
                out,
                "<a class=\"button primary\" href=\"{}\">Weiter zur Übersicht</a>",
                Route::Overview.href()
            );
        }
    }
    out.push_str("</nav></article>");
    frame(guide, false, &out)
}

fn tasks(out: &mut String, guide: &Guide, i: usize, shown: &[(usize, Priority)]) {
    let s = &guide.steps[i];
    out.push_str("<section class=\"tasks\" aria-labelledby=\"aufgaben-titel\"><h2 id=\"aufgaben-titel\">Aufgaben</h2><ul class=\"task-list\">");
    for &(k, priority) in shown {
        let t = &s.tasks[k];
        let id = escape(&format!("aufgabe-{}-{}", s.id, t.id));
        let _ = write!(
            out,
            "<li class=\"task\"><input type=\"checkbox\" id=\"{id}\" disabled><label for=\"{id}\">{}</label>",
            escape(&t.text)
        );
        if let Some(e) = t.effort {
            let _ = write!(
                out,
                "<span class=\"task-effort\">({})</span>",
                escape(&crate::text::hours(e.hours))
            );
        }
        if priority == Priority::Optional {
            out.push_str("<span class=\"badge priority-optional\">Optional</span>");
        }
        let _ = write!(
            out,
            "<details class=\"plan\"><summary>{TASK_PLAN_LABEL}<span class=\"visually-hidden\"> für: {}</span><span class=\"plan-set\"></span></summary>",
            escape(&t.text)
        );
        plan_fields(out, &s.id, Some(&t.id), &t.text);
        out.push_str("</details></li>");
    }
    out.push_str("</ul></section>");
}

fn decision(out: &mut String, guide: &Guide, i: usize) {
    let Some(d) = &guide.steps[i].decision else {
        return;
    };
    let help_id = escape(&format!("entscheidung-{}-hilfe", d.id));
    let _ = write!(
        out,
        "<fieldset class=\"decision\" aria-describedby=\"{help_id}\" disabled><legend>Entscheidung: {}</legend>\
         <p class=\"help\" id=\"{help_id}\">{} Ihre Antwort bestimmt die folgenden Schritte.</p>",
        escape(&d.label),
        escape(&d.help)
    );
    for c in &d.choices {
        let id = escape(&format!("entscheidung-{}-{}", d.id, c.id));
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"radio\" name=\"{}\" id=\"{id}\"><label for=\"{id}\">{}</label><span class=\"choice-help\">{}</span></div>",
            escape(&format!("entscheidung-{}", d.id)),
            escape(&c.label),
            escape(&c.help)
        );
    }
    out.push_str("</fieldset>");
}

fn resources(out: &mut String, guide: &Guide, i: usize) {
    let s = &guide.steps[i];
    if s.resources.is_empty() {
        return;
    }
    out.push_str("<section class=\"resources\" aria-labelledby=\"arbeitshilfen-titel\"><h2 id=\"arbeitshilfen-titel\">Arbeitshilfen</h2><ul>");
    for r in s.resources.iter().filter_map(|r| guide.resource(r)) {
        let mut marked = Marked::new();
        let _ = write!(
            out,
            "<li class=\"resource\"><details><summary>{}</summary><p class=\"summary\">{}</p><div class=\"resource-body\">{}</div>",
            escape(&format!("{}: {}", r.kind, r.title)),
            escape(&r.summary),
            html::markdown(&r.body, guide, &mut marked)
        );
        let cited = guide.resource_sources(r);
        if !cited.is_empty() {
            out.push_str(
                "<div class=\"resource-sources\"><h3>Quellen dieser Arbeitshilfe</h3><ul>",
            );
            for c in cited {
                out.push_str("<li>");
                source_line(out, c);
                out.push_str("</li>");
            }
            out.push_str("</ul></div>");
        }
        let title = escape(&format!(" „{}“", r.title));
        let _ = write!(
            out,
            "</details><div class=\"resource-downloads\"><span class=\"downloads-label\">{DOWNLOADS_LABEL}</span>\
             <button type=\"button\" class=\"button secondary small\" disabled>Word (.docx)<span class=\"visually-hidden\">{title}</span></button>\
             <button type=\"button\" class=\"button secondary small\" disabled>OpenDocument (.odt)<span class=\"visually-hidden\">{title}</span></button>\
             <button type=\"button\" class=\"button secondary small\" disabled>Markdown (.md)<span class=\"visually-hidden\">{title}</span></button>\
             </div><p class=\"document-status\" role=\"status\" aria-live=\"polite\"></p></li>"
        );
    }
    out.push_str("</ul></section>");
}

fn examples(out: &mut String, guide: &Guide, i: usize) {
    let s = &guide.steps[i];
    if s.examples.is_empty() {
        return;
    }
    out.push_str("<section class=\"examples\" aria-labelledby=\"beispiele-titel\"><h2 id=\"beispiele-titel\">Beispiele aus der Praxis</h2>");
    for e in s.examples.iter().filter_map(|e| guide.example(e)) {
        let _ = write!(
            out,
            "<article class=\"example-card\"><h3>{}</h3><p class=\"meta\">{}</p>\
             <p><strong>Was sie getan haben: </strong>{}</p><p><strong>Was Sie daraus lernen können: </strong>{}</p>",
            escape(&format!("{}: {}", e.kommune, e.title)),
            escape(&e.size),
            escape(&e.what),
            escape(&e.learn)
        );
        if let Some(src) = guide.source(&e.source) {
            source_line(out, src);
        }
        out.push_str("</article>");
    }
    out.push_str("</section>");
}

/// Status and notes, as a first-time visitor finds them (disabled until the app is there).
fn own_state(out: &mut String, guide: &Guide, i: usize) {
    let sid = &guide.steps[i].id;
    out.push_str("<section class=\"own\" aria-labelledby=\"stand-titel\"><h2 id=\"stand-titel\">Ihr Stand</h2><fieldset class=\"status\" disabled><legend>Status dieses Schritts</legend>");
    for st in Status::ALL {
        let id = escape(&format!("status-{}-{}", sid, st.key()));
        let checked = if st == Status::Open { " checked" } else { "" };
        let _ = write!(
            out,
            "<div class=\"choice inline\"><input type=\"radio\" name=\"{}\" id=\"{id}\"{checked}><label for=\"{id}\">{}</label></div>",
            escape(&format!("status-{sid}")),
            st.label()
        );
    }
    out.push_str("</fieldset><fieldset class=\"step-plan\" disabled><legend>Wer kümmert sich um den ganzen Schritt, bis wann? (freiwillig)</legend>");
    plan_fields(out, sid, None, "den ganzen Schritt");
    let note = escape(&format!("notiz-{sid}"));
    let (public, help) = (
        escape(&format!("oeffentlich-{sid}")),
        escape(&format!("oeffentlich-hilfe-{sid}")),
    );
    let _ = write!(
        out,
        "</fieldset><div class=\"field\"><label for=\"{note}\">Ihre Notizen zu diesem Schritt</label>\
         <textarea id=\"{note}\" rows=\"5\" disabled></textarea></div>\
         <div class=\"choice public-note\"><input type=\"checkbox\" id=\"{public}\" aria-describedby=\"{help}\" disabled>\
         <label for=\"{public}\">{PUBLIC_LABEL}</label><span class=\"choice-help\" id=\"{help}\">{}</span></div></section>",
        escape(PUBLIC_HELP)
    );
}

/// What the download buttons of an Arbeitshilfe say first (`app::step::material`).
pub const DOWNLOADS_LABEL: &str = "Herunterladen, ausgefüllt mit Ihren Angaben:";

/// The check box under a step's notes (`app::step::own`), and what it means.
pub const PUBLIC_LABEL: &str =
    "Öffentlich: Diese Notiz darf auf einer veröffentlichten Webseite stehen";
pub const PUBLIC_HELP: &str = "Notizen sind privat. Eine öffentliche Notiz können Sie unter „Bericht“ → „Als Webseite veröffentlichen“ auf eine Seite für den Internetauftritt Ihrer Kommune übernehmen.";

/// What a task's folded „Zuständig“ and „Fällig bis“ say when closed
/// (`app::step::tasks`), before what is set.
pub const TASK_PLAN_LABEL: &str = "Zuständig und Termin";

/// „Zuständig“ and „Fällig bis“ of a step (`task` = `None`) or task, empty and disabled, as
/// `app::step::plan::PlanFields` has them (so nothing moves when the app takes over).
fn plan_fields(out: &mut String, step: &str, task: Option<&str>, what: &str) {
    let suffix = match task {
        Some(t) => format!("{step}-{t}"),
        None => step.to_string(),
    };
    let (owner, due) = (
        escape(&format!("zustaendig-{suffix}")),
        escape(&format!("faellig-{suffix}")),
    );
    let hidden = escape(&format!(" für: {what}"));
    let _ = write!(
        out,
        "<div class=\"plan-fields\"><div class=\"plan-field\"><label for=\"{owner}\">Zuständig<span class=\"visually-hidden\">{hidden}</span></label>\
         <input type=\"text\" id=\"{owner}\" maxlength=\"{}\" autocomplete=\"off\" disabled></div>\
         <div class=\"plan-field\"><label for=\"{due}\">Fällig bis<span class=\"visually-hidden\">{hidden}</span></label>\
         <input type=\"date\" id=\"{due}\" min=\"1900-01-01\" max=\"2999-12-31\" disabled></div></div>",
        crate::progress::MAX_OWNER_CHARS
    );
}

/// The step's sources and those of the variants shown (each once).
fn sources(out: &mut String, guide: &Guide, i: usize, variants: &[usize]) {
    let s = &guide.steps[i];
    let mut ids: Vec<&String> = Vec::new();
    for id in s
        .sources
        .iter()
        .chain(variants.iter().flat_map(|&v| s.variants[v].sources.iter()))
    {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return;
    }
    out.push_str("<section class=\"sources\" aria-labelledby=\"quellen-titel\"><h2 id=\"quellen-titel\">Quellen</h2><ul>");
    for src in ids.into_iter().filter_map(|id| guide.source(id)) {
        out.push_str("<li>");
        source_line(out, src);
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
}

/// „Quelle: Titel. Herausgeber, Jahr.“ with the link on the title.
fn source_line(out: &mut String, source: &Source) {
    let imprint = escape(&source.imprint());
    match source
        .url
        .as_deref()
        .filter(|u| crate::markdown::safe_href(u))
    {
        Some(url) => {
            let _ = write!(
                out,
                "<span class=\"source\">Quelle: <a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}{}</a>{imprint}</span>",
                escape(url),
                escape(&source.title),
                html::NEW_TAB
            );
        }
        None => {
            let _ = write!(
                out,
                "<span class=\"source\">Quelle: {}{imprint}</span>",
                escape(&source.title)
            );
        }
    }
}
