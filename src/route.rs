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
            ["schritt", id] if !id.is_empty() => Route::Step(id.to_string()),
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
            Route::Step(id) => format!("#/schritt/{id}"),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}
