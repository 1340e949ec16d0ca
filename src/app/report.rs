//! The status report page ("Umsetzungsstand"): what an officer prints or hands to the
//! council, as Word, OpenDocument, Markdown, text to copy, a mail, or a web page to
//! publish. The content comes from `report::StatusReport`; this only renders it.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::Ctx;
use super::dokumente::{CopyBox, ProgressLine, Request, fetch};
use crate::document::html::Credits;
use crate::document::job::Format;
use crate::progress::Status;
use crate::report::{
    self, ARCHIVE_INTRO, ARCHIVE_TITLE, OFF_PATH_INTRO, OFF_PATH_TITLE, ReportStep, Selection,
    StatusReport,
};
use crate::transfer::{self, MAIL_LIMIT};
use crate::web::dom;

/// Which text „Als Text kopieren“ shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextForm {
    Plain,
    Markdown,
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let report = Memo::new(move |_| ctx.progress(|p| StatusReport::build(&guide, p)));
    let date = dom::today();
    let d2 = date.clone();
    let download = move |_| {
        let r = report.get_untracked();
        dom::download(
            &dom::file_name("umsetzungsstand", &r.name, "md"),
            "text/markdown;charset=utf-8",
            &r.to_markdown(&d2),
        );
    };
    let office_state = RwSignal::new(Request::Idle);
    let d3 = date.clone();
    let office = move |format: Format| {
        let r = report.get_untracked();
        fetch(
            format,
            r.to_document(&d3),
            Credits::default(),
            dom::file_name("umsetzungsstand", &r.name, format.extension()),
            office_state,
        );
    };
    let office2 = office.clone();
    let copying = RwSignal::new(None::<TextForm>);
    let d4 = date.clone();
    let copy_text = Signal::derive(move || {
        report.with(|r| match copying.get() {
            Some(TextForm::Plain) => crate::document::text::write(&r.to_document(&d4)),
            Some(TextForm::Markdown) => r.to_markdown(&d4),
            None => String::new(),
        })
    });
    let d5 = date.clone();
    let mail = Memo::new(move |_| {
        report.with(|r| transfer::mailto(&r.mail_subject(&d5), &r.mail_summary(&d5), MAIL_LIMIT))
    });
    let publishing = RwSignal::new(false);
    let toggle_copy = move |_| {
        copying.update(|c| {
            *c = if c.is_some() {
                None
            } else {
                Some(TextForm::Plain)
            }
        });
    };
    let d6 = date.clone();
    view! {
        <article class="report">
            <header class="report-header">
                <h1>{move || report.with(|r| r.title.clone())}</h1>
                <p class="meta">{format!("Stand: {date}")}" · "{move || report.with(|r| format!("{} (Version {})", r.guide_title, r.guide_version))}</p>
            </header>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| dom::print()>"Drucken"</button>
                <button type="button" class="button secondary" on:click=move |_| office(Format::Docx)>"Als Word-Datei (.docx)"</button>
                <button type="button" class="button secondary" on:click=move |_| office2(Format::Odt)>"Als OpenDocument (.odt)"</button>
                <button type="button" class="button secondary" on:click=download>"Als Markdown herunterladen"</button>
                <button type="button" class="button secondary" aria-expanded=move || copying.get().is_some().to_string()
                    aria-controls="bericht-als-text" on:click=toggle_copy>"Als Text kopieren"</button>
                <a class="button secondary" href=move || mail.get().href>"Per E-Mail senden"</a>
                <button type="button" class="button secondary" aria-expanded=move || publishing.get().to_string()
                    aria-controls="veroeffentlichen" on:click=move |_| publishing.update(|p| *p = !*p)>"Als Webseite veröffentlichen"</button>
            </div>
            <ProgressLine progress=office_state/>
            <p class="mail-note">{move || if mail.get().cut {
                "„Per E-Mail senden“ öffnet Ihr E-Mail-Programm mit einer Zusammenfassung des Berichts. Sie ist für einen E-Mail-Link zu lang und wird deshalb gekürzt (die Nachricht sagt das an ihrem Ende): Hängen Sie für alles die Word-Datei an, oder fügen Sie den Text mit „Als Text kopieren“ ein."
            } else {
                "„Per E-Mail senden“ öffnet Ihr E-Mail-Programm mit einer Zusammenfassung des Berichts; die Empfänger tragen Sie dort ein."
            }}</p>
            <div id="bericht-als-text">{move || copying.get().is_some().then(|| view! {
                <section class="tool-panel" aria-labelledby="als-text-titel">
                    <h2 id="als-text-titel">"Bericht als Text"</h2>
                    <fieldset class="text-form">
                        <legend>"Form des Textes"</legend>
                        <div class="choice inline">
                            <input type="radio" name="textform" id="textform-text" prop:checked=move || copying.get() == Some(TextForm::Plain)
                                on:change=move |_| copying.set(Some(TextForm::Plain))/>
                            <label for="textform-text">"Reiner Text (für E-Mails und Formulare)"</label>
                        </div>
                        <div class="choice inline">
                            <input type="radio" name="textform" id="textform-markdown" prop:checked=move || copying.get() == Some(TextForm::Markdown)
                                on:change=move |_| copying.set(Some(TextForm::Markdown))/>
                            <label for="textform-markdown">"Markdown (für Wikis und Ticketsysteme)"</label>
                        </div>
                    </fieldset>
                    {move || copying.get().map(|form| view! {
                        <CopyBox label=match form { TextForm::Plain => "Der Bericht als reiner Text".to_string(), TextForm::Markdown => "Der Bericht als Markdown".to_string() }
                            text=copy_text id="bericht-text".to_string()/>
                    })}
                </section>
            })}</div>
            <div id="veroeffentlichen">{move || publishing.get().then(|| view! { <Publish report=report date=d6.clone()/> })}</div>
            {move || {
                let r = report.get();
                let profile = r.profile.iter().map(|(k, v)| view! { <li>{format!("{k}: {v}")}</li> }).collect_view();
                let public = ctx.progress(|p| p.public_notes());
                let chapters = r.chapters.iter().map(|ch| {
                    let steps = ch.steps.iter().map(|s| report_step(s, format!("{}. {}", s.number, s.title), public.contains(&s.id))).collect_view();
                    view! { <section class="report-chapter"><h2>{ch.title.clone()}</h2>{steps}</section> }
                }).collect_view();
                let off_path = (!r.off_path.is_empty()).then(|| {
                    let steps = r.off_path.iter().map(|s| report_step(s, s.title.clone(), public.contains(&s.id))).collect_view();
                    view! {
                        <section class="report-chapter off-path">
                            <h2>{OFF_PATH_TITLE}</h2>
                            <p>{OFF_PATH_INTRO}</p>
                            {steps}
                        </section>
                    }
                });
                let archive = (!r.archive_lines.is_empty()).then(|| view! {
                    <section class="report-chapter archive">
                        <h2>{ARCHIVE_TITLE}</h2>
                        <p>{ARCHIVE_INTRO}</p>
                        <ul>{r.archive_lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                    </section>
                });
                view! {
                    <section class="report-profile">
                        <h2>"Profil"</h2>
                        <ul>{profile}</ul>
                        <p><strong>{format!("Fortschritt: {} von {} Schritten erledigt oder als nicht relevant markiert.", r.done, r.total)}</strong></p>
                        {r.effort.clone().map(|e| view! { <p class="effort">{e}</p> })}
                    </section>
                    {chapters}
                    {off_path}
                    {archive}
                }
            }}
        </article>
    }
}

/// One step of the report: status, priority, reason, tasks and notes (`public`: the
/// note is marked „öffentlich“).
fn report_step(s: &ReportStep, heading: String, public: bool) -> AnyView {
    let done = s
        .done_tasks
        .iter()
        .map(|t| view! { <li class="done">"☑ "{t.clone()}</li> })
        .collect_view();
    let open = s
        .open_tasks
        .iter()
        .map(|t| view! { <li>"☐ "{t.clone()}</li> })
        .collect_view();
    view! {
        <section class="report-step">
            <h3>{heading}</h3>
            <p class="meta">
                <span class=format!("status status-{}", s.status.key())>{s.status.label()}</span>
                " · "{s.meta()}
            </p>
            {(s.status == Status::NotRelevant && !s.reason.is_empty()).then(|| view! {
                <p>{format!("Grund, warum nicht relevant: {}", s.reason)}</p>
            })}
            <ul class="report-tasks">{done}{open}</ul>
            {(!s.note.trim().is_empty()).then(|| view! {
                <div class="report-note"><strong>"Notizen: "</strong>
                    {public.then(|| view! { <span class="badge">"öffentlich"</span> })}
                    <p>{s.note.clone()}</p></div>
            })}
        </section>
    }
    .into_any()
}

/// „Als Webseite veröffentlichen“: the Kommune picks what the page shows (the chapters
/// with each step's status always), then downloads one self-contained HTML file.
#[component]
fn Publish(report: Memo<StatusReport>, date: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let show_profile = RwSignal::new(true);
    let show_tasks = RwSignal::new(true);
    // Public notes the Kommune left out this time (all public notes are in by default).
    let left_out = RwSignal::new(BTreeSet::<String>::new());
    let state = RwSignal::new(Request::Idle);
    // (step id, heading) of every step on the path whose note is marked „öffentlich“.
    let public_steps = Memo::new(move |_| {
        let public = ctx.progress(|p| p.public_notes());
        report.with(|r| {
            r.chapters
                .iter()
                .flat_map(|ch| &ch.steps)
                .filter(|s| public.contains(&s.id))
                .map(|s| (s.id.clone(), format!("{}. {}", s.number, s.title)))
                .collect::<Vec<_>>()
        })
    });
    let download = move |_| {
        let chosen: BTreeSet<String> = public_steps
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| !left_out.with_untracked(|l| l.contains(id)))
            .collect();
        let show = ctx.progress(|p| {
            Selection::publish(
                show_profile.get_untracked(),
                show_tasks.get_untracked(),
                &chosen,
                p,
            )
        });
        let r = report.get_untracked();
        fetch(
            Format::Html,
            r.to_document_with(&date, &show),
            report::credits(&guide),
            dom::file_name("webseite-umsetzungsstand", &r.name, "html"),
            state,
        );
    };
    let notes = move || {
        let list = public_steps.get();
        if list.is_empty() {
            return view! {
                <p>"Noch keine Notiz ist als „öffentlich“ markiert. Das können Sie bei jedem Schritt unter „Ihre Notizen zu diesem Schritt“ tun."</p>
            }
            .into_any();
        }
        list.into_iter()
            .map(|(id, heading)| {
                let input = format!("oeffentlich-zeigen-{id}");
                let (i1, i2) = (id.clone(), id.clone());
                view! {
                    <div class="choice">
                        <input type="checkbox" id=input.clone()
                            prop:checked=move || !left_out.with(|l| l.contains(&i1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                left_out.update(|l| { if on { l.remove(&i2); } else { l.insert(i2.clone()); } });
                            }/>
                        <label for=input>{format!("Notiz zu „{heading}“")}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="tool-panel publish" aria-labelledby="veroeffentlichen-titel">
            <h2 id="veroeffentlichen-titel">"Als Webseite veröffentlichen"</h2>
            <p>"Eine Webseite in einer einzigen Datei für den Internetauftritt Ihrer Kommune: ohne Skripte, barrierearm, mit Herausgeber und Lizenz des Leitfadens. Sie zeigt jedes Kapitel mit dem Stand seiner Schritte und dazu, was Sie hier auswählen. Notizen sind privat: Auf die Seite kommen nur Notizen, die Sie beim Schritt als „öffentlich“ markiert haben. Gründe für „nicht relevant“ und das Archiv bleiben immer draußen."</p>
            <fieldset>
                <legend>"Was soll die Seite außerdem zeigen?"</legend>
                <div class="choice">
                    <input type="checkbox" id="zeigen-profil" prop:checked=move || show_profile.get()
                        on:change=move |ev| show_profile.set(event_target_checked(&ev))/>
                    <label for="zeigen-profil">"Profil der Kommune (Größe, Land, Ausgangslage)"</label>
                </div>
                <div class="choice">
                    <input type="checkbox" id="zeigen-aufgaben" prop:checked=move || show_tasks.get()
                        on:change=move |ev| show_tasks.set(event_target_checked(&ev))/>
                    <label for="zeigen-aufgaben">"Aufgaben jedes Schritts (erledigt oder offen)"</label>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Öffentliche Notizen"</legend>
                {notes}
            </fieldset>
            <div class="actions">
                <button type="button" class="button primary" on:click=download>"Webseite herunterladen (.html)"</button>
            </div>
            <ProgressLine progress=state/>
        </section>
    }
}
