//! The check-up's questionnaire: about thirty questions on governance and
//! handover, mail, website, files, passwords, devices, RGPD and free
//! software, each answer worth 0 to 2 points, each question a weight (1 to 3)
//! and maybe a critical flag: a critical question answered at 0 points must
//! be fixed whatever the score. Also the answers Préau can propose from what
//! it already knows, and the order of the actions in the report.
//!
//! Texts are message keys: `q-{id}` (the question), `q-{id}-{option}` (each
//! answer), `q-{id}-action`, `q-{id}-why` and, where a free-software
//! alternative fits, `q-{id}-libre`.

use crate::validate::Invalid;
use std::collections::BTreeMap;

/// A theme of the questionnaire. Its code is shared with the automated
/// checks' themes where they meet (`mail`, `web`), so both count together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Theme {
    Governance,
    Mail,
    Web,
    Files,
    Passwords,
    Devices,
    Rgpd,
    Free,
}

impl Theme {
    pub const ALL: [Theme; 8] = [
        Theme::Governance,
        Theme::Mail,
        Theme::Web,
        Theme::Files,
        Theme::Passwords,
        Theme::Devices,
        Theme::Rgpd,
        Theme::Free,
    ];

    /// The code used in scores and message keys (`checkup-theme-{code}`).
    pub fn code(self) -> &'static str {
        match self {
            Theme::Governance => "governance",
            Theme::Mail => "mail",
            Theme::Web => "web",
            Theme::Files => "files",
            Theme::Passwords => "passwords",
            Theme::Devices => "devices",
            Theme::Rgpd => "rgpd",
            Theme::Free => "free",
        }
    }
}

/// How much work an action takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effort {
    Low = 1,
    Medium = 2,
    High = 3,
}

impl Effort {
    pub fn code(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

/// One question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// Stable id, also the form field's name (`g1`).
    pub id: &'static str,
    pub theme: Theme,
    /// 1 to 3.
    pub weight: u32,
    /// An answer at 0 points is flagged whatever the score.
    pub critical: bool,
    /// The work the action behind it takes.
    pub effort: Effort,
    /// Whether `q-{id}-libre` names a free-software alternative.
    pub libre: bool,
    /// The answers, best first: (code, points 0–2).
    pub options: &'static [(&'static str, u32)],
}

impl Question {
    /// The points of an answer, if it is one of this question's.
    pub fn points(&self, answer: &str) -> Option<u32> {
        self.options.iter().find(|(code, _)| *code == answer).map(|(_, p)| *p)
    }
}

/// The best answer earns this many points.
pub const MAX_POINTS: u32 = 2;

/// An answer's points are scaled so that weight 1 counts as much as one
/// automated check (10 points): earned = points × weight × 5.
pub const SCALE: u32 = 5;

const YES_PARTLY_NO: &[(&str, u32)] = &[("yes", 2), ("partly", 1), ("no", 0)];
const NO_SOMETIMES_YES: &[(&str, u32)] = &[("no", 2), ("sometimes", 1), ("yes", 0)];

macro_rules! q {
    ($id:literal, $theme:ident, $weight:literal, $critical:literal, $effort:ident, $libre:literal, $options:expr) => {
        Question {
            id: $id,
            theme: Theme::$theme,
            weight: $weight,
            critical: $critical,
            effort: Effort::$effort,
            libre: $libre,
            options: $options,
        }
    };
}

/// The questionnaire, in the order it is asked.
pub const QUESTIONS: &[Question] = &[
    // Governance and handover.
    q!("g1", Governance, 3, true, Medium, false, &[("association", 2), ("provider", 1), ("member", 0), ("unknown", 0)]),
    q!("g2", Governance, 2, false, Low, false, YES_PARTLY_NO),
    q!("g3", Governance, 3, true, Low, true, &[("two_plus", 2), ("one", 0), ("unknown", 0)]),
    q!("g4", Governance, 2, false, Medium, false, &[("written", 2), ("informal", 1), ("none", 0)]),
    q!("g5", Governance, 1, false, Low, false, &[("deputy", 2), ("one", 1), ("no", 0)]),
    q!("g6", Governance, 2, false, Medium, true, &[("tested", 2), ("yes", 1), ("no", 0)]),
    // Mail.
    q!("m1", Mail, 1, false, High, true, &[("ethical", 2), ("european", 1), ("us", 0), ("personal", 0)]),
    q!("m2", Mail, 2, false, Low, false, &[("role", 2), ("mixed", 1), ("personal", 0)]),
    q!("m3", Mail, 2, true, Medium, true, &[("no", 2), ("partly", 1), ("yes", 0)]),
    q!("m4", Mail, 1, false, Low, false, &[("all", 2), ("some", 1), ("none", 0), ("unknown", 0)]),
    // Website.
    q!("w1", Web, 2, false, Low, false, &[("shared", 2), ("known", 1), ("unknown", 0)]),
    q!("w2", Web, 2, false, Medium, true, &[("auto", 2), ("regular", 1), ("never", 0)]),
    q!("w3", Web, 2, false, Medium, true, &[("none", 2), ("consent", 1), ("yes", 0), ("unknown", 0)]),
    q!("w4", Web, 1, false, Low, false, YES_PARTLY_NO),
    // Files.
    q!("f1", Files, 3, true, High, true, &[("association", 2), ("drive", 1), ("personal", 0)]),
    q!("f2", Files, 1, false, Low, false, NO_SOMETIMES_YES),
    q!("f3", Files, 3, true, Medium, true, &[("tested", 2), ("regular", 1), ("none", 0)]),
    // Passwords.
    q!("p1", Passwords, 3, true, Low, true, &[("manager", 2), ("by_hand", 1), ("one", 0)]),
    q!("p2", Passwords, 2, true, Low, true, &[("manager", 2), ("oral", 1), ("written", 0)]),
    q!("p3", Passwords, 2, false, Medium, true, NO_SOMETIMES_YES),
    q!("p4", Passwords, 2, false, Medium, false, &[("all", 2), ("some", 1), ("none", 0)]),
    q!("p5", Passwords, 2, true, Medium, false, &[("always", 2), ("sometimes", 1), ("never", 0)]),
    // Devices.
    q!("d1", Devices, 2, true, Medium, false, &[("no", 2), ("encrypted", 1), ("yes", 0)]),
    q!("d2", Devices, 1, false, Low, false, YES_PARTLY_NO),
    q!("d3", Devices, 1, false, Low, true, YES_PARTLY_NO),
    // RGPD.
    q!("r1", Rgpd, 2, false, Medium, false, YES_PARTLY_NO),
    q!("r2", Rgpd, 2, false, Low, false, YES_PARTLY_NO),
    q!("r3", Rgpd, 1, false, Low, false, YES_PARTLY_NO),
    q!("r4", Rgpd, 1, false, Low, false, YES_PARTLY_NO),
    q!("r5", Rgpd, 2, false, High, true, &[("no", 2), ("guarantees", 1), ("yes", 0), ("unknown", 0)]),
    // Free software.
    q!("l1", Free, 1, false, High, true, &[("mostly", 2), ("some", 1), ("none", 0)]),
];

/// The question `id`.
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// The answers given, question id → answer code. Unanswered questions are absent.
pub type Answers = BTreeMap<String, String>;

/// Reads a posted questionnaire: for each question, an answer of its own or
/// empty (not answered yet). Anything else is refused on that question's
/// field, and nothing is taken.
pub fn parse_answers<'a>(posted: impl Fn(&str) -> &'a str) -> Result<Answers, Invalid> {
    let mut inv = Invalid::default();
    let mut answers = Answers::new();
    for q in QUESTIONS {
        match posted(q.id).trim() {
            "" => {}
            a if q.points(a).is_some() => {
                answers.insert(q.id.to_string(), a.to_string());
            }
            _ => inv.add(q.id, "error-unknown-choice"),
        }
    }
    inv.into_result(answers)
}

/// One theme's points from the answers (already scaled and weighted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemePoints {
    pub theme: Theme,
    pub earned: u32,
    pub max: u32,
}

/// The questionnaire's points per theme, in theme order. Unanswered
/// questions count for nothing (neither zero nor full): a theme with no
/// answer is left out. Answers unknown to this version are ignored.
pub fn points(answers: &Answers) -> Vec<ThemePoints> {
    let mut out: Vec<ThemePoints> = Vec::new();
    for q in QUESTIONS {
        let Some(points) = answers.get(q.id).and_then(|a| q.points(a)) else { continue };
        let earned = points * q.weight * SCALE;
        let max = MAX_POINTS * q.weight * SCALE;
        match out.iter_mut().find(|t| t.theme == q.theme) {
            Some(t) => {
                t.earned += earned;
                t.max += max;
            }
            None => out.push(ThemePoints { theme: q.theme, earned, max }),
        }
    }
    out.sort_by_key(|t| t.theme);
    out
}

/// The critical answers: critical questions answered at 0 points, in order.
pub fn critical(answers: &Answers) -> Vec<&'static Question> {
    QUESTIONS.iter().filter(|q| q.critical && answers.get(q.id).and_then(|a| q.points(a)) == Some(0)).collect()
}

/// Questions not answered yet.
pub fn unanswered(answers: &Answers) -> Vec<&'static Question> {
    QUESTIONS.iter().filter(|q| answers.get(q.id).and_then(|a| q.points(a)).is_none()).collect()
}

/// Something to do, for the report: what it is about, whether it is
/// critical, what it would earn (on the scale of 10 points a check) and
/// what it costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// A question id (`p1`) or an automated check's code (`mail.dmarc`).
    pub subject: String,
    pub critical: bool,
    /// Points it would win back, weight included.
    pub impact: u32,
    pub effort: Effort,
}

/// The actions the answers call for: every answer below the best.
pub fn actions(answers: &Answers) -> Vec<Action> {
    QUESTIONS
        .iter()
        .filter_map(|q| {
            let points = answers.get(q.id).and_then(|a| q.points(a))?;
            (points < MAX_POINTS).then(|| Action {
                subject: q.id.to_string(),
                critical: q.critical && points == 0,
                impact: (MAX_POINTS - points) * q.weight * SCALE,
                effort: q.effort,
            })
        })
        .collect()
}

/// Orders actions for the report: the critical ones first, then by impact
/// (largest first), then by effort (least first), then by subject so the
/// order is stable.
pub fn rank(actions: &mut [Action]) {
    actions.sort_by(|a, b| {
        b.critical
            .cmp(&a.critical)
            .then(b.impact.cmp(&a.impact))
            .then(a.effort.cmp(&b.effort))
            .then(a.subject.cmp(&b.subject))
    });
}

/// What Préau already knows that answers a question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// For each bank account in the access registry, how many people of the
    /// team hold it. Empty when the registry has no bank account.
    pub bank_holders: Vec<usize>,
    /// Accounts in the registry, and how many have a holder in the team.
    pub registry_accounts: usize,
    pub registry_held: usize,
    /// Critical accounts of the registry, and how many use a second factor.
    pub critical_accounts: usize,
    pub critical_with_two_factor: usize,
    /// Handovers completed.
    pub handovers_completed: usize,
    /// Whether the vault is on, how many people have a key, whether its
    /// recovery (Shamir split) is set up.
    pub vault_on: bool,
    pub vault_members: usize,
    pub vault_recovery: bool,
    /// Whether the retention rule is on; entries of the processing register.
    pub retention_enabled: bool,
    pub register_entries: usize,
    /// From the automated checks, when they ran: the mail provider's
    /// category code, how many of SPF, DKIM, DMARC pass, whether trackers
    /// were found, whether HTTP goes to HTTPS.
    pub mail_category: Option<String>,
    pub mail_auth_passing: Option<usize>,
    pub trackers_found: Option<bool>,
    pub https_forced: Option<bool>,
}

/// Where a proposed answer comes from (`checkup-source-{code}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Registry,
    Handovers,
    Vault,
    Privacy,
    Checks,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Registry => "registry",
            Source::Handovers => "handovers",
            Source::Vault => "vault",
            Source::Privacy => "privacy",
            Source::Checks => "checks",
        }
    }
}

/// An answer Préau proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub question: &'static str,
    pub answer: &'static str,
    pub source: Source,
}

/// The answers Préau can propose from what it knows. Only what the data
/// shows: nothing is proposed from an absence that may just mean the
/// association has not filled the registry in.
pub fn propose(k: &Known) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut p = |question, answer, source| out.push(Proposal { question, answer, source });
    if k.registry_accounts > 0 {
        p("g2", if k.registry_held == k.registry_accounts { "yes" } else { "partly" }, Source::Registry);
    }
    if let Some(fewest) = k.bank_holders.iter().min() {
        p("g3", if *fewest >= 2 { "two_plus" } else { "one" }, Source::Registry);
    }
    if k.handovers_completed > 0 {
        p("g4", "written", Source::Handovers);
    }
    if k.vault_on && k.vault_recovery {
        p("g6", "yes", Source::Vault);
    }
    if let Some(category) = &k.mail_category {
        let answer = match category.as_str() {
            "associative" | "self-hosted" => Some("ethical"),
            "eu-commercial" => Some("european"),
            "us-platform" => Some("us"),
            _ => None,
        };
        if let Some(answer) = answer {
            p("m1", answer, Source::Checks);
        }
    }
    if let Some(n) = k.mail_auth_passing {
        p(
            "m4",
            match n {
                3.. => "all",
                1 | 2 => "some",
                0 => "none",
            },
            Source::Checks,
        );
    }
    if let Some(found) = k.trackers_found {
        // Trackers found with a consent banner cannot be told apart from
        // outside: only "none" or "yes" is proposed.
        p("w3", if found { "yes" } else { "none" }, Source::Checks);
    }
    if let Some(forced) = k.https_forced {
        p("w4", if forced { "yes" } else { "no" }, Source::Checks);
    }
    if k.vault_on && k.vault_members >= 2 {
        p("p1", "manager", Source::Vault);
    }
    if k.critical_accounts > 0 {
        let answer = match k.critical_with_two_factor {
            0 => "none",
            n if n == k.critical_accounts => "all",
            _ => "some",
        };
        p("p4", answer, Source::Registry);
    }
    if k.register_entries > 0 {
        p("r1", if k.register_entries >= 2 { "yes" } else { "partly" }, Source::Privacy);
    }
    p("r2", if k.retention_enabled { "yes" } else { "no" }, Source::Privacy);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(q, a)| (q.to_string(), a.to_string())).collect()
    }

    fn all_at(points: u32) -> Answers {
        QUESTIONS
            .iter()
            .map(|q| {
                let (code, _) = q.options.iter().find(|(_, p)| *p == points).or(q.options.last()).unwrap();
                (q.id.to_string(), code.to_string())
            })
            .collect()
    }

    #[test]
    fn the_questionnaire_is_about_thirty_well_formed_questions() {
        assert!((28..=32).contains(&QUESTIONS.len()));
        let mut ids: Vec<_> = QUESTIONS.iter().map(|q| q.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), QUESTIONS.len(), "ids are unique");
        for q in QUESTIONS {
            assert!((1..=3).contains(&q.weight), "{}", q.id);
            assert_eq!(q.options[0].1, MAX_POINTS, "{}: best answer first", q.id);
            assert!(q.options.iter().any(|(_, p)| *p == 0), "{}: an answer at 0", q.id);
            assert!(q.options.iter().all(|(_, p)| *p <= MAX_POINTS), "{}", q.id);
        }
        for theme in Theme::ALL {
            assert!(QUESTIONS.iter().any(|q| q.theme == theme), "{theme:?} has questions");
        }
        // The three the workshop insists on are critical.
        for id in ["g1", "p1", "f3"] {
            assert!(question(id).unwrap().critical, "{id}");
        }
    }

    #[test]
    fn nothing_answered_scores_nothing_and_flags_nothing() {
        let none = Answers::new();
        assert!(points(&none).is_empty());
        assert!(critical(&none).is_empty());
        assert!(actions(&none).is_empty());
        assert_eq!(unanswered(&none).len(), QUESTIONS.len());
    }

    #[test]
    fn all_best_answers_score_full_marks_and_call_for_nothing() {
        let best = all_at(2);
        for t in points(&best) {
            assert_eq!(t.earned, t.max, "{:?}", t.theme);
        }
        assert!(critical(&best).is_empty());
        assert!(actions(&best).is_empty());
        assert!(unanswered(&best).is_empty());
    }

    #[test]
    fn all_worst_answers_flag_every_critical_question_first() {
        let worst = all_at(0);
        assert!(points(&worst).iter().all(|t| t.earned == 0 && t.max > 0));
        let flagged: Vec<_> = critical(&worst).iter().map(|q| q.id).collect();
        let expected: Vec<_> = QUESTIONS.iter().filter(|q| q.critical).map(|q| q.id).collect();
        assert_eq!(flagged, expected);
        let mut list = actions(&worst);
        rank(&mut list);
        let n = expected.len();
        assert!(list[..n].iter().all(|a| a.critical) && list[n..].iter().all(|a| !a.critical));
        assert_eq!(list.len(), QUESTIONS.len());
    }

    #[test]
    fn weights_count_within_a_theme() {
        // g1 (weight 3) at 2 points and g5 (weight 1) at 0: 30 of 40.
        let scored = points(&answers(&[("g1", "association"), ("g5", "no")]));
        assert_eq!(scored, vec![ThemePoints { theme: Theme::Governance, earned: 30, max: 40 }]);
        // The reverse: 0 of 30 and 10 of 10.
        let scored = points(&answers(&[("g1", "member"), ("g5", "deputy")]));
        assert_eq!(scored[0].earned, 10);
        assert_eq!(scored[0].max, 40);
    }

    #[test]
    fn a_critical_answer_is_flagged_whatever_the_score() {
        // Everything else perfect, the domain held by one member personally.
        let mut a = all_at(2);
        a.insert("g1".into(), "member".into());
        assert_eq!(critical(&a).iter().map(|q| q.id).collect::<Vec<_>>(), vec!["g1"]);
        // A partial answer to a critical question is an action, not a flag.
        a.insert("g1".into(), "provider".into());
        assert!(critical(&a).is_empty());
        assert_eq!(actions(&a).len(), 1);
    }

    #[test]
    fn actions_rank_critical_then_impact_then_effort() {
        let mut list = vec![
            Action { subject: "a".into(), critical: false, impact: 10, effort: Effort::High },
            Action { subject: "b".into(), critical: false, impact: 10, effort: Effort::Low },
            Action { subject: "c".into(), critical: true, impact: 5, effort: Effort::High },
            Action { subject: "d".into(), critical: false, impact: 30, effort: Effort::High },
        ];
        rank(&mut list);
        let order: Vec<_> = list.iter().map(|a| a.subject.as_str()).collect();
        assert_eq!(order, ["c", "d", "b", "a"]);
    }

    #[test]
    fn a_bad_answer_is_refused_on_its_field_and_nothing_is_taken() {
        let posted = |name: &str| match name {
            "g1" => "association",
            "p1" => "everybody",
            "d2" => "<script>",
            _ => "",
        };
        let inv = parse_answers(posted).unwrap_err();
        let fields: Vec<_> = inv.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["p1", "d2"]);
        let ok = parse_answers(|name| if name == "g1" { " association " } else { "" }).unwrap();
        assert_eq!(ok, answers(&[("g1", "association")]));
    }

    #[test]
    fn answers_unknown_to_this_version_are_ignored() {
        let a = answers(&[("zz", "yes"), ("g5", "maybe")]);
        assert!(points(&a).is_empty());
        assert!(actions(&a).is_empty());
    }

    #[test]
    fn proposals_come_only_from_what_is_known() {
        let none = propose(&Known::default());
        // Only the retention rule, which is off until switched on.
        assert_eq!(none, vec![Proposal { question: "r2", answer: "no", source: Source::Privacy }]);
        let k = Known {
            bank_holders: vec![2, 1],
            registry_accounts: 3,
            registry_held: 3,
            critical_accounts: 2,
            critical_with_two_factor: 1,
            vault_on: true,
            vault_members: 2,
            vault_recovery: true,
            retention_enabled: true,
            register_entries: 4,
            mail_category: Some("us-platform".into()),
            mail_auth_passing: Some(3),
            trackers_found: Some(true),
            https_forced: Some(false),
            handovers_completed: 0,
        };
        let got: BTreeMap<_, _> = propose(&k).into_iter().map(|p| (p.question, p.answer)).collect();
        assert_eq!(got["g3"], "one", "one bank account is held by a single person");
        assert_eq!(got["g2"], "yes");
        assert_eq!(got["g6"], "yes");
        assert_eq!(got["m1"], "us");
        assert_eq!(got["m4"], "all");
        assert_eq!(got["w3"], "yes");
        assert_eq!(got["w4"], "no");
        assert_eq!(got["p1"], "manager");
        assert_eq!(got["p4"], "some");
        assert_eq!(got["r1"], "yes");
        assert_eq!(got["r2"], "yes");
        assert!(!got.contains_key("g4"));
        // Every proposal is one of its question's answers.
        for p in propose(&k) {
            assert!(question(p.question).unwrap().points(p.answer).is_some(), "{p:?}");
        }
    }
}
