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
