//! The one escaper of the site's HTML and XML: every text set into markup goes through it.
//!
//! Tera's autoescaping ([`write_html`]), the HTML that views build ([`html`]), highlighted code's
//! plain fallback and the sitemap and feeds ([`xml`]) share one loop, so that they cannot drift
//! apart. It writes the runs between special characters at once: Tera's own escaper writes byte
//! by byte, and escaping was a tenth of a build's time (perf).

use std::io::Write;

/// `&`, `<`, `>`, `"`, `'` as Tera's autoescaping writes them (`&#39;`, which HTML 4 readers
/// understand, not `&apos;`).
const HTML: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
/// The same in XML, whose own entity for the apostrophe is `&apos;`.
const XML: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];

/// Writes `input` with `& < > " '` replaced by `entities`, and the runs between them at once.
fn escape_into<W: Write + ?Sized>(
    input: &str,
    entities: &[&str; 5],
    out: &mut W,
) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => entities[0],
            b'<' => entities[1],
            b'>' => entities[2],
            b'"' => entities[3],
            b'\'' => entities[4],
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity.as_bytes())?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

fn escaped(text: &str, entities: &[&str; 5]) -> String {
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    escape_into(text, entities, &mut out).expect("writing to a Vec does not fail");
    // Only ASCII bytes were replaced by ASCII, at character boundaries: still UTF-8.
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Text made safe for an HTML text node or a quoted attribute.
pub(crate) fn html(text: &str) -> String {
    escaped(text, &HTML)
}

/// Text made safe for XML content or a quoted attribute (sitemap, feeds).
pub(crate) fn xml(text: &str) -> String {
    escaped(text, &XML)
}

/// Tera's escape function (`Tera::set_escape_fn`): [`html`], written to Tera's buffer.
pub(crate) fn write_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    escape_into(input, &HTML, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [&str; 6] = [
        "",
        "plain",
        "L'Assemblée <b>&amp;</b> \"x\"",
        "<<>>&&''\"\"",
        "é’«»",
        "droits de l'homme & <sup>1</sup>",
    ];

    #[test]
    fn html_escaping_is_teras_byte_for_byte() {
        for text in SAMPLES {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            write_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text}");
            assert_eq!(html(text).as_bytes(), teras.as_slice(), "{text}");
        }
    }

    #[test]
    fn every_special_character_is_replaced_and_nothing_else() {
        assert_eq!(
            html("a & <b> \"c\" 'd' é"),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39; é"
        );
        assert_eq!(
            xml("a & <b> \"c\" 'd' é"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; é"
        );
    }
}
