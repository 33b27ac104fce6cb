//! Stable ids: the slug rule for authored ids, and ids derived from text.

/// Longest derived id, in bytes; derived ids are cut at a word boundary below it.
const MAX_DERIVED: usize = 48;

/// Whether `id` is a valid slug: non-empty, `a-z`, `0-9` and `-`, not starting with `-`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A slug made from free text: ASCII letters and digits kept (lowercased),
/// apostrophes dropped, every other run of characters becomes one `-`.
/// Falls back to `prefix-<hash>` when the text has no ASCII letters or digits.
pub fn slugify(text: &str, prefix: &str) -> String {
    let mut slug = String::with_capacity(text.len().min(MAX_DERIVED));
    let mut pending_dash = false;
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
            // One past the limit is all the cut below looks at.
            if slug.len() > MAX_DERIVED {
                break;
            }
        } else {
            pending_dash = true;
        }
    }
    let slug = cut_at_word(&slug, MAX_DERIVED);
    if slug.is_empty() {
        format!("{prefix}-{:08x}", fnv1a(text.as_bytes()) as u32)
    } else {
        slug.to_string()
    }
}

fn cut_at_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    match slug[..=max].rfind('-') {
        Some(cut) if cut > 0 => &slug[..cut],
        _ => &slug[..max],
    }
}

/// A hash of `bytes` that never changes across versions and platforms, for
/// ids derived from text that must survive a re-import.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    fnv1a(bytes)
}

/// FNV-1a: tiny, stable across versions and platforms (unlike std's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_only_lowercase_digits_and_dashes() {
        assert!(is_slug("fundamentals"));
        assert!(is_slug("stage-2"));
        assert!(!is_slug(""));
        assert!(!is_slug("Fundamentals"));
        assert!(!is_slug("has space"));
        assert!(!is_slug("-leading"));
        assert!(!is_slug("naïve"));
    }

    #[test]
    fn slugify_keeps_words_and_drops_apostrophes() {
        assert_eq!(
            slugify(
                "Understand Python's data model: how __dunder__ methods work.",
                "item"
            ),
            "understand-pythons-data-model-how-dunder-methods"
        );
        assert_eq!(
            slugify("REST API design principles", "item"),
            "rest-api-design-principles"
        );
        assert_eq!(slugify("  Beyond  Syntax!  ", "roadmap"), "beyond-syntax");
    }

    #[test]
    fn slugify_cuts_long_text_at_a_word_boundary() {
        let slug = slugify(
            "Know the difference between mutable and immutable types and why it matters.",
            "item",
        );
        assert!(slug.len() <= MAX_DERIVED, "{slug}");
        assert_eq!(slug, "know-the-difference-between-mutable-and");
        assert!(is_slug(&slug));
    }

    #[test]
    fn slugify_of_non_ascii_text_is_a_stable_hash() {
        let a = slugify("日本語のロードマップ", "roadmap");
        assert!(a.starts_with("roadmap-") && is_slug(&a), "{a}");
        assert_eq!(a, slugify("日本語のロードマップ", "roadmap"));
        assert_ne!(a, slugify("中文路线图", "roadmap"));
    }
}
