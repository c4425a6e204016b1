//! Unit tests of the Akoma Ntoso reader, on documents written the way other publishers do.

use std::path::Path;

use super::*;

const OTHER: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#un">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/unga/2019-12-18/74-152/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/unga/2019-12-18/74-152"/>
          <FRBRdate date="2019-12-18" name="adoption"/>
          <FRBRauthor href="#unga"/>
          <FRBRcountry value="un"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/un/statement/deliberation/unga/2019-12-18/74-152/eng@/!main"/>
          <FRBRuri value="/akn/un/statement/deliberation/unga/2019-12-18/74-152/eng@"/>
          <FRBRdate date="2019-12-18" name="adoption"/>
          <FRBRauthor href="#unga"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="x"/><FRBRuri value="x"/><FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#un"/>
        </FRBRManifestation>
      </identification>
    </meta>
    <preface><p><docTitle>The right to development</docTitle></p></preface>
    <preamble>
      <formula name="enactingFormula"><p>The General Assembly,</p></formula>
      <p><i>Guided</i> by the Charter of the
         United Nations,<authorialNote marker="1" eId="n1"><p>See <i>Official Records</i>.</p></authorialNote></p>
    </preamble>
    <mainBody>
      <section eId="sec_1"><num>I.</num><heading>General</heading>
        <paragraph eId="para_1"><num>1.</num><content><p><i>Welcomes</i> the report;</p></content></paragraph>
        <paragraph eId="para_2"><num>2.</num>
          <list>
            <listIntroduction><i>Calls upon</i> States:</listIntroduction>
            <point><num>(a)</num><content><p>to act_now * today;</p></content></point>
            <point><content><p>to report.</p></content></point>
          </list>
        </paragraph>
      </section>
    </mainBody>
  </statement>
</akomaNtoso>"##;

#[test]
fn another_publishers_document_becomes_a_canonical_text() {
    assert!(is_akn(OTHER));
    let p = parse(Path::new("x.xml"), OTHER, None).expect("reads");
    assert_eq!(p.symbol.as_str(), "A/RES/74/152");
    assert_eq!(p.lang, "en");
    assert_eq!(
        p.header.adopted.map(|d| d.to_string()).as_deref(),
        Some("2019-12-18")
    );
    assert_eq!(p.header.title.as_deref(), Some("The right to development"));
    assert_eq!(p.header.session, Some(74));
    assert!(p.complete);
    assert_eq!(
        p.markdown,
        "The General Assembly,\n\n*Guided* by the Charter of the United Nations,[^1]\n\n### I. General\n\n1. *Welcomes* the report;\n\n2. *Calls upon* States:\n\n   - (a) to act_now \\* today;\n\n   - (b) to report.\n\n[^1]: See *Official Records*.\n"
    );
}

#[test]
fn what_is_not_an_akn_resolution_is_refused_with_the_reason() {
    assert!(!is_akn("L’Assemblée générale,\n\n1. *Décide*."));
    let err = parse(Path::new("x.xml"), "<akomaNtoso><statement>", None).unwrap_err();
    assert!(err.to_string().contains("not well-formed XML"), "{err}");
    let dtd = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><akomaNtoso/>";
    assert!(
        parse(Path::new("x.xml"), dtd, None).is_err(),
        "a DTD is refused"
    );
    let no_symbol =
        "<akomaNtoso><doc><preamble><p><i>Noting</i> it,</p></preamble></doc></akomaNtoso>";
    let err = parse(Path::new("x.xml"), no_symbol, Some("en")).unwrap_err();
    assert!(err.to_string().contains("no symbol"), "{err}");
    let french = OTHER.replace("language=\"eng\"", "language=\"fra\"");
    let err = parse(Path::new("x.xml"), &french, Some("en")).unwrap_err();
    assert!(err.to_string().contains("declares `fr`"), "{err}");
}

#[test]
fn markdown_escapes_only_what_would_open_markup() {
    let mut out = String::new();
    escape_markdown("a_b _c * `d` [^1] [x] ~~ ~ <b> < 3 &amp; & x \\", &mut out);
    assert_eq!(
        out,
        "a_b \\_c \\* \\`d\\` \\[^1] [x] \\~~ ~ \\<b> < 3 \\&amp; & x \\\\"
    );
}
