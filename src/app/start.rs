//! The start page: what the guide is, how it works, and the way in (or back).

use leptos::prelude::*;

use super::ctx;
use super::markdown::{Marked, render};
use crate::session;

#[component]
pub fn Start() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let marked = Marked::default();
    let g = guide.clone();
    let resume = move || ctx.ws.with(|ws| session::resume(ws, &g).map(|r| r.href()));
    let questions = crate::profile::intake_size(&guide, "kurze Frage", "kurze Fragen");
    let today = ctx.today();
    let reminder = move || {
        ctx.progress(|p| {
            let due = crate::review::review_due(p, today)?;
            Some(format!(
                "Zeit für die Überprüfung: Sie war für den {} geplant ({}). Halten Sie einen Zwischenstand fest und vergleichen Sie mit dem letzten.",
                p.review?.to_german(),
                due.german()
            ))
        })
    };
    view! {
        <section class="start">
            <h1>{guide.title.clone()}</h1>
            {move || reminder().map(|text| view! {
                <div class="banner info review-reminder" role="status">
                    <p>{text}</p>
                    <a class="button secondary" href="#/ueberpruefung">"Zur Überprüfung"</a>
                </div>
            })}
            <div class="lead" inner_html=render(&guide.intro, &guide, &marked)></div>
            <ul class="facts">
                <li>{format!("Sie beantworten zuerst {questions} (etwa 2 Minuten).")}</li>
                <li>"Danach sehen Sie Ihren Weg: die Schritte, die zu Ihrer Kommune passen. Sie können jederzeit unterbrechen."</li>
                <li>"Alles bleibt in diesem Browser: kein Konto, kein Server, keine Übertragung."</li>
            </ul>
            <div class="actions">
                {move || match resume() {
                    Some(href) => view! {
                        <a class="button primary" href=href>"Weiter, wo ich war"</a>
                        <a class="button secondary" href="#/profil">"Profil ändern"</a>
                    }.into_any(),
                    None => view! {
                        <a class="button primary" href="#/fragen">"Los geht's"</a>
                    }.into_any(),
                }}
            </div>
            {(!ctx.demo).then(|| view! {
                <p class="demo-entry">"Sie leiten eine Schulung? Im "
                    <a href="?demo#/uebersicht">"Demo-Modus"</a>
                    " wechseln Sie zwischen Beispielkommunen und vergleichen Profile – getrennt von Ihren echten Eingaben."</p>
            })}
        </section>
    }
}
