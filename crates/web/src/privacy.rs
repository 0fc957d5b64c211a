//! RGPD work shared by pages and the hourly job: the starting consent
//! purposes and register (written from the French messages), the daily
//! retention pass, and a member's own data as JSON and CSV (articles 15 and 20).

use crate::i18n::{Lang, Tr};
use domain::privacy::{Activity, DEFAULT_PURPOSES, Purpose};
use domain::{Administer, AssociationId, Date, Grant, HostOperator, MemberId, UserId};
use store::Db;

/// Adds the default purposes and the pre-filled register if they are missing.
pub async fn ensure_defaults(db: &Db, a: AssociationId, now: i64) -> store::Result<()> {
    let tr = Tr { lang: Lang::Fr };
    let purposes: Vec<(&str, Purpose)> = DEFAULT_PURPOSES
        .iter()
        .map(|code| {
            let purpose =
                Purpose { label: tr.t(&format!("purpose-{code}")), text: tr.t(&format!("purpose-{code}-text")) };
            (*code, purpose)
        })
        .collect();
    let activities: Vec<Activity> = ["members", "dues", "accounting"]
        .iter()
        .map(|k| {
            let t = |field: &str| tr.t(&format!("register-{k}-{field}"));
            Activity {
                name: t("name"),
                purpose: t("purpose"),
                legal_basis: t("basis"),
                data_subjects: t("subjects"),
                data_categories: t("data"),
                recipients: t("recipients"),
                retention: t("retention"),
                security: tr.t("register-security"),
            }
        })
        .collect();
    store::privacy::ensure_defaults(db, a, &purposes, &activities, now).await
}

/// Removes the identity of every former member due under the retention
/// rule of every association that switched it on, each with an audit
/// entry; how many. The books keep their payments.
pub async fn apply_retention(db: &Db, today: Date, now: i64) -> store::Result<usize> {
    let mut done = 0;
    for (a, years) in store::privacy::associations_retaining(db).await? {
        let cutoff = domain::privacy::retention_cutoff(today, years as i32);
        // The server applies the association's own rule, on its behalf.
        let grant: Grant<Administer> = HostOperator::console().grant(a, UserId(0));
        for member in store::privacy::due_for_retention(db, a, cutoff).await? {
            let why = format!("{years} years after the last membership / retention");
            if erase(db, &grant, None, member, &why, now).await? {
                done += 1;
            }
        }
    }
    Ok(done)
}

/// Removes a member's identity (see `store::privacy::pseudonymise`) with its
/// audit entry saying why and who (`None`: the server applying the
/// association's rule); false if it was already done.
pub async fn erase(
    db: &Db,
    grant: &Grant<Administer>,
    actor: Option<UserId>,
    member: MemberId,
    why: &str,
    now: i64,
) -> store::Result<bool> {
    if !store::privacy::pseudonymise(db, grant, member, now).await? {
        return Ok(false);
    }
    let detail = format!("#{member}: {why}");
    let a = grant.association_id();
    store::audit::record_about_member(db, a, actor, ("member.pseudonymise", member), &detail, now).await?;
    Ok(true)
}

/// Everything Préau holds about a member, for them to take away.
#[derive(serde::Serialize)]
pub struct MemberData {
    pub association: String,
    pub exported_at: i64,
    pub record: serde_json::Value,
    pub categories: Vec<String>,
    pub memberships: Vec<serde_json::Value>,
    pub payments: Vec<serde_json::Value>,
    pub consents: Vec<store::privacy::ConsentEvent>,
    pub reminders: Vec<serde_json::Value>,
    pub history: Vec<serde_json::Value>,
}

/// Gathers a member's data.
pub async fn member_data(
    db: &Db,
    a: AssociationId,
    association: &str,
    id: MemberId,
    now: i64,
) -> store::Result<Option<MemberData>> {
    let Some(m) = store::members::get(db, a, id).await? else { return Ok(None) };
    let mine = store::categories::of_member(db, a, id).await?;
    let categories = store::categories::list(db, a)
        .await?
        .into_iter()
        .filter(|c| mine.iter().any(|k| k.0 == c.id))
        .map(|c| c.name)
        .collect();
    let (periods, payments) = store::dues::of_member(db, a, id).await?;
    let reminders = store::dues::reminders_of(db, a, id).await?;
    let history = store::audit::about_member(db, a, id, 1000).await?;
    Ok(Some(MemberData {
        association: association.to_string(),
        exported_at: now,
        record: serde_json::json!({
            "number": m.id, "first_name": m.first_name, "last_name": m.last_name, "email": m.email,
            "phone": m.phone, "address": m.address, "postal_code": m.postal_code, "city": m.city,
            "birth_date": m.birth_date, "notes": m.notes, "paid_until": m.paid_until, "created_at": m.created_at,
        }),
        categories,
        memberships: periods
            .iter()
            .map(|p| serde_json::json!({"type": p.type_name, "start": p.start_date, "end": p.end_date}))
            .collect(),
        payments: payments
            .iter()
            .map(|p| {
                serde_json::json!({"type": p.type_name, "amount_cents": p.amount_cents, "paid_on": p.paid_on,
                    "method": p.method, "reference": p.reference})
            })
            .collect(),
        consents: store::privacy::consent_history(db, a, id).await?,
        reminders: reminders
            .iter()
            .map(
                |r| serde_json::json!({"period_end": r.period_end, "offset_days": r.offset_days, "sent_at": r.sent_at}),
            )
            .collect(),
        history: history
            .iter()
            .map(|e| serde_json::json!({"at": e.at, "action": e.action, "detail": e.detail}))
            .collect(),
    }))
}

/// The same data as CSV rows (section, field, value), UTF-8 with `,`: one
/// file any spreadsheet opens, every value on its own line.
pub fn member_data_csv(d: &MemberData) -> Vec<u8> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut rows: Vec<(String, String, String)> = vec![("association".into(), "name".into(), d.association.clone())];
    let mut object = |section: String, v: &serde_json::Value| {
        for (k, v) in v.as_object().into_iter().flatten() {
            rows.push((section.clone(), k.clone(), text(v)));
        }
    };
    object("record".into(), &d.record);
    let numbered =
        [("membership", &d.memberships), ("payment", &d.payments), ("reminder", &d.reminders), ("history", &d.history)];
    for (name, list) in numbered {
        for (i, v) in list.iter().enumerate() {
            object(format!("{name} {}", i + 1), v);
        }
    }
    for (i, c) in d.consents.iter().enumerate() {
        object(format!("consent {}", i + 1), &serde_json::to_value(c).unwrap_or_default());
    }
    for c in &d.categories {
        rows.push(("categories".into(), "name".into(), c.clone()));
    }
    let mut out = Vec::new();
    if let Ok(mut w) = sheet::SheetWriter::new(&mut out, sheet::OutFormat::Csv, "data", &["section", "field", "value"])
    {
        for (section, field, value) in &rows {
            let _ = w.row(&[sheet::Cell::Text(section), sheet::Cell::Text(field), sheet::Cell::Text(value)]);
        }
        let _ = w.finish();
    }
    out
}
