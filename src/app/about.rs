//! „Über diesen Leitfaden“: who publishes it, when, what it is based on, how to cite it,
//! the licence of its content, the note on methods, the glossary and every source it cites.

use leptos::prelude::*;

use super::ctx;
use super::markdown::{Marked, render};
use super::step::SourceLine;
use crate::route::source_anchor;

#[component]
pub fn About() -> impl IntoView {
    let guide = ctx().guide();
    let a = guide.about.clone();
    let marked = Marked::default();
    let licence = match a
        .licence_url
        .clone()
        .filter(|u| crate::markdown::safe_href(u))
    {
        Some(url) => view! {
            <a href=url target="_blank" rel="noopener noreferrer">{a.licence.clone()}
                <span class="visually-hidden">" (öffnet in neuem Tab)"</span></a>
        }
        .into_any(),
        None => view! { <span>{a.licence.clone()}</span> }.into_any(),
    };
    let sources = guide
        .sources
        .iter()
        .cloned()
        .map(|s| {
            let id = source_anchor(&s.id);
            view! { <li id=id><SourceLine source=s/></li> }
        })
        .collect_view();
    view! {
        <section class="about">
            <h1>"Über diesen Leitfaden"</h1>
            <dl class="about-facts">
                <dt>"Titel"</dt><dd>{guide.title.clone()}</dd>
                <dt>"Herausgeber"</dt><dd>{a.publisher.clone()}</dd>
                <dt>"Version"</dt><dd>{guide.version.clone()}</dd>
                <dt>"Stand"</dt><dd>{a.date.clone()}</dd>
                <dt>"Lizenz der Inhalte"</dt><dd>{licence}</dd>
            </dl>
            <h2>"Worauf der Leitfaden beruht"</h2>
            <div class="text-block" inner_html=render(&a.based_on, &guide, &marked)></div>
            <h2>"So zitieren Sie den Leitfaden"</h2>
            <p class="cite">{a.cite.clone()}</p>
            <h2>"Zur Methode"</h2>
            <div class="text-block" inner_html=render(&a.methods, &guide, &marked)></div>
            <h2>"Begriffe"</h2>
            // In full: the text marks each term only where it first occurs, and a search
            // hit on a term opens it here.
            <dl class="glossary" inner_html=crate::html::glossary(&guide)></dl>
            <h2>"Alle Quellen"</h2>
            <ul class="all-sources">{sources}</ul>
            <h2>"Für Kreise, Länder und Verbände"</h2>
            <p>"Sie möchten diesen Leitfaden mit eigenen Beispielen, dem Recht Ihres Landes oder Ihren Ansprechpersonen an Ihre Kommunen geben? Unter "
                <a href="#/anpassen">"Leitfaden anpassen"</a>
                " prüfen Sie Ihre geänderten Dateien, sehen eine Vorschau und speichern den Leitfaden als eine Datei – ohne etwas zu installieren."</p>
        </section>
    }
}
