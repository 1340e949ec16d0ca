//! „Meine Aufgaben“: the open tasks of the path by due date (overdue, upcoming, without a
//! date), for everyone or one person, each linking to its step; and the calendar file.

use leptos::prelude::*;

use super::{Ctx, Route, ctx};
use crate::plan::{self, Open, Person};
use crate::web::dom;

/// Downloads every dated step and task of work state `id` as an .ics file.
pub fn download_calendar(ctx: Ctx, id: &str) {
    let guide = ctx.guide();
    let file = ctx.ws.with_untracked(|ws| {
        ws.state(id).map(|s| {
            let path = crate::path::compute(&guide, &s.progress.answers);
            let ics = plan::calendar(
                &guide,
                &path,
                &s.progress,
                &dom::home(),
                dom::now_ms() as i64,
            );
            (s.progress.name.clone(), ics)
        })
    });
    if let Some((name, ics)) = file {
        dom::download(
            &dom::file_name("termine", &name, "ics"),
            "text/calendar;charset=utf-8",
            &ics,
        );
    }
}

/// The button that downloads the calendar file of work state `id`, and what it does.
#[component]
pub fn CalendarButton(id: String) -> impl IntoView {
    let ctx = ctx();
    view! {
        <button type="button" class="button secondary" on:click=move |_| download_calendar(ctx, &id)>
            "Termine als Kalenderdatei (.ics)"
        </button>
    }
}

/// What the select's value means.
fn person_of(value: &str) -> Person {
    match value {
        "" => Person::Everyone,
        "-" => Person::Nobody,
        name => Person::Named(name.trim_start_matches('=').to_string()),
    }
}

#[component]
pub fn Agenda() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let choice = RwSignal::new(String::new());
    let today = ctx.today();
    let g = guide.clone();
    let open = Memo::new(move |_| {
        let path = ctx.path.get();
        let person = person_of(&choice.get());
        ctx.progress(|p| plan::agenda(&g, &path, p, today, &person))
    });
    let names = move || ctx.progress(crate::progress::Progress::owners);
    let active = move || ctx.ws.with(|ws| ws.active_id().to_string());
    let section = move |title: &'static str, id: &'static str, which: fn(&Open) -> bool| {
        move || {
            let items: Vec<Open> = open.with(|o| o.iter().filter(|x| which(x)).cloned().collect());
            (!items.is_empty()).then(|| {
                let count = items.len();
                view! {
                    <section class="agenda-group" aria-labelledby=id>
                        <h2 id=id>{format!("{title} ({count})")}</h2>
                        <ul class="agenda-list">{items.into_iter().map(|o| view! { <AgendaItem open=o/> }).collect_view()}</ul>
                    </section>
                }
            })
        }
    };
    view! {
        <section class="agenda">
            <h1>"Meine Aufgaben"</h1>
            <p class="lead">"Die offenen Aufgaben Ihres Wegs: überfällige zuerst, dann die nächsten Termine, dann die ohne Termin. Wer zuständig ist und bis wann, tragen Sie im jeweiligen Schritt ein."</p>
            <div class="field agenda-filter">
                <label for="aufgaben-von">"Aufgaben von"</label>
                <select id="aufgaben-von" on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                    <option value="">"allen"</option>
                    {move || names().into_iter().map(|n| view! { <option value=format!("={n}")>{n.clone()}</option> }).collect_view()}
                    <option value="-">"niemandem zugeordnet"</option>
                </select>
            </div>
            <p class="agenda-summary" role="status">{move || {
                let (n, s) = open.with(|o| (o.len(), plan::summary(o)));
                let tasks = crate::text::counted_digits(n as u64, "offene Aufgabe", "offene Aufgaben");
                if s.is_empty() { tasks } else { format!("{tasks}: {s}") }
            }}</p>
            {section("Überfällig", "ueberfaellig", |o| o.due.is_some_and(crate::date::Due::is_overdue))}
            {section("Mit Termin", "mit-termin", |o| o.due.is_some_and(|d| !d.is_overdue()))}
            {section("Ohne Termin", "ohne-termin", |o| o.due.is_none())}
            <section class="calendar-export" aria-labelledby="kalender-titel">
                <h2 id="kalender-titel">"In den Kalender übernehmen"</h2>
                <p>"Jeder Schritt und jede Aufgabe mit Termin wird ein ganztägiger Eintrag, mit der zuständigen Person und einem Link zum Schritt. Importieren Sie die Datei später noch einmal, etwa in Outlook oder Thunderbird, werden die Einträge aktualisiert statt verdoppelt; erledigte heißen dann „Erledigt: …“."</p>
                {move || view! { <CalendarButton id=active()/> }}
            </section>
        </section>
    }
}

#[component]
fn AgendaItem(open: Open) -> impl IntoView {
    let e = &open.entry;
    let href = Route::Step(e.step_id.clone()).href();
    let due = open.due.map(|d| {
        let date = e
            .plan
            .due
            .map(crate::date::Date::to_german)
            .unwrap_or_default();
        let class = if d.is_overdue() { "due overdue" } else { "due" };
        view! { <span class=class>{format!("Fällig bis {date} – {}", d.german())}</span> }
    });
    let kind = if e.task.is_some() {
        format!("Aufgabe im Schritt „{}“", e.step_title)
    } else {
        "Der ganze Schritt".to_string()
    };
    view! {
        <li class="agenda-item">
            <a href=href>{e.title().to_string()}</a>
            <span class="meta">{kind}</span>
            {due}
            {(!e.plan.owner.is_empty()).then(|| view! { <span class="owner">{format!("Zuständig: {}", e.plan.owner)}</span> })}
        </li>
    }
}
