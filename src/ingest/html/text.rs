//! The main content's HTML (as the extractor returns it) to plain text with its
//! paragraph breaks: each block (paragraph, heading, list item, quote, table row)
//! becomes a line, whitespace inside a block is collapsed, `<br>` breaks a line.

use scraper::{Html, Node};

/// Elements that start and end a line of text.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "main"
            | "aside"
            | "address"
            | "details"
            | "summary"
            | "hr"
            | "body"
            | "html"
    )
}

/// Lines of text with a pending break between blocks.
struct Lines {
    out: String,
    /// A block ended (or began): the next word starts a new line.
    pending_break: bool,
    /// Whitespace came since the last word: the next word on this line needs a space.
    need_space: bool,
}

impl Lines {
    fn text(&mut self, t: &str) {
        if t.starts_with(char::is_whitespace) {
            self.need_space = true;
        }
        for (i, word) in t.split_whitespace().enumerate() {
            if i > 0 {
                self.need_space = true;
            }
            if self.pending_break {
                if !self.out.is_empty() {
                    self.out.push('\n');
                }
                self.pending_break = false;
            } else if self.need_space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.out.push_str(word);
            self.need_space = false;
        }
        if t.ends_with(char::is_whitespace) {
            self.need_space = true;
        }
    }
}

/// Plain text of an HTML fragment, one block a line.
pub fn html_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut lines = Lines {
        out: String::new(),
        pending_break: false,
        need_space: false,
    };
    walk(fragment.tree.root(), &mut lines, 0);
    lines.out
}

fn walk(node: ego_tree::NodeRef<'_, Node>, lines: &mut Lines, depth: usize) {
    if depth > 256 {
        return;
    }
    for child in node.children() {
        match child.value() {
            Node::Text(t) => lines.text(t),
            Node::Element(e) => {
                let tag = e.name();
                match tag {
                    "script" | "style" | "template" | "noscript" => {}
                    "br" => lines.pending_break = true,
                    _ if is_block(tag) => {
                        lines.pending_break = true;
                        walk(child, lines, depth + 1);
                        lines.pending_break = true;
                    }
                    // Table cells of a row: separated by a space.
                    "td" | "th" => {
                        lines.need_space = true;
                        walk(child, lines, depth + 1);
                        lines.need_space = true;
                    }
                    _ => walk(child, lines, depth + 1),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_inline_text_joins() {
        let html = "<p>The  <b>storm</b>\n hit the coast.</p><h2>Damage</h2><ul><li>Roofs</li><li>Boats</li></ul><p>First line<br>second line</p>";
        assert_eq!(
            html_to_text(html),
            "The storm hit the coast.\nDamage\nRoofs\nBoats\nFirst line\nsecond line"
        );
    }

    #[test]
    fn words_split_by_tags_stay_joined_and_spaces_are_kept() {
        assert_eq!(
            html_to_text("<p>Kyi<i>v</i> and <a href=x>Lviv</a></p>"),
            "Kyiv and Lviv"
        );
        assert_eq!(
            html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\nc"
        );
        assert_eq!(
            html_to_text("<p>x</p><script>var y=1;</script><p>z</p>"),
            "x\nz"
        );
    }
}
