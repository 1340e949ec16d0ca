//! „Leitfaden anpassen“ without a browser: the author worker's core (`autor::check`) prints
//! what `leitfaden check` prints on the same folder, reads zips (our template, deflated
//! entries, broken ones), refuses files that are no guide text, and `ship` swaps the guide.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use leitfaden::autor::{self, Outcome, Picked, unzip};

use crate::common::{bin, files};

fn clock() -> f64 {
    0.0
}

/// The files of `files` as the browser gives a chosen folder: paths below it, all read.
fn picked(files: &BTreeMap<String, String>) -> Vec<Picked> {
    files
        .iter()
        .map(|(path, text)| Picked {
            path: path.clone(),
            size: text.len() as u64,
            bytes: Some(text.as_bytes().to_vec()),
        })
        .collect()
}

fn check_folder(name: &str, files: &BTreeMap<String, String>) -> Outcome {
    autor::check(name, picked(files), &clock)
}

/// Writes `files` into a fresh directory `<tmp>/<tag>/<folder>` and returns it.
fn write_folder(tag: &str, folder: &str, files: &BTreeMap<String, String>) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("leitfaden-autor-{tag}-{}", std::process::id()))
        .join(folder);
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// What `leitfaden check <folder>` prints, run in the folder's parent (so messages name
/// `<folder>/…`), with the milliseconds made comparable.
fn cli_check(dir: &Path) -> (i32, String) {
    let out = Command::new(bin())
        .arg("check")
        .arg(dir.file_name().unwrap())
        .current_dir(dir.parent().unwrap())
        .output()
        .expect("the binary runs");
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap(), without_ms(&text))
}

fn without_ms(text: &str) -> String {
    text.lines()
        .map(|l| match l.rsplit_once("; ") {
            Some((head, ms)) if ms.ends_with(" ms") => format!("{head}; N ms\n"),
            _ => format!("{l}\n"),
        })
        .collect()
}

/// The bundled guide with one title edited and one resource reference broken.
fn edited_bundled() -> (BTreeMap<String, String>, String) {
    let mut files =
        leitfaden::guide::load::read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("guide"))
            .unwrap();
    let (name, text) = files
        .iter()
        .find(|(n, t)| n.starts_with("kapitel/") && t.contains("resources: [\""))
        .map(|(n, t)| (n.clone(), t.clone()))
        .expect("a chapter that references a resource");
    let at = text.find("resources: [\"").unwrap() + "resources: [\"".len();
    let mut edited = text.clone();
    edited.insert_str(at, "gibt-es-nicht-");
    let step_at = edited.find("Step(").unwrap();
    let title_at = step_at + edited[step_at..].find("title: \"").unwrap() + "title: \"".len();
    edited.insert_str(title_at, "Angepasst: ");
    files.insert(name.clone(), edited);
    (files, name)
}

#[test]
fn the_page_prints_what_leitfaden_check_prints_on_the_bundled_guide() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let files = leitfaden::guide::load::read_dir(&dir).unwrap();
    let outcome = check_folder("guide", &files);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(outcome.errors, 0, "{}", outcome.printout());
    assert_eq!(outcome.prefix, "guide/");
    assert_eq!(outcome.files, files.len());
    let (code, cli) = cli_check(&dir);
    assert_eq!(code, 0);
    assert_eq!(without_ms(&outcome.printout()), cli);
    assert!(cli.contains("Wege über alle Profile"), "{cli}");
    // No errors: the bundle is the one the release build writes from the same files.
    assert_eq!(
        outcome.bundle.as_deref(),
        Some(leitfaden::guide::bundle::write(&files).unwrap().as_str())
    );
    let info = outcome.guide.unwrap();
    assert_eq!(info.id, "kommunales-open-government");
}

#[test]
fn an_edited_guide_with_a_broken_reference_gets_the_clis_messages() {
    let (files, chapter) = edited_bundled();
    let dir = write_folder("edited", "meine-vorlage", &files);
    let outcome = check_folder("meine-vorlage", &files);
    let (code, cli) = cli_check(&dir);
    assert_eq!(code, 1);
    assert_eq!(without_ms(&outcome.printout()), cli);
    assert!(outcome.errors >= 1);
    let broken = outcome
        .messages
        .iter()
        .find(|m| m.error && m.text.contains("Unbekannte Arbeitshilfe `gibt-es-nicht-"))
        .unwrap_or_else(|| {
            panic!(
                "no message on the broken reference:\n{}",
                outcome.printout()
            )
        });
    assert_eq!(broken.file, chapter);
    let headline = format!(
        "meine-vorlage/{chapter}:{}:{}: Fehler: ",
        broken.line, broken.col
    );
    assert!(broken.text.starts_with(&headline), "{}", broken.text);
    assert!(
        broken.text.contains("^^^"),
        "a caret under the reference: {}",
        broken.text
    );
    assert!(broken.text.contains("= Hinweis: "), "{}", broken.text);
    // With errors there is nothing to preview or ship.
    assert_eq!(outcome.bundle, None);
    assert_eq!(outcome.guide, None);
}

#[test]
fn a_syntax_error_gets_the_clis_note_that_nothing_else_was_checked() {
    let mut files = files("minimal");
    let text = files["kapitel/01-anfangen.ron"].replacen(
        "title: \"Willkommen\",",
        "title: \"Willkommen\"",
        1,
    );
    files.insert("kapitel/01-anfangen.ron".into(), text);
    let dir = write_folder("syntax", "minimal", &files);
    let outcome = check_folder("minimal", &files);
    let (code, cli) = cli_check(&dir);
    assert_eq!(code, 1);
    assert_eq!(outcome.printout(), cli);
    assert!(
        outcome
            .tail
            .ends_with(&format!("{}\n", leitfaden::check::INCOMPLETE))
    );
}

#[test]
fn the_messages_are_the_reports_rendering() {
    let (files, _) = edited_bundled();
    let checked = leitfaden::check::check(&files);
    let joined: String = checked.messages("x/").into_iter().map(|(_, t)| t).collect();
    assert_eq!(joined, checked.report.render("x/"));
}

#[test]
fn the_guide_folder_is_the_one_with_the_shallowest_leitfaden_ron() {
    let files = files("minimal");
    // A chosen parent folder: the guide lies one level down, next to other things.
    let mut picks: Vec<Picked> = picked(&files)
        .into_iter()
        .map(|p| Picked {
            path: format!("Leitfaden Kreis/{}", p.path),
            ..p
        })
        .collect();
    picks.push(Picked {
        path: "notizen.docx".into(),
        size: 12,
        bytes: None,
    });
    picks.push(Picked {
        path: "Leitfaden Kreis/LIESMICH.txt".into(),
        size: 12,
        bytes: None,
    });
    picks.push(Picked {
        path: "Leitfaden Kreis/.DS_Store".into(),
        size: 12,
        bytes: None,
    });
    picks.push(Picked {
        path: "Leitfaden Kreis/alt/leitfaden.ron".into(),
        size: 3,
        bytes: Some(b"???".to_vec()),
    });
    let outcome = autor::check("Downloads", picks, &clock);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(outcome.prefix, "Leitfaden Kreis/");
    // The deeper leitfaden.ron is a file of this guide's folder, checked like the CLI does.
    assert_eq!(outcome.files, files.len() + 1);
    assert_eq!(
        outcome.skipped,
        vec![
            "„notizen.docx“ liegt außerhalb des Leitfaden-Ordners.".to_string(),
            "„LIESMICH.txt“ ist keine Datei des Leitfadens (keine .ron-Datei).".to_string(),
        ]
    );
}

#[test]
fn choices_that_are_no_guide_get_a_german_message_and_no_check() {
    let one = |path: &str, bytes: &[u8]| Picked {
        path: path.into(),
        size: bytes.len() as u64,
        bytes: Some(bytes.to_vec()),
    };
    let cases: Vec<(Vec<Picked>, &str)> = vec![
        (vec![], "der Ordner ist leer"),
        (
            vec![one("bericht.pdf", b"%PDF-1.4")],
            "(keine .ron-Datei, nur 1 andere Datei)",
        ),
        (
            vec![one("kapitel/01.ron", b"Chapter()")],
            "Hier fehlt die Datei „leitfaden.ron“",
        ),
        (
            vec![one("a/leitfaden.ron", b"x"), one("b/leitfaden.ron", b"y")],
            "Hier liegen 2 Leitfäden nebeneinander (a/leitfaden.ron, b/leitfaden.ron)",
        ),
        (
            vec![
                one("leitfaden.ron", b"Guide()"),
                one("quellen.ron", b"[\"Sch\xf6nau\"]"),
            ],
            "„quellen.ron“ ist kein Text in UTF-8, keine Textdatei eines Leitfadens. Speichern Sie sie in Ihrem Editor als „UTF-8“",
        ),
        (
            vec![one("leitfaden.ron", b"\xff\xfeG\0u\0")],
            "„leitfaden.ron“ ist eine Textdatei in UTF-16",
        ),
        (
            vec![Picked {
                path: "leitfaden.ron".into(),
                size: 80 * 1024 * 1024,
                bytes: None,
            }],
            "„leitfaden.ron“ ist 80,0 MB groß; eine Datei eines Leitfadens hat höchstens 5,0 MB.",
        ),
        (
            vec![one("a.zip", b"PK"), one("b.zip", b"PK")],
            "Sie haben 2 ZIP-Dateien gewählt",
        ),
        (
            vec![one("leitfaden.ron", b"Guide()"), one("alt.zip", b"PK")],
            "Leitfaden-Dateien und die ZIP-Datei „alt.zip“ zugleich",
        ),
        (
            vec![one("vorlage.zip", b"not a zip at all, just text")],
            "„vorlage.zip“: Die Datei ist keine ZIP-Datei.",
        ),
    ];
    for (picks, expected) in cases {
        let outcome = autor::check("ordner", picks, &clock);
        assert_eq!(
            outcome.problems.len(),
            1,
            "{expected}: {:?}",
            outcome.problems
        );
        assert!(
            outcome.problems[0].contains(expected),
            "expected „{expected}“ in {:?}",
            outcome.problems
        );
        assert!(outcome.messages.is_empty() && outcome.tail.is_empty() && outcome.bundle.is_none());
    }
}

#[test]
fn only_guide_files_and_zips_are_read() {
    assert!(autor::wanted("kapitel/01.ron", 1000));
    assert!(autor::wanted("Vorlage.ZIP", 1000));
    assert!(!autor::wanted("leitfaden.ron", autor::MAX_FILE + 1));
    assert!(!autor::wanted("foto.jpg", 10));
    assert!(!autor::wanted("__MACOSX/leitfaden/._leitfaden.ron", 10));
}

/// The template zip as the release build writes it, checked through the zip path: the
/// same outcome as the folder it holds.
#[test]
fn the_template_zip_holds_the_guide_and_a_readme_and_checks_like_the_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guide");
    let files = leitfaden::guide::load::read_dir(&dir).unwrap();
    let zip = autor::template_zip(&files, "Titel", "2.0");

    // An independent reader sees every file below the template folder.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.clone())).unwrap();
    let mut names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().to_string())
        .collect();
    names.sort();
    let mut expected: Vec<String> = files
        .keys()
        .map(|n| format!("{}/{n}", autor::TEMPLATE_FOLDER))
        .chain([format!("{}/{}", autor::TEMPLATE_FOLDER, autor::README)])
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let mut readme = String::new();
    archive
        .by_name(&format!("{}/{}", autor::TEMPLATE_FOLDER, autor::README))
        .unwrap()
        .read_to_string(&mut readme)
        .unwrap();
    assert!(readme.contains("„Titel“ (Version 2.0)"), "{readme}");
    assert!(readme.contains("eigene Kennung `id`"), "{readme}");

    let via_zip = autor::check(
        "",
        vec![Picked {
            path: "leitfaden-vorlage.zip".into(),
            size: zip.len() as u64,
            bytes: Some(zip),
        }],
        &clock,
    );
    let via_folder = check_folder(autor::TEMPLATE_FOLDER, &files);
    assert!(via_zip.problems.is_empty(), "{:?}", via_zip.problems);
    assert_eq!(via_zip.prefix, "leitfaden-vorlage/");
    assert_eq!(
        via_zip.skipped,
        vec![format!(
            "„{}“ ist keine Datei des Leitfadens (keine .ron-Datei).",
            autor::README
        )]
    );
    assert_eq!(via_zip.printout(), via_folder.printout());
    assert_eq!(via_zip.bundle, via_folder.bundle);
}

/// A zip as operating systems write them: deflated entries, folder entries, a comment.
fn deflated_zip(entries: &[(&str, &[u8])], comment: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut count = 0u16;
    let add = |name: &str, data: &[u8], out: &mut Vec<u8>, central: &mut Vec<u8>| {
        let (method, packed) = if data.is_empty() {
            (0u16, Vec::new())
        } else {
            (8u16, miniz_oxide::deflate::compress_to_vec(data, 6))
        };
        let crc = leitfaden::document::zip::crc32(data);
        let offset = out.len() as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [20u16, 0x0800, method, 0, 0x21] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed.len() as u32, data.len() as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&4u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&[0xaa, 0xbb, 0, 0]); // an extra field to skip
        out.extend_from_slice(&packed);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [20u16, 20, 0x0800, method, 0, 0x21] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, packed.len() as u32, data.len() as u32] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name.len() as u16, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    };
    for (name, data) in entries {
        add(name, data, &mut out, &mut central);
        count += 1;
    }
    let dir_at = out.len() as u32;
    let dir_len = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&dir_len.to_le_bytes());
    out.extend_from_slice(&dir_at.to_le_bytes());
    out.extend_from_slice(&(comment.len() as u16).to_le_bytes());
    out.extend_from_slice(comment);
    out
}

#[test]
fn deflated_entries_folders_and_comments_are_read() {
    let text = "Chapter(id: \"x\", title: \"Größe\", steps: [])\n".repeat(50);
    let zip = deflated_zip(
        &[
            ("ordner/", b""),
            ("ordner/kapitel/01.ron", text.as_bytes()),
            ("ordner/bild.png", b"\x89PNG"),
        ],
        b"made by hand",
    );
    let entries = unzip::entries(&zip, autor::MAX_FILE, autor::wanted).unwrap();
    assert_eq!(
        entries,
        vec![
            unzip::Entry {
                path: "ordner/kapitel/01.ron".into(),
                size: text.len() as u64,
                bytes: Some(text.into_bytes()),
            },
            unzip::Entry {
                path: "ordner/bild.png".into(),
                size: 4,
                bytes: None,
            },
        ]
    );
}

#[test]
fn a_broken_zip_is_refused_with_what_is_wrong() {
    let text = "Guide(id: \"a\")\n".repeat(100);
    let good = deflated_zip(&[("leitfaden.ron", text.as_bytes())], b"");
    let read = |bytes: &[u8]| unzip::entries(bytes, autor::MAX_FILE, autor::wanted).unwrap_err();

    // Cut off: the end record is gone.
    let cut = read(&good[..good.len() / 2]);
    assert!(
        cut.contains("beschädigt oder unvollständig (ihr Ende fehlt)"),
        "{cut}"
    );
    // A flipped byte in the packed data: inflate or the CRC notices.
    let mut flipped = good.clone();
    flipped[50] ^= 0x55;
    let bad = read(&flipped);
    assert!(bad.contains("„leitfaden.ron“"), "{bad}");
    assert!(
        bad.starts_with("Die ZIP-Datei ist beschädigt oder unvollständig"),
        "{bad}"
    );
    // The directory points past the end.
    let mut pointing = good.clone();
    let end = pointing.len() - 22;
    pointing[end + 16..end + 20].copy_from_slice(&u32::MAX.wrapping_sub(5).to_le_bytes());
    assert!(
        read(&pointing).contains("Inhaltsverzeichnis"),
        "{}",
        read(&pointing)
    );
    // ZIP64 and encryption are named.
    let mut zip64 = good.clone();
    zip64[end + 10..end + 12].copy_from_slice(&0xffffu16.to_le_bytes());
    assert!(read(&zip64).contains("ZIP64"));
    let mut locked = good.clone();
    let central = end - (u32::from_le_bytes(good[end + 12..end + 16].try_into().unwrap()) as usize);
    locked[central + 8] |= 1;
    assert!(read(&locked).contains("verschlüsselt"));
    // Too large unpacked, whatever the header says.
    let small_limit = unzip::entries(&good, 100, autor::wanted).unwrap_err();
    assert!(
        small_limit.contains("ist entpackt größer als 1 KB"),
        "{small_limit}"
    );
    // Through the page's check: named after the zip.
    let outcome = autor::check(
        "",
        vec![Picked {
            path: "vorlage.zip".into(),
            size: good.len() as u64 / 2,
            bytes: Some(good[..good.len() / 2].to_vec()),
        }],
        &clock,
    );
    assert_eq!(outcome.problems.len(), 1);
    assert!(outcome.problems[0].starts_with("„vorlage.zip“: Die ZIP-Datei ist beschädigt"));
}

#[test]
fn ship_puts_the_authors_guide_into_the_single_file() {
    let (mut files, chapter) = edited_bundled();
    // Fix the broken reference, keep the edited title, give the guide its own id.
    let fixed = files[&chapter].replace("gibt-es-nicht-", "");
    files.insert(chapter, fixed);
    let index = files["leitfaden.ron"].replacen(
        "id: \"kommunales-open-government\"",
        "id: \"og-kreis-musterland\"",
        1,
    );
    files.insert("leitfaden.ron".into(), index);
    let outcome = check_folder("vorlage", &files);
    assert_eq!(outcome.errors, 0, "{}", outcome.printout());
    let bundle = outcome.bundle.unwrap();

    let template = "<!DOCTYPE html><html><head><title>Leitfaden Kommunales Open Government</title></head><body>\
        <script type=\"application/json\" id=\"leitfaden-guide\">{\"old\":\"\\u003c/script>\"}</script>\n\
        <script type=\"module\">initSync()</script></body></html>";
    let shipped = autor::ship(template, &bundle, "Kreis <Musterland>").unwrap();
    assert!(
        shipped.contains("<title>Kreis &lt;Musterland&gt;</title>"),
        "{shipped}"
    );
    assert!(shipped.ends_with("<script type=\"module\">initSync()</script></body></html>"));
    let start = shipped.find("id=\"leitfaden-guide\">").unwrap() + "id=\"leitfaden-guide\">".len();
    let json = &shipped[start..start + shipped[start..].find("</script>").unwrap()];
    assert!(!json.contains('<'));
    let guide = leitfaden::guide::bundle::read(json).unwrap();
    assert_eq!(guide.id, "og-kreis-musterland");
    assert!(
        guide
            .steps
            .iter()
            .any(|s| s.title.starts_with("Angepasst: "))
    );

    // A template that is not the single file, or still shows the bundled guide, is refused.
    assert!(
        autor::ship("<html></html>", &bundle, "x")
            .unwrap_err()
            .contains("der Platz für den Leitfaden fehlt")
    );
    let prerendered = template.replace("<body>", "<body><div id=\"vorab\"></div>");
    assert!(
        autor::ship(&prerendered, &bundle, "x")
            .unwrap_err()
            .contains("vorab")
    );
}

#[test]
fn the_page_shows_each_message_escaped_under_a_german_heading() {
    let (mut files, chapter) = edited_bundled();
    // A hostile text on the line of a message: it must reach the page as text.
    let text = files[&chapter].replacen(
        "resources: [\"gibt-es-nicht-",
        "resources: [\"<img src=x onerror=alert(1)>gibt-es-nicht-",
        1,
    );
    files.insert(chapter.clone(), text);
    let outcome = check_folder("vorlage & co", &files);
    let m = outcome
        .messages
        .iter()
        .find(|m| m.error && m.text.contains("<img"))
        .cloned()
        .expect("the message on the broken reference");
    let errors = outcome.errors;
    let warnings = outcome.warnings;
    let shown = outcome.shown();
    assert_eq!(shown.errors, errors);
    assert_eq!((shown.bundle, shown.guide), (None, None));
    assert_eq!(
        shown.summary,
        format!(
            "<p class=\"autor-zahlen\"><strong>Geprüft: {} Dateien in „vorlage &amp; co“. {errors} Fehler, {warnings} Warnung{}.</strong> \
             Beheben Sie die Fehler und prüfen Sie erneut; dann sind Vorschau und Speichern möglich.</p>",
            files.len(),
            if warnings == 1 { "" } else { "en" }
        )
    );
    assert!(shown.messages.contains(&format!(
        "<li class=\"autor-meldung fehler\"><p class=\"autor-wo\"><strong>Fehler</strong> in vorlage &amp; co/{chapter}, Zeile {}, Spalte {}</p><pre class=\"autor-text\" tabindex=\"0\">vorlage &amp; co/{chapter}:{}:{}: Fehler: Unbekannte Arbeitshilfe `&lt;img",
        m.line, m.col, m.line, m.col
    )), "{}", shown.messages);
    assert!(!shown.messages.contains("<img"));
    assert!(shown.messages.ends_with("</pre>"));

    let refused = autor::check("x", vec![], &clock).shown();
    assert!(
        refused
            .summary
            .starts_with("<div class=\"banner warning autor-probleme\">")
    );
    assert_eq!(refused.messages, "");
}

#[test]
fn the_pages_texts_name_the_files_the_build_writes() {
    use leitfaden::autor::shown;
    let link = format!(
        "href=\"{0}\" download=\"{0}\">Mitgelieferten Leitfaden als Vorlage herunterladen</a>",
        autor::TEMPLATE_ZIP
    );
    assert!(shown::INTRO.contains(&link), "{}", shown::INTRO);
    assert!(shown::INTRO.contains(&format!("(„{}“)", autor::README)));
    assert!(shown::INTRO.starts_with("<h1>Leitfaden anpassen</h1>"));
    assert!(shown::UNAVAILABLE.starts_with("<h1>Leitfaden anpassen</h1>"));
    assert!(shown::same_id("a<b").contains("(„a&lt;b“)"));
}
