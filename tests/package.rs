//! Installing dagkas the way its neighbours install: completions that load in bash, manual
//! pages that render, a version that names its commit, and a Debian package that builds and
//! installs with all of them and the sync service's unit.

mod common;
use common::*;

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dagkas");

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = text(&out);
    assert!(out.status.success(), "{cmd:?}: {text}");
    text
}

#[test]
fn the_version_names_the_commit() {
    let v = run(Command::new(BIN).arg("--version"));
    assert!(v.starts_with("dagkas 0.1.0 (commit "), "{v}");
}

#[test]
fn completions_load_in_bash_and_exist_for_zsh_and_fish() {
    let script = format!("source <({BIN} completions bash) && complete -p dagkas");
    let out = run(Command::new("bash").args(["-c", &script]));
    assert!(out.contains("complete") && out.contains("dagkas"), "{out}");
    for shell in ["zsh", "fish"] {
        let text = run(Command::new(BIN).args(["completions", shell]));
        assert!(text.contains("init") && text.contains("sync"), "{shell}: {text}");
    }
}

#[test]
fn manual_pages_render() {
    if !require_tool("man") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    run(Command::new(BIN).args(["man", "--out"]).arg(dir.path()));
    for page in ["dagkas.1", "dagkas-sync.1", "dagkas-init.1"] {
        let out = run(Command::new("man")
            .args(["-P", "cat", "-l"])
            .arg(dir.path().join(page))
            .env("MANWIDTH", "80"));
        assert!(out.contains("dagkas"), "{page}: {out}");
    }
    let top = run(Command::new("man")
        .args(["-P", "cat", "-l"])
        .arg(dir.path().join("dagkas.1")));
    assert!(top.contains("Day-receipt book") && top.contains("init"), "{top}");
}

#[test]
fn the_debian_package_builds_and_installs() {
    if !require_tool("dpkg-deb") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/dist/build-deb.sh");
    let deb = run(Command::new("sh").arg(script).arg(BIN).arg(out.path()));
    let deb = deb.trim().lines().last().unwrap().to_string();
    let contents = run(Command::new("dpkg-deb").args(["-c", &deb]));
    for path in [
        "./usr/bin/dagkas",
        "./usr/share/man/man1/dagkas.1.gz",
        "./usr/share/man/man1/dagkas-sync.1.gz",
        "./usr/share/bash-completion/completions/dagkas",
        "./usr/share/zsh/vendor-completions/_dagkas",
        "./usr/share/fish/vendor_completions.d/dagkas.fish",
        "./usr/lib/systemd/user/dagkas-sync.service",
    ] {
        assert!(contents.contains(path), "{path} is not in the package:\n{contents}");
    }
    let ci = std::env::var("CI").as_deref() == Ok("true");
    let root = unsafe { libc::geteuid() } == 0;
    if ci && root {
        // CI's machine is fresh and its own: install for real, use it, remove it.
        run(Command::new("dpkg").args(["-i", &deb]));
        let v = run(Command::new("/usr/bin/dagkas").arg("--version"));
        assert!(v.contains("commit"), "{v}");
        let unit = std::fs::read_to_string("/usr/lib/systemd/user/dagkas-sync.service").unwrap();
        assert!(unit.contains("ExecStart=/usr/bin/dagkas sync"), "{unit}");
        if require_tool("man") {
            assert!(run(Command::new("man").args(["-w", "dagkas"])).contains("dagkas.1"));
        }
        run(Command::new("dpkg").args(["-r", "dagkas"]));
    } else {
        eprintln!("not installed system-wide outside CI: the package is unpacked into a temp dir instead");
        let into = tempfile::tempdir().unwrap();
        run(Command::new("dpkg-deb").args(["-x", &deb]).arg(into.path()));
        let v = run(Command::new(into.path().join("usr/bin/dagkas")).arg("--version"));
        assert!(v.contains("commit"), "{v}");
    }
}

#[test]
fn the_service_units_pass_systemd_s_own_check() {
    if !require_tool("systemd-analyze") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let units = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    // As the package installs them (the binary where this build put it), one instance of
    // the template named.
    for (unit, instance) in [
        ("dagkas-sync.service", "dagkas-sync.service"),
        ("dagkas-sync@.service", "dagkas-sync@peeters.service"),
    ] {
        let text = std::fs::read_to_string(units.join(unit)).unwrap();
        assert!(
            !text.contains("network-online"),
            "a user unit has no network-online.target: {unit}"
        );
        let installed = text.replace("%h/.cargo/bin/dagkas", env!("CARGO_BIN_EXE_dagkas"));
        std::fs::write(dir.path().join(instance), installed).unwrap();
        let out = Command::new("systemd-analyze")
            .arg("verify")
            .arg(dir.path().join(instance))
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success() && !said.contains(instance), "{unit}: {said}");
    }
}
