//! Screens as URLs. Routes live in the fragment (`#/schritt/…`), so every screen can be
//! linked, reloaded and reached with back/forward on any static host, even from file://.
//! A release build also has one pre-rendered page per step (`schritt-<id>.html`, see
//! `prerender`): a step's address is then its page, which shows text before the app runs.

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
    /// Two profiles side by side (for trainers).
    Compare,
    /// „Über diesen Leitfaden“: publisher, basis, citation, licence, methods, sources.
    About,
    /// „Leitfaden anpassen“: check, preview and ship an adapted guide (`autor`).
    Author,
    NotFound(String),
}

impl Route {
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
            Route::Compare => "#/vergleich".into(),
            Route::About => "#/ueber".into(),
            Route::Author => "#/anpassen".into(),
            Route::Step(id) => format!("#/schritt/{id}"),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn every_route_survives_its_own_link() {
        let routes = [
            Route::Start,
            Route::Intake,
            Route::Profile,
            Route::Summary,
            Route::Overview,
            Route::Step("ausgangslage".into()),
            Route::WorkStates,
            Route::Report,
            Route::Compare,
            Route::About,
            Route::Author,
        ];
        for r in routes {
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
}
