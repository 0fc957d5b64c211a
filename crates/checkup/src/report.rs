//! What a check-up says: one result per check, each a status, a message and
//! maybe the steps to fix it, plus the facts it found; the scores; and the
//! changes between two runs.

use crate::score::{ScoreItem, Scores, score};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// The shape of the stored JSON; raised when a stored report would read differently.
pub const VERSION: u32 = 1;

/// A theme of the report: each weighs the same in the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Domain,
    Mail,
    Web,
    Privacy,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Domain, Theme::Mail, Theme::Web, Theme::Privacy];

    /// The code used in JSON, scores and message keys.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Domain => "domain",
            Theme::Mail => "mail",
            Theme::Web => "web",
            Theme::Privacy => "privacy",
        }
    }
}

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Good as it is.
    Pass,
    /// A fact to know, neither good nor bad (the mail provider, the host).
    Info,
    /// Could be better; partial points.
    Warning,
    /// To fix.
    Fail,
    /// The check could not conclude (time-out, no answer, rate limit…): the
    /// message says why. Not scored.
    Unknown,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Info => "info",
            Status::Warning => "warning",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
        }
    }
}

/// Every automated check, in report order. The serialised names are stable:
/// stored reports and comparisons rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CheckId {
    #[serde(rename = "domain.registration")]
    Registration,
    #[serde(rename = "domain.nameservers")]
    NameServers,
    #[serde(rename = "domain.dnssec")]
    Dnssec,
    #[serde(rename = "mail.mx")]
    Mx,
    #[serde(rename = "mail.provider")]
    MailProvider,
    #[serde(rename = "mail.spf")]
    Spf,
    #[serde(rename = "mail.dkim")]
    Dkim,
    #[serde(rename = "mail.dmarc")]
    Dmarc,
    #[serde(rename = "mail.mta_sts")]
    MtaSts,
    #[serde(rename = "mail.tls_rpt")]
    TlsRpt,
    #[serde(rename = "mail.starttls")]
    Starttls,
    #[serde(rename = "web.https")]
    Https,
    #[serde(rename = "web.redirect")]
    Redirect,
    #[serde(rename = "web.certificate")]
    Certificate,
    #[serde(rename = "web.hsts")]
    Hsts,
    #[serde(rename = "web.headers")]
    Headers,
    #[serde(rename = "web.hosting")]
    Hosting,
    #[serde(rename = "privacy.cookies")]
    Cookies,
    #[serde(rename = "privacy.third_parties")]
    ThirdParties,
    #[serde(rename = "privacy.trackers")]
    Trackers,
}

impl CheckId {
    pub const ALL: [CheckId; 20] = [
        CheckId::Registration,
        CheckId::NameServers,
        CheckId::Dnssec,
        CheckId::Mx,
        CheckId::MailProvider,
        CheckId::Spf,
        CheckId::Dkim,
        CheckId::Dmarc,
        CheckId::MtaSts,
        CheckId::TlsRpt,
        CheckId::Starttls,
        CheckId::Https,
        CheckId::Redirect,
        CheckId::Certificate,
        CheckId::Hsts,
        CheckId::Headers,
        CheckId::Hosting,
        CheckId::Cookies,
        CheckId::ThirdParties,
        CheckId::Trackers,
    ];

    /// `mail.spf` → `mail-spf`: the stem of the check's message keys
    /// (`checkup-mail-spf-title`…).
    pub fn key(self) -> &'static str {
        match self {
            CheckId::Registration => "domain-registration",
            CheckId::NameServers => "domain-nameservers",
            CheckId::Dnssec => "domain-dnssec",
            CheckId::Mx => "mail-mx",
            CheckId::MailProvider => "mail-provider",
            CheckId::Spf => "mail-spf",
            CheckId::Dkim => "mail-dkim",
            CheckId::Dmarc => "mail-dmarc",
            CheckId::MtaSts => "mail-mta-sts",
            CheckId::TlsRpt => "mail-tls-rpt",
            CheckId::Starttls => "mail-starttls",
            CheckId::Https => "web-https",
            CheckId::Redirect => "web-redirect",
            CheckId::Certificate => "web-certificate",
            CheckId::Hsts => "web-hsts",
            CheckId::Headers => "web-headers",
            CheckId::Hosting => "web-hosting",
            CheckId::Cookies => "privacy-cookies",
            CheckId::ThirdParties => "privacy-third-parties",
            CheckId::Trackers => "privacy-trackers",
        }
    }

    pub fn theme(self) -> Theme {
        match self {
            CheckId::Registration | CheckId::NameServers | CheckId::Dnssec => Theme::Domain,
            CheckId::Mx
            | CheckId::MailProvider
            | CheckId::Spf
            | CheckId::Dkim
            | CheckId::Dmarc
            | CheckId::MtaSts
            | CheckId::TlsRpt
            | CheckId::Starttls => Theme::Mail,
            CheckId::Https
            | CheckId::Redirect
            | CheckId::Certificate
            | CheckId::Hsts
            | CheckId::Headers
            | CheckId::Hosting => Theme::Web,
            CheckId::Cookies | CheckId::ThirdParties | CheckId::Trackers => Theme::Privacy,
        }
    }

    /// Whether the check counts in the score. As in internet.nl, only checks
    /// that can fail count; the facts (provider, host), the recommendations
    /// (headers, MTA-STS, TLS-RPT) and the list of third parties are shown
    /// without counting.
    pub fn scored(self) -> bool {
        !matches!(
            self,
            CheckId::Mx
                | CheckId::MailProvider
                | CheckId::MtaSts
                | CheckId::TlsRpt
                | CheckId::Headers
                | CheckId::Hosting
                | CheckId::ThirdParties
        )
    }

    /// The stable name, `mail.spf`.
    pub fn code(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// A message to show: a Fluent key of `checkup.ftl` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub key: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl Message {
    pub fn new(key: impl Into<String>) -> Message {
        Message { key: key.into(), args: BTreeMap::new() }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Message {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub id: CheckId,
    pub theme: Theme,
    pub status: Status,
    /// Whether it counts in the score ([`CheckId::scored`]).
    pub scored: bool,
    /// Points out of [`CheckResult::MAX_POINTS`] when scored and concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<u32>,
    /// What was found, in plain words.
    pub message: Message,
    /// What to do about it, when something is to be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<Message>,
    /// The facts found (records, dates, names), for the report's details and
    /// to compare two runs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, serde_json::Value>,
    /// How long it took.
    pub millis: u64,
}

impl CheckResult {
    /// internet.nl's full points.
    pub const MAX_POINTS: u32 = 10;
}

/// A check's conclusion before it is tied to its id.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub status: Status,
    pub points: Option<u32>,
    pub message: Message,
    pub fix: Option<Message>,
    pub facts: BTreeMap<String, serde_json::Value>,
}

impl Outcome {
    fn with(status: Status, points: Option<u32>, message: Message) -> Outcome {
        Outcome { status, points, message, fix: None, facts: BTreeMap::new() }
    }

    /// Full points.
    pub fn pass(message: Message) -> Outcome {
        Outcome::with(Status::Pass, Some(CheckResult::MAX_POINTS), message)
    }

    pub fn info(message: Message) -> Outcome {
        Outcome::with(Status::Info, None, message)
    }

    /// Partial points (internet.nl gives 2 or 5).
    pub fn warning(points: u32, message: Message) -> Outcome {
        Outcome::with(Status::Warning, Some(points), message)
    }

    pub fn fail(message: Message) -> Outcome {
        Outcome::with(Status::Fail, Some(0), message)
    }

    pub fn unknown(message: Message) -> Outcome {
        Outcome::with(Status::Unknown, None, message)
    }

    /// The steps to fix: the key `checkup-<check>-fix-<variant>` is built by the caller.
    pub fn fix(mut self, fix: Message) -> Outcome {
        self.fix = Some(fix);
        self
    }

    pub fn fact(mut self, name: &str, value: impl Serialize) -> Outcome {
        if let Ok(value) = serde_json::to_value(value) {
            self.facts.insert(name.to_string(), value);
        }
        self
    }

    pub fn into_result(self, id: CheckId, took: Duration) -> CheckResult {
        let scored = id.scored();
        let points = if scored && self.status != Status::Unknown { self.points } else { None };
        CheckResult {
            id,
            theme: id.theme(),
            status: self.status,
            scored,
            points,
            message: self.message,
            fix: self.fix,
            facts: self.facts,
            millis: took.as_millis() as u64,
        }
    }
}

/// A whole check-up of one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`VERSION`] of the JSON shape.
    pub version: u32,
    /// The domain in ASCII (punycode), as asked in DNS.
    pub domain: String,
    /// The same in Unicode, as people write it.
    pub unicode: String,
    /// When (Unix seconds).
    pub checked_at: i64,
    /// How long the whole check-up took.
    pub millis: u64,
    pub checks: Vec<CheckResult>,
    pub scores: Scores,
}

impl Report {
    /// The scores of automated checks: scored and concluded ones only.
    pub fn scores_of(checks: &[CheckResult]) -> Scores {
        score(checks.iter().filter_map(|c| {
            Some(ScoreItem { theme: c.theme.code().to_string(), earned: c.points?, max: CheckResult::MAX_POINTS })
        }))
    }

    /// The result of one check.
    pub fn check(&self, id: CheckId) -> Option<&CheckResult> {
        self.checks.iter().find(|c| c.id == id)
    }
}

/// What changed for one check between two check-ups of a domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: CheckId,
    /// `None` when the check was not in that report.
    pub before: Option<Status>,
    pub after: Option<Status>,
    /// Names of the facts that differ (say `mx` when the MX moved).
    pub facts: Vec<String>,
}

impl Change {
    /// A status that got worse: pass → warning, anything → fail…
    pub fn is_regression(&self) -> bool {
        let rank = |s: Option<Status>| match s {
            Some(Status::Pass) => 3,
            Some(Status::Info) | Some(Status::Unknown) | None => 2,
            Some(Status::Warning) => 1,
            Some(Status::Fail) => 0,
        };
        rank(self.after) < rank(self.before)
    }
}

/// The checks whose status or facts differ between `before` and `after`.
pub fn changes(before: &Report, after: &Report) -> Vec<Change> {
    let mut out = Vec::new();
    for id in CheckId::ALL {
        let (b, a) = (before.check(id), after.check(id));
        let mut facts: Vec<String> = Vec::new();
        if let (Some(b), Some(a)) = (b, a) {
            for name in b.facts.keys().chain(a.facts.keys()) {
                if b.facts.get(name) != a.facts.get(name) && !facts.contains(name) {
                    facts.push(name.clone());
                }
            }
        }
        let (bs, as_) = (b.map(|c| c.status), a.map(|c| c.status));
        if bs != as_ || !facts.is_empty() {
            out.push(Change { id, before: bs, after: as_, facts });
        }
    }
    out
}
