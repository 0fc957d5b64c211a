use domain::dues::{MembershipType, Payment, PaymentMethod, PeriodRule, Policy, Tariff};
use domain::members::Member;
use domain::privacy::{Activity, Purpose, Source};
use domain::{Administer, Date, Grant, HostOperator, ManageMembers, MemberId, Membership, Role};
use store::members::{self, Filter, Sort};
use store::{Db, associations, categories, dues, privacy};

struct Both {
    admin: Grant<Administer>,
    manage: Grant<ManageMembers>,
}

async fn association(db: &Db, slug: &str) -> Both {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    let user = store::users::create(db, &format!("admin@{slug}.fr"), "Admin", None, 1).await.unwrap();
    let m = Membership { association_id: a, user_id: user, role: Role::Administrator };
    Both { admin: Grant::check(&m).unwrap(), manage: Grant::check(&m).unwrap() }
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

fn person(first: &str, email: &str) -> Member {
    Member {
        first_name: first.into(),
        last_name: "Roux".into(),
        email: Some(email.into()),
        city: "Lyon".into(),
        notes: "allergique".into(),
        ..Default::default()
    }
}

fn purpose(label: &str, text: &str) -> Purpose {
    Purpose { label: label.into(), text: text.into() }
}

testkit::both_backends!(consents_keep_their_history_and_version, |db: Db| async move {
    let g = association(&db, "amis").await;
    let a = g.admin.association_id();
    members::create(&db, &g.manage, &person("Léa", "lea@ex.fr"), 1).await.unwrap();
    let defaults = [("directory", purpose("Annuaire", "Figurer dans l'annuaire")), ("photos", purpose("Photos", "v1"))];
    let register = [Activity { name: "Adhésions".into(), purpose: "Gérer".into(), ..Default::default() }];
    privacy::ensure_defaults(&db, a, &defaults, &register, 1).await.unwrap();
    privacy::ensure_defaults(&db, a, &defaults, &register, 2).await.unwrap();
    assert_eq!(privacy::purposes(&db, a).await.unwrap().len(), 2, "idempotent");
    assert_eq!(privacy::activities(&db, a).await.unwrap().len(), 1);
    let photos = privacy::purposes(&db, a).await.unwrap().into_iter().find(|p| p.code == "photos").unwrap();
    let by = Some(g.admin.user_id());
    assert!(privacy::record_consent(&db, a, MemberId(1), photos.id, true, (Source::Member, None), 10).await.unwrap());
    // A new text is a new version; the earlier consent names the one it agreed to.
    assert!(privacy::update_purpose(&db, &g.admin, photos.id, &purpose("Photos", "v2"), false).await.unwrap());
    assert!(privacy::update_purpose(&db, &g.admin, photos.id, &purpose("Photos (site)", "v2"), false).await.unwrap());
    let state = privacy::consents_of(&db, a, MemberId(1)).await.unwrap();
    let p = state.iter().find(|s| s.code == "photos").unwrap();
    assert_eq!((p.granted, p.given_version, p.version), (Some(true), Some(1), 2), "a label change is no new version");
    assert!(privacy::record_consent(&db, a, MemberId(1), photos.id, false, (Source::Team, by), 11).await.unwrap());
    let history = privacy::consent_history(&db, a, MemberId(1)).await.unwrap();
    assert_eq!(
        history.iter().map(|h| (h.granted, h.version, h.source.as_str())).collect::<Vec<_>>(),
        vec![(false, 2, "team"), (true, 1, "member")]
    );
    assert_eq!(history[0].recorded_by.as_deref(), Some("Admin"));
    // The directory lists only those whose latest answer is yes.
    let directory = privacy::purposes(&db, a).await.unwrap().into_iter().find(|p| p.code == "directory").unwrap();
    assert!(privacy::directory(&db, a).await.unwrap().is_empty());
    privacy::record_consent(&db, a, MemberId(1), directory.id, true, (Source::Member, None), 12).await.unwrap();
    assert_eq!(privacy::directory(&db, a).await.unwrap().len(), 1);
    // Another association can neither record nor read these.
    let b = association(&db, "voisins").await;
    let ba = b.admin.association_id();
    assert!(!privacy::record_consent(&db, ba, MemberId(1), photos.id, true, (Source::Team, None), 13).await.unwrap());
    assert!(!privacy::update_purpose(&db, &b.admin, photos.id, &purpose("x", "y"), true).await.unwrap());
    assert!(privacy::consent_history(&db, ba, MemberId(1)).await.unwrap().is_empty());
    assert_eq!(privacy::consent_history(&db, a, MemberId(1)).await.unwrap().len(), 3);
});

testkit::both_backends!(erasure_removes_identity_and_keeps_the_books, |db: Db| async move {
    let g = association(&db, "amis").await;
    let a = g.admin.association_id();
    members::create_many(&db, &g.manage, &[person("Léa", "lea@ex.fr"), person("Noé", "noe@ex.fr")], 1).await.unwrap();
    let ty = MembershipType {
        name: "Annuelle".into(),
        rule: PeriodRule::CalendarYear,
        tariff: Tariff::Fixed(2000),
        household: false,
        account: "756".into(),
    };
    let t = dues::create_type(&db, &g.manage, &ty).await.unwrap();
    for (on, amount) in [("2022-03-01", 2000), ("2023-03-01", 2500)] {
        let pay = Payment { amount, paid_on: d(on), method: PaymentMethod::Cheque, reference: "n° 9".into() };
        dues::record_payment(&db, &g.manage, MemberId(1), t, &pay, 1, 5).await.unwrap().unwrap();
    }
    let cat = categories::create(&db, &g.manage, "Bureau").await.unwrap();
    categories::set_for_member(&db, &g.manage, MemberId(1), &[cat]).await.unwrap();
    dues::set_household(&db, &g.manage, MemberId(2), Some(MemberId(1))).await.unwrap();

    // Léa's last membership ended on 2023-12-31: due three years later, not before.
    let due = |today: &'static str| {
        let db = db.clone();
        async move { privacy::due_for_retention(&db, a, domain::privacy::retention_cutoff(d(today), 3)).await.unwrap() }
    };
    // (Noé never had a membership and his record was created in 1970 here: long due.)
    assert_eq!(due("2026-12-31").await, vec![MemberId(2)]);
    assert!(due("2027-01-01").await.contains(&MemberId(1)));

    assert!(privacy::request_erasure(&db, a, MemberId(1), None, 20).await.unwrap());
    assert!(!privacy::request_erasure(&db, a, MemberId(1), None, 21).await.unwrap(), "one pending at a time");
    let request = privacy::erasure_requests(&db, a, Some(MemberId(1))).await.unwrap()[0].id;
    let b = association(&db, "voisins").await;
    assert_eq!(privacy::decide_erasure(&db, &b.admin, request, true, "", 22).await.unwrap(), None, "not B's");
    assert!(!privacy::pseudonymise(&db, &b.admin, MemberId(1), 22).await.unwrap(), "B has no member 1");
    assert_eq!(privacy::decide_erasure(&db, &g.admin, request, true, "", 23).await.unwrap(), Some(MemberId(1)));
    let (_, before) = dues::of_member(&db, a, MemberId(1)).await.unwrap();
    assert!(privacy::pseudonymise(&db, &g.admin, MemberId(1), 24).await.unwrap());
    assert!(!privacy::pseudonymise(&db, &g.admin, MemberId(1), 25).await.unwrap(), "once");

    let m = members::get(&db, a, MemberId(1)).await.unwrap().unwrap();
    assert_eq!((m.first_name.as_str(), m.last_name.as_str(), m.email, m.city.as_str()), ("", "#1", None, ""));
    assert_eq!((m.notes.as_str(), m.pseudonymised_at), ("", Some(24)));
    let (_, after) = dues::of_member(&db, a, MemberId(1)).await.unwrap();
    let total = |p: &[dues::PaymentLine]| p.iter().map(|l| l.amount_cents).sum::<i64>();
    assert_eq!((after.len(), total(&after)), (before.len(), total(&before)), "the books keep every payment");
    assert_eq!(total(&after), 4500);
    assert!(categories::of_member(&db, a, MemberId(1)).await.unwrap().is_empty());
    assert!(dues::household(&db, a, MemberId(2)).await.unwrap().is_empty());
    let today = (d("2026-11-30"), Policy::default());
    let found = |q: &str| Filter { search: q.into(), ..Default::default() };
    assert_eq!(members::page(&db, a, &found("lea"), today, Sort::Name, 0, 10).await.unwrap().1, 0, "not found by name");
    assert_eq!(members::page(&db, a, &found("noe"), today, Sort::Name, 0, 10).await.unwrap().1, 1);
    assert!(!due("2030-01-01").await.contains(&MemberId(1)), "done once");
});

testkit::both_backends!(a_person_is_linked_to_their_record_by_email_once, |db: Db| async move {
    let g = association(&db, "amis").await;
    let a = g.admin.association_id();
    members::create_many(&db, &g.manage, &[person("Léa", "lea@ex.fr"), person("Noé", "noe@ex.fr")], 1).await.unwrap();
    let lea = store::users::create(&db, "lea@ex.fr", "Léa", None, 1).await.unwrap();
    let other = store::users::create(&db, "someone@ex.fr", "X", None, 1).await.unwrap();
    assert_eq!(
        privacy::member_of_user(&db, a, lea, "LEA@ex.fr").await.unwrap().map(|o| o.member_id()),
        Some(MemberId(1))
    );
    assert_eq!(
        privacy::member_of_user(&db, a, lea, "whatever@ex.fr").await.unwrap().map(|o| o.member_id()),
        Some(MemberId(1)),
        "linked"
    );
    assert_eq!(privacy::member_of_user(&db, a, other, "lea@ex.fr").await.unwrap(), None, "already held");
    assert_eq!(privacy::member_of_user(&db, a, other, "someone@ex.fr").await.unwrap(), None);
    let b = association(&db, "voisins").await;
    assert_eq!(privacy::member_of_user(&db, b.admin.association_id(), lea, "lea@ex.fr").await.unwrap(), None);
});
