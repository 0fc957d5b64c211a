//! Handovers (passations): start one for an officer leaving, follow its
//! checklist built from the access registry, and hand the board a report
//! (this page, printable, or a PDF). Works without JavaScript.

use super::access::{People, vault_off};
use super::{Chrome, FormState, NoticeQuery, Options, done, file_download, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::handover::{Step, checklist};
use domain::{AccessAccountId, Grant, HandoverId, KeepRegistry, TeamWork, UserId};
use store::handovers::{HandoverRow, StartRefused, StepRow};

#[derive(Template)]
#[template(path = "handovers.html")]
struct HandoversPage {
    c: Chrome,
    f: FormState,
    handovers: Vec<HandoverRow>,
    leaving: Options,
    incoming: Options,
    can_keep: bool,
}

async fn handovers_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let handovers = store::handovers::list(&s.db, a).await?;
    let people = People::load(&s.db, a).await?;
    let team: Options =
        people.by_id.values().filter(|p| p.in_team).map(|p| (p.id.to_string(), p.name.clone())).collect();
    let mut incoming = vec![(String::new(), tr.t("handover-incoming-later"))];
    incoming.extend(team.iter().cloned());
    let can_keep = Grant::<KeepRegistry>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("handovers-title"), "access", ctx).with_csrf(csrf).notice(notice);
    page(&HandoversPage { c, f, handovers, leaving: team, incoming, can_keep })
}

/// The handovers, and the form to start one.
pub async fn show_handovers(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    handovers_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Starts a handover: its checklist comes from the accounts the leaving person holds.
pub async fn start_handover(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &["office", "leaving", "incoming"]);
    let office = domain::validate::line(posted.get("office"), 100).map_err(|k| f.error(&tr, "office", k)).ok();
    let leaving = posted.get("leaving").parse::<i64>().ok().map(UserId);
    if leaving.is_none() {
        f.error(&tr, "leaving", "error-required");
    }
    let incoming = match posted.get("incoming") {
        "" => None,
        raw => raw.parse::<i64>().ok().map(UserId).or_else(|| {
            f.error(&tr, "incoming", "error-unknown-choice");
            None
        }),
    };
    if leaving.is_some() && leaving == incoming {
        f.error(&tr, "incoming", "error-handover-same-person");
    }
    let (Some(office), Some(leaving), false) = (office, leaving, f.has_errors()) else {
        return Ok(refused(handovers_page(&s, tr, &csrf, &who.ctx, f, None).await?));
    };
    let a = who.ctx.association_id();
    let held = store::access::held_by(&s.db, a, leaving).await?;
    let accounts: Vec<_> = held.iter().map(|r| (AccessAccountId(r.id), r.account())).collect();
    let plan = checklist(accounts.iter().map(|(id, acc)| (*id, acc)));
    match store::handovers::start(&s.db, &who.grant, &office, leaving, incoming, &plan, now()).await? {
        Ok(id) => {
            let detail = format!("#{id} {office}: #{leaving} → {}", incoming.map_or("?".into(), |u| format!("#{u}")));
            store::audit::by(&s.db, &who.grant, "handover.start", &detail, now()).await?;
            Ok(done(&format!("/access/handovers/{id}"), "notice-saved"))
        }
        Err(StartRefused::NotInTeam) => {
            f.error(&tr, "leaving", "error-handover-not-in-team");
            Ok(refused(handovers_page(&s, tr, &csrf, &who.ctx, f, None).await?))
        }
    }
}

/// A step as shown: its text, translated, and its state.
pub struct StepLine {
    pub position: i64,
    pub text: String,
    pub help: String,
    pub done_at: String,
    pub done_by: String,
    pub note: String,
    pub done: bool,
}

fn step_lines(tr: &Tr, steps: &[StepRow]) -> Vec<StepLine> {
    steps
        .iter()
        .map(|s| StepLine {
            position: s.position,
            text: tr.t1(&format!("handover-step-{}", s.kind), "service", s.subject.clone()),
            help: tr.t(&format!("handover-step-{}-help", s.kind)),
            done_at: s.done_at.map(|t| tr.datetime(t)).unwrap_or_default(),
            done_by: s.done_by_name.clone().unwrap_or_default(),
            note: s.note.clone(),
            done: s.done_at.is_some(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "handover.html")]
struct HandoverPage {
    c: Chrome,
    f: FormState,
    h: HandoverRow,
    steps: Vec<StepLine>,
    can_keep: bool,
}

async fn handover_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    id: i64,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let h = store::handovers::get(&s.db, a, HandoverId(id)).await?.ok_or(AppError::NotFound)?;
    let steps = step_lines(&tr, &store::handovers::steps(&s.db, a, HandoverId(id)).await?);
    let can_keep = Grant::<KeepRegistry>::check(&ctx.membership).is_some();
    let title = tr.t1("handover-title", "office", h.office.clone());
    let c = Chrome::inside(tr, &title, "access", ctx).with_csrf(csrf).notice(notice);
    page(&HandoverPage { c, f, h, steps, can_keep })
}

/// A handover's checklist; also its report for the board (printable).
pub async fn show_handover(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    handover_page(&s, tr, &csrf, &who.ctx, id, FormState::default(), q.notice.as_deref()).await
}

/// Ticks or unticks a step. Ticking an account's step also hands the
/// account over in the registry: the newcomer holds it, the leaving person no longer.
pub async fn save_handover_step(
    State(s): State<AppState>,
    who: Authorized<KeepRegistry>,
    Path((id, position)): Path<(i64, i64)>,
    posted: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let h = store::handovers::get(&s.db, a, HandoverId(id)).await?.ok_or(AppError::NotFound)?;
    let steps = store::handovers::steps(&s.db, a, HandoverId(id)).await?;
    let step = steps.iter().find(|st| st.position == position).ok_or(AppError::NotFound)?;
    let done_now = posted.get("done") == "on";
    let note: String = posted.get("note").trim().chars().take(500).collect();
    let t = now();
    if !store::handovers::mark_step(&s.db, &who.grant, HandoverId(id), position, done_now, &note, t).await? {
        return Err(AppError::NotFound);
    }
    if done_now
        && step.done_at.is_none()
        && Step::from_code(&step.kind) == Some(Step::Account)
        && let Some(account) = step.account_id
    {
        let incoming = h.incoming_user.map(UserId);
        store::access::hand_over(&s.db, &who.grant, AccessAccountId(account), UserId(h.leaving_user), incoming, t)
            .await?;
    }
    let detail = format!("#{id} step {position} {} {}", step.kind, if done_now { "done" } else { "undone" });
    store::audit::by(&s.db, &who.grant, "handover.step", &detail, t).await?;
    Ok(done(&format!("/access/handovers/{id}#step-{position}"), "notice-saved"))
}

/// Closes a handover once every step is done.
pub async fn complete_handover(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let notes: String = posted.get("notes").trim().chars().take(2000).collect();
    if store::handovers::complete(&s.db, &who.grant, HandoverId(id), &notes, now()).await? {
        store::audit::by(&s.db, &who.grant, "handover.complete", &format!("#{id}"), now()).await?;
        return Ok(done(&format!("/access/handovers/{id}"), "notice-saved"));
    }
    store::handovers::get(&s.db, who.ctx.association_id(), HandoverId(id)).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &["notes"]);
    f.error(&tr, "notes", "error-handover-steps-left");
    Ok(refused(handover_page(&s, tr, &csrf, &who.ctx, id, f, None).await?))
}

/// The handover report as a PDF, for the board's records.
pub async fn download_handover_report(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let h = store::handovers::get(&s.db, a, HandoverId(id)).await?.ok_or(AppError::NotFound)?;
    let steps = step_lines(&tr, &store::handovers::steps(&s.db, a, HandoverId(id)).await?);
    let title = tr.t1("handover-title", "office", h.office.clone());
    let meta = pdf::Metadata::new(&title, &who.ctx.association.name).created(pdf::pdf_date(now()));
    let mut doc = pdf::Document::new(meta);
    let page_word = tr.t("pdf-page");
    doc.page_numbers(move |n, of| format!("{page_word} {n} / {of}"));
    doc.heading(&title, 1);
    doc.paragraph(&who.ctx.association.name);
    let who_line = tr.args(
        "handover-people",
        &[
            ("leaving", h.leaving_name.clone()),
            ("incoming", h.incoming_name.clone().unwrap_or_else(|| tr.t("handover-incoming-later"))),
        ],
    );
    doc.paragraph(&who_line);
    doc.paragraph(&tr.t1("handover-started", "date", tr.datetime(h.started_at)));
    doc.paragraph(&match h.completed_at {
        Some(t) => tr.t1("handover-completed", "date", tr.datetime(t)),
        None => tr.t("handover-open"),
    });
    let columns = vec![
        pdf::Column::new(tr.t("handover-step"), 0.46),
        pdf::Column::new(tr.t("handover-done-at"), 0.18),
        pdf::Column::new(tr.t("handover-done-by"), 0.16),
        pdf::Column::new(tr.t("handover-note"), 0.20),
    ];
    let rows = steps.iter().map(|st| {
        pdf::Row::new(vec![
            st.text.clone(),
            if st.done { st.done_at.clone() } else { tr.t("handover-to-do") },
            st.done_by.clone(),
            st.note.clone(),
        ])
    });
    doc.table(&columns, rows);
    if !h.notes.is_empty() {
        doc.heading(&tr.t("handover-notes"), 2);
        doc.paragraph(&h.notes);
    }
    file_download("application/pdf", &format!("passation-{id}.pdf"), doc.finish())
}
