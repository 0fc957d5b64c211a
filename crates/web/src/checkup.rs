//! The check-up's work shared by the pages and the server's jobs: running
//! the automated checks of a run in the background, the assessment that
//! combines them with the questionnaire (scores, critical flags, actions),
//! and the watch: scheduled re-checks whose regressions and deadlines are
//! emailed to the administrators, each alert once.

use crate::i18n::{Lang, Tr};
use checkup::{CheckId, Checker, DomainName, Report, ScoreItem, Scores, Status, Theme};
use domain::checkup::{self as q, Action, Answers, Effort};
use domain::settings::Module;
use domain::{AssociationId, Role};
use store::Db;

/// A run's automated checks still marked running after this long were
/// interrupted (the process stopped): they can be started again.
pub const STALE_SECONDS: i64 = 600;

/// Runs the automated checks of run `id` in a task of its own and stores the
/// report; the page polls the database. Never blocks the caller.
pub fn spawn_check(db: Db, config: checkup::Config, a: AssociationId, id: i64, domain: String) {
    tokio::spawn(async move {
        let report = match (Checker::new(config), DomainName::parse(&domain)) {
            (Ok(checker), Ok(name)) => {
                let report = checker.run(&name, crate::now()).await;
                serde_json::to_string(&report).map_err(|e| e.to_string())
            }
            (Err(e), _) => Err(e),
            (_, Err(e)) => Err(e.to_string()),
        };
        let stored = match report {
            Ok(json) => json,
            Err(e) => {
                tracing::error!("check-up of {domain}: {e}");
                serde_json::json!({ "error": e }).to_string()
            }
        };
        if let Err(e) = store::checkup::finish_check(&db, a, id, &stored).await {
            tracing::error!("check-up of {domain}: {e}");
        }
    });
}

/// A stored report, if it reads as one (an error record does not).
pub fn parse_report(json: Option<&str>) -> Option<Report> {
    serde_json::from_str(json?).ok()
}

/// What to do, as shown.
#[derive(Debug, Clone)]
pub struct ActionLine {
    pub critical: bool,
    pub title: String,
    pub what: String,
    pub why: String,
    pub libre: String,
    pub effort: String,
    pub impact: u32,
}

/// A theme's score as shown, with the previous run's when known.
#[derive(Debug, Clone)]
pub struct ThemeLine {
    pub code: String,
    pub name: String,
    pub percent: String,
    pub previous: String,
}

/// The whole assessment of a run: scores, critical flags, actions.
pub struct Assessment {
    pub scores: Scores,
    pub critical: Vec<ActionLine>,
    pub actions: Vec<ActionLine>,
}

/// Automated checks whose failure is critical: a lapsing domain or a
/// broken certificate cut the site and the mail whatever the rest.
fn critical_check(id: CheckId) -> bool {
    matches!(id, CheckId::Registration | CheckId::Certificate)
}

fn check_effort(theme: Theme) -> Effort {
    match theme {
        Theme::Mail | Theme::Domain => Effort::Low,
        Theme::Web | Theme::Privacy => Effort::Medium,
    }
}

/// The scores of a run: the automated checks' scored results (10 points
/// each) and the answers (points × weight × 5), themes weighted equally.
pub fn scores(report: Option<&Report>, answers: &Answers) -> Scores {
    let mut items: Vec<ScoreItem> = Vec::new();
    if let Some(r) = report {
        items.extend(r.checks.iter().filter_map(|c| {
            Some(ScoreItem {
                theme: c.theme.code().to_string(),
                earned: c.points?,
                max: checkup::CheckResult::MAX_POINTS,
            })
        }));
    }
    items.extend(q::points(answers).into_iter().map(|t| ScoreItem {
        theme: t.theme.code().into(),
        earned: t.earned,
        max: t.max,
    }));
    let mut scores = checkup::score(items);
    // Themes in a fixed order: the questionnaire's, then the checks'.
    let order = |code: &str| {
        let mut all: Vec<&str> = q::Theme::ALL.iter().map(|t| t.code()).collect();
        all.extend(["domain", "privacy"]);
        all.iter().position(|c| *c == code).unwrap_or(usize::MAX)
    };
    scores.themes.sort_by_key(|t| order(&t.theme));
    scores
}

fn render(tr: &Tr, m: &checkup::Message) -> String {
    tr.message(&m.key, m.args.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Builds the assessment of a run.
pub fn assess(tr: &Tr, report: Option<&Report>, answers: &Answers) -> Assessment {
    let scores = scores(report, answers);
    let mut ranked: Vec<Action> = q::actions(answers);
    if let Some(r) = report {
        for c in &r.checks {
            if c.scored && matches!(c.status, Status::Fail | Status::Warning) && c.fix.is_some() {
                ranked.push(Action {
                    subject: c.id.code(),
                    critical: critical_check(c.id) && c.status == Status::Fail,
                    impact: checkup::CheckResult::MAX_POINTS - c.points.unwrap_or(0),
                    effort: check_effort(c.theme),
                });
            }
        }
    }
    q::rank(&mut ranked);
    let lines: Vec<ActionLine> = ranked
        .iter()
        .filter_map(|a| {
            let effort = tr.t(&format!("checkup-effort-{}", a.effort.code()));
            if let Some(question) = q::question(&a.subject) {
                let id = question.id;
                return Some(ActionLine {
                    critical: a.critical,
                    title: tr.t(&format!("q-{id}")),
                    what: tr.t(&format!("q-{id}-action")),
                    why: tr.t(&format!("q-{id}-why")),
                    libre: if question.libre { tr.t(&format!("q-{id}-libre")) } else { String::new() },
                    effort,
                    impact: a.impact,
                });
            }
            let check = report?.checks.iter().find(|c| c.id.code() == a.subject)?;
            let libre = match check.theme {
                Theme::Privacy => tr.t("checkup-libre-privacy"),
                Theme::Mail if check.id == CheckId::MailProvider => tr.t("q-m1-libre"),
                _ => String::new(),
            };
            Some(ActionLine {
                critical: a.critical,
                title: tr.t(&format!("checkup-{}-title", check.id.key())),
                what: format!(
                    "{} {}",
                    render(tr, &check.message),
                    check.fix.as_ref().map(|f| render(tr, f)).unwrap_or_default()
                ),
                why: tr.t(&format!("checkup-why-{}", check.theme.code())),
                libre,
                effort,
                impact: a.impact,
            })
        })
        .collect();
    let (critical, actions) = lines.into_iter().partition(|l| l.critical);
    Assessment { scores, critical, actions }
}

/// A theme's name.
pub fn theme_name(tr: &Tr, code: &str) -> String {
    tr.t(&format!("checkup-theme-{code}"))
}

/// A percentage as people write it (`87,5 %`).
pub fn percent(tr: &Tr, value: Option<f64>) -> String {
    match value {
        Some(v) => {
            let text = format!("{v}");
            match tr.lang {
                Lang::Fr => format!("{} %", text.replace('.', ",")),
                Lang::En => format!("{text} %"),
            }
        }
        None => "—".into(),
    }
}

/// The themes of `now` beside those of `before`.
pub fn theme_lines(tr: &Tr, now: &Scores, before: Option<&Scores>) -> Vec<ThemeLine> {
    now.themes
        .iter()
        .map(|t| ThemeLine {
            code: t.theme.clone(),
            name: theme_name(tr, &t.theme),
            percent: percent(tr, Some(t.percent)),
            previous: before.map(|b| percent(tr, b.theme(&t.theme).map(|p| p.percent))).unwrap_or_default(),
        })
        .collect()
}

/// Facts about the association Préau can propose answers from.
pub async fn known(db: &Db, a: AssociationId, modules: &[Module], report: Option<&Report>) -> store::Result<q::Known> {
    let mut k = q::Known::default();
    let team: Vec<i64> = store::team::list(db, a).await?.iter().map(|t| t.user_id).collect();
    let accounts = store::access::list(db, a).await?;
    let holders = store::access::holders(db, a).await?;
    let held_in_team = |account: i64| holders.iter().filter(|(acc, u)| *acc == account && team.contains(&u.0)).count();
    k.registry_accounts = accounts.len();
    k.registry_held = accounts.iter().filter(|acc| held_in_team(acc.id) > 0).count();
    k.bank_holders = accounts.iter().filter(|acc| acc.kind == "bank").map(|acc| held_in_team(acc.id)).collect();
    let critical: Vec<_> = accounts.iter().filter(|acc| acc.critical).collect();
    k.critical_accounts = critical.len();
    k.critical_with_two_factor =
        critical.iter().filter(|acc| matches!(acc.two_factor.as_str(), "sms" | "app" | "key")).count();
    k.handovers_completed = store::handovers::list(db, a).await?.iter().filter(|h| h.completed_at.is_some()).count();
    k.vault_on = modules.contains(&Module::Vault);
    k.vault_members = store::vault::members(db, a).await?.len();
    k.vault_recovery = store::vault::recovery(db, a).await?.is_some();
    k.retention_enabled = store::privacy::retention(db, a).await?.1;
    k.register_entries = store::privacy::activities(db, a).await?.len();
    if let Some(r) = report {
        let status = |id| r.check(id).map(|c| c.status);
        k.mail_category = r
            .check(CheckId::MailProvider)
            .and_then(|c| c.facts.get("category"))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let auth = [CheckId::Spf, CheckId::Dkim, CheckId::Dmarc];
        if auth.iter().all(|id| status(*id).is_some_and(|s| s != Status::Unknown)) {
            k.mail_auth_passing = Some(auth.iter().filter(|id| status(**id) == Some(Status::Pass)).count());
        }
        k.trackers_found = match status(CheckId::Trackers) {
            Some(Status::Pass) => Some(false),
            Some(Status::Fail | Status::Warning) => Some(true),
            _ => None,
        };
        k.https_forced = match status(CheckId::Redirect) {
            Some(Status::Pass) => Some(true),
            Some(Status::Fail | Status::Warning) => Some(false),
            _ => None,
        };
    }
    Ok(k)
}

// ---- Watching ----------------------------------------------------------------

/// An alert of the watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// What makes it unique: sent once per key.
    pub key: String,
    /// The message key of its text (`checkup-alert-…`) and its arguments.
    pub message: String,
    pub args: Vec<(&'static str, String)>,
}

/// Days before a certificate's end, and a domain's, that alert.
pub const CERTIFICATE_DAYS: i64 = 14;
pub const DOMAIN_DAYS: i64 = 30;

fn fact_text(r: &Report, id: CheckId, fact: &str) -> Option<String> {
    r.check(id)?.facts.get(fact)?.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

fn fact_list(r: &Report, id: CheckId, fact: &str) -> Vec<String> {
    let mut list: Vec<String> = r
        .check(id)
        .and_then(|c| c.facts.get(fact))
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    list.sort();
    list
}

/// The alerts `after` calls for, compared with `before` (the last
/// scheduled report, if any), on day `today`: certificate or domain expiring
/// soon (or expired), DMARC or SPF removed, the MX moved.
pub fn alerts(before: Option<&Report>, after: &Report, today: domain::Date) -> Vec<Alert> {
    let mut out = Vec::new();
    let days_to = |iso: &str| domain::Date::parse_iso(iso).map(|d| d.days() - today.days());
    if let Some(date) = fact_text(after, CheckId::Certificate, "expires")
        && let Some(days) = days_to(&date)
        && days <= CERTIFICATE_DAYS
    {
        out.push(Alert {
            key: format!("certificate:{date}"),
            message: "checkup-alert-certificate".into(),
            args: vec![("date", date), ("days", days.to_string())],
        });
    }
    if let Some(date) = fact_text(after, CheckId::Registration, "expires")
        && let Some(days) = days_to(&date)
        && days <= DOMAIN_DAYS
    {
        out.push(Alert {
            key: format!("domain:{date}"),
            message: "checkup-alert-domain".into(),
            args: vec![("date", date), ("days", days.to_string())],
        });
    }
    let Some(before) = before.filter(|b| b.domain == after.domain) else { return out };
    let present = |r: &Report, id| r.check(id).is_some_and(|c| matches!(c.status, Status::Pass | Status::Warning));
    for (id, name) in [(CheckId::Dmarc, "dmarc"), (CheckId::Spf, "spf")] {
        if present(before, id) && after.check(id).is_some_and(|c| c.status == Status::Fail) {
            out.push(Alert {
                key: format!("{}:removed:{}", id.code(), after.checked_at),
                message: format!("checkup-alert-{name}-removed"),
                args: Vec::new(),
            });
        }
    }
    let (was, now) = (fact_list(before, CheckId::Mx, "mx"), fact_list(after, CheckId::Mx, "mx"));
    if !was.is_empty() && was != now {
        out.push(Alert {
            key: format!("mail.mx:{}", now.join(",")),
            message: "checkup-alert-mx-moved".into(),
            args: vec![("before", was.join(", ")), ("after", if now.is_empty() { "—".into() } else { now.join(", ") })],
        });
    }
    // Any other scored check that got worse.
    for change in checkup::changes(before, after) {
        if change.is_regression()
            && change.id.scored()
            && !matches!(change.id, CheckId::Dmarc | CheckId::Spf | CheckId::Certificate | CheckId::Registration)
            && change.after != Some(Status::Unknown)
        {
            out.push(Alert {
                key: format!("{}:regression:{}", change.id.code(), after.checked_at),
                message: "checkup-alert-regression".into(),
                args: vec![("check", change.id.key().to_string())],
            });
        }
    }
    out
}

/// What the watch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Watched {
    pub checked: usize,
    pub alerts: usize,
}

/// Re-checks the watched domains (those due, or all of them for the host
/// operator's batch), at most `concurrency` at a time; emails the
/// administrators each new alert, once. Associations without the check-up
/// module are skipped.
pub async fn watch(
    db: &Db,
    config: &checkup::Config,
    now: i64,
    public_url: &str,
    all: bool,
    concurrency: usize,
) -> Result<Watched, String> {
    let mut due = Vec::new();
    for w in store::checkup::watched(db, now, all).await.map_err(|e| e.to_string())? {
        let Some(association) = store::associations::get(db, w.association).await.map_err(|e| e.to_string())? else {
            continue;
        };
        if association.modules().contains(&Module::Checkup)
            && let Ok(name) = DomainName::parse(&w.domain)
        {
            due.push((w, association, name));
        }
    }
    if due.is_empty() {
        return Ok(Watched::default());
    }
    let checker = Checker::new(config.clone())?;
    let mut names: Vec<DomainName> = Vec::new();
    for (_, _, name) in &due {
        if !names.iter().any(|n| n.ascii() == name.ascii()) {
            names.push(name.clone());
        }
    }
    let mut reports: Vec<Report> = Vec::new();
    checker.run_many(names, concurrency, now, |r| reports.push(r)).await;
    let today = domain::Date::from_days(now.div_euclid(86_400)).unwrap_or(domain::Date::MIN);
    let tr = Tr { lang: Lang::Fr };
    let mut done = Watched::default();
    for (w, association, name) in &due {
        let Some(report) = reports.iter().find(|r| r.domain == name.ascii()) else { continue };
        done.checked += 1;
        let before = parse_report(w.last_report.as_deref());
        let found = alerts(before.as_ref(), report, today);
        let a = w.association;
        if !found.is_empty() {
            let to: Vec<String> = store::team::list(db, a)
                .await
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|t| t.role == Role::Administrator.code())
                .map(|t| t.email)
                .collect();
            for alert in &found {
                let mut args: Vec<(&str, String)> = alert.args.clone();
                for (k, v) in &mut args {
                    if *k == "date" {
                        *v = tr.date(v);
                    } else if *k == "check" {
                        *v = tr.t(&format!("checkup-{v}-title"));
                    }
                }
                args.push(("domain", report.unicode.clone()));
                let what = tr.args(&alert.message, &args);
                let subject =
                    format!("[{}] {}", association.name, tr.t1("checkup-alert-subject", "domain", &report.unicode));
                let body = tr.args(
                    "checkup-alert-body",
                    &[
                        ("what", what),
                        ("association", association.name.clone()),
                        ("link", format!("{public_url}/checkup")),
                    ],
                );
                let mails: Vec<_> = to.iter().map(|t| (t.clone(), subject.clone(), body.clone())).collect();
                if store::checkup::queue_alert(db, a, &alert.key, &mails, now).await.map_err(|e| e.to_string())? {
                    done.alerts += 1;
                    let detail = format!("{} {}: {}", report.domain, alert.key, to.join(", "));
                    store::audit::record(db, a, None, "checkup.alert", &detail, now)
                        .await
                        .map_err(|e| e.to_string())?;
                }
            }
        }
        let json = serde_json::to_string(report).map_err(|e| e.to_string())?;
        store::checkup::record_watch(db, a, &w.domain, now, &json).await.map_err(|e| e.to_string())?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use checkup::{CheckResult, Message};
    use std::collections::BTreeMap;

    fn check(id: CheckId, status: Status, facts: &[(&str, serde_json::Value)]) -> CheckResult {
        CheckResult {
            id,
            theme: id.theme(),
            status,
            scored: id.scored(),
            points: id.scored().then_some(if status == Status::Pass { 10 } else { 0 }),
            message: Message::new("m"),
            fix: Some(Message::new("f")),
            facts: facts.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<BTreeMap<_, _>>(),
            millis: 0,
        }
    }

    fn report(at: i64, checks: Vec<CheckResult>) -> Report {
        let scores = Report::scores_of(&checks);
        Report {
            version: 1,
            domain: "amis.test".into(),
            unicode: "amis.test".into(),
            checked_at: at,
            millis: 0,
            checks,
            scores,
        }
    }

    fn day(iso: &str) -> domain::Date {
        domain::Date::parse_iso(iso).unwrap()
    }

    fn good(at: i64) -> Report {
        report(
            at,
            vec![
                check(CheckId::Registration, Status::Pass, &[("expires", "2027-06-01".into())]),
                check(CheckId::Mx, Status::Info, &[("mx", serde_json::json!(["mx1.amis.test", "mx2.amis.test"]))]),
                check(CheckId::Spf, Status::Pass, &[]),
                check(CheckId::Dmarc, Status::Pass, &[]),
                check(CheckId::Certificate, Status::Pass, &[("expires", "2026-12-01".into())]),
                check(CheckId::Hsts, Status::Pass, &[]),
            ],
        )
    }

    #[test]
    fn nothing_to_say_about_a_steady_domain() {
        assert!(alerts(Some(&good(1)), &good(2), day("2026-09-01")).is_empty());
        assert!(alerts(None, &good(2), day("2026-09-01")).is_empty());
    }

    #[test]
    fn deadlines_alert_within_their_days_even_without_a_previous_report() {
        let keys = |today| alerts(None, &good(2), day(today)).into_iter().map(|a| a.key).collect::<Vec<_>>();
        assert_eq!(keys("2026-11-16"), Vec::<String>::new(), "15 days before the certificate ends");
        assert_eq!(keys("2026-11-17"), ["certificate:2026-12-01"]);
        assert_eq!(keys("2026-12-05"), ["certificate:2026-12-01"], "expired too");
        assert_eq!(keys("2027-05-02"), ["certificate:2026-12-01", "domain:2027-06-01"]);
    }

    #[test]
    fn dmarc_or_spf_removed_and_mx_moved_alert_with_stable_keys() {
        let mut after = good(2);
        after.checks[2].status = Status::Fail;
        after.checks[3].status = Status::Fail;
        after.checks[1].facts.insert("mx".into(), serde_json::json!(["mx.ailleurs.test"]));
        let found = alerts(Some(&good(1)), &after, day("2026-09-01"));
        let keys: Vec<_> = found.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(keys, ["mail.dmarc:removed:2", "mail.spf:removed:2", "mail.mx:mx.ailleurs.test"]);
        // The MX listed in another order is no move.
        let mut swapped = good(3);
        swapped.checks[1].facts.insert("mx".into(), serde_json::json!(["mx2.amis.test", "mx1.amis.test"]));
        assert!(alerts(Some(&good(1)), &swapped, day("2026-09-01")).is_empty());
    }

    #[test]
    fn another_regression_alerts_but_a_check_that_could_not_conclude_does_not() {
        let mut after = good(2);
        after.checks[5].status = Status::Fail;
        let found = alerts(Some(&good(1)), &after, day("2026-09-01"));
        assert_eq!(found.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), ["web.hsts:regression:2"]);
        after.checks[5].status = Status::Unknown;
        assert!(alerts(Some(&good(1)), &after, day("2026-09-01")).is_empty());
    }

    #[test]
    fn scores_combine_checks_and_answers_themes_weighing_the_same() {
        let answers: Answers = [("m2".to_string(), "role".to_string())].into_iter().collect();
        let s = scores(Some(&good(1)), &answers);
        // Mail: SPF 10/10, DMARC 10/10 and m2 (weight 2) 20/20.
        let mail = s.theme("mail").unwrap();
        assert_eq!((mail.earned, mail.max), (40, 40));
        assert_eq!(s.overall, Some(100.0));
        let none = scores(None, &Answers::new());
        assert_eq!(none.overall, None);
    }
}
