//! The member list of DESIGN.md §5: 10,000 generated members in the
//! association the bench logs into, timed one request at a time.

use std::time::Instant;

use super::report::Measure;
use super::{Ctx, http, latency};

/// Members generated in the bench's association (`preau admin demo-members`).
pub const COUNT: usize = 10_000;
/// Dues payments recorded for them (`demo-members --payments`), three years' worth.
pub const PAYMENTS: usize = 30_000;
/// The seed given to `demo-members`: the same people on every run.
pub const SEED: u64 = 42;
/// Rows on a page of the list (`PER_PAGE` in crates/web/src/pages/members.rs).
pub const PER_PAGE: usize = 100;
/// Requests timed per page, one after the other.
pub const SAMPLES: usize = 200;
/// Requests sent first and not timed: first queries, prepared statements.
pub const WARM_UP: usize = 20;

/// What a response of the list must show for its timing to count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expect {
    /// A full page of `PER_PAGE` rows out of all `COUNT` members.
    FullPage,
    /// At least one row (a search).
    SomeRows,
}

/// A page of the list, timed on its own.
struct Probe {
    what: &'static str,
    path: &'static str,
    expect: Expect,
    /// The median must stay under this many milliseconds (DESIGN.md §5).
    under_ms: Option<f64>,
    target: &'static str,
}

const PROBES: &[Probe] = &[
    Probe {
        what: "member list, 100 rows of 10,000, one request (`GET /members`): median / p95",
        path: "/members",
        expect: Expect::FullPage,
        under_ms: Some(2.0),
        target: "median < 2 ms",
    },
    Probe {
        what: "member search by name, one request (`GET /members?q=martin`): median / p95",
        path: "/members?q=martin",
        expect: Expect::SomeRows,
        under_ms: Some(5.0),
        target: "median < 5 ms",
    },
    Probe {
        what: "member list, a later page, one request (`GET /members?page=50`): median / p95",
        path: "/members?page=50",
        expect: Expect::FullPage,
        under_ms: None,
        target: "",
    },
    Probe {
        what: "member list sorted by city, one request (`GET /members?sort=city`): median / p95",
        path: "/members?sort=city",
        expect: Expect::FullPage,
        under_ms: None,
        target: "",
    },
];

/// The scenario: each probe, `WARM_UP` then `SAMPLES` sequential requests,
/// each on a fresh connection, every response checked.
pub fn one_request(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    let mut measures = Vec::new();
    for probe in PROBES {
        let (mut samples, page) = time_requests(ctx.server.port, probe.path, &ctx.session.cookie, probe.expect)?;
        let (median, p95) = (percentile(&mut samples, 50.0), percentile(&mut samples, 95.0));
        println!("      {}: median {median:.3} ms, p95 {p95:.3} ms, {} rows of {}", probe.path, page.rows, page.total);
        let mut value = format!("{} / {} ms", latency(median), latency(p95));
        if probe.expect == Expect::SomeRows {
            value.push_str(&format!(" ({} found)", page.total));
        }
        measures.push(Measure::new(probe.what, value, probe.target, probe.under_ms.map(|limit| median < limit)));
    }
    Ok(measures)
}

/// Milliseconds from connecting to the last byte of each timed response,
/// and what the last response showed.
fn time_requests(port: u16, path: &str, cookie: &str, expect: Expect) -> Result<(Vec<f64>, ListPage), String> {
    let headers = [("Cookie", cookie)];
    let mut samples = Vec::with_capacity(SAMPLES);
    let mut last = ListPage { rows: 0, total: 0 };
    for n in 0..WARM_UP + SAMPLES {
        let started = Instant::now();
        let response = http::get(port, path, &headers)?;
        let took = started.elapsed().as_secs_f64() * 1000.0;
        last = check(&response, expect).map_err(|e| format!("GET {path} with the session cookie: {e}"))?;
        if n >= WARM_UP {
            samples.push(took);
        }
    }
    Ok((samples, last))
}

/// What a page of the list showed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListPage {
    pub rows: usize,
    /// The count in the table's caption: members matching, on all pages.
    pub total: u64,
}

/// The list page in `response`, if it is what `expect` asks for: a 200 (not
/// a redirect to /login), with rows and a total that add up.
pub fn check(response: &http::Response, expect: Expect) -> Result<ListPage, String> {
    if response.status != 200 {
        return Err(format!("expected 200, got {}", response.summary()));
    }
    let html = response.text();
    let rows = member_rows(&html);
    let total = caption_total(&html).ok_or("no member count in a `<caption>`")?;
    let page = ListPage { rows, total };
    let fits = match expect {
        Expect::FullPage => rows == PER_PAGE && total == COUNT as u64,
        Expect::SomeRows => rows > 0 && rows <= PER_PAGE && total >= rows as u64,
    };
    if fits {
        Ok(page)
    } else {
        let wanted = match expect {
            Expect::FullPage => format!("{PER_PAGE} rows of {COUNT}"),
            Expect::SomeRows => "some rows".to_string(),
        };
        Err(format!("expected {wanted}, found {rows} rows of {total}"))
    }
}

/// Rows of the list: links to a member's page (`/members/123`), not to the
/// form at `/members/new` or the pager's `/members?page=2`.
pub fn member_rows(html: &str) -> usize {
    const LINK: &str = "href=\"/members/";
    html.match_indices(LINK).filter(|(at, _)| html[at + LINK.len()..].starts_with(|c: char| c.is_ascii_digit())).count()
}

/// The number the table's caption starts with (`10000 adhérent·es`), digit
/// groups allowed (`10 000`, `10 000`, `10,000`).
pub fn caption_total(html: &str) -> Option<u64> {
    let open = html.find("<caption")?;
    let text = &html[open + html[open..].find('>')? + 1..];
    let mut digits = String::new();
    for c in text.trim_start().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '\u{a0}' | '\u{202f}' | ',' if !digits.is_empty() => {}
            _ => break,
        }
    }
    digits.parse().ok()
}

/// The nearest-rank `p`th percentile of `samples` (sorted in place); 0 for none.
pub fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_by(f64::total_cmp);
    let rank = (p / 100.0 * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rows: usize, total: &str) -> String {
        let mut html = String::from(
            "<nav><a href=\"/members\">Adhérent·es</a></nav><p><a href=\"/members/new\" class=\"button\">Ajouter</a></p>\
             <table>\n  <caption>",
        );
        html.push_str(total);
        html.push_str(" adhérent·es</caption><tbody>");
        for id in 1..=rows {
            html.push_str(&format!("<tr><td data-label=\"Nom\"><a href=\"/members/{id}\">Martin</a></td></tr>"));
        }
        html.push_str(
            "</tbody></table><nav class=\"pager\"><a href=\"/members?q=&amp;sort=name&amp;page=2\">Suivante</a>",
        );
        html
    }

    fn response(status: u16, body: String) -> http::Response {
        http::Response { status, headers: Vec::new(), body: body.into_bytes() }
    }

    #[test]
    fn counts_member_links_only() {
        assert_eq!(member_rows(&page(100, "10000")), 100);
        assert_eq!(member_rows(&page(0, "0")), 0);
        assert_eq!(member_rows("<a href=\"/members/new\">"), 0);
    }

    #[test]
    fn reads_the_total_in_the_caption() {
        assert_eq!(caption_total(&page(3, "10000")), Some(10_000));
        assert_eq!(caption_total(&page(3, "10\u{202f}000")), Some(10_000));
        assert_eq!(caption_total(&page(3, "10,000")), Some(10_000));
        assert_eq!(caption_total("<caption class=\"x\"> 1 adhérent·e</caption>"), Some(1));
        assert_eq!(caption_total("<caption>Adhérent·es</caption>"), None);
        assert_eq!(caption_total("<p>10000</p>"), None);
    }

    #[test]
    fn checks_what_the_list_shows() {
        let full = check(&response(200, page(100, "10000")), Expect::FullPage).unwrap();
        assert_eq!(full, ListPage { rows: 100, total: 10_000 });
        let found = check(&response(200, page(100, "243")), Expect::SomeRows).unwrap();
        assert_eq!(found, ListPage { rows: 100, total: 243 });
        assert!(check(&response(200, page(7, "7")), Expect::SomeRows).is_ok());

        let short = check(&response(200, page(99, "10000")), Expect::FullPage).unwrap_err();
        assert_eq!(short, "expected 100 rows of 10000, found 99 rows of 10000");
        assert!(check(&response(200, page(100, "9999")), Expect::FullPage).is_err());
        assert!(check(&response(200, page(0, "0")), Expect::SomeRows).is_err());
        let redirect = check(&response(303, String::new()), Expect::FullPage).unwrap_err();
        assert!(redirect.starts_with("expected 200, got status 303"), "{redirect}");
        assert!(check(&response(200, "<p>Aucun·e adhérent·e</p>".into()), Expect::SomeRows).is_err());
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut samples: Vec<f64> = (1..=200).rev().map(f64::from).collect();
        assert_eq!(percentile(&mut samples, 50.0), 100.0);
        assert_eq!(percentile(&mut samples, 95.0), 190.0);
        assert_eq!(percentile(&mut samples, 100.0), 200.0);
        assert_eq!(percentile(&mut samples, 0.0), 1.0);
        assert_eq!(percentile(&mut [2.5], 95.0), 2.5);
        assert_eq!(percentile(&mut [3.0, 1.0, 2.0], 50.0), 2.0);
        assert_eq!(percentile(&mut [], 50.0), 0.0);
    }
}
