//! `recueil init DIR`: a new, empty archive that checks and builds, as `mdbook init` and
//! `zola init` start a book or a site.
//!
//! It writes a commented `book.toml`, one example series (`content/series/example.yaml`), an
//! empty `content/resolutions/`, the GitHub Pages workflow and a `.gitignore`, so that `recueil
//! init`, `recueil import FOLDER`, `recueil build` is the whole path from official texts to a
//! site. The files are embedded (`src/init/`); tests prove that the result passes `check` and
//! `build`. A folder that holds anything is refused: init never overwrites.

use std::path::{Path, PathBuf};

use crate::diag::{Problem, Problems};

/// The files of a new archive: (path inside it, content).
const FILES: [(&str, &str); 4] = [
    ("book.toml", include_str!("init/book.toml")),
    (
        "content/series/example.yaml",
        include_str!("init/example.yaml"),
    ),
    (
        ".github/workflows/pages.yml",
        include_str!("init/pages.yml"),
    ),
    (".gitignore", include_str!("init/gitignore")),
];

/// The folders of a new archive, created even when empty.
const FOLDERS: [&str; 1] = ["content/resolutions"];

/// Create a new archive in `dir` (created if missing; refused if it holds anything). Returns the
/// files written, in order.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Problems> {
    check_empty(dir)?;
    let fail = |path: &Path, e: std::io::Error| -> Problems {
        Problem::error(path, format!("cannot write: {e}"))
            .hint("check that you may write in this folder")
            .into()
    };
    let mut written = Vec::new();
    for folder in FOLDERS {
        let path = dir.join(folder);
        fs_err::create_dir_all(&path).map_err(|e| fail(&path, e))?;
    }
    for (name, content) in FILES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs_err::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        fs_err::write(&path, content).map_err(|e| fail(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// `dir` must not exist, or be an empty folder.
fn check_empty(dir: &Path) -> Result<(), Problems> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Problem::error(dir, "this is a file, not a folder")
            .hint("give the path of a new folder for the archive")
            .into());
    }
    let mut entries = fs_err::read_dir(dir).map_err(|e| {
        Problems::from(
            Problem::error(dir, format!("cannot read this folder: {e}"))
                .hint("check that you may read it"),
        )
    })?;
    if entries.next().is_some() {
        return Err(
            Problem::error(dir, "this folder is not empty; init never overwrites")
                .hint("give a new folder (it is created), or an empty one")
                .into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_toml_is_valid_for_the_config_loader() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        init(&root).unwrap();
        let config = crate::config::Config::load(&root).expect("valid book.toml");
        assert_eq!(config.language_codes().collect::<Vec<_>>(), ["fr", "en"]);
        assert_eq!(config.content_dir, root.join("content"));
        let series = std::fs::read_to_string(root.join("content/series/example.yaml")).unwrap();
        let series: crate::formats::meta::SeriesFile = serde_yaml::from_str(&series).unwrap();
        assert_eq!(series.title["en"], "Example series");
        assert!(root.join("content/resolutions").is_dir());
    }

    #[test]
    fn a_folder_that_holds_anything_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.txt"), "keep").unwrap();
        let err = init(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
        let file = dir.path().join("mine.txt");
        assert!(init(&file).unwrap_err().to_string().contains("a file"));
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert_eq!(init(&empty).unwrap().len(), FILES.len());
    }
}
