use domain::access::{Account, Due, Kind, TwoFactor};
use domain::handover::checklist;
use domain::{AccessAccountId, Date, Grant, HandoverId, HostOperator, KeepRegistry, Role, UserId};
use store::access::{self, Reminder};
use store::handovers::{self, StartRefused};
use store::{Db, associations, team, users};

fn bank() -> Account {
    Account {
        kind: Kind::Bank,
        service: "Banque".into(),
        address: String::new(),
        login: String::new(),
        two_factor: TwoFactor::App,
        recovery: String::new(),
        critical: true,
        expires_on: None,
        verified_on: None,
        notes: String::new(),
        vault_entry: Some(3),
    }
}

async fn person(db: &Db, a: domain::AssociationId, email: &str) -> UserId {
    let u = users::create(db, email, email, None, 1).await.unwrap();
    team::add_by_host(db, &HostOperator::console(), a, u, Role::Secretary, 1).await.unwrap();
    u
}

testkit::both_backends!(holders_stay_in_the_team_and_former_ones_until_unticked, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let g: Grant<KeepRegistry> = host.console_grant(a);
    let (lea, max) = (person(&db, a, "lea@amis.test").await, person(&db, a, "max@amis.test").await);
    let outsider = users::create(&db, "x@ailleurs.test", "x", None, 1).await.unwrap();
    let id = access::create(&db, &g, &bank(), &[lea, max, outsider], 5).await.unwrap();
    assert_eq!(access::holders_of(&db, a, id).await.unwrap(), [lea, max]);
    // Max leaves the team: still listed (the registry flags it), and kept on an edit that keeps him ticked.
    team::remove(&db, &host.administer(a, lea), max).await.unwrap().unwrap();
    assert_eq!(access::former_holders(&db, a).await.unwrap(), [(max, "max@amis.test".to_string())]);
    assert!(access::update(&db, &g, id, &bank(), &[lea, max], 6).await.unwrap());
    assert_eq!(access::holders_of(&db, a, id).await.unwrap(), [lea, max]);
    // Unticked, he is gone for good: ticking him again does nothing.
    assert!(access::update(&db, &g, id, &bank(), &[lea], 7).await.unwrap());
    assert!(access::update(&db, &g, id, &bank(), &[lea, max], 8).await.unwrap());
    assert_eq!(access::holders_of(&db, a, id).await.unwrap(), [lea]);
    assert!(!access::update(&db, &g, AccessAccountId(99), &bank(), &[], 9).await.unwrap());
    // Handing over moves the access.
    let zoe = person(&db, a, "zoe@amis.test").await;
    access::hand_over(&db, &g, id, lea, Some(zoe), 10).await.unwrap();
    assert_eq!(access::held_by(&db, a, zoe).await.unwrap().len(), 1);
    assert!(access::held_by(&db, a, lea).await.unwrap().is_empty());
    // Another association cannot touch it.
    let b = associations::create(&db, &host, "voisins", "Voisins", 1).await.unwrap();
    let gb: Grant<KeepRegistry> = host.console_grant(b);
    assert!(!access::update(&db, &gb, id, &bank(), &[], 11).await.unwrap());
    assert!(!access::delete(&db, &gb, id).await.unwrap());
    access::hand_over(&db, &gb, id, zoe, None, 12).await.unwrap();
    assert_eq!(access::holders_of(&db, a, id).await.unwrap(), [zoe], "B's hand-over reached nothing of A");
    assert!(access::delete(&db, &g, id).await.unwrap());
    assert!(access::list(&db, a).await.unwrap().is_empty());
});

testkit::both_backends!(a_reminder_is_queued_once_with_its_mails, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let g: Grant<KeepRegistry> = host.console_grant(a);
    let id = access::create(&db, &g, &bank(), &[], 5).await.unwrap();
    let on = Date::parse_iso("2026-12-20").unwrap();
    let mails =
        [("a@amis.test".to_string(), "s".to_string(), "b".to_string()), ("b@amis.test".into(), "s".into(), "b".into())];
    let r = Reminder { account: id, due: Due::Expiry, due_on: on, mails: &mails };
    assert!(access::queue_reminder(&db, a, &r, 100).await.unwrap());
    assert!(!access::queue_reminder(&db, a, &r, 101).await.unwrap());
    let queued: i64 = store::mail::counts(&db).await.unwrap().iter().map(|(_, n)| n).sum();
    assert_eq!(queued, 2, "the second attempt queued nothing");
    assert_eq!(access::associations_with_reminders(&db).await.unwrap(), [a]);
    access::save_settings(&db, &g, &access::Settings { domains: vec![], reminders: false }).await.unwrap();
    assert!(access::associations_with_reminders(&db).await.unwrap().is_empty());
});

testkit::both_backends!(a_handover_needs_team_members_and_every_step_done, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let g: Grant<KeepRegistry> = host.console_grant(a);
    let lea = person(&db, a, "lea@amis.test").await;
    let outsider = users::create(&db, "x@ailleurs.test", "x", None, 1).await.unwrap();
    let plan = checklist([(AccessAccountId(1), &bank())]);
    let refused = handovers::start(&db, &g, "Trésorerie", lea, Some(outsider), &plan, 5).await.unwrap();
    assert_eq!(refused, Err(StartRefused::NotInTeam));
    assert!(handovers::list(&db, a).await.unwrap().is_empty());
    let id = handovers::start(&db, &g, "Trésorerie", lea, None, &plan, 5).await.unwrap().unwrap();
    assert_eq!(id, HandoverId(1));
    assert!(!handovers::complete(&db, &g, id, "", 6).await.unwrap(), "steps left");
    for position in 1..=plan.len() as i64 {
        assert!(handovers::mark_step(&db, &g, id, position, true, "ok", 7).await.unwrap());
    }
    assert!(handovers::complete(&db, &g, id, "fin", 8).await.unwrap());
    assert!(!handovers::mark_step(&db, &g, id, 1, false, "", 9).await.unwrap(), "closed");
    let h = handovers::get(&db, a, id).await.unwrap().unwrap();
    assert_eq!((h.steps, h.steps_done, h.completed_at, h.notes.as_str()), (6, 6, Some(8), "fin"));
});
