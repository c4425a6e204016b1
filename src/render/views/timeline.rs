//! The timeline of a series, drawn at build time as an inline SVG: sessions on one axis, one mark
//! per known member (a filled disc when the archive holds it, an empty circle when it does not),
//! so that the gaps of the series show without any script.
//!
//! Each mark is a link: to the member's page when the archive holds it, else to the official
//! document. The view computes the geometry; the component `timeline` of
//! `templates/components.html` draws it (on the series page and on the home page).

use serde::Serialize;

use super::Views;
use crate::archive::{Member, Series};

/// Width of one session on the axis, and the margins around it, in SVG units.
const STEP: u32 = 24;
const MARGIN: u32 = 28;
const AXIS_Y: u32 = 84;

#[derive(Serialize, Debug)]
pub(crate) struct Timeline {
    pub width: u32,
    pub height: u32,
    pub axis_y: u32,
    pub axis_start: u32,
    pub axis_end: u32,
    pub first_session: u32,
    pub last_session: u32,
    /// One tick per session; every fifth (and the ends) labelled.
    pub ticks: Vec<Tick>,
    pub marks: Vec<Mark>,
}

#[derive(Serialize, Debug)]
pub(crate) struct Tick {
    pub x: u32,
    pub label: Option<u32>,
}

#[derive(Serialize, Debug)]
pub(crate) struct Mark {
    pub x: u32,
    pub short: String,
    pub held: bool,
    /// Its page when held (in the page's language, else in one held), else the official document.
    pub href: String,
    /// The language of the page it leads to, named in the page's, when it is not the page's.
    pub lang_name: Option<String>,
    /// Its adoption date in words, for its accessible name.
    pub adopted: Option<String>,
}

impl Views<'_> {
    /// The timeline of `series` on a page in `lang` at `root`, each mark a link.
    pub(crate) fn timeline(&self, series: &Series, lang: &str, root: &str) -> Option<Timeline> {
        timeline(series, |member, mark| {
            let link = self.member_link(member, lang, root);
            mark.href = link.href;
            mark.lang_name = link.lang_name;
            mark.adopted = link.adopted;
        })
    }
}

/// The timeline of `series`, or none when fewer than two members have a session; `link` sets
/// where each member's mark leads.
fn timeline(series: &Series, link: impl Fn(&Member, &mut Mark)) -> Option<Timeline> {
    let sessions: Vec<u32> = series
        .members
        .iter()
        .filter_map(|m| m.symbol.ga_session())
        .collect();
    let (&first, &last) = (sessions.iter().min()?, sessions.iter().max()?);
    if first == last {
        return None;
    }
    let x = |session: u32| MARGIN + (session - first) * STEP;
    let ticks = (first..=last)
        .map(|s| Tick {
            x: x(s),
            label: (s == first || s == last || s % 5 == 0).then_some(s),
        })
        .collect();
    let marks = series
        .members
        .iter()
        .filter_map(|m| {
            let mut mark = Mark {
                x: x(m.symbol.ga_session()?),
                short: m.symbol.short().to_string(),
                held: m.held,
                href: String::new(),
                lang_name: None,
                adopted: None,
            };
            link(m, &mut mark);
            Some(mark)
        })
        .collect();
    Some(Timeline {
        width: x(last) + MARGIN,
        height: AXIS_Y + 30,
        axis_y: AXIS_Y,
        axis_start: x(first),
        axis_end: x(last),
        first_session: first,
        last_session: last,
        ticks,
        marks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{Member, Symbol};

    fn member(symbol: &str, held: bool) -> Member {
        Member {
            symbol: Symbol::parse(symbol).unwrap(),
            held,
            adopted: None,
            source: None,
            predecessor: None,
            derivation: None,
            successor: None,
        }
    }

    #[test]
    fn members_sit_at_their_session_and_gaps_stay_empty() {
        let series = Series {
            id: "s".into(),
            path: "s.yaml".into(),
            title: Default::default(),
            description: Default::default(),
            members: vec![
                member("A/RES/58/170", false),
                member("A/RES/59/187", true),
                member("A/RES/62/160", true),
            ],
        };
        let t = timeline(&series, |m, mark| mark.href = m.symbol.to_string()).unwrap();
        assert_eq!((t.first_session, t.last_session), (58, 62));
        assert_eq!(t.ticks.len(), 5);
        let xs: Vec<u32> = t.marks.iter().map(|m| m.x).collect();
        assert_eq!(xs, [MARGIN, MARGIN + STEP, MARGIN + 4 * STEP]);
        assert_eq!(t.marks.iter().filter(|m| m.held).count(), 2);
        let hrefs: Vec<&str> = t.marks.iter().map(|m| m.href.as_str()).collect();
        assert_eq!(hrefs, ["A/RES/58/170", "A/RES/59/187", "A/RES/62/160"]);
        let labelled: Vec<u32> = t.ticks.iter().filter_map(|t| t.label).collect();
        assert_eq!(labelled, [58, 60, 62]);
    }
}
