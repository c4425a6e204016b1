use std::sync::Arc;

use super::*;
use crate::serve::Live;

fn site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    std::fs::create_dir_all(public.join("fr")).unwrap();
    std::fs::write(public.join("index.html"), "<html><body>home</body></html>").unwrap();
    std::fs::write(public.join("fr/x.html"), "x").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    let site = Site {
        root: public,
        live: Arc::new(Live::new()),
    };
    (dir, site)
}

#[test]
fn paths_are_resolved_inside_the_site_only() {
    let (_dir, site) = site();
    let real = |rel: &str| site.root.join(rel).canonicalize().unwrap();
    assert_eq!(site.target("/"), Target::File(real("index.html")));
    assert_eq!(
        site.target("/fr/x.html?v=1#op1"),
        Target::File(real("fr/x.html"))
    );
    assert_eq!(site.target("/fr"), Target::Redirect("/fr/".into()));
    for escape in [
        "/../secret.txt",
        "/fr/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2fsecret.txt",
        "/fr/..%5C..%5Csecret.txt",
        "/%00",
        "/%zz",
        "secret.txt",
    ] {
        assert_eq!(site.target(escape), Target::NotFound, "{escape}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_not_followed() {
    let (dir, site) = site();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.root.join("link.txt")).unwrap();
    assert_eq!(site.target("/link.txt"), Target::NotFound);
}

#[test]
fn the_live_endpoints_are_recognised() {
    let (_dir, site) = site();
    assert_eq!(site.target("/__recueil/live.js"), Target::LiveScript);
    assert_eq!(
        site.target("/__recueil/status?since=3"),
        Target::Status { since: Some(3) }
    );
    assert_eq!(
        site.target("/__recueil/status"),
        Target::Status { since: None }
    );
}

#[test]
fn the_script_goes_before_the_end_of_the_body() {
    let html = String::from_utf8(inject(b"<html><body>x</body></html>", 7)).unwrap();
    assert_eq!(
        html,
        "<html><body>x<script src=\"/__recueil/live.js\" data-generation=\"7\"></script>\n</body></html>"
    );
    assert!(
        String::from_utf8(inject(b"x", 1))
            .unwrap()
            .starts_with("x<script")
    );
}

#[test]
fn errors_are_sent_as_json_strings() {
    assert_eq!(
        json_string("a \"b\"\\\n\u{1}é"),
        "\"a \\\"b\\\"\\\\\\n\\u0001é\""
    );
}
