//! `cargo xtask tidy`: rules about the source tree that the compiler does not
//! enforce. Each problem is one `path:line: reason` line, so editors and
//! terminals can jump to it. Also runs as a `#[test]`, hence under nextest.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::workspace_root;

/// Directories never looked into, at any depth: build output, installed
/// packages, git's own files, and the local data folder of `preau serve`.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".git", "preau-data"];

/// Text files that must end with a newline.
const TEXT_EXTENSIONS: &[&str] = &["rs", "toml", "md", "ftl", "html", "css", "sql", "js", "sh"];

/// Text files where a tab is always a mistake (indentation is spaces).
const NO_TAB_EXTENSIONS: &[&str] = &["rs", "toml", "ftl", "sql"];

/// What `domain` must not name: it has no I/O and no clock, so every rule can
/// be tested with fixed inputs. (`sqlx` is caught by the store-only rule.)
const DOMAIN_FORBIDDEN: &[&str] =
    &["std::fs", "std::net", "std::env", "tokio", "SystemTime::now", "Utc::now", "Local::now", "Instant::now"];

/// The only crates that may talk SQL directly.
const SQLX_CRATES: &[&str] = &["store", "testkit"];

const MIGRATIONS_SQLITE: &str = "crates/store/migrations/sqlite";
const MIGRATIONS_POSTGRES: &str = "crates/store/migrations/postgres";
const I18N_FR: &str = "crates/web/i18n/fr";
const I18N_EN: &str = "crates/web/i18n/en";

/// One rule broken at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    /// 1-based.
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.reason)
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`tidy` takes no arguments (got `{arg}`)"));
    }
    let problems = check(&workspace_root())?;
    for problem in &problems {
        println!("{problem}");
    }
    match problems.len() {
        0 => {
            println!("tidy: no problems");
            Ok(())
        }
        n => Err(format!("{n} problem(s) found")),
    }
}

/// All rules over the tree at `root`, problems sorted by path and line.
pub fn check(root: &Path) -> Result<Vec<Problem>, String> {
    let files = list_files(root)?;
    let mut problems = Vec::new();
    domain_is_pure(root, &files, &mut problems)?;
    sqlx_stays_in_store(root, &files, &mut problems)?;
    migrations_are_twinned(&files, &mut problems);
    translations_match(root, &files, &mut problems)?;
    text_hygiene(root, &files, &mut problems)?;
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(problems)
}

fn domain_is_pure(root: &Path, files: &[String], out: &mut Vec<Problem>) -> Result<(), String> {
    for path in files.iter().filter(|p| p.starts_with("crates/domain/src/") && p.ends_with(".rs")) {
        let text = read_text(root, path)?;
        for (index, code) in rust_code_lines(&text).iter().enumerate() {
            for token in DOMAIN_FORBIDDEN.iter().filter(|t| contains_token(code, t)) {
                out.push(Problem {
                    path: path.clone(),
                    line: index + 1,
                    reason: format!(
                        "`{token}` in domain: it does no I/O and reads no clock; \
                         pass the value in as an argument"
                    ),
                });
            }
        }
    }
    Ok(())
}

fn sqlx_stays_in_store(root: &Path, files: &[String], out: &mut Vec<Problem>) -> Result<(), String> {
    for path in files {
        let Some(krate) = path.strip_prefix("crates/").and_then(|rest| rest.split('/').next()) else {
            continue;
        };
        let is_manifest = path == &format!("crates/{krate}/Cargo.toml");
        if SQLX_CRATES.contains(&krate) || !(is_manifest || path.ends_with(".rs")) {
            continue;
        }
        let text = read_text(root, path)?;
        let lines = if is_manifest {
            text.lines().map(|line| toml_code_part(line).to_string()).collect()
        } else {
            rust_code_lines(&text)
        };
        for (index, code) in lines.iter().enumerate() {
            if contains_token(code, "sqlx") {
                out.push(Problem {
                    path: path.clone(),
                    line: index + 1,
                    reason: format!(
                        "`sqlx` outside {}: SQL lives in crates/store, call its functions",
                        SQLX_CRATES.join(" and ")
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Both backends run the same migration list, so each file needs its twin.
fn migrations_are_twinned(files: &[String], out: &mut Vec<Problem>) {
    let names = |dir: &str| -> BTreeSet<String> {
        files
            .iter()
            .filter_map(|p| p.strip_prefix(dir)?.strip_prefix('/'))
            .filter(|name| !name.contains('/'))
            .map(str::to_string)
            .collect()
    };
    let sqlite = names(MIGRATIONS_SQLITE);
    let postgres = names(MIGRATIONS_POSTGRES);
    for (mine, theirs, dir, other_dir) in [
        (&sqlite, &postgres, MIGRATIONS_SQLITE, MIGRATIONS_POSTGRES),
        (&postgres, &sqlite, MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE),
    ] {
        for name in mine.difference(theirs) {
            out.push(Problem {
                path: format!("{dir}/{name}"),
                line: 1,
                reason: format!("migration has no twin {other_dir}/{name}"),
            });
        }
    }
}

/// French is the reference locale and English must say the same things:
/// same files, same message ids.
fn translations_match(root: &Path, files: &[String], out: &mut Vec<Problem>) -> Result<(), String> {
    let ftl_under = |dir: &str| -> BTreeSet<String> {
        files
            .iter()
            .filter(|p| p.ends_with(".ftl"))
            .filter_map(|p| Some(p.strip_prefix(dir)?.strip_prefix('/')?.to_string()))
            .collect()
    };
    let fr = ftl_under(I18N_FR);
    let en = ftl_under(I18N_EN);
    for (mine, theirs, dir, other_dir) in [(&fr, &en, I18N_FR, I18N_EN), (&en, &fr, I18N_EN, I18N_FR)] {
        for name in mine.difference(theirs) {
            out.push(Problem {
                path: format!("{dir}/{name}"),
                line: 1,
                reason: format!("translation file has no twin {other_dir}/{name}"),
            });
        }
    }
    for name in fr.intersection(&en) {
        let fr_path = format!("{I18N_FR}/{name}");
        let en_path = format!("{I18N_EN}/{name}");
        let fr_ids = message_ids(&read_text(root, &fr_path)?);
        let en_ids = message_ids(&read_text(root, &en_path)?);
        for (path, ids, other_path, other_ids) in
            [(&fr_path, &fr_ids, &en_path, &en_ids), (&en_path, &en_ids, &fr_path, &fr_ids)]
        {
            for (id, lines) in ids {
                if lines.len() > 1 {
                    out.push(Problem {
                        path: path.clone(),
                        line: lines[1],
                        reason: format!("message `{id}` defined again (first at line {})", lines[0]),
                    });
                }
                if !other_ids.contains_key(id) {
                    out.push(Problem {
                        path: path.clone(),
                        line: lines[0],
                        reason: format!("message `{id}` is missing from {other_path}"),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Message ids of a Fluent file (lines `^[a-z][a-z0-9-]*\s*=`), each with the
/// lines it is defined on. Terms (`-brand`) and attributes (`.title`) are not ids.
fn message_ids(ftl: &str) -> BTreeMap<String, Vec<usize>> {
    let mut ids: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, line) in ftl.lines().enumerate() {
        if !line.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let end =
            line.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')).unwrap_or(line.len());
        if line[end..].trim_start().starts_with('=') {
            ids.entry(line[..end].to_string()).or_default().push(index + 1);
        }
    }
    ids
}

fn text_hygiene(root: &Path, files: &[String], out: &mut Vec<Problem>) -> Result<(), String> {
    for path in files {
        let Some(extension) = path.rsplit_once('.').map(|(_, e)| e) else {
            continue;
        };
        if !TEXT_EXTENSIONS.contains(&extension) {
            continue;
        }
        let text = read_text(root, path)?;
        if !text.is_empty() && !text.ends_with('\n') {
            out.push(Problem {
                path: path.clone(),
                line: text.lines().count(),
                reason: "no newline at end of file".into(),
            });
        }
        if NO_TAB_EXTENSIONS.contains(&extension) {
            let tabbed: Vec<usize> =
                text.lines().enumerate().filter(|(_, l)| l.contains('\t')).map(|(i, _)| i + 1).collect();
            if let Some(first) = tabbed.first() {
                let more = match tabbed.len() - 1 {
                    0 => String::new(),
                    n => format!(" (and {n} more line(s))"),
                };
                out.push(Problem {
                    path: path.clone(),
                    line: *first,
                    reason: format!("tab character: indent with spaces{more}"),
                });
            }
        }
    }
    Ok(())
}

/// Every file under `root`, as sorted `/`-separated relative paths. Symbolic
/// links are not followed, so the walk cannot loop.
fn list_files(root: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = root.join(&relative);
        let entries = fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type().map_err(|e| format!("{}: {e}", entry.path().display()))?;
            if kind.is_dir() && !SKIPPED_DIRS.contains(&name.as_str()) {
                pending.push(relative.join(&name));
            } else if kind.is_file() {
                let path = relative.join(&name);
                let parts: Vec<_> = path.iter().map(|p| p.to_string_lossy()).collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read_text(root: &Path, path: &str) -> Result<String, String> {
    let bytes = fs::read(root.join(path)).map_err(|e| format!("cannot read {path}: {e}"))?;
    // Invalid UTF-8 is itself worth a look, but not worth stopping the other rules.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The Rust source `text`, line by line, with comments and the contents of
/// string and character literals blanked out: prose and messages may name
/// what the code must not use (`assert!(!body.contains("sqlx"))`).
fn rust_code_lines(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    // Newlines are always kept, so line numbers survive.
    let skip_to = |code: &mut String, from: usize, to: usize| {
        code.extend(chars[from..to.min(chars.len())].iter().filter(|&&c| c == '\n'));
        to
    };
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_name = i > 0 && is_name(chars[i - 1]);
        if c == '/' && next == Some('/') {
            let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |n| i + n);
            i = skip_to(&mut code, i, end);
        } else if c == '/' && next == Some('*') {
            // Rust block comments nest.
            let (mut depth, mut j) = (1, i + 2);
            while j < chars.len() && depth > 0 {
                match (chars[j], chars.get(j + 1)) {
                    ('/', Some('*')) => (depth, j) = (depth + 1, j + 2),
                    ('*', Some('/')) => (depth, j) = (depth - 1, j + 2),
                    _ => j += 1,
                }
            }
            i = skip_to(&mut code, i, j);
        } else if c == 'r' && !after_name && matches!(next, Some('"' | '#')) {
            // Raw string: r"…", r#"…"#, and so on (also br"…" and cr"…").
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let open = i + 1 + hashes;
            if chars.get(open) != Some(&'"') {
                code.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let body: String = chars[open + 1..].iter().collect();
            let end = body
                .find(&close)
                .map_or(chars.len(), |at| open + 1 + body[..at].chars().count() + close.chars().count());
            code.push_str("\"\"");
            i = skip_to(&mut code, i, end);
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            code.push_str("\"\"");
            i = skip_to(&mut code, i, j + 1);
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{e9}'), or else a lifetime ('a).
            let end = match (next, chars.get(i + 2)) {
                // Past the escaped character, which may itself be a quote.
                (Some('\\'), _) => {
                    chars.get(i + 3..).and_then(|rest| rest.iter().position(|&c| c == '\'')).map(|n| i + 3 + n + 1)
                }
                (Some(_), Some('\'')) => Some(i + 3),
                _ => None,
            };
            match end {
                Some(end) => {
                    code.push_str("' '");
                    i = skip_to(&mut code, i, end);
                }
                None => {
                    code.push(c);
                    i += 1;
                }
            }
        } else {
            code.push(c);
            i += 1;
        }
    }
    code.split('\n').map(str::to_string).collect()
}

/// The line without its `#` comment (TOML). Strings stay: in a manifest,
/// `features = ["sqlx"]` is a use.
fn toml_code_part(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Whether `token` occurs in `code` as a whole name: `tokio` matches in
/// `tokio::spawn` but not in `tokio_util_free` or `my_tokio`.
fn contains_token(code: &str, token: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(token).any(|(start, _)| {
        let before = code[..start].chars().next_back();
        let after = code[start + token.len()..].chars().next();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// The real tree: this is how tidy runs under `cargo nextest`.
    #[test]
    fn tidy_passes() {
        let problems = check(&workspace_root()).expect("tidy could read the tree");
        let listing: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert!(problems.is_empty(), "tidy found problems:\n{}", listing.join("\n"));
    }

    /// A throwaway tree holding `files` (path, contents).
    fn tree(files: &[(&str, &str)]) -> PathBuf {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("xtask-tidy-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, contents) in files {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
        root
    }

    fn problems_in(files: &[(&str, &str)]) -> Vec<String> {
        let root = tree(files);
        let problems = check(&root).unwrap();
        fs::remove_dir_all(&root).unwrap();
        problems.iter().map(Problem::to_string).collect()
    }

    #[test]
    fn a_clean_tree_passes() {
        let found = problems_in(&[
            ("crates/domain/src/lib.rs", "//! No tokio here, no std::fs either.\npub fn f() {}\n"),
            ("crates/store/Cargo.toml", "[dependencies]\nsqlx.workspace = true\n"),
            ("crates/store/src/lib.rs", "use sqlx::Row;\n"),
            ("crates/store/migrations/sqlite/0001_a.sql", "CREATE TABLE a (id BIGINT);\n"),
            ("crates/store/migrations/postgres/0001_a.sql", "CREATE TABLE a (id BIGINT);\n"),
            ("crates/web/i18n/fr/main.ftl", "# c\nhello = Bonjour\n    .title = t\n-brand = Préau\n"),
            ("crates/web/i18n/en/main.ftl", "hello=Hello\n"),
            ("target/debug/x.rs", "no newline\tand a tab"),
            ("empty.md", ""),
        ]);
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn domain_may_not_do_io_or_read_the_clock() {
        let found = problems_in(&[(
            "crates/domain/src/time.rs",
            "use std::fs;\nlet t = chrono::Utc::now(); // and tokio\nlet s = \"http://x\"; tokio::spawn(f);\n\
             let my_tokio = 1;\nuse sqlx::Row;\n",
        )]);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].starts_with("crates/domain/src/time.rs:1: `std::fs` in domain"));
        assert!(found[1].starts_with("crates/domain/src/time.rs:2: `Utc::now` in domain"));
        assert!(found[2].starts_with("crates/domain/src/time.rs:3: `tokio` in domain"));
        assert!(found[3].starts_with("crates/domain/src/time.rs:5: `sqlx` outside store and testkit"));
    }

    #[test]
    fn sqlx_only_in_store_and_testkit() {
        let found = problems_in(&[
            ("crates/web/Cargo.toml", "[dependencies]\n# no sqlx here\nsqlx = \"0.9\"\n"),
            ("crates/web/src/lib.rs", "fn f(p: &sqlx::PgPool) {}\n"),
            ("crates/web/tests/it.rs", "assert!(!body.contains(\"sqlx\"));\n"),
            ("crates/testkit/src/lib.rs", "use sqlx::query;\n"),
            ("Cargo.toml", "[workspace.dependencies]\nsqlx = \"0.9\"\n"),
        ]);
        assert_eq!(
            found,
            [
                "crates/web/Cargo.toml:3: `sqlx` outside store and testkit: SQL lives in crates/store, call its functions",
                "crates/web/src/lib.rs:1: `sqlx` outside store and testkit: SQL lives in crates/store, call its functions",
            ]
        );
    }

    #[test]
    fn migrations_come_in_pairs() {
        let found = problems_in(&[
            ("crates/store/migrations/sqlite/0001_a.sql", "x;\n"),
            ("crates/store/migrations/sqlite/0002_b.sql", "x;\n"),
            ("crates/store/migrations/postgres/0001_a.sql", "x;\n"),
            ("crates/store/migrations/postgres/0003_c.sql", "x;\n"),
        ]);
        assert_eq!(
            found,
            [
                "crates/store/migrations/postgres/0003_c.sql:1: migration has no twin crates/store/migrations/sqlite/0003_c.sql",
                "crates/store/migrations/sqlite/0002_b.sql:1: migration has no twin crates/store/migrations/postgres/0002_b.sql",
            ]
        );
    }

    #[test]
    fn translations_have_the_same_ids() {
        let found = problems_in(&[
            ("crates/web/i18n/fr/main.ftl", "a = A\nonly-fr = B\na = again\n"),
            ("crates/web/i18n/en/main.ftl", "a = A\nonly-en = C\n"),
            ("crates/web/i18n/fr/extra.ftl", "x = X\n"),
        ]);
        assert_eq!(
            found,
            [
                "crates/web/i18n/en/main.ftl:2: message `only-en` is missing from crates/web/i18n/fr/main.ftl",
                "crates/web/i18n/fr/extra.ftl:1: translation file has no twin crates/web/i18n/en/extra.ftl",
                "crates/web/i18n/fr/main.ftl:2: message `only-fr` is missing from crates/web/i18n/en/main.ftl",
                "crates/web/i18n/fr/main.ftl:3: message `a` defined again (first at line 1)",
            ]
        );
    }

    #[test]
    fn text_files_end_with_a_newline_and_have_no_tabs() {
        let found = problems_in(&[
            ("a.rs", "fn f() {\n\tx();\n\ty();\n}"),
            ("b.md", "\tindented prose is fine in Markdown\n"),
            ("c.js", "let x = 1;"),
            ("d.txt", "not checked"),
        ]);
        assert_eq!(
            found,
            [
                "a.rs:2: tab character: indent with spaces (and 1 more line(s))",
                "a.rs:4: no newline at end of file",
                "c.js:1: no newline at end of file",
            ]
        );
    }

    #[test]
    fn comments_and_literals_are_not_code() {
        let source = r##"let a = 1; // tokio
let u = "http://x"; tokio::spawn();
let q = "\"//"; let c = '"'; let d = '\''; fn f<'a>(x: &'a str) {}
/* one /* nested */
   still comment */ let e = r#"raw "sqlx" "#; let s = "multi
line sqlx"; done"##;
        assert_eq!(
            rust_code_lines(source),
            [
                "let a = 1; ",
                r#"let u = ""; tokio::spawn();"#,
                r#"let q = ""; let c = ' '; let d = ' '; fn f<'a>(x: &'a str) {}"#,
                "",
                r#" let e = ""; let s = """#,
                "; done",
            ]
        );
        assert_eq!(toml_code_part("sqlx = 1 # why"), "sqlx = 1 ");
        assert_eq!(toml_code_part(r##"a = "#x""##), r##"a = "#x""##);
    }

    #[test]
    fn tokens_are_whole_names() {
        assert!(contains_token("tokio::spawn", "tokio"));
        assert!(contains_token("use std::fs;", "std::fs"));
        assert!(!contains_token("use std::fsx;", "std::fs"));
        assert!(!contains_token("my_tokio", "tokio"));
        assert!(!contains_token("tokio2", "tokio"));
    }
}
