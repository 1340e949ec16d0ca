//! Reviews over time: the target per field and the next review date, „Zwischenstand
//! festhalten“, the comparison with the last snapshot, the chart with its table, and the
//! snapshots kept (read-only).

use leptos::prelude::*;

use super::ctx;
use crate::document::{self, Table};
use crate::progress::{MAX_SNAPSHOTS, Snapshot, Status};
use crate::review::{self, Chart, Comparison};
use crate::web::dom;

/// A document table as an HTML table with a caption.
pub fn table_view(table: &Table, caption: &str) -> impl IntoView + use<> {
    let header = table
        .header
        .iter()
        .map(|h| view! { <th scope="col">{document::plain(h)}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let mut cells = table.cells(r).into_iter();
            let first = cells
                .next()
                .map(|c| view! { <th scope="row">{document::plain(c)}</th> });
            let rest = cells
                .map(|c| view! { <td>{document::plain(c)}</td> })
                .collect_view();
            view! { <tr>{first}{rest}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <caption>{caption.to_string()}</caption>
                <thead><tr>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn Review() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let g = guide.clone();
    let chart = Memo::new(move |_| ctx.progress(|p| Chart::build(&g, p)));
    view! {
        <section class="review">
            <h1>"Zwischenstände und Ziele"</h1>
            <p class="lead">"Halten Sie von Zeit zu Zeit fest, wo Sie stehen, und vergleichen Sie später: Welche Schritte sind seitdem erledigt, wo hat sich der Stand Ihrer Kommune bewegt, welche Notizen sind neu? Ein Ziel je Feld zeigt, wohin Sie wollen."</p>
            <Targets/>
            <TakeSnapshot/>
            <LastComparison/>
            {move || {
                let c = chart.get();
                (!c.is_empty()).then(|| {
                    let svg = c.svg("stand-diagramm");
                    view! {
                        <section class="levels" aria-labelledby="stand-titel-abschnitt">
                            <h2 id="stand-titel-abschnitt">"Stand der Felder"</h2>
                            <div class="chart" inner_html=svg></div>
                            {table_view(&c.table(), "Stand der Felder: jetzt, beim letzten Zwischenstand und Ziel")}
                        </section>
                    }
                })
            }}
            <SnapshotList/>
        </section>
    }
}

/// The target per field and the next review date.
#[component]
fn Targets() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let fields = review::fields(&guide)
        .into_iter()
        .map(|q| {
            let question = &guide.questions[q];
            let id = format!("ziel-{}", question.id);
            let (q1, q2) = (question.id.clone(), question.id.clone());
            let g = guide.clone();
            let now = move || {
                ctx.progress(|p| review::level_words(&g, q, review::level(&g, q, &p.answers)))
            };
            let options = review::target_choices(&guide, q)
                .into_iter()
                .map(|(c, label)| view! { <option value=c.to_string()>{label.to_string()}</option> })
                .collect_view();
            view! {
                <div class="field target">
                    <label for=id.clone()>{format!("Ziel bei „{}“", question.short)}</label>
                    <select id=id prop:value=move || ctx.progress(|p| p.targets.get(&q1).cloned().unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.update(|p| p.set_target(&q2, (!v.is_empty()).then_some(v.as_str())));
                        }>
                        <option value="">"kein Ziel"</option>
                        {options}
                    </select>
                    <span class="meta">{move || format!("Jetzt: {}", now())}</span>
                </div>
            }
        })
        .collect_view();
    let review_value =
        move || ctx.progress(|p| p.review.map(|d| d.to_string()).unwrap_or_default());
    view! {
        <section class="targets" aria-labelledby="ziele-titel">
            <h2 id="ziele-titel">"Ziele und nächste Überprüfung"</h2>
            {fields}
            <div class="field">
                <label for="naechste-ueberpruefung">"Nächste Überprüfung"</label>
                <input type="date" id="naechste-ueberpruefung" min="1900-01-01" max="2999-12-31"
                    prop:value=review_value
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let date = if v.is_empty() { Some(None) } else { v.parse().ok().map(Some) };
                        if let Some(date) = date {
                            ctx.update(|p| p.set_review(date));
                        }
                    }/>
                <span class="meta">"Ist der Tag da, erinnert die Startseite an die Überprüfung."</span>
            </div>
        </section>
    }
}

#[component]
fn TakeSnapshot() -> impl IntoView {
    let ctx = ctx();
    let name = RwSignal::new(String::new());
    let taken = RwSignal::new(None::<String>);
    let drop = move || {
        ctx.progress(|p| {
            p.snapshot_to_drop().map(|s| {
                format!(
                    " Dabei wird der älteste, {}, entfernt.",
                    review::snapshot_label(s)
                )
            })
        })
    };
    view! {
        <section class="take-snapshot" aria-labelledby="festhalten-titel">
            <h2 id="festhalten-titel">"Zwischenstand festhalten"</h2>
            <form on:submit=move |ev| {
                ev.prevent_default();
                let today = ctx.today();
                let n = name.get_untracked();
                ctx.update(|p| p.take_snapshot(&n, today, dom::now_ms()));
                let label = ctx.progress(|p| p.last_snapshot().map(review::snapshot_label)).unwrap_or_default();
                taken.set(Some(format!("Zwischenstand {label} festgehalten.")));
                name.set(String::new());
            }>
                <div class="field">
                    <label for="zwischenstand-name">"Name (freiwillig, z. B. „Vor der Ratssitzung“)"</label>
                    <input type="text" id="zwischenstand-name" maxlength="120" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <p class="meta">{move || format!(
                    "Ein Zwischenstand hält Profil, Status, Häkchen und Notizen aller Schritte fest; er lässt sich danach nicht mehr ändern. Es werden höchstens {MAX_SNAPSHOTS} aufbewahrt.{}",
                    drop().unwrap_or_default()
                )}</p>
                <button type="submit" class="button primary">"Zwischenstand festhalten"</button>
            </form>
            <p role="status" class="snapshot-taken">{move || taken.get()}</p>
        </section>
    }
}

#[component]
fn LastComparison() -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let comparison =
        move || ctx.progress(|p| p.last_snapshot().map(|s| Comparison::build(&guide, p, s)));
    view! {
        <section class="comparison" aria-labelledby="vergleich-titel">
            <h2 id="vergleich-titel">"Vergleich mit dem letzten Zwischenstand"</h2>
            {move || match comparison() {
                None => view! { <p>"Noch kein Zwischenstand festgehalten. Halten Sie jetzt einen fest, um später zu vergleichen."</p> }.into_any(),
                Some(c) if c.is_empty() => view! { <p>{format!("Seit dem Zwischenstand {} hat sich nichts geändert.", c.since)}</p> }.into_any(),
                Some(c) => comparison_view(c).into_any(),
            }}
        </section>
    }
}

fn comparison_view(c: Comparison) -> impl IntoView {
    let list = |items: Vec<String>| {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
    };
    let completed = (!c.completed.is_empty()).then(|| {
        view! {
            <h3>{format!("Seitdem erledigt oder als nicht relevant markiert ({})", c.completed.len())}</h3>
            {list(c.completed.clone())}
        }
    });
    let reopened = (!c.reopened.is_empty()).then(|| {
        view! { <h3>"Wieder geöffnet"</h3> {list(c.reopened.clone())} }
    });
    let moved = (!c.moved.is_empty()).then(|| {
        let items = c
            .moved
            .iter()
            .map(|m| {
                format!(
                    "{}: von {} {} {}",
                    m.field,
                    m.from,
                    if m.up { "hoch auf" } else { "zurück auf" },
                    m.to
                )
            })
            .collect();
        view! { <h3>"Stand der Felder bewegt"</h3> {list(items)} }
    });
    let notes = (!c.notes.is_empty()).then(|| {
        let items = c
            .notes
            .iter()
            .map(|n| {
                let what = if n.new { "neue Notiz" } else { "geänderte Notiz" };
                view! { <li><strong>{format!("{} ({what}): ", n.title)}</strong>{n.note.clone()}</li> }
            })
            .collect_view();
        view! { <h3>"Neue und geänderte Notizen"</h3> <ul class="notes">{items}</ul> }
    });
    view! {
        <p>{format!(
            "Seit dem Zwischenstand {}: {} erledigt, {} abgehakt.",
            c.since,
            crate::text::counted_digits(c.completed.len() as u64, "Schritt", "Schritte"),
            crate::text::counted_digits(c.ticked as u64, "Aufgabe", "Aufgaben"),
        )}</p>
        {completed}
        {reopened}
        {moved}
        {notes}
    }
}

#[component]
fn SnapshotList() -> impl IntoView {
    let ctx = ctx();
    let snapshots = move || ctx.progress(|p| p.snapshots.clone());
    move || {
        let list = snapshots();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .rev()
                .map(|s| view! { <SnapshotItem snapshot=s/> })
                .collect_view();
            view! {
                <section class="snapshots" aria-labelledby="zwischenstaende-titel">
                    <h2 id="zwischenstaende-titel">"Festgehaltene Zwischenstände"</h2>
                    <ul class="snapshot-list">{items}</ul>
                </section>
            }
        })
    }
}

#[component]
fn SnapshotItem(snapshot: Snapshot) -> impl IntoView {
    let ctx = ctx();
    let guide = ctx.guide();
    let done = snapshot
        .steps
        .values()
        .filter(|s| matches!(s.status, Status::Done | Status::NotRelevant))
        .count();
    let notes: Vec<(String, String)> = snapshot
        .steps
        .iter()
        .filter(|(_, s)| !s.note.trim().is_empty())
        .map(|(id, s)| {
            let title = guide
                .step_index(id)
                .map_or_else(|| id.clone(), |i| guide.steps[i].title.clone());
            (title, s.note.clone())
        })
        .collect();
    let profile = snapshot.answers.summary(&guide);
    view! {
        <li>
            <details>
                <summary>{review::snapshot_label(&snapshot)}</summary>
                <p>{profile}</p>
                <p>{format!("{} erledigt oder nicht relevant", crate::text::counted_digits(done as u64, "Schritt", "Schritte"))}</p>
                <ul>{notes.into_iter().map(|(t, n)| view! { <li><strong>{format!("{t}: ")}</strong>{n}</li> }).collect_view()}</ul>
            </details>
        </li>
    }
}
