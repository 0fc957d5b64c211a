use domain::{Administer, AssociationId, Grant, HostOperator, Membership, Role, UserId};
use store::tokens::{Purpose, TokenProblem};
use store::{Db, associations, audit, mail, sessions, team, tokens, users};

const NOW: i64 = 1_750_000_000;

async fn association(db: &Db, slug: &str) -> (AssociationId, UserId) {
    let host = HostOperator::console();
    let a = associations::create(db, &host, slug, &format!("Asso {slug}"), NOW).await.unwrap();
    let u = users::create(db, &format!("admin@{slug}.example"), "Admin", Some("hash"), NOW).await.unwrap();
    team::add_by_host(db, &host, a, u, Role::Administrator, NOW).await.unwrap();
    (a, u)
}

fn admin(a: AssociationId, u: UserId) -> Grant<Administer> {
    Grant::check(&Membership { association_id: a, user_id: u, role: Role::Administrator }).unwrap()
}

testkit::both_backends!(slugs_and_emails_are_unique, |db: Db| async move {
    association(&db, "amis").await;
    let host = HostOperator::console();
    assert!(matches!(associations::create(&db, &host, "amis", "Autre", NOW).await, Err(store::Error::Conflict)));
    assert!(matches!(users::create(&db, "admin@amis.example", "X", None, NOW).await, Err(store::Error::Conflict)));
    assert_eq!(associations::count(&db).await.unwrap(), 1);
});

testkit::both_backends!(the_last_administrator_stays, |db: Db| async move {
    let (a, u) = association(&db, "amis").await;
    let g = admin(a, u);
    assert_eq!(team::set_role(&db, &g, u, Role::Member).await.unwrap(), Err(team::TeamRefusal::LastAdministrator));
    assert_eq!(team::remove(&db, &g, u).await.unwrap(), Err(team::TeamRefusal::LastAdministrator));
    let other = users::create(&db, "b@amis.example", "B", None, NOW).await.unwrap();
    assert_eq!(team::set_role(&db, &g, other, Role::Member).await.unwrap(), Err(team::TeamRefusal::NotInTeam));
    team::add_by_host(&db, &HostOperator::console(), a, other, Role::Administrator, NOW).await.unwrap();
    assert_eq!(team::set_role(&db, &g, u, Role::Treasurer).await.unwrap(), Ok(()));
    assert_eq!(team::membership(&db, a, u).await.unwrap().unwrap().role, Role::Treasurer);
});

testkit::both_backends!(team_changes_stay_inside_the_association, |db: Db| async move {
    let (a, ua) = association(&db, "amis").await;
    let (b, ub) = association(&db, "voisins").await;
    // A's administrator cannot touch B's administrator through A's grant.
    let ga = admin(a, ua);
    assert_eq!(team::remove(&db, &ga, ub).await.unwrap(), Err(team::TeamRefusal::NotInTeam));
    assert!(team::membership(&db, b, ub).await.unwrap().is_some());
    assert!(team::membership(&db, a, ub).await.unwrap().is_none());
    let list = team::list(&db, a).await.unwrap();
    assert_eq!(list.iter().map(|m| m.user_id).collect::<Vec<_>>(), vec![ua.0]);
});

testkit::both_backends!(invitations_are_accepted_once_and_per_association, |db: Db| async move {
    let (a, u) = association(&db, "amis").await;
    let (b, _) = association(&db, "voisins").await;
    let g = admin(a, u);
    let id = team::invite(&db, &g, "new@x.example", Role::Secretary, "h1", NOW, NOW + 100).await.unwrap();
    let id2 = team::invite(&db, &g, "other@x.example", Role::Member, "h2", NOW, NOW + 100).await.unwrap();
    assert_eq!(id2, id + 1, "ids count per association");
    assert!(team::invitation_by_token(&db, b, "h1").await.unwrap().is_none(), "not visible from B");
    let inv = team::invitation_by_token(&db, a, "h1").await.unwrap().unwrap();
    assert_eq!(inv.role, "secretary");
    let newcomer = users::create(&db, "new@x.example", "New", None, NOW).await.unwrap();
    assert!(!team::accept_invitation(&db, a, id, newcomer, NOW + 200).await.unwrap(), "expired");
    assert!(team::accept_invitation(&db, a, id, newcomer, NOW + 1).await.unwrap());
    assert!(!team::accept_invitation(&db, a, id, newcomer, NOW + 2).await.unwrap(), "used");
    assert_eq!(team::membership(&db, a, newcomer).await.unwrap().unwrap().role, Role::Secretary);
    assert_eq!(team::pending_invitations(&db, a, NOW + 3).await.unwrap().len(), 1);
    assert!(team::revoke_invitation(&db, &g, id2, NOW + 4).await.unwrap());
    assert!(team::pending_invitations(&db, a, NOW + 5).await.unwrap().is_empty());
});

testkit::both_backends!(one_time_tokens_work_once, |db: Db| async move {
    tokens::create(&db, "t", Purpose::Setup, None, NOW, NOW + 60).await.unwrap();
    assert_eq!(tokens::consume(&db, "t", Purpose::Reset, NOW).await.unwrap(), Err(TokenProblem::Unknown));
    assert_eq!(tokens::check(&db, "t", Purpose::Setup, NOW + 61).await.unwrap(), Err(TokenProblem::Expired));
    assert_eq!(tokens::consume(&db, "t", Purpose::Setup, NOW + 61).await.unwrap(), Err(TokenProblem::Expired));
    assert_eq!(tokens::consume(&db, "t", Purpose::Setup, NOW).await.unwrap(), Ok(None));
    assert_eq!(tokens::consume(&db, "t", Purpose::Setup, NOW).await.unwrap(), Err(TokenProblem::Used));
    tokens::create(&db, "u", Purpose::Setup, None, NOW, NOW + 60).await.unwrap();
    tokens::expire_all(&db, Purpose::Setup, None, NOW).await.unwrap();
    assert_eq!(tokens::check(&db, "u", Purpose::Setup, NOW).await.unwrap(), Err(TokenProblem::Expired));
});

testkit::both_backends!(sessions_expire_and_are_revoked_by_their_owner_only, |db: Db| async move {
    let (a, u) = association(&db, "amis").await;
    let other = users::create(&db, "x@y.example", "X", None, NOW).await.unwrap();
    for (id, user) in [("s1", u), ("s2", u), ("s3", other)] {
        let s = sessions::NewSession {
            id,
            user,
            association: Some(a),
            second_factor_pending: false,
            now: NOW,
            expires_at: NOW + 10,
            user_agent: "test",
            ip: "127.0.0.1",
        };
        sessions::create(&db, &s).await.unwrap();
    }
    assert!(sessions::get(&db, "s1", NOW + 11).await.unwrap().is_none(), "expired");
    sessions::touch(&db, "s1", NOW + 5, NOW + 100).await.unwrap();
    assert!(sessions::get(&db, "s1", NOW + 11).await.unwrap().is_some(), "slid forward");
    assert!(!sessions::revoke(&db, other, "s1").await.unwrap(), "not theirs");
    assert_eq!(sessions::list_for_user(&db, u, NOW).await.unwrap().len(), 2);
    assert_eq!(sessions::revoke_others(&db, u, Some("s1")).await.unwrap(), 1);
    assert!(sessions::get(&db, "s3", NOW).await.unwrap().is_some());
    assert_eq!(sessions::prune(&db, NOW + 50).await.unwrap(), 1, "s3 expired");
});

testkit::both_backends!(the_audit_log_is_append_only, |db: Db| async move {
    let (a, u) = association(&db, "amis").await;
    let (b, ub) = association(&db, "voisins").await;
    audit::record(&db, a, Some(u), "settings.update", "name", NOW).await.unwrap();
    audit::record(&db, b, Some(ub), "team.invite", "x", NOW).await.unwrap();
    let (entries, total) = audit::page(&db, &admin(a, u), 0, 50).await.unwrap();
    assert_eq!((entries.len(), total), (1, 1));
    assert_eq!(entries[0].action, "settings.update");
    let refused = match &db {
        Db::Sqlite(p) => {
            sqlx::query("UPDATE audit_log SET detail = 'x'").execute(p).await.is_err()
                && sqlx::query("DELETE FROM audit_log").execute(p).await.is_err()
        }
        Db::Postgres(p) => {
            sqlx::query("UPDATE audit_log SET detail = 'x'").execute(p).await.is_err()
                && sqlx::query("DELETE FROM audit_log").execute(p).await.is_err()
        }
    };
    assert!(refused, "UPDATE and DELETE are refused");
});

testkit::both_backends!(the_mail_queue_leases_and_retries, |db: Db| async move {
    let id = mail::enqueue(&db, "a@b.example", "Sujet", "Corps", NOW).await.unwrap();
    let first = mail::claim_due(&db, NOW, 300, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(mail::claim_due(&db, NOW + 1, 300, 10).await.unwrap().is_empty(), "leased");
    mail::mark_failed(&db, id, "refused", Some(NOW + 60)).await.unwrap();
    assert!(mail::claim_due(&db, NOW + 59, 300, 10).await.unwrap().is_empty());
    let again = mail::claim_due(&db, NOW + 60, 300, 10).await.unwrap();
    assert_eq!(again[0].attempts, 1);
    mail::mark_sent(&db, id, NOW + 61).await.unwrap();
    assert_eq!(mail::counts(&db).await.unwrap(), vec![("sent".to_string(), 1)]);
});
