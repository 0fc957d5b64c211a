//! The pdf crate from the outside: every file it writes is parsed again here
//! (cross-reference table, offsets, lengths, references) and read by a real
//! PDF reader, poppler's command-line tools (`pdftotext`, `pdfinfo`,
//! `pdfimages`, Debian package `poppler-utils`), which must report no error.

mod forms;
mod images;
mod structure;
mod tables;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use pdf::{Document, Metadata, pdf_date};

/// A document as the tests make them: a title, an author, a fixed date.
pub fn document(title: &str) -> Document {
    Document::new(Metadata::new(title, "Les Amis du Préau").created(pdf_date(1_768_469_400)))
}

/// A fresh directory for one tool run, removed when dropped.
pub struct Scratch(PathBuf);

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}

impl Scratch {
    pub fn new() -> Scratch {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("preau-pdf-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs a poppler tool on `pdf` (written to `doc.pdf` in `scratch`; `{}` in
/// `args` stands for its path) and gives its standard output. Fails if the
/// tool complains on standard error or exits with an error.
pub fn poppler_in(scratch: &Scratch, tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let file = scratch.path("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let file = file.to_str().unwrap();
    let args: Vec<&str> = args.iter().map(|a| if *a == "{}" { file } else { a }).collect();
    let output = Command::new(tool).args(&args).current_dir(&scratch.0).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install poppler-utils (apt-get install -y poppler-utils)")
    });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "{tool} {args:?} failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

/// [`poppler_in`] in a scratch directory of its own.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    poppler_in(&Scratch::new(), tool, args, pdf)
}

/// The text of the file as `pdftotext -layout` lays it out, pages separated
/// by form feeds.
pub fn text_of(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8", "{}", "-"], pdf)
}

/// `pdfinfo`'s fields.
pub fn info_of(pdf: &[u8]) -> BTreeMap<String, String> {
    poppler("pdfinfo", &["{}"], pdf)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect()
}

/// One word as `pdftotext -bbox` places it, in points from the top-left
/// corner of its page.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

/// Every word of the file with its box.
pub fn words_of(pdf: &[u8]) -> Vec<Word> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8", "{}", "-"], pdf);
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let attribute = |name: &str| -> f64 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + rest[start..].find('"').unwrap();
                rest[start..end].parse().unwrap()
            };
            let text = rest[rest.find('>').unwrap() + 1..rest.rfind("</word>").unwrap()]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            words.push(Word {
                page,
                x_min: attribute("xMin"),
                y_min: attribute("yMin"),
                x_max: attribute("xMax"),
                y_max: attribute("yMax"),
                text,
            });
        }
    }
    words
}

/// What the structural check found.
#[derive(Debug)]
pub struct Structure {
    /// `/Size` of the trailer: objects plus the free entry 0.
    pub size: usize,
    /// Every object's number and its text up to `endobj` (lossy UTF-8).
    pub objects: BTreeMap<usize, String>,
}

impl Structure {
    /// Objects whose dictionary contains `needle`.
    pub fn count(&self, needle: &str) -> usize {
        self.objects.values().filter(|body| body.contains(needle)).count()
    }
}

/// Parses the file the way a strict reader would, from the end: `%%EOF`,
/// `startxref` pointing at the `xref` keyword, a table of `/Size` entries
/// whose offsets each point at `N 0 obj` for its own N, stream lengths that
/// land on `endstream`, and every `N 0 R` reference pointing at an object of
/// the table. Panics with the first problem.
pub fn check_structure(pdf: &[u8]) -> Structure {
    assert!(pdf.starts_with(b"%PDF-1.7\n"), "header");
    assert!(pdf.ends_with(b"%%EOF\n"), "no %%EOF at the end");
    let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(1024)..]).into_owned();
    let startxref: usize = tail
        .rsplit_once("startxref\n")
        .and_then(|(_, after)| after.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref and its offset");
    assert!(pdf[startxref..].starts_with(b"xref\n"), "startxref {startxref} does not point at `xref`");
    let table = String::from_utf8_lossy(&pdf[startxref..]).into_owned();
    let mut lines = table.lines().skip(1);
    let subsection = lines.next().unwrap();
    let (first, count) = subsection.split_once(' ').unwrap();
    assert_eq!(first, "0", "one subsection starting at object 0");
    let count: usize = count.parse().unwrap();
    // Each entry is exactly 20 bytes: 10 digits, space, 5 digits, space, n/f, 2-byte end of line.
    let entries_start = startxref + "xref\n".len() + subsection.len() + 1;
    let entries = &pdf[entries_start..entries_start + 20 * count];
    let mut offsets = BTreeMap::new();
    for (number, entry) in entries.chunks_exact(20).enumerate() {
        let entry = std::str::from_utf8(entry).unwrap();
        assert!(entry.ends_with(" \n"), "entry {number} is not 20 bytes: {entry:?}");
        let offset: usize = entry[..10].parse().unwrap();
        let generation = &entry[11..16];
        match (number, &entry[17..18]) {
            (0, kind) => assert_eq!((offset, generation, kind), (0, "65535", "f"), "entry 0"),
            (_, "n") => {
                assert_eq!(generation, "00000");
                offsets.insert(number, offset);
            }
            (_, kind) => panic!("object {number} is `{kind}`, not in use"),
        }
    }
    let trailer = String::from_utf8_lossy(&pdf[entries_start + 20 * count..]).into_owned();
    assert!(trailer.starts_with("trailer\n<<"), "trailer after the table: {trailer:?}");
    assert!(trailer.contains(&format!("/Size {count} ")), "trailer /Size {count}: {trailer}");
    assert!(trailer.contains("/Root ") && trailer.contains("/Info "), "{trailer}");
    let id = trailer.split_once("/ID [<").expect("/ID").1;
    assert!(id[..32].bytes().all(|b| b.is_ascii_hexdigit()) && id[32..].starts_with("> <"), "{trailer}");

    let mut objects = BTreeMap::new();
    let mut sorted: Vec<(usize, usize)> = offsets.iter().map(|(n, o)| (*o, *n)).collect();
    sorted.sort();
    for (index, &(offset, number)) in sorted.iter().enumerate() {
        let start = format!("{number} 0 obj\n");
        assert!(pdf[offset..].starts_with(start.as_bytes()), "object {number}: offset {offset} misses `{start}`");
        let end = sorted.get(index + 1).map_or(startxref, |next| next.0);
        let body = &pdf[offset..end];
        assert!(body.ends_with(b"endobj\n"), "object {number} does not end with endobj");
        if let Some(at) = find(body, b"\nstream\n") {
            let dictionary = String::from_utf8_lossy(&body[..at]);
            let length: usize = dictionary
                .split_once("/Length ")
                .and_then(|(_, rest)| rest.split(' ').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("object {number}: stream without a direct /Length"));
            let data_end = at + "\nstream\n".len() + length;
            assert!(
                body[data_end..].starts_with(b"\nendstream\nendobj\n"),
                "object {number}: /Length {length} is wrong"
            );
            objects.insert(number, dictionary.into_owned());
        } else {
            objects.insert(number, String::from_utf8_lossy(body).into_owned());
        }
    }
    assert_eq!(objects.len(), count - 1, "every entry but 0 is an object");
    let mut referenced = BTreeSet::new();
    for text in objects.values().chain([&trailer]) {
        let tokens: Vec<&str> = text.split(|c: char| c.is_whitespace() || "[]<>/".contains(c)).collect();
        for window in tokens.windows(3) {
            if let [number, "0", "R"] = window
                && let Ok(number) = number.parse::<usize>()
            {
                referenced.insert(number);
            }
        }
    }
    for number in &referenced {
        assert!(objects.contains_key(number), "reference to missing object {number}");
    }
    Structure { size: count, objects }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Pages of `pdftotext` output (split on form feeds, the empty tail dropped).
pub fn pages(text: &str) -> Vec<&str> {
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|last| last.trim().is_empty()) {
        pages.pop();
    }
    pages
}
