use domain::dues::{MembershipType, Payment, PaymentMethod, PeriodRule, Policy, Status, Tariff};
use domain::members::Member;
use domain::{CategoryId, Date, Grant, HostOperator, ManageMembers, MemberId, Membership, Role};
use store::dues::{self, Reminder};
use store::members::{self, Filter, Sort};
use store::{Db, associations, categories};

async fn grant(db: &Db, slug: &str) -> Grant<ManageMembers> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    // The `users` row payments name as their recorder.
    let user = store::users::create(db, &format!("tresorerie@{slug}.fr"), "Trésorière", None, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: user, role: Role::Treasurer }).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn person(first: &str, last: &str) -> Member {
    Member {
        first_name: first.into(),
        last_name: last.into(),
        email: Some(format!("{first}@ex.fr")),
        ..Default::default()
    }
}

fn yearly(name: &str, tariff: Tariff, household: bool) -> MembershipType {
    MembershipType { name: name.into(), rule: PeriodRule::CalendarYear, tariff, household, account: "756".into() }
}

fn paid(amount: i64, on: &str) -> Payment {
    Payment { amount, paid_on: d(on), method: PaymentMethod::Cheque, reference: "n° 12".into() }
}

async fn count(db: &Db, g: &Grant<ManageMembers>, f: Filter, today: &str) -> i64 {
    members::page(db, g.association_id(), &f, (d(today), Policy::default()), Sort::Name, 0, 100).await.unwrap().1
}

testkit::both_backends!(payments_make_periods_and_status, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    members::create_many(&db, &g, &[person("Léa", "Roux"), person("Noé", "Roux"), person("Zoé", "Petit")], 1)
        .await
        .unwrap();
    let student = categories::create(&db, &g, "Étudiant·e").await.unwrap();
    assert!(matches!(categories::create(&db, &g, "Étudiant·e").await, Err(store::Error::Conflict)));
    let tariff = Tariff::ByCategory { default: 2000, prices: vec![(student, 1000)] };
    let t = dues::create_type(&db, &g, &yearly("Adhésion", tariff.clone(), false)).await.unwrap();
    let stored = dues::get_type(&db, a, t).await.unwrap().unwrap();
    assert_eq!(stored.to_domain(), yearly("Adhésion", tariff, false), "the type reads back as written");
    assert!(matches!(
        dues::create_type(&db, &g, &yearly("Adhésion", Tariff::Fixed(1), false)).await,
        Err(store::Error::Conflict)
    ));

    // What the list's filters offer, in one query (defaults until the thresholds are saved).
    let choices = members::list_choices(&db, a).await.unwrap();
    assert_eq!(choices.categories, vec![(student.0, "Étudiant·e".to_string())]);
    assert_eq!(choices.types, vec![(t.0, "Adhésion".to_string())]);
    assert_eq!(choices.policy, Policy::default());

    // Paid in March: the calendar year; renewed in December: the next one.
    let r = dues::record_payment(&db, &g, MemberId(1), t, &paid(2000, "2025-03-10"), 1, 10).await.unwrap().unwrap();
    assert_eq!((r.period.start, r.period.end), (d("2025-01-01"), Some(d("2025-12-31"))));
    assert_eq!((r.account.as_str(), r.covered.clone()), ("756", vec![MemberId(1)]));
    let r = dues::record_payment(&db, &g, MemberId(1), t, &paid(2000, "2025-12-15"), 1, 11).await.unwrap().unwrap();
    assert_eq!(r.period.start, d("2026-01-01"), "a renewal follows on");
    let (periods, payments) = dues::of_member(&db, a, MemberId(1)).await.unwrap();
    assert_eq!((periods.len(), payments.len()), (2, 2));
    assert_eq!(payments[0].recorded_by.as_deref(), Some("Trésorière"));
    assert_eq!(payments[0].entry_id, None, "not posted to the ledger yet");
    let m = members::get(&db, a, MemberId(1)).await.unwrap().unwrap();
    assert_eq!(m.paid_until.as_deref(), Some("2026-12-31"));

    // Zoé paid for 2025 only.
    dues::record_payment(&db, &g, MemberId(3), t, &paid(2000, "2025-02-01"), 1, 12).await.unwrap().unwrap();
    let status = |s| Filter { status: Some(s), ..Default::default() };
    assert_eq!(count(&db, &g, status(Status::UpToDate), "2026-06-01").await, 1);
    assert_eq!(count(&db, &g, status(Status::Late), "2026-01-15").await, 1, "Zoé, two weeks late");
    assert_eq!(count(&db, &g, status(Status::Lapsed), "2026-06-01").await, 1, "Zoé, lapsed");
    assert_eq!(count(&db, &g, status(Status::Never), "2026-06-01").await, 1, "Noé");
    assert_eq!(count(&db, &g, status(Status::DueSoon), "2026-12-10").await, 1, "Léa");
    let year = |y| Filter { year: Some(y), type_id: Some(t), ..Default::default() };
    assert_eq!(count(&db, &g, year(2025), "2026-06-01").await, 2);
    assert_eq!(count(&db, &g, year(2026), "2026-06-01").await, 1);
    categories::set_for_member(&db, &g, MemberId(3), &[student, CategoryId(99)]).await.unwrap();
    assert_eq!(categories::of_member(&db, a, MemberId(3)).await.unwrap(), vec![student], "unknown ids ignored");
    let in_cat = Filter { category: Some(student), search: "zoe".into(), ..Default::default() };
    assert_eq!(count(&db, &g, in_cat, "2026-06-01").await, 1);

    // Another association sees none of it and cannot pay into it.
    let b = grant(&db, "voisins").await;
    assert!(dues::record_payment(&db, &b, MemberId(1), t, &paid(1, "2025-01-01"), 1, 13).await.unwrap().is_none());
    assert!(dues::get_type(&db, b.association_id(), t).await.unwrap().is_none());
    assert!(dues::of_member(&db, b.association_id(), MemberId(1)).await.unwrap().1.is_empty());
    assert_eq!(categories::add_members(&db, &b, student, &[MemberId(1)]).await.unwrap(), 0);
    assert!(!categories::rename(&db, &b, student, "x").await.unwrap());
    assert_eq!(dues::of_member(&db, a, MemberId(1)).await.unwrap().1.len(), 2);
    // An archived type takes no more payments.
    let archived = yearly("Adhésion", Tariff::Fixed(2000), false);
    assert!(dues::update_type(&db, &g, t, &archived, true).await.unwrap());
    assert!(dues::record_payment(&db, &g, MemberId(2), t, &paid(2000, "2025-01-01"), 1, 14).await.unwrap().is_none());
    assert!(!dues::update_type(&db, &b, t, &archived, false).await.unwrap(), "not B's type");
});

testkit::both_backends!(a_household_payment_covers_everyone_in_it, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    members::create_many(&db, &g, &[person("Léa", "Roux"), person("Noé", "Roux"), person("Zoé", "Petit")], 1)
        .await
        .unwrap();
    assert!(dues::set_household(&db, &g, MemberId(2), Some(MemberId(1))).await.unwrap());
    assert!(!dues::set_household(&db, &g, MemberId(1), Some(MemberId(1))).await.unwrap(), "not their own payer");
    let family = dues::create_type(&db, &g, &yearly("Famille", Tariff::Fixed(3500), true)).await.unwrap();
    // Noé pays: the payment is his, the period covers Léa (the payer) and him.
    let r = dues::record_payment(&db, &g, MemberId(2), family, &paid(3500, "2025-05-05"), 1, 5).await.unwrap().unwrap();
    assert_eq!(r.covered, vec![MemberId(1), MemberId(2)]);
    for id in [1, 2] {
        let m = members::get(&db, a, MemberId(id)).await.unwrap().unwrap();
        assert_eq!(m.paid_until.as_deref(), Some("2025-12-31"), "member {id}");
    }
    assert_eq!(members::get(&db, a, MemberId(3)).await.unwrap().unwrap().paid_until, None);
    assert_eq!(dues::household(&db, a, MemberId(1)).await.unwrap().len(), 2);
    assert!(dues::set_household(&db, &g, MemberId(2), None).await.unwrap());
    assert!(dues::household(&db, a, MemberId(1)).await.unwrap().is_empty());
});

testkit::both_backends!(a_reminder_is_queued_once, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    members::create_many(&db, &g, &[person("Léa", "Roux"), person("Noé", "Roux")], 1).await.unwrap();
    let t = dues::create_type(&db, &g, &yearly("Adhésion", Tariff::Fixed(2000), false)).await.unwrap();
    let life = MembershipType { rule: PeriodRule::Lifetime, ..yearly("À vie", Tariff::Fixed(30000), false) };
    let life = dues::create_type(&db, &g, &life).await.unwrap();
    dues::record_payment(&db, &g, MemberId(1), t, &paid(2000, "2025-03-10"), 1, 1).await.unwrap().unwrap();
    dues::record_payment(&db, &g, MemberId(2), life, &paid(30000, "2025-03-10"), 1, 1).await.unwrap().unwrap();
    let due = dues::renewals(&db, a, d("2025-12-01"), d("2026-01-31")).await.unwrap();
    assert_eq!(due.len(), 1, "a lifetime membership is never renewed");
    assert_eq!((due[0].member_id, due[0].type_id, due[0].paid_until.as_str()), (1, t.0, "2025-12-31"));
    let reminder = Reminder {
        member: MemberId(1),
        period_end: "2025-12-31",
        offset: -30,
        recipient: "Léa@ex.fr",
        subject: "Adhésion",
        body: "Bonjour",
    };
    assert!(dues::queue_reminder(&db, a, &reminder, 100).await.unwrap());
    assert!(!dues::queue_reminder(&db, a, &reminder, 101).await.unwrap(), "never twice");
    let queued = store::mail::counts(&db).await.unwrap();
    assert_eq!(queued, vec![("pending".to_string(), 1)], "the second attempt queued nothing");
    let history = dues::reminders_of(&db, a, MemberId(1)).await.unwrap();
    assert_eq!((history.len(), history[0].status.as_deref()), (1, Some("pending")));
    // The mail server is down: the failure is counted for the team's dashboard.
    let mail = store::mail::claim_due(&db, 200, 60, 10).await.unwrap();
    store::mail::mark_failed(&db, mail[0].id, "connection refused", Some(500)).await.unwrap();
    assert_eq!(dues::reminders_failing(&db, a).await.unwrap(), 1);
});
