//! The raw material of a generated corpus: the bundled archive's texts, a few more paragraphs in
//! both languages to insert, and the rewordings a series goes through from year to year.
//!
//! The French text of A/RES/61/168 and the English text of A/RES/62/160 have the same paragraphs
//! in the same order (62/160 repeats 61/168), so they pair paragraph by paragraph into the base
//! text of every generated series. The recall of the predecessor (pp2) and the closing decision
//! become placeholders (`{recall}`, `{next}`) filled in for each year.

use super::text::{Draft, Para};

const BASE_FR: &str = include_str!("../../content/resolutions/a-res-61-168/fr.md");
const BASE_EN: &str = include_str!("../../content/resolutions/a-res-62-160/en.md");

/// The recall of the predecessor in each base text, replaced by `{recall}`.
const RECALL_FR: &str = " et sa résolution 60/156 du 16 décembre 2005";
const RECALL_EN: &str = " and its resolution 61/168 of 19 December 2006";
/// The session named by the closing decision, replaced by `{next}`.
const NEXT_FR: &str = "soixante-deuxième";
const NEXT_EN: &str = "sixty-third";

/// The base text: the bundled 61/168 (fr) and 62/160 (en), paragraph by paragraph.
pub(crate) fn base() -> Draft {
    let (fr, fr_notes) = blocks(BASE_FR);
    let (en, en_notes) = blocks(BASE_EN);
    assert_eq!(fr.len(), en.len(), "the bundled base texts pair up");
    let mut draft = Draft {
        opening: (fr_opening(BASE_FR), en_opening(BASE_EN)),
        preamble: Vec::new(),
        operative: Vec::new(),
        footnotes: fr_notes.into_iter().zip(en_notes).collect(),
    };
    for (fr, en) in fr.into_iter().zip(en) {
        let operative = fr.starts_with(|c: char| c.is_ascii_digit());
        let mut para = Para::new(strip_number(&fr), strip_number(&en));
        para.pinned = para.fr.contains("[^");
        if para.fr.contains(RECALL_FR) {
            para.fr = para.fr.replace(RECALL_FR, "{recall}");
            para.en = para.en.replace(RECALL_EN, "{recall}");
        }
        if para.fr.contains(NEXT_FR) {
            para.fr = para.fr.replace(NEXT_FR, "{next}");
            para.en = para.en.replace(NEXT_EN, "{next}");
            para.pinned = true;
        }
        if operative {
            draft.operative.push(para);
        } else {
            draft.preamble.push(para);
        }
    }
    draft
}

fn fr_opening(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

fn en_opening(text: &str) -> String {
    fr_opening(text)
}

/// The paragraphs (after the opening line) and the footnote texts of a canonical text.
fn blocks(text: &str) -> (Vec<String>, Vec<String>) {
    let mut paragraphs = Vec::new();
    let mut footnotes = Vec::new();
    for block in text.split("\n\n").skip(1).map(str::trim) {
        match block.strip_prefix("[^") {
            Some(note) => {
                let (_, body) = note.split_once("]: ").unwrap_or(("", note));
                footnotes.push(body.to_string());
            }
            None if !block.is_empty() => paragraphs.push(block.to_string()),
            None => {}
        }
    }
    (paragraphs, footnotes)
}

/// `11. *Décide* …` -> `*Décide* …`.
fn strip_number(block: &str) -> String {
    let digits = block.len() - block.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    match block[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest.to_string(),
        _ => block.to_string(),
    }
}

/// Preambular paragraphs a later year may add, French and English.
pub(crate) const PREAMBLE_POOL: &[(&str, &str)] = &[
    (
        "*Reconnaissant* que la coopération internationale doit tenir compte des priorités fixées par les États eux-mêmes,",
        "*Recognizing* that international cooperation should take into account the priorities set by States themselves,",
    ),
    (
        "*Soulignant* le rôle des organisations régionales dans la promotion de la coopération internationale dans le domaine des droits de l’homme,",
        "*Stressing* the role of regional organizations in the promotion of international cooperation in the field of human rights,",
    ),
    (
        "*Consciente* que les crises financières et économiques, les crises alimentaires et les changements climatiques compromettent le plein exercice des droits de l’homme,",
        "*Aware* that financial and economic crises, food crises and climate change undermine the full enjoyment of human rights,",
    ),
    (
        "*Prenant acte* des travaux du séminaire sur le renforcement de la coopération internationale tenu à Genève,",
        "*Taking note* of the work of the seminar on the enhancement of international cooperation held at Geneva,",
    ),
    (
        "*Réaffirmant* l’importance de l’assistance technique fournie à la demande des États concernés et conformément aux priorités fixées par ceux-ci,",
        "*Reaffirming* the importance of technical assistance provided at the request of the States concerned and in accordance with their own priorities,",
    ),
    (
        "*Convaincue* que la société civile et les milieux universitaires ont un rôle important à jouer dans le dialogue sur ces questions,",
        "*Convinced* that civil society and academia have an important role to play in the dialogue on these questions,",
    ),
    (
        "*Notant* que l’examen périodique universel est un mécanisme fondé sur la coopération et le dialogue,",
        "*Noting* that the universal periodic review is a mechanism based on cooperation and dialogue,",
    ),
    (
        "*Rappelant* la Déclaration sur le droit au développement et la nécessité d’une coopération internationale effective pour sa réalisation,",
        "*Recalling* the Declaration on the Right to Development and the need for effective international cooperation for its realization,",
    ),
    (
        "*Soulignant* que la coopération Sud-Sud et la coopération triangulaire complètent la coopération Nord-Sud sans s’y substituer,",
        "*Emphasizing* that South-South and triangular cooperation complement North-South cooperation rather than replace it,",
    ),
    (
        "*Préoccupée* par la persistance des obstacles qui entravent la coopération internationale dans ce domaine,",
        "*Concerned* at the persistence of obstacles that hinder international cooperation in this field,",
    ),
    (
        "*Reconnaissant également* l’importance de l’éducation et de la formation dans la promotion d’une culture de la tolérance,",
        "*Recognizing also* the importance of education and training in promoting a culture of tolerance,",
    ),
    (
        "*Se félicitant* des efforts déployés par les commissions nationales et les institutions nationales indépendantes,",
        "*Welcoming* the efforts made by national commissions and independent national institutions,",
    ),
];

/// A paragraph in French and English.
pub(crate) type Pair = (&'static str, &'static str);

/// Operative paragraphs a later year may add, French and English, with their sub-paragraphs.
pub(crate) const OPERATIVE_POOL: &[(&str, &str, &[Pair])] = &[
    (
        "*Souligne* le rôle de la coopération internationale dans l’appui aux efforts nationaux et dans l’accroissement des capacités des États Membres, grâce, notamment, à la fourniture d’une assistance technique à la demande des États concernés ;",
        "*Stresses* the role of international cooperation in supporting national efforts and in enhancing the capacities of Member States, including through the provision of technical assistance at the request of the States concerned;",
        &[],
    ),
    (
        "*Demande instamment* aux États de prendre les mesures nécessaires pour renforcer la coopération bilatérale, régionale et internationale en vue de contrer les effets négatifs des crises mondiales ;",
        "*Urges* States to take the necessary measures to strengthen bilateral, regional and international cooperation to address the adverse impact of global crises;",
        &[],
    ),
    (
        "*Prend note* de la tenue du séminaire sur le renforcement de la coopération internationale, avec la participation des États, des organismes des Nations Unies et de la société civile ;",
        "*Takes note* of the holding of the seminar on the enhancement of international cooperation, with the participation of States, United Nations bodies and civil society;",
        &[],
    ),
    (
        "*Encourage* les États à partager leurs bonnes pratiques et les enseignements tirés de leur expérience ;",
        "*Encourages* States to share their good practices and lessons learned;",
        &[],
    ),
    (
        "*Invite* les organisations régionales à intensifier leur coopération avec les mécanismes des Nations Unies ;",
        "*Invites* regional organizations to intensify their cooperation with United Nations mechanisms;",
        &[],
    ),
    (
        "*Engage* les institutions spécialisées à tenir compte de la présente résolution dans leurs programmes de travail ;",
        "*Calls upon* the specialized agencies to take the present resolution into account in their programmes of work;",
        &[],
    ),
    (
        "*Souligne* l’importance de la transparence et de l’objectivité dans toutes les activités de coopération ;",
        "*Underlines* the importance of transparency and objectivity in all cooperation activities;",
        &[],
    ),
    (
        "*Prie* le Haut-Commissaire de faire figurer dans son rapport annuel des informations sur l’application de la présente résolution ;",
        "*Requests* the High Commissioner to include in the annual report information on the implementation of the present resolution;",
        &[],
    ),
    (
        "*Réaffirme* qu’il importe d’assurer la participation effective des femmes et des jeunes à la coopération internationale ;",
        "*Reaffirms* the importance of ensuring the effective participation of women and young people in international cooperation;",
        &[],
    ),
    (
        "*Se félicite* des contributions volontaires versées au fonds d’affectation spéciale et invite les États à verser des contributions ;",
        "*Welcomes* the voluntary contributions made to the trust fund and invites States to contribute;",
        &[],
    ),
    (
        "*Demande* aux États Membres :",
        "*Calls upon* Member States:",
        &[
            (
                "(a) de renforcer la coopération avec les mécanismes régionaux ;",
                "(a) To strengthen cooperation with regional mechanisms;",
            ),
            (
                "(b) de partager l’information sur les bonnes pratiques ;",
                "(b) To share information on good practices;",
            ),
            (
                "(c) de soutenir les initiatives de la société civile ;",
                "(c) To support the initiatives of civil society;",
            ),
        ],
    ),
    (
        "*Prie* le Secrétaire général de lui présenter, à sa prochaine session, un rapport sur l’application de la présente résolution ;",
        "*Requests* the Secretary-General to submit to it at its next session a report on the implementation of the present resolution;",
        &[],
    ),
];

/// Rewordings that take a paragraph from one year to the next: where both the French and the
/// English words occur in a paragraph, both are replaced (each is also used in reverse).
pub(crate) const REWORDINGS: &[(&str, &str, &str, &str)] = &[
    ("États Membres", "États", "Member States", "States"),
    ("promouvoir", "favoriser", "promote", "foster"),
    ("importants", "essentiels", "important", "essential"),
    ("encourage", "invite", "encourages", "invites"),
    (
        "libertés fondamentales",
        "libertés fondamentales de tous",
        "fundamental freedoms",
        "fundamental freedoms for all",
    ),
    (
        "*Réaffirme*",
        "*Réaffirme également*",
        "*Reaffirms*",
        "*Also reaffirms*",
    ),
    ("*Invite*", "*Engage*", "*Invites*", "*Calls upon*"),
    (
        "organisations non gouvernementales",
        "organisations de la société civile",
        "non-governmental organizations",
        "civil society organizations",
    ),
    (
        "notamment",
        "entre autres",
        "inter alia",
        "among other things",
    ),
    (
        "au niveau mondial",
        "à l’échelle mondiale",
        "at the global level",
        "worldwide",
    ),
    (
        "dialogue",
        "dialogue constructif",
        "dialogue",
        "constructive dialogue",
    ),
    (
        "la coopération internationale",
        "une coopération internationale effective",
        "international cooperation",
        "effective international cooperation",
    ),
];

/// Clauses a year may add at the end of a paragraph (and a later year take out again).
pub(crate) const CLAUSES: &[(&str, &str)] = &[
    (
        ", notamment par le renforcement des capacités nationales",
        ", including through national capacity-building",
    ),
    (
        ", dans le respect de la souveraineté des États",
        ", with due respect for the sovereignty of States",
    ),
    (
        ", en tenant compte des besoins particuliers des pays en développement",
        ", taking into account the special needs of developing countries",
    ),
    (
        ", conformément aux engagements pris",
        ", in accordance with the commitments made",
    ),
];

/// Subjects of the generated series: `dans le domaine …` / `in the field of …`.
pub(crate) const TOPICS: &[(&str, &str)] = &[
    ("des droits de l’homme", "human rights"),
    ("de l’éducation", "education"),
    ("de la santé", "health"),
    ("du développement durable", "sustainable development"),
    ("de la culture", "culture"),
    (
        "de la science et de la technologie",
        "science and technology",
    ),
    ("de l’environnement", "the environment"),
    ("de la sécurité alimentaire", "food security"),
    ("des migrations", "migration"),
    ("de l’énergie", "energy"),
    ("du désarmement", "disarmament"),
    ("de l’eau et de l’assainissement", "water and sanitation"),
    ("du travail décent", "decent work"),
    ("de la prévention du crime", "crime prevention"),
    ("du sport", "sport"),
    ("de l’espace extra-atmosphérique", "outer space"),
    ("des océans", "the oceans"),
    ("de la statistique", "statistics"),
    ("du tourisme", "tourism"),
    ("des transports", "transport"),
];

/// Regions that tell apart series on the same subject.
pub(crate) const REGIONS: &[(&str, &str)] = &[
    ("", ""),
    (" en Afrique", " in Africa"),
    (" en Asie et dans le Pacifique", " in Asia and the Pacific"),
    (
        " en Amérique latine et dans les Caraïbes",
        " in Latin America and the Caribbean",
    ),
    (" en Europe", " in Europe"),
    (
        " dans les petits États insulaires en développement",
        " in small island developing States",
    ),
    (
        " dans les pays les moins avancés",
        " in the least developed countries",
    ),
    (
        " dans les pays sans littoral",
        " in landlocked developing countries",
    ),
];

/// Words of the notes contributors write.
pub(crate) const NOTE_AUTHORS: &[&str] = &[
    "Jeanne Martin",
    "Ahmed Benali",
    "Maria Gonzalez",
    "Équipe du recueil",
    "Li Wei",
    "Kofi Mensah",
];

pub(crate) const NOTE_TITLES: &[(&str, &str)] = &[
    ("Ce qui change", "What changes"),
    ("Origine de l’alinéa", "Where it comes from"),
    ("Portée", "Scope"),
    ("Négociation", "Negotiation"),
    ("Reprise", "Carried over"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_texts_pair_into_a_base_with_its_placeholders() {
        let base = base();
        assert_eq!(base.preamble.len(), 9);
        assert_eq!(base.operative.len(), 11);
        assert_eq!(base.footnotes.len(), 4);
        assert!(
            base.preamble[1].fr.contains("{recall}") && base.preamble[1].en.contains("{recall}")
        );
        let last = base.operative.last().unwrap();
        assert!(last.fr.contains("{next}") && last.en.contains("{next}") && last.pinned);
        assert!(base.operative[0].fr.starts_with("*Réaffirme*"));
    }
}
