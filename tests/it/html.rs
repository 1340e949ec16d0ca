//! The guide's Markdown as HTML (shared by the app and the pre-rendered pages): hostile
//! text stays text, only safe links become links, glossary terms are marked once.

use leitfaden::html::{self, Marked};

use crate::common::minimal;

fn render(text: &str) -> String {
    html::markdown(text, &minimal(), &mut Marked::new())
}

#[test]
fn markup_in_the_text_is_escaped_everywhere() {
    let out = render(
        "<script>alert(1)</script> **<b>fett</b>**\n\n# <img src=x onerror=alert(1)>\n\n- `<i>`\n\n| a<b | c |\n|---|---|\n| <x> | \"y\" |",
    );
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("<b>"), "{out}");
    assert!(!out.contains("<i>"), "{out}");
    assert!(!out.contains("<x>"), "{out}");
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    assert!(
        out.contains("<strong>&lt;b&gt;fett&lt;/b&gt;</strong>"),
        "{out}"
    );
    assert!(
        out.contains("<h3>&lt;img src=x onerror=alert(1)&gt;</h3>"),
        "{out}"
    );
    assert!(out.contains("aria-label=\"Tabelle: a&lt;b, c\""), "{out}");
    assert!(out.contains("<td>&quot;y&quot;</td>"), "{out}");
}

#[test]
fn only_safe_links_become_links_and_their_targets_cannot_break_out() {
    let out = render(
        "[a](javascript:alert(1)) [b](https://example.org/?q=\"x\"onmouseover=alert(1)) [c](mailto:a@b.de)",
    );
    assert!(!out.contains("javascript:"), "{out}");
    assert!(!out.contains("\"x\""), "{out}");
    assert!(
        out.contains("href=\"https://example.org/?q=&quot;x&quot;onmouseover=alert(1)\""),
        "{out}"
    );
    assert!(
        out.contains("target=\"_blank\" rel=\"noopener noreferrer\""),
        "{out}"
    );
    assert!(out.contains("<a href=\"mailto:a@b.de\">c</a>"), "{out}");
}

#[test]
fn blocks_have_the_markup_the_stylesheet_expects() {
    let out = render(
        "Absatz\n\n> Zitat\n\n1. eins\n2. zwei\n\n- [ ] offen\n- [x] erledigt\n\n____\n____\n",
    );
    assert!(
        out.starts_with(
            "<p>Absatz</p><blockquote><p>Zitat</p></blockquote><ol><li>eins</li><li>zwei</li></ol>"
        ),
        "{out}"
    );
    assert!(
        out.contains("<ul><li>☐ offen</li><li>☑ erledigt</li></ul>"),
        "{out}"
    );
    assert_eq!(out.matches("class=\"writing-line\"").count(), 2, "{out}");
}

#[test]
fn a_glossary_term_is_marked_once_per_page_with_its_definition() {
    let guide = minimal();
    let term = &guide.terms[0];
    let mut marked = Marked::new();
    let text = format!("{} und noch einmal {}.", term.term, term.term);
    let first = html::markdown(&text, &guide, &mut marked);
    assert_eq!(first.matches("class=\"term-button\"").count(), 1, "{first}");
    assert!(first.contains(&html::escape(&term.definition)), "{first}");
    assert!(first.contains("aria-expanded=\"false\""), "{first}");
    // The same page's next text block does not mark it again.
    let second = html::markdown(&text, &guide, &mut marked);
    assert!(!second.contains("term-button"), "{second}");
}
