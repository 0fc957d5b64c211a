//! Dues reminders: which members are due one and when, their text, and the
//! daily pass that queues them. Written in French, the language associations
//! write to their members in; an association can replace the text.

use crate::i18n::{Lang, Tr};
use domain::dues::{ReminderFields, fill_reminder};
use domain::{AssociationId, Date, MemberId, MembershipTypeId};
use store::Db;
use store::dues::{DuesSettings, Reminder, Renewal};

/// A server that was off for up to this many days still sends the reminders it missed.
pub const CATCH_UP_DAYS: i64 = 3;

/// One reminder the settings call for.
pub struct Planned {
    pub day: Date,
    pub offset: i64,
    pub renewal: Renewal,
}

/// The reminders due from `today` to `horizon` days later, by day (the
/// preview of what switching reminders on will send).
pub async fn plan(
    db: &Db,
    a: AssociationId,
    d: &DuesSettings,
    today: Date,
    horizon: i64,
) -> store::Result<Vec<Planned>> {
    let (Some(first), Some(last)) = (d.offsets.0.first(), d.offsets.0.last()) else { return Ok(Vec::new()) };
    let candidates = store::dues::renewals(db, a, today.add_days(-last), today.add_days(horizon - first)).await?;
    let mut planned = Vec::new();
    for r in candidates {
        let Some(end) = Date::parse_iso(&r.paid_until) else { continue };
        for &offset in &d.offsets.0 {
            let day = end.add_days(offset);
            if day >= today && day <= today.add_days(horizon) && r.email.is_some() {
                planned.push(Planned { day, offset, renewal: r.clone() });
            }
        }
    }
    planned.sort_by_key(|p| (p.day, p.renewal.last_name.clone(), p.renewal.member_id));
    Ok(planned)
}

/// The subject and body of a member's reminder.
pub async fn render(
    db: &Db,
    a: AssociationId,
    association: &str,
    d: &DuesSettings,
    r: &Renewal,
) -> store::Result<(String, String)> {
    let categories = store::categories::of_member(db, a, MemberId(r.member_id)).await?;
    let price = store::dues::get_type(db, a, MembershipTypeId(r.type_id))
        .await?
        .map_or(0, |t| t.to_domain().tariff.price(&categories));
    let tr = Tr { lang: Lang::Fr };
    let fields = ReminderFields {
        first_name: &r.first_name,
        last_name: &r.last_name,
        association,
        end: &tr.date(&r.paid_until),
        amount: &tr.money(price),
    };
    Ok(fill(&tr, d, &fields))
}

/// The reminder as a made-up member would get it, when nobody is due yet.
pub fn render_sample(association: &str, d: &DuesSettings) -> (String, String) {
    let tr = Tr { lang: Lang::Fr };
    let fields = ReminderFields {
        first_name: "Camille",
        last_name: "Exemple",
        association,
        end: "31/12/2026",
        amount: &tr.money(2000i64),
    };
    fill(&tr, d, &fields)
}

/// The association's own text, or the built-in one.
fn fill(tr: &Tr, d: &DuesSettings, f: &ReminderFields) -> (String, String) {
    let subject = match d.subject.is_empty() {
        true => tr.t1("mail-reminder-subject", "association", f.association),
        false => fill_reminder(&d.subject, f),
    };
    let body = match d.body.is_empty() {
        true => tr.args(
            "mail-reminder-body",
            &[
                ("first_name", f.first_name.into()),
                ("association", f.association.into()),
                ("end", f.end.into()),
                ("amount", f.amount.into()),
            ],
        ),
        false => fill_reminder(&d.body, f),
    };
    (subject, body)
}

/// Queues every reminder due today in every association that switched them
/// on; returns how many were queued. Safe to run as often as wished: each
/// (member, period end, offset) is queued once.
pub async fn send_due(db: &Db, today: Date, now: i64) -> store::Result<usize> {
    let mut queued = 0;
    for a in store::dues::associations_reminding(db).await? {
        let Some(association) = store::associations::get(db, a).await? else { continue };
        let d = store::dues::settings(db, a).await?;
        let (Some(first), Some(last)) = (d.offsets.0.first(), d.offsets.0.last()) else { continue };
        let from = today.add_days(-last - CATCH_UP_DAYS);
        for r in store::dues::renewals(db, a, from, today.add_days(-first)).await? {
            let (Some(end), Some(email)) = (Date::parse_iso(&r.paid_until), r.email.as_deref()) else { continue };
            for offset in d.offsets.due(end, today, CATCH_UP_DAYS) {
                let member = MemberId(r.member_id);
                if store::dues::was_reminded(db, a, member, &r.paid_until, offset).await? {
                    continue;
                }
                let (subject, body) = render(db, a, &association.name, &d, &r).await?;
                let reminder = Reminder {
                    member,
                    period_end: &r.paid_until,
                    offset,
                    recipient: email,
                    subject: &subject,
                    body: &body,
                };
                if store::dues::queue_reminder(db, a, &reminder, now).await? {
                    queued += 1;
                    let detail = format!("{} {} (#{}): {email}, {offset}", r.first_name, r.last_name, r.member_id);
                    store::audit::record_about_member(db, a, None, ("dues.reminder", member), &detail, now).await?;
                }
            }
        }
    }
    Ok(queued)
}
