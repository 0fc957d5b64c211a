//! `cargo xtask bench`: the release binary, measured on SQLite and on
//! PostgreSQL against the targets of DESIGN.md §5, written to BENCHMARKS.md.
//!
//! For each backend: fresh data through the `preau admin` CLI (associations,
//! and 10,000 generated members in the one logged into), cold starts, a login
//! over raw HTTP, then every entry of `SCENARIOS` against the running server.
//! A new measurement is a new function in that list. `--only KEY` runs the
//! scenarios of that key alone and merges their rows into BENCHMARKS.md.

mod books;
mod checkup;
mod data;
mod http;
mod imports;
mod members;
mod report;
mod statements;
mod vault;
mod wrk;

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use report::{Measure, number};

use crate::ci::DEFAULT_PG_URL;
use crate::{cargo, describe, human_duration, run_command, target_dir, which, workspace_root};

/// The association the bench logs into, as its administrator; it holds the
/// generated members (`members::COUNT`).
const MAIN_NAME: &str = "Les Amis du Préau";
const MAIN_SLUG: &str = "amis";
const MAIN_EMAIL: &str = "tresoriere@amis.example";
/// Every bench user's password: long enough for the 12-character rule.
const PASSWORD: &str = "banc-d-essai-du-preau";
/// Other tenants on the same server, so lookups are not trivially one-row.
const EXTRA_ASSOCIATIONS: usize = 50;
const SEED: u64 = 2024;
/// Cold start is reported as the median of this many starts.
const COLD_STARTS: usize = 3;
const START_TIMEOUT: Duration = Duration::from_secs(15);
const PG_DATABASE: &str = "preau_bench";

const MB: f64 = 1024.0 * 1024.0;
const KB: f64 = 1024.0;

/// A measurement over a running, logged-in server, adding rows to the report.
struct Scenario {
    /// What `--only` picks it by.
    key: &'static str,
    name: &'static str,
    run: fn(&mut Ctx) -> Result<Vec<Measure>, String>,
    /// How the report's intro describes it, beyond the common method.
    method: Option<fn() -> String>,
}

const SCENARIOS: &[Scenario] = &[
    Scenario { key: "idle", name: "idle memory", run: idle_memory, method: None },
    Scenario { key: "members", name: "member list, one request at a time", run: members::one_request, method: None },
    Scenario { key: "weight", name: "page weight", run: page_weight, method: None },
    Scenario { key: "load", name: "throughput and memory under load", run: throughput, method: None },
    Scenario { key: "import", name: "member import", run: imports::import_members, method: None },
    Scenario { key: "export", name: "member export", run: imports::export_members, method: None },
    Scenario {
        key: "books",
        name: "books: 50,000 entries, their pages, the FEC out and in",
        run: books::books,
        method: Some(books::method),
    },
    Scenario {
        key: "vault",
        name: "access registry of 200 accounts, a vault of 2,000 entries in Chromium",
        run: vault::vault,
        method: Some(vault::method),
    },
    Scenario {
        key: "checkup",
        name: "check-up: one domain, then 1,000, against the fixtures",
        run: |ctx| checkup::checkup(ctx.bin),
        method: Some(checkup::method),
    },
];

/// Scenarios that need no database nor server: `--only` them alone skips
/// preparing both, and their rows fill every column.
const STANDALONE: &[&str] = &["checkup"];

/// The keys `--only` accepts, in order.
fn scenario_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = SCENARIOS.iter().map(|s| s.key).collect();
    keys.dedup();
    keys
}

/// What a scenario works with.
struct Ctx<'a> {
    bin: &'a Path,
    backend: &'a Backend,
    server: &'a mut Server,
    session: &'a Session,
    wrk: &'a Path,
    /// Length of each wrk run.
    seconds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
}

impl Kind {
    const ALL: [Kind; 2] = [Kind::Sqlite, Kind::Postgres];

    fn label(self) -> &'static str {
        match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Kind::Sqlite => "sqlite",
            Kind::Postgres => "postgres",
        }
    }
}

#[derive(Debug, PartialEq)]
struct Options {
    quick: bool,
    kinds: Vec<Kind>,
    /// A binary to measure instead of building one (to compare two builds).
    bin: Option<PathBuf>,
    /// Scenario keys to run alone (`--only books,import`); empty runs them all.
    only: Vec<String>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options { quick: false, kinds: Kind::ALL.to_vec(), bin: None, only: Vec::new() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_string())),
                None => (arg.as_str(), None),
            };
            let mut value = || inline.clone().or_else(|| args.next().cloned()).ok_or(format!("{name} needs a value"));
            match name {
                "--quick" => options.quick = true,
                "--backend" => {
                    let backend = value()?;
                    let kind = Kind::ALL.into_iter().find(|k| k.key() == backend);
                    let kind =
                        kind.ok_or_else(|| format!("--backend takes `sqlite` or `postgres`, not `{backend}`"))?;
                    options.kinds = vec![kind];
                }
                "--bin" => options.bin = Some(PathBuf::from(value()?)),
                "--only" => {
                    for key in value()?.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                        if !scenario_keys().contains(&key) {
                            return Err(format!("--only takes {}, not `{key}`", scenario_keys().join(", ")));
                        }
                        if !options.only.iter().any(|k| k == key) {
                            options.only.push(key.to_string());
                        }
                    }
                    if options.only.is_empty() {
                        return Err(format!("--only needs one of {}", scenario_keys().join(", ")));
                    }
                }
                other => return Err(format!("unknown option `{other}` (try `cargo xtask help`)")),
            }
        }
        Ok(options)
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args)?;
    let seconds = if options.quick { 3 } else { 10 };
    let standalone = !options.only.is_empty() && options.only.iter().all(|k| STANDALONE.contains(&k.as_str()));
    // Check the tools before the long release build, not after.
    let wrk = if standalone {
        PathBuf::new()
    } else {
        which("wrk").ok_or("wrk not found; install it with `apt-get install -y wrk`")?
    };
    let admin_url = std::env::var("PREAU_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.to_string());
    let pg_version = if options.kinds.contains(&Kind::Postgres) && !standalone {
        let version = psql(&admin_url, "SHOW server_version").map_err(|e| {
            format!(
                "PostgreSQL is not reachable at {admin_url}: {e}\n\
                 Start it, point PREAU_TEST_PG_URL at one, or pass `--backend sqlite`."
            )
        })?;
        Some(version)
    } else {
        None
    };

    let bin = match &options.bin {
        Some(bin) => std::path::absolute(bin).map_err(|e| format!("{}: {e}", bin.display()))?,
        None => {
            println!("==> cargo build --release -p server");
            let started = Instant::now();
            run_command(cargo().args(["build", "--release", "-p", "server"]))?;
            println!("<== built in {}", human_duration(started.elapsed()));
            target_dir().join("release/preau")
        }
    };
    let binary_size = fs::metadata(&bin).map_err(|e| format!("{}: {e}", bin.display()))?.len();

    let mut columns = Vec::new();
    if standalone {
        let mut measures = Vec::new();
        for scenario in SCENARIOS.iter().filter(|s| options.only.iter().any(|k| k == s.key)) {
            println!("==> {}", scenario.name);
            if scenario.key == "checkup" {
                measures.extend(checkup::checkup(&bin)?);
            }
        }
        columns = Kind::ALL.iter().map(|k| options.kinds.contains(k).then(|| measures.clone())).collect();
    }
    for kind in Kind::ALL.into_iter().filter(|_| !standalone) {
        let column = if options.kinds.contains(&kind) {
            let started = Instant::now();
            println!("==> {}", kind.label());
            let measures = bench_backend(kind, &bin, &wrk, &admin_url, (seconds, &options.only))
                .map_err(|e| format!("{}: {e}", kind.label()))?;
            println!("<== {} done in {}", kind.label(), human_duration(started.elapsed()));
            Some(measures)
        } else {
            None
        };
        columns.push(column);
    }

    let context = report::Context {
        generated_at: report::utc_now(),
        commit: git_commit(),
        machine: machine(),
        binary: format!("`{}`, {} MB", binary_name(&bin), number(binary_size as f64 / MB)),
        method: method(options.bin.is_none(), seconds, pg_version.as_deref(), &options.only),
        reproduce: format!(
            "`cargo xtask bench` (needs `wrk` and a PostgreSQL server at `PREAU_TEST_PG_URL`, \
             default `postgres://postgres@127.0.0.1:5432/postgres`); `--quick` for 3 s load runs, \
             `--backend sqlite` for one backend, `--only KEY[,KEY]` for some scenarios ({}), their rows merged \
             into this file.",
            scenario_keys().join(", ")
        ),
    };
    let labels: Vec<&str> = Kind::ALL.iter().map(|k| k.label()).collect();
    let path = workspace_root().join("BENCHMARKS.md");
    let text = if options.only.is_empty() {
        report::render(&context, &labels, &columns)
    } else {
        let existing = fs::read_to_string(&path).unwrap_or_default();
        report::merge(&existing, &context, &options.only.join(","), &labels, &columns)
    };
    fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\n{text}\nwrote {}", path.display());
    Ok(())
}

fn bench_backend(
    kind: Kind,
    bin: &Path,
    wrk: &Path,
    admin_url: &str,
    (seconds, only): (u32, &[String]),
) -> Result<Vec<Measure>, String> {
    let backend = Backend::create(kind, admin_url)?;
    println!("    preparing {} associations through `preau admin`", EXTRA_ASSOCIATIONS + 1);
    prepare_data(bin, &backend)?;

    // Declared after `backend`, so dropped (stopped) before its data goes.
    let (mut server, first) = Server::start(bin, &backend)?;
    let mut starts = vec![first];
    for _ in 1..COLD_STARTS {
        drop(server);
        let (next, took) = Server::start(bin, &backend)?;
        server = next;
        starts.push(took);
    }
    starts.sort();
    let cold_start = starts[starts.len() / 2].as_secs_f64() * 1000.0;
    println!("    cold start: {} ms (median of {COLD_STARTS})", number(cold_start));

    let session = log_in(server.port, MAIN_EMAIL)?;
    let mut measures = Vec::new();
    // A partial run reports its scenarios' rows only.
    if only.is_empty() {
        measures.push(Measure::new(
            format!("cold start to `GET /login` 200 (median of {COLD_STARTS})"),
            format!("{} ms", number(cold_start)),
            "< 100 ms",
            Some(cold_start < 100.0),
        ));
    }
    let mut ctx = Ctx { bin, backend: &backend, server: &mut server, session: &session, wrk, seconds };
    for scenario in SCENARIOS.iter().filter(|s| only.is_empty() || only.iter().any(|k| k == s.key)) {
        println!("    {}", scenario.name);
        let found = (scenario.run)(&mut ctx).map_err(|e| format!("{}: {e}", scenario.name))?;
        measures.extend(found);
    }
    Ok(measures)
}

fn idle_memory(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    // Let start-up work (migrations check, first requests) settle first.
    thread::sleep(Duration::from_millis(500));
    let rss = rss_bytes(ctx.server.pid())? as f64 / MB;
    Ok(vec![Measure::new(
        "memory, idle (RSS after start and login)",
        format!("{} MB", number(rss)),
        "< 20 MB",
        Some(rss < 20.0),
    )])
}

/// A page the bench loads: weighed, then put under load.
struct Page {
    /// How the report names it.
    label: &'static str,
    path: &'static str,
    /// Whether it needs the session cookie.
    logged_in: bool,
    /// Whether DESIGN.md §5 sets its targets (those are the member list's);
    /// the other pages are measured alongside, for comparison.
    targeted: bool,
}

const PAGES: &[Page] = &[
    Page { label: "`/login`", path: "/login", logged_in: false, targeted: false },
    Page { label: "`/` (dashboard)", path: "/", logged_in: true, targeted: false },
    Page { label: "`/members` (100 rows of 10,000)", path: "/members", logged_in: true, targeted: true },
];

fn page_weight(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    let mut measures = Vec::new();
    for page in PAGES {
        let cookie = page.logged_in.then_some(ctx.session.cookie.as_str());
        let weight = weigh(ctx.server.port, page.path, cookie)?;
        measures.extend(weight_measures(page, &weight));
    }
    Ok(measures)
}

/// Rows for one page's weight: bytes, then requests.
fn weight_measures(page: &Page, weight: &Weight) -> Vec<Measure> {
    let (kb, gzip_kb) = (weight.bytes as f64 / KB, weight.gzip_bytes as f64 / KB);
    let targeted = page.targeted;
    let external = match weight.external {
        0 => String::new(),
        n => format!(" ({n} on other hosts, not weighed)"),
    };
    vec![
        Measure::new(
            format!("page weight, {}", page.label),
            if weight.compressed {
                format!("{} KB ({} KB gzip)", number(kb), number(gzip_kb))
            } else {
                format!("{} KB (not compressed)", number(kb))
            },
            if targeted { "< 60 KB (15 KB gzip)" } else { "" },
            targeted.then_some(kb < 60.0 && gzip_kb < 15.0),
        ),
        Measure::new(
            format!("requests, {}", page.label),
            format!("{}{external}", weight.requests),
            if targeted { "≤ 3" } else { "" },
            targeted.then_some(weight.requests <= 3),
        ),
    ]
}

fn throughput(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    let mut measures = Vec::new();
    let mut peak = 0;
    let cookie = ctx.session.cookie.clone();
    for page in PAGES {
        let cookie = page.logged_in.then_some(cookie.as_str());
        for connections in [8, 32] {
            println!("      wrk -c{connections} -d{}s {}", ctx.seconds, page.path);
            let url = format!("http://127.0.0.1:{}{}", ctx.server.port, page.path);
            let (load, run_peak) =
                peak_rss_during(ctx.server.pid(), || wrk::run(ctx.wrk, &url, connections, ctx.seconds, cookie));
            let load = load?;
            peak = peak.max(run_peak);
            ctx.server.check_alive()?;
            if page.logged_in {
                // wrk counts a redirect to /login as a success: make sure the
                // session survived, so the numbers are the page's.
                still_logged_in(ctx.server.port, ctx.session, page.path)?;
            }
            println!(
                "        {} req/s, p50 {} ms, p99 {} ms",
                number(load.requests_per_sec),
                latency(load.p50_ms),
                latency(load.p99_ms)
            );
            measures.extend(load_measures(&format!("`GET {}`", page.path), connections, &load, page.targeted));
        }
    }
    let peak = peak as f64 / MB;
    measures.push(Measure::new(
        "memory, under load (peak RSS during the wrk runs)",
        format!("{} MB", number(peak)),
        "< 60 MB",
        Some(peak < 60.0),
    ));
    Ok(measures)
}

/// Rows for one wrk run. DESIGN.md §5 sets the member list's target at 32
/// connections; other pages (`targeted` false) are reported without one.
fn load_measures(label: &str, connections: u32, load: &wrk::Load, targeted: bool) -> Vec<Measure> {
    let has_target = targeted && connections == 32;
    let mut rate = number(load.requests_per_sec);
    if load.bad_responses > 0 || load.socket_errors > 0 {
        rate.push_str(&format!(" ({} bad responses, {} socket errors)", load.bad_responses, load.socket_errors));
    }
    vec![
        Measure::new(
            format!("{label}, {connections} connections: req/s"),
            rate,
            if has_target { "≥ 2000" } else { "" },
            has_target.then_some(load.requests_per_sec >= 2000.0 && load.bad_responses == 0),
        ),
        Measure::new(
            format!("{label}, {connections} connections: latency p50 / p99"),
            format!("{} / {} ms", latency(load.p50_ms), latency(load.p99_ms)),
            if has_target { "p99 < 25 ms" } else { "" },
            has_target.then_some(load.p99_ms < 25.0),
        ),
    ]
}

fn latency(ms: f64) -> String {
    if ms < 10.0 { format!("{ms:.2}") } else { number(ms) }
}

/// A database and a data folder, both fresh, removed again on drop.
struct Backend {
    kind: Kind,
    data_dir: PathBuf,
    admin_url: String,
    database_url: Option<String>,
}

impl Backend {
    fn create(kind: Kind, admin_url: &str) -> Result<Backend, String> {
        let data_dir = std::env::temp_dir().join(format!("preau-bench-{}-{}", kind.key(), std::process::id()));
        let _ = fs::remove_dir_all(&data_dir);
        fs::create_dir_all(&data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
        let mut backend = Backend { kind, data_dir, admin_url: admin_url.to_string(), database_url: None };
        if kind == Kind::Postgres {
            backend.drop_database()?;
            psql(admin_url, &format!("CREATE DATABASE {PG_DATABASE} TEMPLATE template0 ENCODING 'UTF8'"))?;
            backend.database_url = Some(with_database(admin_url, PG_DATABASE));
        }
        Ok(backend)
    }

    fn drop_database(&self) -> Result<(), String> {
        psql(&self.admin_url, &format!("DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")).map(drop)
    }

    /// The options every `preau` command takes to find its data.
    fn args(&self) -> Vec<String> {
        let mut args = vec!["--data-dir".to_string(), self.data_dir.display().to_string()];
        if let Some(url) = &self.database_url {
            args.extend(["--database-url".to_string(), url.clone()]);
        }
        args
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.data_dir);
        if self.kind == Kind::Postgres {
            let _ = self.drop_database();
        }
    }
}

/// A `preau` command that sees only what we pass: a `PREAU_*` variable in the
/// caller's shell (say a database URL) must not switch the backend under us.
fn preau(bin: &Path) -> Command {
    let mut command = Command::new(bin);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("PREAU_") {
            command.env_remove(name);
        }
    }
    command
}

fn prepare_data(bin: &Path, backend: &Backend) -> Result<(), String> {
    create_association(bin, backend, MAIN_NAME, MAIN_SLUG, MAIN_EMAIL)?;
    for association in data::associations(EXTRA_ASSOCIATIONS, SEED) {
        create_association(bin, backend, &association.name, &association.slug, &association.admin_email)?;
    }
    let (count, seed) = (members::COUNT.to_string(), members::SEED.to_string());
    let payments = members::PAYMENTS.to_string();
    let started = Instant::now();
    let demo =
        ["demo-members", "--association", MAIN_SLUG, "--count", &count, "--seed", &seed, "--payments", &payments];
    admin(bin, backend, &demo, None)?;
    println!(
        "    {count} members and {payments} payments added to `{MAIN_SLUG}` by `preau admin demo-members` in {}",
        human_duration(started.elapsed())
    );
    if let Some(url) = &backend.database_url {
        // What autovacuum does a minute or so after a bulk insert, done now so
        // every run measures the same state: without statistics the planner
        // guesses a few rows per association and sorts all 10,000 members for
        // every page of the list, and `COUNT(*)` cannot use an index-only scan.
        psql(url, "VACUUM ANALYZE")?;
    }
    Ok(())
}

fn create_association(bin: &Path, backend: &Backend, name: &str, slug: &str, email: &str) -> Result<(), String> {
    admin(bin, backend, &["create-association", "--name", name, "--slug", slug], None)?;
    let user = ["create-user", "--association", slug, "--email", email, "--role", "administrator", "--password-stdin"];
    admin(bin, backend, &user, Some(PASSWORD))
}

/// `preau admin <args> --data-dir … [--database-url …]`, optionally fed a line on stdin.
fn admin(bin: &Path, backend: &Backend, args: &[&str], stdin: Option<&str>) -> Result<(), String> {
    let mut command = preau(bin);
    command.arg("admin").args(args).args(backend.args());
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("could not run `{}`: {e}", describe(&command)))?;
    if let (Some(line), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // Dropping the pipe right after closes it, as `echo … |` would.
        pipe.write_all(format!("{line}\n").as_bytes()).map_err(|e| format!("`{}`: {e}", describe(&command)))?;
    }
    let output = child.wait_with_output().map_err(|e| format!("`{}`: {e}", describe(&command)))?;
    if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!("`{}` failed ({}): {}", describe(&command), output.status, stderr.trim()))
    }
}

/// `preau serve`, stopped on drop.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts the server and returns with it once `GET /login` answers 200,
    /// with the time from spawn to that answer: the cold start.
    fn start(bin: &Path, backend: &Backend) -> Result<(Server, Duration), String> {
        let fail = |e: String| format!("preau binary failed to start: {e}");
        let port = free_port().map_err(fail)?;
        let log = backend.data_dir.join("serve.log");
        let out = fs::OpenOptions::new().create(true).append(true).open(&log);
        let out = out.map_err(|e| fail(format!("{}: {e}", log.display())))?;
        let err = out.try_clone().map_err(|e| fail(e.to_string()))?;
        let mut command = preau(bin);
        command.args(["serve", "--listen", &format!("127.0.0.1:{port}")]).args(backend.args());
        command.stdin(Stdio::null()).stdout(out).stderr(err);

        let started = Instant::now();
        let child = command.spawn().map_err(|e| fail(format!("`{}`: {e}", describe(&command))))?;
        let mut server = Server { child, port, log };
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                let reason = format!("it exited ({status}) before `GET /login` answered 200{}", server.log_tail());
                return Err(fail(reason));
            }
            let last = match http::get(port, "/login", &[]) {
                Ok(response) if response.status == 200 => return Ok((server, started.elapsed())),
                Ok(response) => response.summary(),
                Err(e) => e,
            };
            if started.elapsed() > START_TIMEOUT {
                let reason = format!(
                    "`GET /login` did not answer 200 within {} s (last: {last}){}",
                    START_TIMEOUT.as_secs(),
                    server.log_tail()
                );
                return Err(fail(reason));
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn check_alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!("the server died under load ({status}){}", self.log_tail())),
            Err(e) => Err(format!("cannot check on the server: {e}")),
        }
    }

    fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            return format!("; it wrote nothing to {}", self.log.display());
        }
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("; last lines of {}:\n{tail}", self.log.display())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM first, so it shuts down as in production (SQLite checkpoints
        // its WAL); std can only SIGKILL, hence `kill`.
        let _ = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The cookies of a logged-in administrator, as one `Cookie:` header value.
struct Session {
    cookie: String,
}

/// Logs in as a browser without JavaScript would: the form's CSRF token
/// (also set as a cookie), then the form post, then the dashboard.
fn log_in(port: u16, email: &str) -> Result<Session, String> {
    let page = http::get(port, "/login", &[])?;
    if page.status != 200 {
        return Err(format!("GET /login: {}", page.summary()));
    }
    let csrf_cookie = page.set_cookie("preau_csrf").ok_or("GET /login set no `preau_csrf` cookie")?;
    let csrf_field = http::input_value(&page.text(), "csrf").ok_or("the login form has no `csrf` input")?;
    let body = http::form_encode(&[("csrf", &csrf_field), ("email", email), ("password", PASSWORD)]);
    let headers =
        [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", &format!("preau_csrf={csrf_cookie}"))];
    let posted = http::request(port, "POST", "/login", &headers, body.as_bytes())?;
    if posted.status != 303 {
        return Err(format!("POST /login: expected 303, got {}", posted.summary()));
    }
    let session_id = posted.set_cookie("preau_session").ok_or("POST /login answered 303 but set no `preau_session`")?;
    // The server may hand out a fresh CSRF token with the session.
    let csrf = posted.set_cookie("preau_csrf").unwrap_or(csrf_cookie);
    let session = Session { cookie: format!("preau_session={session_id}; preau_csrf={csrf}") };
    still_logged_in(port, &session, "/")?;
    Ok(session)
}

/// Checks that `path` answers the session with the page itself (200, and for
/// the member list a full page of rows), not a redirect to /login.
fn still_logged_in(port: u16, session: &Session, path: &str) -> Result<(), String> {
    let response = http::get(port, path, &[("Cookie", &session.cookie)])?;
    let checked = if path.starts_with("/members") {
        members::check(&response, members::Expect::FullPage).map(drop)
    } else if response.status == 200 {
        Ok(())
    } else {
        Err(format!("expected 200, got {}", response.summary()))
    };
    checked.map_err(|e| format!("GET {path} with the session cookie: {e}"))
}

/// What loading `path` costs a browser with an empty cache.
#[derive(Debug, Default)]
struct Weight {
    requests: usize,
    bytes: usize,
    /// Bytes on the wire when the client accepts gzip (as browsers do).
    gzip_bytes: usize,
    /// Whether the server gzipped any of it.
    compressed: bool,
    /// Requests to other hosts: counted, not fetched.
    external: usize,
}

fn weigh(port: u16, path: &str, cookie: Option<&str>) -> Result<Weight, String> {
    let mut headers = Vec::new();
    if let Some(cookie) = cookie {
        headers.push(("Cookie", cookie));
    }
    let fetch = |path: &str| -> Result<(http::Response, usize, bool), String> {
        let plain = http::get(port, path, &headers)?;
        if plain.status != 200 {
            return Err(format!("GET {path}: {}", plain.summary()));
        }
        let mut gzip_headers = headers.clone();
        gzip_headers.push(("Accept-Encoding", "gzip"));
        let gzip = http::get(port, path, &gzip_headers)?;
        let gzipped = gzip.header("content-encoding").is_some_and(|e| e.contains("gzip"));
        Ok((plain, gzip.body.len(), gzipped))
    };

    let mut weight = Weight::default();
    // Breadth first from the page: its assets, then what stylesheets pull in.
    let mut pending = vec![path.to_string()];
    let mut seen = pending.clone();
    while !pending.is_empty() {
        let current = pending.remove(0);
        let (response, gzip_bytes, gzipped) = fetch(&current)?;
        weight.compressed |= gzipped;
        weight.requests += 1;
        weight.bytes += response.body.len();
        weight.gzip_bytes += gzip_bytes;
        let content_type = response.header("content-type").unwrap_or_default().to_ascii_lowercase();
        let references = if current == path {
            http::page_assets(&response.text())
        } else if content_type.starts_with("text/css") {
            http::stylesheet_assets(&response.text())
        } else {
            Vec::new()
        };
        for reference in references {
            match http::resolve(&current, &reference) {
                Some(url) if !seen.contains(&url) => {
                    seen.push(url.clone());
                    pending.push(url);
                }
                Some(_) => {}
                None => {
                    weight.requests += 1;
                    weight.external += 1;
                }
            }
        }
    }
    Ok(weight)
}

/// Runs `work` while sampling the RSS of `pid` every 100 ms; returns its
/// result and the highest RSS seen, in bytes.
fn peak_rss_during<T>(pid: u32, work: impl FnOnce() -> T) -> (T, u64) {
    let done = AtomicBool::new(false);
    thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                peak = peak.max(rss_bytes(pid).unwrap_or(0));
                thread::sleep(Duration::from_millis(100));
            }
            peak
        });
        let result = work();
        done.store(true, Ordering::Relaxed);
        (result, sampler.join().unwrap_or(0))
    })
}

fn rss_bytes(pid: u32) -> Result<u64, String> {
    let path = format!("/proc/{pid}/status");
    let status = fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    vm_rss_bytes(&status).ok_or_else(|| format!("no VmRSS line in {path}"))
}

/// `VmRSS:     12345 kB` from a `/proc/PID/status` text.
fn vm_rss_bytes(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().next()?.parse().ok()?;
    Some(kb * 1024)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| format!("no free port: {e}"))
}

/// Runs one statement with psql against `url`; returns its trimmed output.
fn psql(url: &str, sql: &str) -> Result<String, String> {
    let output = Command::new("psql")
        .args([url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .map_err(|e| format!("could not run psql: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(format!("psql `{sql}`: {}", String::from_utf8_lossy(&output.stderr).trim()))
    }
}

/// `url` with its database name replaced by `name`, query string kept.
fn with_database(url: &str, name: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

/// The binary as a path relative to the workspace when it is inside it.
fn binary_name(bin: &Path) -> String {
    bin.strip_prefix(workspace_root()).unwrap_or(bin).display().to_string()
}

fn git_commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(workspace_root())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]).map_or("none yet".into(), |c| format!("`{c}`"));
    // This report is rewritten by every run; it does not make the tree dirty.
    let changes = git(&["status", "--porcelain", "--", ".", ":(exclude)BENCHMARKS.md"]);
    match changes {
        Some(changes) if !changes.is_empty() => format!("{commit} with uncommitted changes"),
        _ => commit,
    }
}

fn machine() -> String {
    let cpus = thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':').map(|(_, m)| m.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kb: f64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:")?.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{cpus} CPUs (`nproc`), {model}, {} GB RAM, Linux {}", number(memory_kb / MB), kernel.trim())
}

/// The intro's method: what every run does, then what the scenarios run add.
fn method(built_here: bool, seconds: u32, pg_version: Option<&str>, only: &[String]) -> String {
    let build = if built_here { "release build" } else { "binary given with `--bin`" };
    let postgres = pg_version.map_or(String::new(), |v| format!(", PostgreSQL {v} on the same machine"));
    let mut text = if !only.is_empty() && only.iter().all(|k| STANDALONE.contains(&k.as_str())) {
        format!("{build}; no database nor server.")
    } else if !only.is_empty() {
        format!("{build}{postgres}; the data, server and login as in a full run (see the method above).")
    } else {
        format!(
            "{build}; {} associations with one administrator each, created through `preau admin`, and {} generated \
         members with {} payments over three years (`preau admin demo-members --seed {} --payments …`) in \
         `{MAIN_SLUG}`, whose administrator the bench logs in \
         as{postgres}; a fresh SQLite data folder and a fresh `{PG_DATABASE}` database, on which `VACUUM ANALYZE` \
         is run once the data is in (as autovacuum would a minute or so later). One-request times: \
         {} sequential `GET`s after {} untimed ones, each on a fresh connection (`Connection: close`, no \
         compression asked), timed from connecting to the last byte; every response is checked (200, the \
         rows and total expected). Load from `wrk -t2 --latency`, {seconds} s per run, on the same machine \
         as the server; after each logged-in run the session is checked to still open the page. DESIGN.md \
         §5 sets its list targets for the member list: the login page and the dashboard are measured \
         alongside for comparison, without targets. Page weight counts the page, its stylesheets, scripts, \
         images and icons, and what the stylesheets import.",
            EXTRA_ASSOCIATIONS + 1,
            report::grouped(members::COUNT),
            report::grouped(members::PAYMENTS),
            members::SEED,
            members::SAMPLES,
            members::WARM_UP,
        )
    };
    for scenario in SCENARIOS.iter().filter(|s| only.is_empty() || only.iter().any(|k| k == s.key)) {
        if let Some(more) = scenario.method {
            text.push(' ');
            text.push_str(&more());
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        let default = Options { quick: false, kinds: Kind::ALL.to_vec(), bin: None, only: Vec::new() };
        assert_eq!(Options::parse(&[]).unwrap(), default);
        let quick_sqlite = Options::parse(&args(&["--quick", "--backend", "sqlite", "--bin=/tmp/p"]));
        let expected = Options { quick: true, kinds: vec![Kind::Sqlite], bin: Some("/tmp/p".into()), only: Vec::new() };
        assert_eq!(quick_sqlite.unwrap(), expected);
        let postgres = Options::parse(&args(&["--backend=postgres"])).unwrap();
        assert_eq!(postgres.kinds, [Kind::Postgres]);
        assert!(Options::parse(&args(&["--backend", "mysql"])).is_err());
        assert!(Options::parse(&args(&["--backend"])).is_err());
        assert!(Options::parse(&args(&["--slow"])).is_err());
        assert!(Options::parse(&args(&["--bin"])).is_err());
        let books = Options::parse(&args(&["--only", "books", "--only=import,books"])).unwrap();
        assert_eq!(books.only, ["books", "import"]);
        assert!(Options::parse(&args(&["--only", "nothing"])).unwrap_err().contains("books"));
        assert!(Options::parse(&args(&["--only", ","])).is_err());
    }

    #[test]
    fn database_urls() {
        let url = "postgres://postgres@127.0.0.1:5432/postgres";
        assert_eq!(with_database(url, "preau_bench"), "postgres://postgres@127.0.0.1:5432/preau_bench");
        assert_eq!(with_database("postgres://u:p@db/x?sslmode=disable", "b"), "postgres://u:p@db/b?sslmode=disable");
        assert_eq!(with_database("postgres://localhost", "b"), "postgres://localhost/b");
    }

    #[test]
    fn reads_vm_rss() {
        let status = "Name:\tpreau\nVmPeak:\t  99999 kB\nVmRSS:\t   12288 kB\nThreads:\t3\n";
        assert_eq!(vm_rss_bytes(status), Some(12 * 1024 * 1024));
        assert_eq!(vm_rss_bytes("Name:\tkthreadd\n"), None);
    }

    #[test]
    fn samples_our_own_rss() {
        let ((), peak) = peak_rss_during(std::process::id(), || thread::sleep(Duration::from_millis(250)));
        assert!(peak > 1024 * 1024, "{peak}");
    }

    #[test]
    fn load_rows_carry_the_target_at_32_connections_only() {
        let load =
            wrk::Load { requests_per_sec: 2500.0, p50_ms: 0.8, p99_ms: 30.0, bad_responses: 0, socket_errors: 0 };
        let at_8 = load_measures("`GET /members`", 8, &load, true);
        assert_eq!((at_8[0].met, at_8[1].met), (None, None));
        assert_eq!((at_8[0].target, at_8[1].target), ("", ""));
        let at_32 = load_measures("`GET /members`", 32, &load, true);
        assert_eq!((at_32[0].met, at_32[1].met), (Some(true), Some(false)));
        assert_eq!(at_32[0].what, "`GET /members`, 32 connections: req/s");
        assert_eq!(at_32[1].value, "0.80 / 30.0 ms");
        let failing = wrk::Load { bad_responses: 3, ..load };
        assert_eq!(load_measures("x", 32, &failing, true)[0].met, Some(false));
        assert!(load_measures("x", 32, &failing, true)[0].value.contains("3 bad responses"));
        let untargeted = load_measures("`GET /`", 32, &load, false);
        assert_eq!((untargeted[0].met, untargeted[1].met), (None, None));
        assert_eq!((untargeted[0].target, untargeted[1].target), ("", ""));
    }

    #[test]
    fn only_the_member_list_carries_the_weight_targets() {
        let weight = Weight { requests: 2, bytes: 50 * 1024, gzip_bytes: 16 * 1024, compressed: true, external: 0 };
        let list = PAGES.iter().find(|p| p.path == "/members").unwrap();
        let rows = weight_measures(list, &weight);
        assert_eq!(rows[0].what, "page weight, `/members` (100 rows of 10,000)");
        assert_eq!(rows[0].value, "50.0 KB (16.0 KB gzip)");
        assert_eq!((rows[0].met, rows[1].met), (Some(false), Some(true)));
        let login = PAGES.iter().find(|p| p.path == "/login").unwrap();
        let rows = weight_measures(login, &Weight { external: 1, compressed: false, ..weight });
        assert_eq!((rows[0].met, rows[1].met), (None, None));
        assert_eq!(rows[0].value, "50.0 KB (not compressed)");
        assert_eq!(rows[1].value, "2 (1 on other hosts, not weighed)");
        assert_eq!(PAGES.iter().filter(|p| p.targeted).count(), 1);
    }

    #[test]
    fn a_missing_binary_fails_clearly() {
        let backend = Backend::create(Kind::Sqlite, DEFAULT_PG_URL).unwrap();
        let Err(e) = Server::start(Path::new("/nonexistent/preau"), &backend) else { panic!("started") };
        assert!(e.starts_with("preau binary failed to start: "), "{e}");
        // `true` exits at once, as a stub binary would.
        let Err(e) = Server::start(Path::new("/bin/true"), &backend) else { panic!("started") };
        assert!(e.starts_with("preau binary failed to start: it exited (exit status: 0)"), "{e}");
    }
}
