//! The digital-hygiene check-up: the domain watched and the history of
//! runs; a run's questionnaire (several people answer, each answer keeps who
//! gave it and when; Préau proposes what it knows); its report, with scores
//! per theme, the critical flags first, then the actions, and what changed
//! since the previous run; the report as a PDF. Works without JavaScript:
//! while the automated checks run, the page refreshes itself.

use super::{Chrome, FormState, NoticeQuery, done, file_download, module_off, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::checkup::{ActionLine, Assessment, STALE_SECONDS, ThemeLine, assess, parse_report, percent};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use checkup::{DomainName, Report, Status};
use domain::checkup::{self as q, Answers};
use domain::settings::Module;
use domain::{Administer, Grant, TeamWork};
use store::checkup::Run;

fn checkup_off(tr: Tr, ctx: &InAssociation) -> Option<Response> {
    module_off(tr, ctx, Module::Checkup)
}

/// A run in the history.
pub struct RunLine {
    pub id: i64,
    pub date: String,
    pub by: String,
    pub domain: String,
    pub answered: i64,
    pub state: String,
    pub overall: String,
    pub change: String,
}

fn answers_of(rows: &[store::checkup::Answer]) -> Answers {
    rows.iter().map(|r| (r.question.clone(), r.answer.clone())).collect()
}

/// The state of a run's checks as shown: none, running, interrupted, done, failed.
fn run_state(run: &Run, now: i64) -> &'static str {
    match run.check_state.as_str() {
        "running" if run.check_started_at.is_some_and(|t| t < now - STALE_SECONDS) => "interrupted",
        "running" => "running",
        "done" if parse_report(run.report.as_deref()).is_none() => "failed",
        "done" => "done",
        _ => "none",
    }
}

#[derive(Template)]
#[template(path = "checkup.html")]
struct CheckupPage {
    c: Chrome,
    f: FormState,
    runs: Vec<RunLine>,
    alerts: Vec<(String, String)>,
    is_admin: bool,
    domain: String,
    last_checked: String,
    questions: usize,
}

async fn checkup_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: Option<FormState>,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let settings = store::checkup::settings(&s.db, a).await?;
    let t = now();
    let runs = store::checkup::runs(&s.db, a).await?;
    let mut overall: Vec<Option<f64>> = Vec::new();
    for run in &runs {
        let answers = answers_of(&store::checkup::answers(&s.db, a, run.id).await?);
        let report = parse_report(run.report.as_deref());
        overall.push(crate::checkup::scores(report.as_ref(), &answers).overall);
    }
    let lines = runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let change = match (overall[i], overall.get(i + 1).copied().flatten()) {
                (Some(now), Some(before)) => {
                    let d = ((now - before) * 10.0).round() / 10.0;
                    let text = percent(&tr, Some(d.abs()));
                    if d > 0.0 {
                        format!("+{text}")
                    } else if d < 0.0 {
                        format!("−{text}")
                    } else {
                        "=".into()
                    }
                }
                _ => String::new(),
            };
            RunLine {
                id: run.id,
                date: tr.datetime(run.created_at),
                by: run.created_by_name.clone().unwrap_or_default(),
                domain: DomainName::parse(&run.domain).map(|d| d.unicode().to_string()).unwrap_or_default(),
                answered: run.answered,
                state: tr.t(&format!("checkup-state-{}", run_state(run, t))),
                overall: percent(&tr, overall[i]),
                change,
            }
        })
        .collect();
    let alerts = store::checkup::alerts(&s.db, a)
        .await?
        .into_iter()
        .map(|(key, at)| {
            let kind = key.split(':').next().unwrap_or_default().to_string();
            let what = match kind.as_str() {
                "certificate" | "domain" | "mail.mx" => tr.t(&format!("checkup-alert-kind-{}", kind.replace('.', "-"))),
                code => checkup::CheckId::ALL
                    .into_iter()
                    .find(|id| id.code() == code)
                    .map(|id| tr.t(&format!("checkup-{}-title", id.key())))
                    .unwrap_or(kind.clone()),
            };
            (tr.datetime(at), what)
        })
        .collect();
    let is_admin = Grant::<Administer>::check(&ctx.membership).is_some();
    let form = match f {
        Some(f) => f,
        None => {
            let mut form = FormState::default();
            let shown = DomainName::parse(&settings.domain).map(|d| d.unicode().to_string()).unwrap_or_default();
            form.set("domain", shown);
            form.set("watch", if settings.watch { "on" } else { "" });
            form.set("every_days", settings.every_days.to_string());
            form
        }
    };
    let domain = DomainName::parse(&settings.domain).map(|d| d.unicode().to_string()).unwrap_or_default();
    let last_checked = settings.last_checked_at.map(|t| tr.datetime(t)).unwrap_or_default();
    let c = Chrome::inside(tr, &tr.t("checkup-title"), "checkup", ctx).with_csrf(csrf).notice(notice);
    page(&CheckupPage {
        c,
        f: form,
        runs: lines,
        alerts,
        is_admin,
        domain,
        last_checked,
        questions: q::QUESTIONS.len(),
    })
}

/// The check-up's home: the domain watched, the runs with their scores.
pub async fn show_checkup(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(nq): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    checkup_page(&s, tr, &csrf, &who.ctx, None, nq.notice.as_deref()).await
}

/// Saves the domain and the watch (administrators).
pub async fn save_checkup_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &["domain", "watch", "every_days"]);
    let domain = match posted.get("domain").trim() {
        "" => Some(String::new()),
        typed => match DomainName::parse(typed) {
            Ok(d) => Some(d.ascii().to_string()),
            Err(e) => {
                f.error(&tr, "domain", e.key());
                None
            }
        },
    };
    let every = match posted.get("every_days").trim().parse::<i64>() {
        Ok(n) if (1..=365).contains(&n) => Some(n),
        _ => {
            f.error(&tr, "every_days", "error-checkup-every-days");
            None
        }
    };
    let watch = posted.get("watch") == "on";
    let (Some(domain), Some(every), false) = (domain, every, f.has_errors()) else {
        return Ok(refused(checkup_page(&s, tr, &csrf, &who.ctx, Some(f), None).await?));
    };
    store::checkup::save_settings(&s.db, &who.grant, &domain, watch, every).await?;
    let detail = format!("{domain} watch={watch} every={every}");
    store::audit::by(&s.db, &who.grant, "checkup.settings", &detail, now()).await?;
    Ok(done("/checkup", "notice-saved"))
}

/// Starts a check-up: the questionnaire to answer and, when the domain is
/// set, the automated checks in the background.
pub async fn start_checkup_run(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    _posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let domain = store::checkup::settings(&s.db, a).await?.domain;
    let id = store::checkup::create_run(&s.db, &who.grant, &domain, now()).await?;
    if !domain.is_empty() {
        crate::checkup::spawn_check(s.db.clone(), s.config.checkup.clone(), a, id, domain.clone());
    }
    store::audit::by(&s.db, &who.grant, "checkup.run", &format!("#{id} {domain}"), now()).await?;
    Ok(done(&format!("/checkup/runs/{id}"), "notice-saved"))
}

/// Runs a run's automated checks again (after an interruption, or to see a fix).
pub async fn restart_checkup_check(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    _posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let run = store::checkup::run(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let t = now();
    if store::checkup::restart_check(&s.db, &who.grant, id, t - STALE_SECONDS, t).await? {
        crate::checkup::spawn_check(s.db.clone(), s.config.checkup.clone(), a, id, run.domain.clone());
        store::audit::by(&s.db, &who.grant, "checkup.recheck", &format!("#{id} {}", run.domain), t).await?;
    }
    Ok(done(&format!("/checkup/runs/{id}"), "notice-saved"))
}

/// A check as shown in the report's details.
pub struct CheckLine {
    pub theme: String,
    pub title: String,
    pub status: String,
    pub status_code: &'static str,
    pub message: String,
    pub fix: String,
}

/// A check that changed since the previous run.
pub struct ChangeLine {
    pub title: String,
    pub before: String,
    pub after: String,
    pub worse: bool,
}

#[derive(Template)]
#[template(path = "checkup_run.html")]
struct RunPage {
    c: Chrome,
    run: Run,
    state: &'static str,
    domain: String,
    overall: String,
    previous_overall: String,
    previous_id: i64,
    themes: Vec<ThemeLine>,
    critical: Vec<ActionLine>,
    actions: Vec<ActionLine>,
    checks: Vec<CheckLine>,
    changes: Vec<ChangeLine>,
    answered: usize,
    questions: usize,
}

fn render(tr: &Tr, m: &checkup::Message) -> String {
    tr.message(&m.key, m.args.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Everything the report (page and PDF) shows about a run.
struct Loaded {
    run: Run,
    report: Option<Report>,
    answers: Answers,
    previous: Option<(Run, Option<Report>, Answers)>,
}

async fn load(s: &AppState, ctx: &InAssociation, id: i64) -> Result<Loaded, AppError> {
    let a = ctx.association_id();
    let run = store::checkup::run(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let report = parse_report(run.report.as_deref());
    let answers = answers_of(&store::checkup::answers(&s.db, a, id).await?);
    let previous = match store::checkup::previous_run(&s.db, a, id).await? {
        Some(p) => {
            let answers = answers_of(&store::checkup::answers(&s.db, a, p.id).await?);
            let report = parse_report(p.report.as_deref());
            Some((p, report, answers))
        }
        None => None,
    };
    Ok(Loaded { run, report, answers, previous })
}

fn status_text(tr: &Tr, s: Option<Status>) -> String {
    s.map(|s| tr.t(&format!("checkup-status-{}", s.code()))).unwrap_or_else(|| "—".into())
}

/// A run's report: progress while the checks run, then scores, critical
/// flags, actions, changes since the previous run, and every check.
pub async fn show_checkup_run(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(nq): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let l = load(&s, &who.ctx, id).await?;
    let Assessment { scores, critical, actions } = assess(&tr, l.report.as_ref(), &l.answers);
    let previous_scores = l.previous.as_ref().map(|(_, r, answers)| crate::checkup::scores(r.as_ref(), answers));
    let themes = crate::checkup::theme_lines(&tr, &scores, previous_scores.as_ref());
    let checks = l
        .report
        .as_ref()
        .map(|r| {
            r.checks
                .iter()
                .map(|c| CheckLine {
                    theme: crate::checkup::theme_name(&tr, c.theme.code()),
                    title: tr.t(&format!("checkup-{}-title", c.id.key())),
                    status: tr.t(&format!("checkup-status-{}", c.status.code())),
                    status_code: c.status.code(),
                    message: render(&tr, &c.message),
                    fix: c.fix.as_ref().map(|f| render(&tr, f)).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    let changes = match (&l.report, l.previous.as_ref().and_then(|(_, r, _)| r.as_ref())) {
        (Some(after), Some(before)) if after.domain == before.domain => checkup::changes(before, after)
            .into_iter()
            .filter(|c| c.before != c.after)
            .map(|c| ChangeLine {
                title: tr.t(&format!("checkup-{}-title", c.id.key())),
                before: status_text(&tr, c.before),
                after: status_text(&tr, c.after),
                worse: c.is_regression(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let state = run_state(&l.run, now());
    let domain = DomainName::parse(&l.run.domain).map(|d| d.unicode().to_string()).unwrap_or_default();
    let title = tr.t1("checkup-run-title", "date", tr.datetime(l.run.created_at));
    let c = Chrome::inside(tr, &title, "checkup", &who.ctx).with_csrf(&csrf).notice(nq.notice.as_deref());
    page(&RunPage {
        c,
        state,
        domain,
        overall: percent(&tr, scores.overall),
        previous_overall: previous_scores.as_ref().map(|p| percent(&tr, p.overall)).unwrap_or_default(),
        previous_id: l.previous.as_ref().map_or(0, |(p, _, _)| p.id),
        themes,
        critical,
        actions,
        checks,
        changes,
        answered: l.answers.len(),
        questions: q::QUESTIONS.len(),
        run: l.run,
    })
}

/// A question as shown.
pub struct QuestionLine {
    pub id: &'static str,
    pub text: String,
    pub critical: bool,
    /// (code, label, checked).
    pub options: Vec<(String, String, bool)>,
    pub unanswered: bool,
    pub answered_by: String,
    pub proposal: String,
    pub error: String,
}

/// A theme's questions.
pub struct ThemeQuestions {
    pub name: String,
    pub questions: Vec<QuestionLine>,
}

#[derive(Template)]
#[template(path = "checkup_questionnaire.html")]
struct QuestionnairePage {
    c: Chrome,
    f: FormState,
    run: Run,
    themes: Vec<ThemeQuestions>,
}

async fn questionnaire_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    id: i64,
    f: Option<FormState>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let run = store::checkup::run(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let stored = store::checkup::answers(&s.db, a, id).await?;
    let report = parse_report(run.report.as_deref());
    let known = crate::checkup::known(&s.db, a, &ctx.association.modules(), report.as_ref()).await?;
    let proposals = q::propose(&known);
    let refused = f.is_some();
    let f = f.unwrap_or_default();
    let themes = q::Theme::ALL
        .iter()
        .map(|theme| ThemeQuestions {
            name: crate::checkup::theme_name(&tr, theme.code()),
            questions: q::QUESTIONS
                .iter()
                .filter(|qu| qu.theme == *theme)
                .map(|qu| {
                    let saved = stored.iter().find(|x| x.question == qu.id);
                    let proposal = proposals.iter().find(|p| p.question == qu.id);
                    // What is checked: what was typed on a refused form, else
                    // the saved answer, else Préau's proposal.
                    let chosen: String = if refused {
                        f.v(qu.id).to_string()
                    } else {
                        saved.map(|x| x.answer.clone()).or(proposal.map(|p| p.answer.to_string())).unwrap_or_default()
                    };
                    QuestionLine {
                        id: qu.id,
                        text: tr.t(&format!("q-{}", qu.id)),
                        critical: qu.critical,
                        options: qu
                            .options
                            .iter()
                            .map(|(code, _)| (code.to_string(), tr.t(&format!("q-{}-{code}", qu.id)), chosen == *code))
                            .collect(),
                        unanswered: qu.points(&chosen).is_none(),
                        answered_by: saved
                            .map(|x| {
                                tr.args(
                                    "checkup-answered-by",
                                    &[
                                        ("who", x.answered_by_name.clone().unwrap_or_else(|| "—".into())),
                                        ("date", tr.datetime(x.answered_at)),
                                    ],
                                )
                            })
                            .unwrap_or_default(),
                        proposal: proposal
                            .map(|p| {
                                tr.args(
                                    "checkup-proposed",
                                    &[
                                        ("answer", tr.t(&format!("q-{}-{}", qu.id, p.answer))),
                                        ("source", tr.t(&format!("checkup-source-{}", p.source.code()))),
                                    ],
                                )
                            })
                            .unwrap_or_default(),
                        error: f.e(qu.id).to_string(),
                    }
                })
                .collect(),
        })
        .collect();
    let title = tr.t("checkup-questionnaire-title");
    let c = Chrome::inside(tr, &title, "checkup", ctx).with_csrf(csrf);
    page(&QuestionnairePage { c, f, run, themes })
}

/// The questionnaire of a run, with the answers given and those proposed.
pub async fn show_questionnaire(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    questionnaire_page(&s, tr, &csrf, &who.ctx, id, None).await
}

/// Saves the answers: all of them or, if one is not a choice of its
/// question, none (the form comes back with each wrong one marked).
pub async fn save_questionnaire(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    store::checkup::run(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let ids: Vec<&str> = q::QUESTIONS.iter().map(|qu| qu.id).collect();
    match q::parse_answers(|name| posted.get(name)) {
        Ok(answers) => {
            let changed = store::checkup::save_answers(&s.db, &who.grant, id, &answers, now())
                .await?
                .ok_or(AppError::NotFound)?;
            let detail = format!("#{id}: {changed} answers changed");
            store::audit::by(&s.db, &who.grant, "checkup.answers", &detail, now()).await?;
            Ok(done(&format!("/checkup/runs/{id}"), "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(&posted, &ids);
            f.invalid(&tr, &inv);
            Ok(refused(questionnaire_page(&s, tr, &csrf, &who.ctx, id, Some(f)).await?))
        }
    }
}

/// The report as a PDF for the general assembly.
pub async fn download_checkup_report(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = checkup_off(tr, &who.ctx) {
        return Ok(r);
    }
    let l = load(&s, &who.ctx, id).await?;
    let Assessment { scores, critical, actions } = assess(&tr, l.report.as_ref(), &l.answers);
    let previous_scores = l.previous.as_ref().map(|(_, r, answers)| crate::checkup::scores(r.as_ref(), answers));
    let themes = crate::checkup::theme_lines(&tr, &scores, previous_scores.as_ref());
    let title = tr.t1("checkup-run-title", "date", tr.datetime(l.run.created_at));
    let meta = pdf::Metadata::new(&title, &who.ctx.association.name).created(pdf::pdf_date(now()));
    let mut doc = pdf::Document::new(meta);
    let page_word = tr.t("pdf-page");
    doc.page_numbers(move |n, of| format!("{page_word} {n} / {of}"));
    doc.heading(&title, 1);
    doc.paragraph(&who.ctx.association.name);
    if let Ok(d) = DomainName::parse(&l.run.domain) {
        doc.paragraph(&tr.t1("checkup-run-domain", "domain", d.unicode()));
    }
    doc.paragraph(&tr.t1("checkup-overall", "percent", percent(&tr, scores.overall)));
    doc.paragraph(&tr.args(
        "checkup-answered",
        &[("answered", l.answers.len().to_string()), ("total", q::QUESTIONS.len().to_string())],
    ));
    doc.heading(&tr.t("checkup-themes"), 2);
    let columns = vec![
        pdf::Column::new(tr.t("checkup-theme"), 0.5),
        pdf::Column::new(tr.t("checkup-score"), 0.25),
        pdf::Column::new(tr.t("checkup-previous"), 0.25),
    ];
    doc.table(
        &columns,
        themes.iter().map(|t| pdf::Row::new(vec![t.name.clone(), t.percent.clone(), t.previous.clone()])),
    );
    let action_rows = |list: &[ActionLine]| -> Vec<pdf::Row> {
        list.iter()
            .map(|a| {
                let mut why = a.why.clone();
                if !a.libre.is_empty() {
                    why = format!("{why} {}", a.libre);
                }
                pdf::Row::new(vec![format!("{} — {}", a.title, a.what), why, a.effort.clone()])
            })
            .collect()
    };
    let columns = || {
        vec![
            pdf::Column::new(tr.t("checkup-action"), 0.45),
            pdf::Column::new(tr.t("checkup-why"), 0.40),
            pdf::Column::new(tr.t("checkup-effort"), 0.15),
        ]
    };
    doc.heading(&tr.t("checkup-critical"), 2);
    if critical.is_empty() {
        doc.paragraph(&tr.t("checkup-critical-none"));
    } else {
        doc.table(&columns(), action_rows(&critical));
    }
    doc.heading(&tr.t("checkup-actions"), 2);
    if actions.is_empty() {
        doc.paragraph(&tr.t("checkup-actions-none"));
    } else {
        doc.table(&columns(), action_rows(&actions));
    }
    file_download("application/pdf", &format!("bilan-numerique-{id}.pdf"), doc.finish())
}
