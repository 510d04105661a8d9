//! dagkas: a day-receipt book and cash book from point-of-sale data.

pub(crate) mod bench;
pub mod cli;
pub mod commands;
pub(crate) mod config_change;
pub mod demo;
pub mod domain;
pub(crate) mod dossier;
pub mod export;
pub(crate) mod firm;
pub mod gen;
pub(crate) mod held;
pub mod i18n;
pub(crate) mod init;
pub(crate) mod invoices;
pub mod ledger;
pub(crate) mod notify;
pub mod pos;
pub mod settings;
pub mod store;
pub(crate) mod strict_json;
pub mod sync;
pub mod tui;
pub(crate) mod workflow;

/// For a command that writes a large batch and ends (`import`): blocks of 512 KiB and more
/// (a batch's pages and writes) are mapped on their own and go back to the system when
/// freed. glibc would otherwise raise that threshold to the largest block freed so far and
/// put them in the heap between small ones: a ten-year import peaked at 260 MiB instead of
/// 223. Not for the review screen, which stays up: with it, the screen on ten confirmed
/// years held 130 MiB instead of 57.
pub fn map_big_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting; it takes the allocator's lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 512 << 10);
    }
}

/// Who runs this process, for the audit log: `$USER`, else `$LOGNAME`, else the name the
/// system's user database gives the effective user (a service or container started without
/// either), else `uid N`. Never a made-up name: every change must be traceable to someone.
pub fn os_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|s| !s.is_empty())
        .or_else(user_database_name)
        // SAFETY: geteuid cannot fail and reads no memory of ours.
        .unwrap_or_else(|| format!("uid {}", unsafe { libc::geteuid() }))
}

/// The effective user's name in the user database (`getpwuid_r`).
fn user_database_name() -> Option<String> {
    // SAFETY: geteuid cannot fail; getpwuid_r writes only into `pwd` and `buf`, which live
    // until the name is copied out of them, and `found` says whether it found the user.
    unsafe {
        let uid = libc::geteuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let r = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
        if r != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned();
        (!name.is_empty()).then_some(name)
    }
}

/// Text from outside (a POS's names, ids and reasons) as a terminal may show it: control
/// characters (escape sequences that would set the title or clear the screen) become `�`.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Lines of text for a terminal: [`terminal_safe`] within each line, the line breaks and
/// tabs kept.
pub fn terminal_lines(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// The SHA-256 of some bytes, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

/// The process's one runtime for network work: the connectors, the demo's fake POS, the
/// webhooks and the review screen's loop. Two worker threads, built on first use; any
/// thread that is not itself a task may `block_on` it (a firm's service runs several
/// dossiers' connectors at once on it).
pub(crate) fn io_runtime() -> std::io::Result<&'static tokio::runtime::Runtime> {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    if let Some(rt) = RUNTIME.get() {
        return Ok(rt);
    }
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("dagkas-io")
        .enable_all()
        .build()?;
    // Two threads may build one at once: the first kept is the process's.
    Ok(RUNTIME.get_or_init(|| built))
}

/// Hand the memory a piece of work freed back to the system: a review screen and the sync
/// service stay up all day, and the allocator would otherwise keep the peak of their largest
/// piece of work (the store's page table of each opening, years of listed days) for the rest
/// of it.
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
