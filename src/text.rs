//! Making untrusted text safe and tidy for a terminal: control characters and
//! escape sequences shown visibly or removed, tabs expanded, and wrapping or
//! cutting to a display width (wide characters take two columns).

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Spaces a tab becomes.
const TAB: &str = "    ";

/// Text safe to print: keeps newlines; tabs become spaces; ESC and other C0
/// controls become their visible Control Pictures (`␛`, `␇`, ...); C1 controls
/// become `�`; bidi embedding, override and isolate characters are removed.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_cleaning) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push_str(TAB),
            '\r' => {}
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            '\u{80}'..='\u{9f}' => out.push('�'),
            c if is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], on one line: line breaks become spaces.
pub fn clean_line(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(b) if !b.contains('\n') => Cow::Borrowed(b),
        other => Cow::Owned(other.replace('\n', " ")),
    }
}

/// Like [`clean`], for a value echoed inside a one-line message: a line
/// break is shown as `␊` too, so it cannot start a line of its own.
pub fn clean_one_line(s: &str) -> Cow<'_, str> {
    match clean(s) {
        Cow::Borrowed(b) if !b.contains('\n') => Cow::Borrowed(b),
        other => Cow::Owned(other.replace('\n', "␊")),
    }
}

fn needs_cleaning(c: char) -> bool {
    (c as u32) < 0x20 && c != '\n' || ('\u{7f}'..='\u{9f}').contains(&c) || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when something was cut.
/// Widths are measured on the cut text as a whole: a character can change
/// the width of the one before it (an emoji and its presentation selector).
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        if width(&out) > max - 1 {
            out.pop();
            break;
        }
    }
    // "Time…", not "Time …": the cut ends on the word.
    out.truncate(out.trim_end().len());
    out.push('…');
    Cow::Owned(out)
}

/// Word-wraps cleaned text to `width` columns; words longer than a line are
/// broken. Paragraph breaks (`\n`) are kept; an empty input gives no lines.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_first(s, width, usize::MAX).0
}

/// The first `max` lines of [`wrap`], and whether it gives more: only the
/// paragraphs those lines come from are cleaned and wrapped, so a preview of
/// a long text costs what the preview shows.
pub fn wrap_first(s: &str, width: usize, max: usize) -> (Vec<String>, bool) {
    let width = width.max(1);
    let mut lines = Vec::new();
    // Blank lines count only once text follows them: trailing ones are dropped.
    let mut blanks = 0;
    for paragraph in s.split('\n') {
        let paragraph = clean(paragraph);
        if paragraph.trim().is_empty() {
            blanks += 1;
            continue;
        }
        lines.extend(std::iter::repeat_n(String::new(), blanks));
        blanks = 0;
        let options = textwrap::Options::new(width)
            .break_words(true)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        lines.extend(
            textwrap::wrap(&paragraph, options)
                .into_iter()
                .map(std::borrow::Cow::into_owned),
        );
        if lines.len() > max {
            lines.truncate(max);
            return (lines, true);
        }
    }
    (lines, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_controls_are_made_visible() {
        let hostile = "a\x1b]0;pwned\x07b\x1b[2Jc\u{9b}31m\u{202e}evil\ttab";
        let safe = clean(hostile);
        assert!(!safe.chars().any(|c| (c as u32) < 0x20 && c != '\n'));
        assert!(!safe.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
        assert!(!safe.contains('\u{202e}'));
        assert_eq!(safe, "a␛]0;pwned␇b␛[2Jc�31mevil    tab");
    }

    #[test]
    fn every_bidi_embedding_override_and_isolate_is_removed() {
        let controls: String = ('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .collect();
        assert_eq!(controls.chars().count(), 9);
        assert_eq!(clean(&format!("a{controls}b")), "ab");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        assert!(matches!(
            clean("plain — ünïcode 日本 🦀\nline"),
            Cow::Borrowed(_)
        ));
        assert_eq!(clean_line("two\nlines"), "two lines");
    }

    #[test]
    fn truncate_counts_columns_of_wide_characters() {
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
        assert_eq!(width(&truncate("日本語のテキスト", 7)), 7);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }

    #[test]
    fn truncate_never_exceeds_its_width_with_emoji_presentation_selectors() {
        let hearts = "❤\u{fe0f}".repeat(10);
        for max in 0..25 {
            assert!(width(&truncate(&hearts, max)) <= max, "{max}");
        }
    }

    #[test]
    fn wrap_breaks_long_words_and_keeps_paragraphs() {
        let lines = wrap("aaaaaaaaaaaa bb\n\ncc", 5);
        assert_eq!(lines, ["aaaaa", "aaaaa", "aa bb", "", "cc"]);
        assert!(wrap("", 10).is_empty());
        assert!(wrap("日本語のテキスト", 4).iter().all(|l| width(l) <= 4));
    }

    #[test]
    fn wrap_first_gives_the_start_of_wrap_and_whether_more_follows() {
        let text = "one two three\n\n\tfour\x1b five\n\n\n";
        let all = wrap(text, 6);
        assert_eq!(all, ["one", "two", "three", "", "", "four␛", "five"]);
        for max in 0..10 {
            let (first, more) = wrap_first(text, 6, max);
            assert_eq!(first, all[..max.min(all.len())], "{max}");
            assert_eq!(more, max < all.len(), "{max}");
        }
    }
}
