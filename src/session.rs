//! One browser tab's policy for its work states, as plain Rust: what to do with what is
//! found in storage (nothing, readable, unreadable, newer), when to save and what a
//! failed save means, how another tab's save is merged, and where a user resumes. The app
//! only wires signals and the storage adapter (`web::storage`) to it.

use crate::guide::Guide;
use crate::route::Route;
use crate::saved::{self, DecodeError};
use crate::workspace::Workspace;

/// What the storage adapter found under the workspace's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Nothing,
    Text(String),
    /// The browser refuses storage (private mode, blocked); work goes on in memory.
    Unavailable,
}

/// Why a write to storage failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// The browser offers no storage at all.
    Unavailable,
    /// The browser refused this write (storage full or blocked).
    Refused,
}

impl WriteError {
    pub fn message(self) -> &'static str {
        match self {
            WriteError::Unavailable => "Der Browser erlaubt keine Speicherung.",
            WriteError::Refused => {
                "Der Browser hat das Speichern abgelehnt (Speicher voll oder gesperrt)."
            }
        }
    }
}

/// A problem with storage the user is told about in a banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    /// Unreadable data the user can download.
    pub raw: Option<String>,
    /// Whether saving is paused to protect what is stored.
    pub saving_paused: bool,
    /// Whether saving failed (the notice goes away once a save succeeds again).
    pub save_failed: bool,
}

impl Notice {
    /// Whether the user may close it: not while saving is paused to protect data.
    pub fn dismissible(&self) -> bool {
        !self.saving_paused
    }
}

/// The workspace a tab starts with, what to tell the user, and the save state.
#[derive(Debug)]
pub struct Opened {
    pub workspace: Workspace,
    pub notice: Option<Notice>,
    pub saver: Saver,
}

/// Opens the workspace from what storage holds. Unreadable data is copied aside with
/// `rescue` (which says whether that worked) before anything new can be written; data
/// from a newer version is left alone and saving stays paused. `tab_prefix` and
/// `origin_seed` are this tab's own (see `Workspace::set_id_prefix`, `set_origin_seed`):
/// work states saved before origins existed get theirs here.
pub fn open(
    found: Found,
    guide: &Guide,
    tab_prefix: &str,
    origin_seed: &str,
    now: u64,
    rescue: impl FnOnce(&str) -> bool,
) -> Opened {
    let last = match &found {
        Found::Text(raw) => raw.clone(),
        _ => String::new(),
    };
    let (mut workspace, notice) = match found {
        Found::Nothing => (Workspace::new(&guide.id), None),
        Found::Unavailable => (
            Workspace::new(&guide.id),
            Some(Notice {
                message: "Dieser Browser erlaubt keine dauerhafte Speicherung (z. B. im privaten Fenster). Sie können weiterarbeiten, aber Ihre Eingaben gehen beim Schließen verloren. Sichern Sie Ihren Stand mit „Exportieren“ unter „Arbeitsstände“.".into(),
                raw: None,
                saving_paused: false,
                save_failed: true,
            }),
        ),
        Found::Text(raw) => match saved::decode(&raw, &guide.id) {
            Ok(ws) => (ws, None),
            Err(error) => {
                let notice = unreadable(error, raw, rescue);
                (Workspace::new(&guide.id), Some(notice))
            }
        },
    };
    workspace.set_id_prefix(tab_prefix);
    workspace.set_origin_seed(origin_seed);
    workspace.tidy(guide, now);
    let saver = Saver {
        last,
        failing: notice.as_ref().is_some_and(|n| n.save_failed),
        paused: notice.as_ref().is_some_and(|n| n.saving_paused),
    };
    Opened {
        workspace,
        notice,
        saver,
    }
}

fn unreadable(error: DecodeError, raw: String, rescue: impl FnOnce(&str) -> bool) -> Notice {
    let newer = matches!(error, DecodeError::Newer(_));
    let rescued = newer || rescue(&raw);
    let message = if newer {
        format!(
            "{} Bis dahin wird hier nichts gespeichert.",
            error.message()
        )
    } else if rescued {
        format!(
            "Ihr gespeicherter Stand konnte nicht gelesen werden. {} Die Daten wurden unverändert aufbewahrt; Sie können sie herunterladen. Sie beginnen mit einem leeren Stand.",
            error.message()
        )
    } else {
        format!(
            "Ihr gespeicherter Stand konnte nicht gelesen werden. {} Laden Sie die Daten herunter, bevor Sie weiterarbeiten; bis dahin wird nichts gespeichert.",
            error.message()
        )
    };
    Notice {
        message,
        raw: Some(raw),
        saving_paused: newer || !rescued,
        save_failed: false,
    }
}

/// What to do with the notice after a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeChange {
    Keep,
    Clear,
    Show(Notice),
}

/// The save state of one tab: what storage holds as far as this tab knows, and whether
/// saving fails or is paused.
#[derive(Debug, Clone)]
pub struct Saver {
    /// The document this tab last wrote or read; identical documents are not written.
    last: String,
    failing: bool,
    paused: bool,
}

impl Saver {
    /// The document to write for `ws` now, if any: nothing while paused or when storage
    /// already holds it.
    pub fn pending(&self, ws: &Workspace) -> Option<String> {
        if self.paused {
            return None;
        }
        let doc = saved::encode(ws);
        (doc != self.last).then_some(doc)
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Records the outcome of writing `doc`; `current` is the notice shown now.
    pub fn written(
        &mut self,
        doc: String,
        result: Result<(), WriteError>,
        current: Option<&Notice>,
    ) -> NoticeChange {
        match result {
            Ok(()) => {
                self.failing = false;
                self.last = doc;
                if current.is_some_and(|n| n.save_failed) {
                    NoticeChange::Clear
                } else {
                    NoticeChange::Keep
                }
            }
            // Keep a notice already shown (or dismissed) for this failure: it says the
            // same, and the next change tries again anyway.
            Err(_) if self.failing => NoticeChange::Keep,
            Err(e) => {
                self.failing = true;
                NoticeChange::Show(Notice {
                    message: format!(
                        "{} Ihre Eingaben bleiben erhalten, solange diese Seite offen ist; bei der nächsten Änderung wird erneut gespeichert. Sichern Sie Ihren Stand mit „Exportieren“ unter „Arbeitsstände“.",
                        e.message()
                    ),
                    raw: None,
                    saving_paused: false,
                    save_failed: true,
                })
            }
        }
    }

    /// What storage holds now (another tab may have saved since this tab last wrote or
    /// read): merges it into `ws`. Called when another tab saves and before every write,
    /// so a write never replaces what this tab has not seen. Afterwards `pending` says
    /// whether storage lacks something of the merged workspace (then it must be written).
    pub fn sync(&mut self, found: Found, ws: &Workspace, guide_id: &str) -> Synced {
        if self.paused {
            return Synced::Same;
        }
        let raw = match found {
            Found::Text(raw) => raw,
            // Cleared (or blocked) meanwhile: nothing to merge; the next write restores it.
            Found::Nothing | Found::Unavailable => {
                self.last.clear();
                return Synced::Same;
            }
        };
        if raw == self.last {
            return Synced::Same;
        }
        match saved::decode(&raw, guide_id) {
            Err(error) => {
                self.paused = true;
                Synced::Pause(other_tab_unreadable(&error))
            }
            Ok(remote) => {
                // Storage holds `raw` now: a merged document that differs from it is
                // written, even if this tab had nothing new (another tab may have written
                // an older copy over this tab's last save).
                self.last = raw;
                let mut merged = ws.clone();
                merged.merge(&remote);
                if merged == *ws {
                    Synced::Same
                } else {
                    Synced::Adopt(merged)
                }
            }
        }
    }
}

/// The outcome of `Saver::sync`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Synced {
    /// Nothing new for this tab.
    Same,
    /// Use this merged workspace.
    Adopt(Workspace),
    /// Another tab saved data this tab cannot read (a newer version, or damage): this
    /// tab stops saving so as not to overwrite it, and says so.
    Pause(Notice),
}

fn other_tab_unreadable(error: &DecodeError) -> Notice {
    let why = match error {
        DecodeError::Newer(_) => {
            "In einem anderen Fenster oder Tab läuft eine neuere Version des Leitfadens und hat Ihren Stand in einem neueren Format gespeichert."
        }
        _ => {
            "Ein anderes Fenster oder ein anderer Tab hat Daten gespeichert, die dieser Tab nicht lesen kann."
        }
    };
    Notice {
        message: format!(
            "{why} Damit nichts überschrieben wird, speichert dieser Tab ab jetzt nicht mehr. Laden Sie diese Seite neu, bevor Sie hier weiterarbeiten; was Sie hier seit dem letzten Speichern eingegeben haben, sichern Sie vorher mit „Exportieren“ unter „Arbeitsstände“."
        ),
        raw: None,
        saving_paused: true,
        save_failed: false,
    }
}

/// Where a returning user continues: the step they were on, else the overview; `None`
/// before the intake is done. A step the guide no longer has resumes at the overview; a
/// profile the guide now asks more about (a new question after an update) resumes at the
/// profile, to answer it once.
pub fn resume(ws: &Workspace, guide: &Guide) -> Option<Route> {
    let p = ws.active();
    p.intake_done.then(|| match &p.current {
        _ if !p.answers.profile_complete(guide) => Route::Profile,
        Some(id) if guide.step_index(id).is_some() => Route::Step(id.clone()),
        _ => Route::Overview,
    })
}
