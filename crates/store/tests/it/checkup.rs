use domain::{Administer, Grant, HostOperator, Role, TeamWork};
use std::collections::BTreeMap;
use store::{Db, associations, checkup, team, users};

fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(q, a)| (q.to_string(), a.to_string())).collect()
}

testkit::both_backends!(runs_keep_who_answered_what_and_when, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let b = associations::create(&db, &host, "autres", "Autres", 1).await.unwrap();
    let lea = users::create(&db, "lea@amis.test", "Léa", None, 1).await.unwrap();
    let max = users::create(&db, "max@amis.test", "Max", None, 1).await.unwrap();
    team::add_by_host(&db, &host, a, lea, Role::Administrator, 1).await.unwrap();
    team::add_by_host(&db, &host, a, max, Role::Secretary, 1).await.unwrap();
    let g_lea: Grant<TeamWork> = host.grant(a, lea);
    let g_max: Grant<TeamWork> = host.grant(a, max);
    let run = checkup::create_run(&db, &g_lea, "", 10).await.unwrap();
    assert_eq!(run, 1);
    let r = checkup::run(&db, a, run).await.unwrap().unwrap();
    assert_eq!((r.check_state.as_str(), r.created_by_name.as_deref(), r.answered), ("none", Some("Léa"), 0));
    // Léa answers two questions; Max later changes one and adds another.
    let first = answers(&[("g1", "association"), ("p1", "one")]);
    assert_eq!(checkup::save_answers(&db, &g_lea, run, &first, 20).await.unwrap(), Some(2));
    let second = answers(&[("g1", "association"), ("p1", "manager"), ("f3", "none")]);
    assert_eq!(checkup::save_answers(&db, &g_max, run, &second, 30).await.unwrap(), Some(2));
    let got: Vec<_> = checkup::answers(&db, a, run)
        .await
        .unwrap()
        .into_iter()
        .map(|x| (x.question, x.answer, x.answered_by_name.unwrap(), x.answered_at))
        .collect();
    assert_eq!(
        got,
        [
            ("f3".into(), "none".into(), "Max".into(), 30),
            ("g1".into(), "association".into(), "Léa".into(), 20),
            ("p1".into(), "manager".into(), "Max".into(), 30),
        ]
    );
    // Left empty: removed.
    assert_eq!(checkup::save_answers(&db, &g_max, run, &answers(&[("g1", "association")]), 40).await.unwrap(), Some(2));
    assert_eq!(checkup::answers(&db, a, run).await.unwrap().len(), 1);
    // Another association's run is out of reach.
    let g_b: Grant<TeamWork> = host.console_grant(b);
    assert_eq!(checkup::save_answers(&db, &g_b, run, &first, 50).await.unwrap(), None);
    assert!(checkup::run(&db, b, run).await.unwrap().is_none());
    assert!(checkup::answers(&db, b, run).await.unwrap().is_empty());
    // A run with a domain is running until its report is stored, once.
    let second_run = checkup::create_run(&db, &g_lea, "amis.test", 60).await.unwrap();
    assert_eq!(checkup::run(&db, a, second_run).await.unwrap().unwrap().check_state, "running");
    assert!(!checkup::finish_check(&db, b, second_run, "{}").await.unwrap(), "not B's");
    assert!(checkup::finish_check(&db, a, second_run, "{\"x\":1}").await.unwrap());
    assert!(!checkup::finish_check(&db, a, second_run, "{}").await.unwrap(), "once");
    let done = checkup::run(&db, a, second_run).await.unwrap().unwrap();
    assert_eq!((done.check_state.as_str(), done.report.as_deref()), ("done", Some("{\"x\":1}")));
    assert_eq!(checkup::previous_run(&db, a, second_run).await.unwrap().unwrap().id, run);
    assert_eq!(checkup::runs(&db, a).await.unwrap().iter().map(|r| r.id).collect::<Vec<_>>(), [2, 1]);
    // A run without domain cannot be re-checked; a done one can.
    assert!(!checkup::restart_check(&db, &g_lea, run, 100, 100).await.unwrap());
    assert!(checkup::restart_check(&db, &g_lea, second_run, 100, 100).await.unwrap());
    assert!(!checkup::restart_check(&db, &g_lea, second_run, 50, 101).await.unwrap(), "still running");
});

testkit::both_backends!(the_watch_is_due_weekly_and_alerts_go_once, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let b = associations::create(&db, &host, "autres", "Autres", 1).await.unwrap();
    let g: Grant<Administer> = host.console_grant(a);
    assert_eq!(checkup::settings(&db, a).await.unwrap(), checkup::Settings::default());
    assert!(checkup::watched(&db, 0, true).await.unwrap().is_empty());
    checkup::save_settings(&db, &g, "amis.test", true, 7).await.unwrap();
    checkup::save_settings(&db, &host.console_grant(b), "", true, 7).await.unwrap();
    let due = checkup::watched(&db, 1000, false).await.unwrap();
    assert_eq!(due, [checkup::Watched { association: a, domain: "amis.test".into(), last_report: None }]);
    assert!(checkup::record_watch(&db, a, "amis.test", 1000, "{}").await.unwrap());
    assert!(!checkup::record_watch(&db, a, "autre.test", 1000, "{}").await.unwrap(), "another domain");
    assert!(checkup::watched(&db, 1000 + 6 * 86_400, false).await.unwrap().is_empty(), "not due yet");
    assert_eq!(checkup::watched(&db, 1000 + 6 * 86_400, true).await.unwrap().len(), 1, "the batch takes all");
    let due = checkup::watched(&db, 1000 + 7 * 86_400, false).await.unwrap();
    assert_eq!(due[0].last_report.as_deref(), Some("{}"));
    // Same domain saved again: the last report stays; a new domain forgets it.
    checkup::save_settings(&db, &g, "amis.test", true, 7).await.unwrap();
    assert_eq!(checkup::settings(&db, a).await.unwrap().last_checked_at, Some(1000));
    checkup::save_settings(&db, &g, "nouveau.test", true, 7).await.unwrap();
    let s = checkup::settings(&db, a).await.unwrap();
    assert_eq!((s.domain.as_str(), s.last_checked_at, s.last_report), ("nouveau.test", None, None));
    // Watch off: never due.
    checkup::save_settings(&db, &g, "nouveau.test", false, 7).await.unwrap();
    assert!(checkup::watched(&db, i64::MAX / 2, true).await.unwrap().is_empty());
    // Alerts: once each, mails queued with the record.
    let mails = vec![("lea@amis.test".to_string(), "Sujet".to_string(), "Corps".to_string())];
    assert!(checkup::queue_alert(&db, a, "certificate:2026-10-01", &mails, 5).await.unwrap());
    assert!(!checkup::queue_alert(&db, a, "certificate:2026-10-01", &mails, 6).await.unwrap());
    assert!(checkup::queue_alert(&db, b, "certificate:2026-10-01", &mails, 6).await.unwrap(), "B's own");
    assert_eq!(checkup::alerts(&db, a).await.unwrap(), [("certificate:2026-10-01".to_string(), 5)]);
});
