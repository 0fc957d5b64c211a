use domain::{AssociationId, Grant, HostOperator, Membership, Role, TeamWork, UserId};
use store::saved_searches::{self, SavedSearch};
use store::{Db, Error, associations, team, users};

/// A person in association `a` with a team role, and their grant.
async fn person(db: &Db, a: AssociationId, email: &str) -> Grant<TeamWork> {
    let user = match users::by_email(db, email).await.unwrap() {
        Some(u) => u.id(),
        None => users::create(db, email, email.split('@').next().unwrap(), None, 1).await.unwrap(),
    };
    team::add_by_host(db, &HostOperator::console(), a, user, Role::Editor, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: user, role: Role::Editor }).unwrap()
}

fn names(list: &[SavedSearch]) -> Vec<(&str, &str, bool)> {
    list.iter().map(|s| (s.name.as_str(), s.query.as_str(), s.shared)).collect()
}

testkit::both_backends!(saved_searches_are_listed_shared_and_deleted, |db: Db| async move {
    let a = associations::create(&db, &HostOperator::console(), "amis", "Amis", 1).await.unwrap();
    let b = associations::create(&db, &HostOperator::console(), "voisins", "Voisins", 1).await.unwrap();
    let lea = person(&db, a, "lea@amis.test").await;
    let max = person(&db, a, "max@amis.test").await;
    let first = saved_searches::create(&db, &lea, "Lyon", "q=lyon", false, 10).await.unwrap();
    saved_searches::create(&db, &max, "En retard", "status=late", true, 11).await.unwrap();
    saved_searches::create(&db, &max, "Mes brouillons", "q=x", false, 12).await.unwrap();
    assert_eq!(first, 1);
    let seen = saved_searches::visible(&db, a, lea.user_id()).await.unwrap();
    assert_eq!(names(&seen), vec![("En retard", "status=late", true), ("Lyon", "q=lyon", false)]);
    assert_eq!(seen[0].owner, "max", "a shared search names who shared it");
    assert_eq!(seen[1].created_at, 10);
    // Names are per person: taken for Léa, free for Max.
    assert!(matches!(saved_searches::create(&db, &lea, "Lyon", "q=ly", true, 13).await, Err(Error::Conflict)));
    saved_searches::create(&db, &max, "Lyon", "q=lyon&sort=city", false, 13).await.unwrap();
    assert_eq!(saved_searches::visible(&db, a, max.user_id()).await.unwrap().len(), 3);
    // One may delete only one's own.
    assert!(!saved_searches::delete(&db, &lea, 2).await.unwrap(), "Max's search is not Léa's to delete");
    assert!(saved_searches::delete(&db, &lea, first).await.unwrap());
    assert!(!saved_searches::delete(&db, &lea, first).await.unwrap(), "gone");
    assert_eq!(
        names(&saved_searches::visible(&db, a, lea.user_id()).await.unwrap()),
        vec![("En retard", "status=late", true)]
    );
    // Another association sees none of A's, and its ids count on their own.
    let lea_in_b = person(&db, b, "lea@amis.test").await;
    assert!(saved_searches::visible(&db, b, lea_in_b.user_id()).await.unwrap().is_empty());
    assert!(!saved_searches::delete(&db, &lea_in_b, 2).await.unwrap(), "A's search 2 is not found from B");
    assert_eq!(saved_searches::create(&db, &lea_in_b, "Lyon", "q=lyon", true, 14).await.unwrap(), 1);
    assert_eq!(saved_searches::visible(&db, a, max.user_id()).await.unwrap().len(), 3, "A unchanged");
    assert_eq!(saved_searches::visible(&db, b, UserId(999)).await.unwrap().len(), 1, "B's shared one, in B only");
    // Someone who left the team no longer shares anything.
    let admin = HostOperator::console().administer(a, UserId(999));
    team::remove(&db, &admin, max.user_id()).await.unwrap().unwrap();
    assert!(saved_searches::visible(&db, a, lea.user_id()).await.unwrap().is_empty());
});
