//! The global allocator, mimalloc, and how it takes memory from the system.
//!
//! Loading allocates millions of small strings and rows: the system allocator spent a
//! quarter of a large scan in malloc and free (docs/BENCHMARKS.md). Two settings keep the
//! peak under the input's size without paying for it after the load (measured in
//! docs/BENCHMARKS.md, "Fifth pass"):
//!
//! - No transparent huge pages (Linux): with them, the first touch of a 2 MiB region zeroes
//!   all of it and a freed part is split off again. On the EU scan a third of the CPU time
//!   went to zeroing pages in the kernel, and the peak was 690 MB against 555 MB without.
//!   `MIMALLOC_ALLOW_THP` set by the user is kept (mimalloc reads it itself).
//! - While the inputs load, freed memory goes back to the system at once: the load frees
//!   each file's rows as they are checked and assembled, and with a delay the freed pages
//!   stay counted in the peak (EU scan: 466 MiB at once, about 40 MB more after 10 ms,
//!   940 MB after mimalloc's default second). Once the inventory and its graph are built,
//!   the default second comes back, so that the analyses reuse freed pages instead of
//!   having new ones zeroed (EU analyses 0.63 s -> 0.49 s, the peak unchanged); a second
//!   load (`diff`) returns to the load's setting.
//!   `MIMALLOC_PURGE_DELAY` set by the user is kept throughout.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_e` in mimalloc.h: 15 in mimalloc v2 and v3;
/// `libmimalloc-sys` names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc v3's default purge delay, in milliseconds.
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

/// The settings for the load; runs first in `main`, before any other thread exists.
pub fn at_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // Best effort: a kernel without the flag only loses the gain.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
    before_load();
}

/// The settings for a load: called before each (`diff` loads two inventories).
pub fn before_load() {
    set_purge_delay(0);
}

/// The settings for what follows a load (the analyses and the reports): called once the
/// inventory and its graph are built.
pub fn after_load() {
    set_purge_delay(DEFAULT_PURGE_DELAY);
}

/// Sets mimalloc's purge delay, unless the user set it.
fn set_purge_delay(ms: std::ffi::c_long) {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    #[expect(
        unsafe_code,
        reason = "the one call that sets an option of the allocator"
    )]
    // SAFETY: `mi_option_set` is not safe against a concurrent call that sets or reads the
    // option. It is called only when no other thread runs: first in `main`, before any
    // thread exists, and just before and after a load (`cli/common.rs` `load_graph`, outside
    // its spinner's lifetime), when rayon's worker threads have no job and sleep. mimalloc
    // has no thread of its own.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms);
    }
}
