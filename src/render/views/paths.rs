//! The URL scheme: where each page of the site lives, relative to the site root.
//!
//! Addresses are a promise to readers who cite and bookmark them (see the brief's table): the
//! views make every page path here, and links between pages are these paths made
//! relative by [`root_of`].

pub(crate) fn home(lang: &str, default: &str) -> String {
    if lang == default {
        "index.html".into()
    } else {
        format!("{lang}/index.html")
    }
}

pub(crate) fn resolution(lang: &str, slug: &str) -> String {
    format!("{lang}/{slug}.html")
}

pub(crate) fn parallel(slug: &str) -> String {
    format!("parallel/{slug}.html")
}

/// Every series of the archive, one line each (the home page draws only the largest).
pub(crate) fn series_index(lang: &str) -> String {
    format!("{lang}/series.html")
}

pub(crate) fn series(lang: &str, id: &str) -> String {
    format!("{lang}/series/{id}.html")
}

pub(crate) fn references(lang: &str) -> String {
    format!("{lang}/references.html")
}

/// One group of the cited documents (`views::references`): `fr/references/a-res-62.html`.
pub(crate) fn reference_group(lang: &str, key: &str) -> String {
    format!("{lang}/references/{key}.html")
}

/// The resolutions of one session citing a document cited by many:
/// `fr/references/e-cn-4/e-cn-4-2005-54/62.html`.
pub(crate) fn citers(lang: &str, group: &str, document: &str, session: &str) -> String {
    format!("{lang}/references/{group}/{document}/{session}.html")
}

/// The resolutions of one session of the Assembly (`fr/sessions/62.html`), or of no known
/// session (`fr/sessions/other.html`): the home page lists the sessions, each page its texts.
pub(crate) fn session(lang: &str, session: Option<u32>) -> String {
    match session {
        Some(n) => format!("{lang}/sessions/{n}.html"),
        None => format!("{lang}/sessions/other.html"),
    }
}

pub(crate) fn search(lang: &str) -> String {
    format!("{lang}/search.html")
}

pub(crate) fn feed(lang: &str) -> String {
    format!("{lang}/feed.xml")
}

/// `fr/index.html` -> `fr/`, `index.html` -> ``: how a server names a folder's index.
pub(crate) fn without_index(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// What changed from `older` to `newer`, in `lang`.
pub(crate) fn compare(lang: &str, older: &str, newer: &str) -> String {
    format!("{lang}/compare/{older}--{newer}.html")
}

/// The comparison of `older` with `newer` in `lang` as a fragment: the "changes" view of
/// `newer`'s page loads it (`<lang>/compare/<older>--<newer>.js`).
pub(crate) fn compare_fragment(lang: &str, older: &str, newer: &str) -> String {
    format!("{lang}/compare/{older}--{newer}.js")
}

/// A text's paragraphs aligned with the other languages' as a fragment: the side-by-side view
/// of any language's page loads it (`<lang>/text/<slug>.js`).
pub(crate) fn text_fragment(lang: &str, slug: &str) -> String {
    format!("{lang}/text/{slug}.js")
}

/// The side-by-side view of `resolution` as a reader opens it from `lang`: the page of `lang`
/// (else of the first language held) beside the next language held; none when it is held in one
/// language. `fr/a-res-62-160.html?view=side&with=en`.
pub(crate) fn side_by_side(resolution: &crate::archive::Resolution, lang: &str) -> Option<String> {
    let texts = &resolution.texts;
    if texts.len() < 2 {
        return None;
    }
    let first = texts.iter().find(|t| t.lang == lang).unwrap_or(&texts[0]);
    let with = texts.iter().find(|t| t.lang != first.lang)?;
    Some(format!(
        "{}?view=side&with={}",
        self::resolution(&first.lang, &resolution.slug),
        with.lang
    ))
}

/// The "changes" view of `newer` in `lang`: what changed since the text it is compared with.
pub(crate) fn changes(lang: &str, newer: &str) -> String {
    format!("{}?view=changes", resolution(lang, newer))
}

/// Where fragments are shown: a resolution page, one folder below the root. Their links are
/// written relative to it.
pub(crate) fn fragment_host(lang: &str, slug: &str) -> String {
    resolution(lang, slug)
}

/// The relative way back to the root from a page at `path`.
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("fr/a-res-61-168.html"), "../");
        assert_eq!(root_of("fr/series/x.html"), "../../");
    }
}
