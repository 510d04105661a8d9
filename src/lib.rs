//! dagkas: a day-receipt book and cash book from point-of-sale data.

pub mod bench;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod export;
pub mod gen;
pub mod i18n;
pub mod init;
pub mod invoices;
pub mod ledger;
pub mod notify;
pub mod pos;
pub mod settings;
pub mod store;
pub mod strict_json;
pub mod sync;
pub mod tui;
pub mod workflow;

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
