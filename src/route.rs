//! Screens as URLs. Routes live in the fragment (`#/schritt/…`), so every screen can be
//! linked, reloaded and reached with back/forward on any static host, even from file://.

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
    /// An Arbeitshilfe on a page of its own (search hits open it), by id.
    Resource(String),
    /// A Beispiel on a page of its own, by id.
    Example(String),
    /// A glossary term on a page of its own, by id.
    Term(String),
    /// A source on a page of its own, with the steps that cite it, by id.
    Source(String),
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
            ["schritt", id] if !id.is_empty() => Route::Step(id.to_string()),
            ["arbeitshilfe", id] if !id.is_empty() => Route::Resource(id.to_string()),
            ["beispiel", id] if !id.is_empty() => Route::Example(id.to_string()),
            ["begriff", id] if !id.is_empty() => Route::Term(id.to_string()),
            ["quelle", id] if !id.is_empty() => Route::Source(id.to_string()),
            _ => Route::NotFound(path.to_string()),
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
            Route::Step(id) => format!("#/schritt/{id}"),
            Route::Resource(id) => format!("#/arbeitshilfe/{id}"),
            Route::Example(id) => format!("#/beispiel/{id}"),
            Route::Term(id) => format!("#/begriff/{id}"),
            Route::Source(id) => format!("#/quelle/{id}"),
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
            Route::Resource("vorlage-ratsbeschluss".into()),
            Route::Example("merzenich".into()),
            Route::Term("buergerrat".into()),
            Route::Source("gebrauchsanleitung".into()),
        ];
        for r in routes {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
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
            Route::from_hash("#/begriff/"),
            Route::NotFound("begriff/".into())
        );
        assert_eq!(
            Route::from_hash("#/gibtsnicht"),
            Route::NotFound("gibtsnicht".into())
        );
    }
}
