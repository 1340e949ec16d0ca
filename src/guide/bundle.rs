//! The guide as one JSON document, for the release app: the build reads and checks the
//! RON files once, and the app then needs neither the RON parser nor the author checks.
//!
//! The bundle is the authored structure (`load::Authored`) in JSON. Loading it runs the
//! same `resolve` as loading RON, so ids, conditions and fingerprints come out the same;
//! only file positions are lost, which matter for author messages, and authors get those
//! from `leitfaden check` and the dev server, which read RON.

use std::collections::BTreeMap;

use super::diagnostic::Report;
use super::source::Sources;
use super::{Guide, load, resolve};

/// The bundle of a guide's files, if they read without errors (else every problem).
pub fn write(files: &BTreeMap<String, String>) -> Result<String, Report> {
    let mut report = Report::default();
    let authored = load::read(files, &mut report);
    if report.has_errors() {
        report.sources = Sources::new(files);
        return Err(report);
    }
    Ok(serde_json::to_string(&authored).expect("the guide model serialises to JSON"))
}

/// The guide from its bundle. Checks nothing beyond what resolving needs: the build
/// refused any guide with errors before it wrote the bundle. The error is German, to
/// follow „Der Leitfaden dieses Builds ist beschädigt: “.
pub fn read(json: &str) -> Result<Guide, String> {
    finish(parse(json)?)
}

/// The first half of `read`: the bundle's JSON, not yet resolved. The app runs the halves
/// in separate tasks, so that neither blocks a slow PC's page for long.
pub fn parse(json: &str) -> Result<load::Authored, String> {
    serde_json::from_str(json).map_err(|e| format!("die Leitfaden-Datei ist nicht lesbar ({e})"))
}

/// The second half of `read`: the parsed bundle resolved into the guide.
pub fn finish(authored: load::Authored) -> Result<Guide, String> {
    let mut report = Report::default();
    let sources = Sources::new(&BTreeMap::new());
    match resolve::resolve(authored, &sources, &mut report) {
        Some(guide) if !report.has_errors() => Ok(guide),
        Some(_) => Err(format!(
            "die Leitfaden-Datei enthält {}",
            crate::text::counted_digits(report.errors() as u64, "Fehler", "Fehler")
        )),
        None => Err("der Leitfaden-Datei fehlt der Inhalt von `leitfaden.ron`".into()),
    }
}
