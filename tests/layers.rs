//! How the code stands (docs/ARCHITECTURE.md): the core imports nothing above it, and no
//! layer below the screen and the command line chooses a language (decision 96). Read from
//! the source files themselves, so that a change that breaks a layer fails here first.

use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The lines of the files of `layer` (a folder or a file below `src/`) that name one of
/// `words`, test modules left out (a test may speak a language to check a message).
fn naming(layer: &str, words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let place = root.join(layer);
    let files = if place.is_dir() { sources(&place) } else { vec![place] };
    let mut found = Vec::new();
    for file in files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if words.iter().any(|w| names(line, w)) {
                let shown = file.strip_prefix(&root).unwrap_or(&file).display();
                found.push(format!("src/{shown}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

/// `line` names `word` as a whole (`tr!(` but not `include_str!(`).
fn names(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_core_imports_nothing_above_it() {
    let above = [
        "crate::i18n",
        "crate::tr!",
        "crate::store",
        "crate::ledger",
        "crate::workflow",
        "crate::pos",
        "crate::sync",
        "crate::tui",
        "crate::commands",
        "crate::settings",
        "std::fs",
        "std::net",
    ];
    let found = naming("domain", &above);
    assert!(found.is_empty(), "the core reaches up or out:\n{}", found.join("\n"));
}

#[test]
fn below_the_edge_nothing_chooses_a_language() {
    let language = ["crate::i18n", "tr!("];
    let mut found = Vec::new();
    for layer in [
        "domain",
        "store",
        "pos",
        "ledger.rs",
        "ledger",
        "workflow.rs",
        "sync",
        "held.rs",
        "invoices.rs",
    ] {
        found.extend(naming(layer, &language));
    }
    // The fake POS servers are test and demo fixtures, not a layer of the book.
    found.retain(|l| !l.starts_with("src/pos/fake/"));
    assert!(
        found.is_empty(),
        "a layer below the screen writes words itself:\n{}",
        found.join("\n")
    );
}
