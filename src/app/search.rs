//! The search field in the header of every screen: the core's index (built on first use,
//! once per loaded guide) queried with the notes of the active work state as the user
//! types; `web::searchbox` draws the hits and handles the keys.

use std::cell::OnceCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::{Ctx, Route, ctx};
use crate::finder::{self, SHOWN, field};
use crate::route;
use crate::search::SearchIndex;
use crate::web::{dom, searchbox};

#[component]
pub fn SearchField() -> impl IntoView {
    let ctx = ctx();
    // Built on first use, so that starting the app does not pay for it.
    let index = Rc::new(OnceCell::new());
    let (for_focus, for_query) = (index.clone(), index);
    let query = move |q: &str| {
        if q.trim().is_empty() {
            searchbox::close();
            return;
        }
        let index = index_of(&for_query, ctx);
        let guide = ctx.guide();
        let path = ctx.path.get_untracked();
        ctx.ws.with_untracked(|ws| {
            let p = ws.active();
            let notes = finder::notes(&guide, p);
            let r = index.search(&guide, q, &notes, SHOWN);
            let shown: Vec<_> = r
                .hits
                .iter()
                .map(|h| finder::shown(&guide, &path, p.intake_done, h))
                .collect();
            let list = finder::list_html(&finder::summary(r.total, q), &shown);
            searchbox::show(&list, shown.len(), finder::count(r.total));
        });
    };
    let focused = move || {
        index_of(&for_focus, ctx);
    };
    // A hit's screen, or on the screen shown now the place the hit names.
    let follow = move |href: &str| {
        if ctx.route.get_untracked() == Route::from_hash(href) {
            dom::focus_place(route::anchor(href).map(str::to_string));
        } else {
            dom::go_to(href);
        }
    };
    searchbox::attach(searchbox::Actions {
        focused: Box::new(focused),
        query: Box::new(query),
        follow: Box::new(follow),
    });
    view! {
        <form id=field::FORM class="site-search" role="search" inner_html=field::inner_html(false)></form>
    }
}

/// The index in `cell`, built now if it is not yet.
fn index_of(cell: &OnceCell<SearchIndex>, ctx: Ctx) -> &SearchIndex {
    cell.get_or_init(|| {
        dom::mark(field::INDEX_MARK);
        let index = SearchIndex::build(&ctx.guide());
        dom::mark(field::INDEX_BUILT_MARK);
        index
    })
}
