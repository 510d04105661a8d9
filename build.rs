//! Names the commit in `dagkas --version` (`0.1.0 (commit 1a2b3c4d5e6f)`).

use std::process::Command;

fn main() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"]);
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    let version = env!("CARGO_PKG_VERSION");
    let named = match commit {
        Some(c) if dirty => format!("{version} (commit {c}, with changes)"),
        Some(c) => format!("{version} (commit {c})"),
        None => format!("{version} (commit unknown: built outside its git repository)"),
    };
    println!("cargo:rustc-env=DAGKAS_VERSION={named}");
    // A new commit, a checkout or a change of the index gives a new version string.
    for path in [".git/HEAD", ".git/index"] {
        println!("cargo:rerun-if-changed={path}");
    }
    if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
        println!("cargo:rerun-if-changed=.git/{head}");
    }
}
