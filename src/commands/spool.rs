//! A command's output held back while it holds the store (decision 70).
//!
//! A listing is written as it is read, with the store held. When its reader is slow or
//! stopped (`dagkas days | less` left open, a terminal over a slow link, a script that reads
//! later), the write blocks and the dossier stays held: the sync service and every other
//! process wait for a reader. So while a command holds the store, its standard output goes
//! to an unnamed temporary file; once the store is let go, that file is copied to the real
//! output. A regular file or `/dev/null` as output never blocks and is written directly.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// Standard output, turned to a temporary file until [`Spool::finish`] (or until it is
/// dropped, as when a command panics: what it wrote still reaches its reader).
pub struct Spool {
    file: File,
    /// The real standard output, kept aside; `None` once given back.
    saved: Option<OwnedFd>,
}

/// Whether writing to this standard output can wait on a reader: a pipe, a socket or a
/// terminal, but not a file or a device like `/dev/null`.
fn can_block(fd: i32) -> bool {
    // SAFETY: `fstat` writes into the zeroed struct we own; a bad fd only returns -1.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return false;
    }
    let kind = st.st_mode & libc::S_IFMT;
    kind == libc::S_IFIFO || kind == libc::S_IFSOCK || (kind == libc::S_IFCHR && unsafe { libc::isatty(fd) } == 1)
}

impl Spool {
    /// Turn standard output to a temporary file, if it can block. `None` leaves it as it is
    /// (also when no temporary file can be made: the output is then written directly, as
    /// before).
    pub fn begin() -> Option<Spool> {
        let out = std::io::stdout().as_raw_fd();
        if !can_block(out) {
            return None;
        }
        std::io::stdout().flush().ok()?;
        let file = tempfile::tempfile().ok()?;
        // SAFETY: `dup` of our own standard output; the new fd is owned by `saved` at once.
        let saved = unsafe { libc::dup(out) };
        if saved < 0 {
            return None;
        }
        let saved = unsafe { OwnedFd::from_raw_fd(saved) };
        // SAFETY: both fds are open; on failure standard output is unchanged.
        if unsafe { libc::dup2(file.as_raw_fd(), out) } < 0 {
            return None;
        }
        Some(Spool {
            file,
            saved: Some(saved),
        })
    }

    /// Give standard output back and copy what the command wrote to it. Called after the
    /// store is let go. A reader that went away (`| head`) is not an error to tell, but the
    /// command fails, as a direct write would have made it.
    pub fn finish(mut self, code: u8) -> u8 {
        match self.give_back() {
            Ok(()) => code,
            Err(e) => super::report(&super::stdout_failed(e)),
        }
    }

    fn give_back(&mut self) -> std::io::Result<()> {
        let Some(saved) = self.saved.take() else {
            return Ok(());
        };
        let flushed = std::io::stdout().flush();
        // SAFETY: `saved` is the real standard output, still open.
        if unsafe { libc::dup2(saved.as_raw_fd(), std::io::stdout().as_raw_fd()) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        flushed?;
        self.file.seek(SeekFrom::Start(0))?;
        let mut stdout = std::io::stdout().lock();
        // SAFETY: isatty only asks about an open fd.
        if unsafe { libc::isatty(saved.as_raw_fd()) } == 1 {
            // A terminal reads escape sequences as orders: text from a POS or a config (a
            // method named `X\e]0;TITLE\a\e[2J`) must not set its title or clear it.
            let mut text = Vec::new();
            std::io::Read::read_to_end(&mut self.file, &mut text)?;
            stdout.write_all(crate::terminal_lines(&String::from_utf8_lossy(&text)).as_bytes())?;
        } else {
            std::io::copy(&mut self.file, &mut stdout)?;
        }
        stdout.flush()
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = self.give_back();
    }
}
