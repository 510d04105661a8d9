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
