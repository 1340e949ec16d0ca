//! Screens as URLs. Routes live in the fragment (`#/schritt/…`), so every screen can be
//! linked, reloaded and reached with back/forward on any static host, even from file://.
//! A release build also has one pre-rendered page per step (`schritt-<id>.html`, see
//! `prerender`): a step's address is then its page, which shows text before the app runs.
//! A link may also name a place on its screen (`#/ueber?anker=quelle-…`).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    Intake,
    Profile,
    Summary,
    Overview,
    Step(String),
    /// The work states ("Arbeitsstände"): switch, create, import, export, delete.
    WorkStates,
    /// The status report of the active work state.
    Report,
    /// „Meine Aufgaben“: open tasks by due date, per person, and the calendar file.
    Tasks,
    /// Snapshots, targets, the review date and the comparison with the last snapshot.
    Review,
    /// Two profiles side by side (for trainers).
    Compare,
    /// „Über diesen Leitfaden“: publisher, basis, citation, licence, methods, sources.
    About,
    /// „Leitfaden anpassen“: check, preview and ship an adapted guide (`autor`).
    Author,
    NotFound(String),
}

impl Route {
    /// Whether the second module shows this screen (`app::more`): the screens a first
    /// visit does not need, so that their code is not in the first load.
    pub fn is_more(&self) -> bool {
        matches!(
            self,
            Route::WorkStates
                | Route::Report
                | Route::Tasks
                | Route::Review
                | Route::Compare
                | Route::About
                | Route::Author
        )
    }

    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or("");
        match path.split('/').collect::<Vec<_>>().as_slice() {
            [""] => Route::Start,
            ["fragen"] => Route::Intake,
            ["profil"] => Route::Profile,
            ["ihr-weg"] => Route::Summary,
            ["uebersicht"] => Route::Overview,
            ["arbeitsstaende"] => Route::WorkStates,
            ["bericht"] => Route::Report,
            ["aufgaben"] => Route::Tasks,
            ["ueberpruefung"] => Route::Review,
            ["vergleich"] => Route::Compare,
            ["ueber"] => Route::About,
            ["anpassen"] => Route::Author,
            ["schritt", id] if !id.is_empty() => Route::Step(id.to_string()),
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The route of a page address: the fragment when it names a screen, else the page
    /// (`schritt-<id>.html` is that step; any other page is the start).
    pub fn from_location(pathname: &str, hash: &str) -> Route {
        let fragment = hash.trim_start_matches('#').trim_start_matches('/');
        if !fragment.split('?').next().unwrap_or("").is_empty() {
            return Route::from_hash(hash);
        }
        let file = pathname.rsplit('/').next().unwrap_or("");
        match file
            .strip_prefix("schritt-")
            .and_then(|f| f.strip_suffix(".html"))
        {
            Some(id) if !id.is_empty() => Route::Step(id.to_string()),
            _ => Route::Start,
        }
    }

    /// The pre-rendered page of this route, relative to the app's directory: only steps
    /// have one, and only with an id that is safe in a file name.
    pub fn page(&self) -> Option<String> {
        match self {
            Route::Step(id)
                if !id.is_empty()
                    && id.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                    }) =>
            {
                Some(format!("schritt-{id}.html"))
            }
            _ => None,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Intake => "#/fragen".into(),
            Route::Profile => "#/profil".into(),
            Route::Summary => "#/ihr-weg".into(),
            Route::Overview => "#/uebersicht".into(),
            Route::WorkStates => "#/arbeitsstaende".into(),
            Route::Report => "#/bericht".into(),
            Route::Tasks => "#/aufgaben".into(),
            Route::Review => "#/ueberpruefung".into(),
            Route::Compare => "#/vergleich".into(),
            Route::About => "#/ueber".into(),
            Route::Author => "#/anpassen".into(),
            Route::Step(id) => format!("#/schritt/{id}"),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

/// Where the app lives, for links to it from outside (a calendar entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    /// The app's address without its fragment and query.
    pub base: String,
    /// Whether the build has one pre-rendered page per step (see `Route::page`).
    pub pages: bool,
}

impl Home {
    /// The full address of `route`: a step's own page where the build has them (it shows
    /// the step's text at once), else the app's page with the route's fragment.
    pub fn link(&self, route: &Route) -> String {
        let dir = || match self.base.rfind('/') {
            Some(i) => &self.base[..=i],
            None => self.base.as_str(),
        };
        match route.page() {
            Some(page) if self.pages => format!("{}{page}", dir()),
            _ if self.pages => format!("{}{}", dir(), route.href()),
            _ => format!("{}{}", self.base, route.href()),
        }
    }
}

/// The link to a place on a screen: the element with id `anchor`, which the app moves
/// focus to (opening it if it is a `<details>`).
pub fn with_anchor(route: &Route, anchor: &str) -> String {
    format!("{}?anker={anchor}", route.href())
}

/// The place a link names on its screen (see `with_anchor`), if any.
pub fn anchor(hash: &str) -> Option<&str> {
    let (_, query) = hash.split_once('?')?;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("anker="))
        .filter(|a| !a.is_empty())
}

/// Where an Arbeitshilfe stands on a step's page.
pub fn resource_anchor(id: &str) -> String {
    format!("arbeitshilfe-{id}")
}

/// Where a Beispiel stands on a step's page.
pub fn example_anchor(id: &str) -> String {
    format!("beispiel-{id}")
}

/// Where a glossary term stands on the page „Über diesen Leitfaden“.
pub fn term_anchor(id: &str) -> String {
    format!("begriff-{id}")
}

/// Where a source stands on the page „Über diesen Leitfaden“.
pub fn source_anchor(id: &str) -> String {
    format!("quelle-{id}")
}

/// The notes field on a step's page.
pub fn note_anchor(step: &str) -> String {
    format!("notiz-{step}")
}

#[cfg(test)]
mod tests {
    use super::{Route, anchor, with_anchor};

    #[test]
    fn a_link_to_a_place_opens_its_screen_and_names_the_place() {
        let link = with_anchor(&Route::About, "quelle-gebrauchsanleitung");
        assert_eq!(link, "#/ueber?anker=quelle-gebrauchsanleitung");
        assert_eq!(Route::from_hash(&link), Route::About);
        assert_eq!(anchor(&link), Some("quelle-gebrauchsanleitung"));
        let step = with_anchor(&Route::Step("team".into()), "arbeitshilfe-x");
        assert_eq!(Route::from_hash(&step), Route::Step("team".into()));
        assert_eq!(anchor(&step), Some("arbeitshilfe-x"));
        assert_eq!(anchor("#/ueber"), None);
        assert_eq!(anchor("#/ueber?anker="), None);
        assert_eq!(anchor("#/ueber?demo&anker=b"), Some("b"));
    }

    /// The app's own screens: what a first visit needs (every pre-rendered page, the
    /// questions, the path, the overview).
    fn own_screens() -> [Route; 6] {
        [
            Route::Start,
            Route::Intake,
            Route::Profile,
            Route::Summary,
            Route::Overview,
            Route::Step("ausgangslage".into()),
        ]
    }

    /// The second module's screens, loaded when one is first opened.
    fn more_screens() -> [Route; 7] {
        [
            Route::WorkStates,
            Route::Report,
            Route::Tasks,
            Route::Review,
            Route::Compare,
            Route::About,
            Route::Author,
        ]
    }

    #[test]
    fn the_second_module_shows_only_what_a_first_visit_does_not_need() {
        for own in own_screens()
            .into_iter()
            .chain([Route::NotFound("x".into())])
        {
            assert!(!own.is_more(), "{own:?}");
        }
        for more in more_screens() {
            assert!(more.is_more(), "{more:?}");
        }
    }

    #[test]
    fn every_route_survives_its_own_link() {
        for r in own_screens().into_iter().chain(more_screens()) {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
    }

    #[test]
    fn a_step_page_is_that_step_unless_the_fragment_names_another_screen() {
        let step = Route::Step("ausgangslage".into());
        let page = step.page().unwrap();
        assert_eq!(page, "schritt-ausgangslage.html");
        assert_eq!(
            Route::from_location(&format!("/leitfaden/{page}"), ""),
            step
        );
        assert_eq!(Route::from_location(&format!("/{page}"), "#/"), step);
        assert_eq!(
            Route::from_location(&format!("/{page}"), "#/uebersicht"),
            Route::Overview
        );
        assert_eq!(Route::from_location("/leitfaden/", ""), Route::Start);
        assert_eq!(
            Route::from_location("/index.html", "#/fragen"),
            Route::Intake
        );
        assert_eq!(Route::from_location("/schritt-.html", ""), Route::Start);
        assert_eq!(Route::Step("../x".into()).page(), None);
        assert_eq!(Route::Overview.page(), None);
    }

    #[test]
    fn unknown_and_empty_links() {
        assert_eq!(Route::from_hash(""), Route::Start);
        assert_eq!(Route::from_hash("#"), Route::Start);
        assert_eq!(
            Route::from_hash("#/schritt/"),
            Route::NotFound("schritt/".into())
        );
        assert_eq!(
            Route::from_hash("#/gibtsnicht"),
            Route::NotFound("gibtsnicht".into())
        );
    }

    #[test]
    fn links_from_outside_name_a_step_page_where_the_build_has_them() {
        let step = Route::Step("ausgangslage".into());
        let pages = |base: &str| super::Home {
            base: base.into(),
            pages: true,
        };
        // Whichever page of the site the address was taken on: the same links.
        for base in [
            "https://x.example/lf/",
            "https://x.example/lf/index.html",
            "https://x.example/lf/schritt-andere.html",
        ] {
            assert_eq!(
                pages(base).link(&step),
                "https://x.example/lf/schritt-ausgangslage.html"
            );
            assert_eq!(
                pages(base).link(&Route::Tasks),
                "https://x.example/lf/#/aufgaben"
            );
        }
        let single = super::Home {
            base: "file:///home/a/leitfaden.html".into(),
            pages: false,
        };
        assert_eq!(
            single.link(&step),
            "file:///home/a/leitfaden.html#/schritt/ausgangslage"
        );
        // An id not safe in a file name keeps its fragment link.
        assert_eq!(
            pages("https://x.example/").link(&Route::Step("a b".into())),
            "https://x.example/#/schritt/a b"
        );
    }
}
