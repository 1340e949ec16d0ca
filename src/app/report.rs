//! The status report page ("Umsetzungsstand"): what an officer prints or hands to the
//! council. The content comes from `report::StatusReport`; this only renders it.

use leptos::prelude::*;

use super::Ctx;
use crate::progress::Status;
use crate::report::{
    ARCHIVE_INTRO, ARCHIVE_TITLE, LEVELS_TITLE, OFF_PATH_INTRO, OFF_PATH_TITLE, PLAN_COLUMN,
    ReportStep, StatusReport,
};
use crate::web::dom;

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
    view! {
        <article class="report">
            <header class="report-header">
                <h1>{move || report.with(|r| r.title.clone())}</h1>
                <p class="meta">{format!("Stand: {date}")}" · "{move || report.with(|r| format!("{} (Version {})", r.guide_title, r.guide_version))}</p>
            </header>
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| dom::print()>"Drucken"</button>
                <button type="button" class="button secondary" on:click=download>"Als Markdown herunterladen"</button>
            </div>
            {move || {
                let r = report.get();
                let profile = r.profile.iter().map(|(k, v)| view! { <li>{format!("{k}: {v}")}</li> }).collect_view();
                let chapters = r.chapters.iter().map(|ch| {
                    let steps = ch.steps.iter().map(|s| report_step(s, format!("{}. {}", s.number, s.title))).collect_view();
                    view! { <section class="report-chapter"><h2>{ch.title.clone()}</h2>{steps}</section> }
                }).collect_view();
                let off_path = (!r.off_path.is_empty()).then(|| {
                    let steps = r.off_path.iter().map(|s| report_step(s, s.title.clone())).collect_view();
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

/// One step of the report: status, priority, reason, tasks (with owners and due dates
/// where there are some) and notes.
fn report_step(s: &ReportStep, heading: String) -> AnyView {
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
                <div class="report-note"><strong>"Notizen: "</strong><p>{s.note.clone()}</p></div>
            })}
        </section>
    }
    .into_any()
}
