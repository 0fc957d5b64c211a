//! Writing takes constant memory: the peak of live heap bytes while writing
//! 100,000 rows is about the same as while writing 10,000, and small, in
//! every format.
//!
//! A test binary of its own with a single test, because the counting
//! allocator sees every thread: another test running alongside would count
//! in the peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

use sheet::{Cell, OutFormat, SheetWriter};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::SeqCst) + by;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as ours.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as ours.
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above what was live before, while writing `rows` rows
/// of varied members to a sink.
fn peak_while_writing(format: OutFormat, rows: i64) -> usize {
    let mut name = String::with_capacity(64);
    let mut email = String::with_capacity(64);
    let mut date = String::with_capacity(16);
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);

    let headers = ["Nom", "Email", "Né le", "Cotisation", "Numéro", "Note"];
    let mut w = SheetWriter::new(io::sink(), format, "Membres", &headers).unwrap();
    for i in 0..rows {
        use std::fmt::Write;
        name.clear();
        email.clear();
        date.clear();
        write!(name, "Dupré-{}", i * 7919 % 100_003).unwrap();
        write!(email, "m{}@exemple.fr", i * 104_729 % 1_000_003).unwrap();
        write!(date, "{:04}-{:02}-{:02}", 1940 + i % 70, 1 + i % 12, 1 + i % 28).unwrap();
        w.row(&[
            Cell::Text(&name),
            Cell::Text(&email),
            Cell::Date(&date),
            Cell::Cents(i * 37 % 100_000),
            Cell::Int(i),
            if i % 3 == 0 { Cell::Empty } else { Cell::Text("« note » & <more>") },
        ])
        .unwrap();
    }
    w.finish().unwrap();
    PEAK.load(Ordering::SeqCst).saturating_sub(before)
}

#[test]
fn writing_takes_constant_memory_in_every_format() {
    const MB: usize = 1024 * 1024;
    for format in [OutFormat::Csv, OutFormat::CsvExcel, OutFormat::Ods, OutFormat::Xlsx] {
        let started = std::time::Instant::now();
        let small = peak_while_writing(format, 10_000);
        let large = peak_while_writing(format, 100_000);
        eprintln!(
            "{format:?}: peak {small} bytes for 10,000 rows, {large} bytes for 100,000 rows ({:?})",
            started.elapsed()
        );
        assert!(large < 4 * MB, "{format:?}: {large} bytes at the peak");
        assert!(large <= small + small / 10 + 4096, "{format:?}: {small} bytes for 10,000 rows, {large} for 100,000");
    }
}
