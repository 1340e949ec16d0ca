//! The status report page ("Umsetzungsstand"): what an officer prints or hands to the
//! council, as Word, OpenDocument, Markdown, text to copy, a mail, or a web page to
//! publish. The content comes from `report::StatusReport`; this only renders it.

#[cfg(not(leitfaden_without = "documents"))]
use std::collections::BTreeSet;

use leptos::prelude::*;

use super::Ctx;
#[cfg(not(leitfaden_without = "documents"))]
use super::dokumente::{copy_box, fetch, fetch_text, status_line};
#[cfg(not(leitfaden_without = "documents"))]
use crate::document::{html::Credits, job::Format};
use crate::progress::{Progress, Status};
#[cfg(not(leitfaden_without = "documents"))]
use crate::report::{self, Selection};
use crate::report::{
    ARCHIVE_INTRO, ARCHIVE_TITLE, LEVELS_TITLE, OFF_PATH_INTRO, OFF_PATH_TITLE, PLAN_COLUMN,
    ReportStep, StatusReport,
};
#[cfg(not(leitfaden_without = "documents"))]
use crate::transfer::{self, MAIL_LIMIT};
use crate::web::dom;

#[component]
pub fn ReportPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let report = Memo::new(move |_| ctx.progress(|p| StatusReport::build(&guide, p)));
    let date = dom::today();
    // `--cfg leitfaden_without="documents"` builds without the documents' controls. This
    // screen is the second module's (`app::more`), so it no longer weighs on the first load
    // the benchmark measures (bench/run.mjs); the cfg keeps both builds compiling.
    #[cfg(not(leitfaden_without = "documents"))]
    let (documents, panels) = documents(report, date.clone());
    #[cfg(leitfaden_without = "documents")]
    let (documents, panels) = ((), ());
    view! {
        <article class="report">
            <header class="report-header">
                <h1>{move || report.with(|r| r.title.clone())}</h1>
                <p class="meta">{format!("Stand: {date}")}" · "{move || report.with(|r| format!("{} (Version {})", r.guide_title, r.guide_version))}</p>
            </header>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| dom::print()>"Drucken"</button>
                {documents}
            </div>
            {panels}
            {move || {
                let r = report.get();
                let profile = r.profile.iter().map(|(k, v)| view! { <li>{format!("{k}: {v}")}</li> }).collect_view();
                let public = ctx.progress(Progress::public_notes);
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
                    {(!r.levels.is_empty()).then(|| view! {
                        <section class="report-levels">
                            <h2>{LEVELS_TITLE}</h2>
                            {super::review::table_view(&r.levels.table(), LEVELS_TITLE)}
                            {r.review.map(|d| view! { <p>{format!("Nächste Überprüfung: {}", d.to_german())}</p> })}
                        </section>
                    })}
                    {chapters}
                    {off_path}
                    {archive}
                }
            }}
        </article>
    }
}

/// The report's documents: the buttons (Word, OpenDocument, Markdown, text to copy, mail,
/// web page) and what they open below the buttons (status line, mail note, the text to
/// copy, the publish choices).
#[cfg(not(leitfaden_without = "documents"))]
fn documents(report: Memo<StatusReport>, date: String) -> (AnyView, AnyView) {
    let status = RwSignal::new(String::new());
    let d1 = date.clone();
    // Every file is written by the documents worker, from the report as it is now.
    let file = move |format: Format| {
        let r = report.get_untracked();
        fetch(
            format,
            r.to_document(&d1),
            Credits::default(),
            dom::file_name("umsetzungsstand", &r.name, format.extension()),
            status,
        );
    };
    let (file2, file3) = (file.clone(), file.clone());
    // „Als Text kopieren“: open, and which form (plain text or Markdown), and the text.
    let copying = RwSignal::new(false);
    let markdown = RwSignal::new(false);
    let copy_text = RwSignal::new(None::<String>);
    let d2 = date.clone();
    let make_text = move || {
        copy_text.set(None);
        let format = if markdown.get_untracked() {
            Format::Markdown
        } else {
            Format::Text
        };
        fetch_text(
            format,
            report.with_untracked(|r| r.to_document(&d2)),
            status,
            copy_text,
        );
    };
    let (make2, make3) = (make_text.clone(), make_text.clone());
    let d3 = date.clone();
    let mail = move || {
        report.with(|r| transfer::mailto(&r.mail_subject(&d3), &r.mail_summary(&d3), MAIL_LIMIT))
    };
    let mail2 = mail.clone();
    let publishing = RwSignal::new(false);
    let d4 = date.clone();
    let buttons = view! {
        <button type="button" class="button secondary" on:click=move |_| file(Format::Docx)>"Als Word-Datei (.docx)"</button>
        <button type="button" class="button secondary" on:click=move |_| file2(Format::Odt)>"Als OpenDocument (.odt)"</button>
        <button type="button" class="button secondary" on:click=move |_| file3(Format::Markdown)>"Als Markdown herunterladen"</button>
        <button type="button" class="button secondary" aria-expanded=move || copying.get().to_string()
            aria-controls="bericht-als-text" on:click=move |_| {
                let open = !copying.get_untracked();
                copying.set(open);
                if open { make_text(); }
            }>"Als Text kopieren"</button>
        <a class="button secondary" href=move || mail().href>"Per E-Mail senden"</a>
        <button type="button" class="button secondary" aria-expanded=move || publishing.get().to_string()
            aria-controls="veroeffentlichen" on:click=move |_| publishing.update(|p| *p = !*p)>"Als Webseite veröffentlichen"</button>
    };
    let panels = view! {
        {status_line(status)}
        <p class="mail-note">{move || if mail2().cut { MAIL_CUT } else { MAIL_FULL }}</p>
        <div id="bericht-als-text">{move || copying.get().then(|| { let (make2, make3) = (make2.clone(), make3.clone()); view! {
            <section class="tool-panel" aria-labelledby="als-text-titel">
                <h2 id="als-text-titel">"Bericht als Text"</h2>
                <fieldset class="text-form">
                    <legend>"Form des Textes"</legend>
                    <div class="choice inline">
                        <input type="radio" name="textform" id="textform-text" prop:checked=move || !markdown.get()
                            on:change=move |_| { markdown.set(false); make2(); }/>
                        <label for="textform-text">"Reiner Text (für E-Mails und Formulare)"</label>
                    </div>
                    <div class="choice inline">
                        <input type="radio" name="textform" id="textform-markdown" prop:checked=move || markdown.get()
                            on:change=move |_| { markdown.set(true); make3(); }/>
                        <label for="textform-markdown">"Markdown (für Wikis und Ticketsysteme)"</label>
                    </div>
                </fieldset>
                {move || copy_text.get().map(|text| {
                    let label = if markdown.get_untracked() { "Der Bericht als Markdown" } else { "Der Bericht als reiner Text" };
                    copy_box(label.to_string(), text, "bericht-text".to_string())
                })}
            </section>
        }})}</div>
        <div id="veroeffentlichen">{move || publishing.get().then(|| publish(report, d4.clone()))}</div>
    };
    (buttons.into_any(), panels.into_any())
}

/// One step of the report: status, priority, reason, tasks (with owners and due dates
/// where there are some) and notes (`public`: the note is marked „öffentlich“).
fn report_step(s: &ReportStep, heading: String, public: bool) -> AnyView {
    let tasks = if s.has_plans() {
        let rows = s
            .tasks()
            .map(|(t, done, plan)| {
                view! {
                    <tr>
                        <td>{t.to_string()}</td>
                        <td>{if done { "☑ erledigt" } else { "☐ offen" }}</td>
                        <td>{plan.map(crate::progress::Plan::cell).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            {(!s.plan.is_empty()).then(|| view! { <p class="report-plan">{s.plan_line()}</p> })}
            {s.tasks().next().is_some().then(|| view! {
                <div class="table-scroll">
                    <table class="report-task-table">
                        <caption class="visually-hidden">{format!("Aufgaben von „{}“", s.title)}</caption>
                        <thead><tr><th scope="col">"Aufgabe"</th><th scope="col">"Stand"</th><th scope="col">{PLAN_COLUMN}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
        }
        .into_any()
    } else {
        let items = s
            .tasks()
            .map(|(t, done, _)| {
                if done {
                    view! { <li class="done">"☑ "{t.to_string()}</li> }.into_any()
                } else {
                    view! { <li>"☐ "{t.to_string()}</li> }.into_any()
                }
            })
            .collect_view();
        view! { <ul class="report-tasks">{items}</ul> }.into_any()
    };
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
            {tasks}
            {(!s.note.trim().is_empty()).then(|| view! {
                <div class="report-note"><strong>"Notizen: "</strong>
                    {public.then(|| view! { <span class="badge">"öffentlich"</span> })}
                    <p>{s.note.clone()}</p></div>
            })}
        </section>
    }
    .into_any()
}

/// What the page says about „Per E-Mail senden“, with a summary that fits or not.
#[cfg(not(leitfaden_without = "documents"))]
const MAIL_FULL: &str = "„Per E-Mail senden“ öffnet Ihr E-Mail-Programm mit einer Zusammenfassung des Berichts; die Empfänger tragen Sie dort ein.";
#[cfg(not(leitfaden_without = "documents"))]
const MAIL_CUT: &str = "„Per E-Mail senden“ öffnet Ihr E-Mail-Programm mit einer Zusammenfassung des Berichts. Sie ist für einen E-Mail-Link zu lang und wird deshalb gekürzt (die Nachricht sagt das an ihrem Ende): Hängen Sie für alles die Word-Datei an, oder fügen Sie den Text mit „Als Text kopieren“ ein.";

/// „Als Webseite veröffentlichen“: the Kommune picks what the page shows (the chapters
/// with each step's status always), then downloads one self-contained HTML file.
#[cfg(not(leitfaden_without = "documents"))]
fn publish(report: Memo<StatusReport>, date: String) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let guide = ctx.guide();
    let show_profile = RwSignal::new(true);
    let show_tasks = RwSignal::new(true);
    let status = RwSignal::new(String::new());
    // Every step on the path whose note is marked „öffentlich“, with a box to show it
    // (ticked: a note marked public is meant to be seen). Notes cannot change while the
    // panel is open, so the list is made once.
    let public = ctx.progress(Progress::public_notes);
    let notes: Vec<(String, String, RwSignal<bool>)> = report.with_untracked(|r| {
        r.chapters
            .iter()
            .flat_map(|ch| &ch.steps)
            .filter(|s| public.contains(&s.id))
            .map(|s| {
                let heading = format!("{}. {}", s.number, s.title);
                (s.id.clone(), heading, RwSignal::new(true))
            })
            .collect()
    });
    let chosen_notes = notes.clone();
    let download = move |_| {
        let chosen: BTreeSet<String> = chosen_notes
            .iter()
            .filter(|(_, _, on)| on.get_untracked())
            .map(|(id, _, _)| id.clone())
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
            status,
        );
    };
    let note_boxes = if notes.is_empty() {
        view! {
            <p>"Noch keine Notiz ist als „öffentlich“ markiert. Das können Sie bei jedem Schritt unter „Ihre Notizen zu diesem Schritt“ tun."</p>
        }
        .into_any()
    } else {
        notes
            .into_iter()
            .map(|(id, heading, on)| {
                let input = format!("oeffentlich-zeigen-{id}");
                view! {
                    <div class="choice">
                        <input type="checkbox" id=input.clone() prop:checked=move || on.get()
                            on:change=move |ev| on.set(event_target_checked(&ev))/>
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
                {note_boxes}
            </fieldset>
            <div class="actions">
                <button type="button" class="button primary" on:click=download>"Webseite herunterladen (.html)"</button>
            </div>
            {status_line(status)}
        </section>
    }
    .into_any()
}
