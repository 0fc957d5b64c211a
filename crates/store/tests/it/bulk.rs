use domain::Date;
use domain::dues::Policy;
use domain::members::Member;
use domain::{CategoryId, Grant, HostOperator, ManageMembers, MemberId, Membership, Role, UserId};
use store::bulk::{self, Selected};
use store::members::{EXPORT_PAGE, Filter};
use store::{Db, associations, categories};

async fn grant(db: &Db, slug: &str) -> Grant<ManageMembers> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: UserId(1), role: Role::Secretary }).unwrap()
}

fn today() -> (Date, Policy) {
    (Date::parse_iso("2026-11-30").unwrap(), Policy::default())
}

fn member(first: &str, last: &str, city: &str, email: Option<&str>) -> Member {
    Member {
        first_name: first.into(),
        last_name: last.into(),
        city: city.into(),
        email: email.map(str::to_string),
        ..Default::default()
    }
}

fn ids(found: &[Selected]) -> Vec<i64> {
    found.iter().map(|s| s.id).collect()
}

fn members(list: &[i64]) -> Vec<MemberId> {
    list.iter().copied().map(MemberId).collect()
}

testkit::both_backends!(bulk_selections_stay_in_their_association, |db: Db| async move {
    let a = grant(&db, "amis").await;
    let b = grant(&db, "voisins").await;
    let people = [
        member("Éloïse", "Martin", "Lyon", Some("eloise@exemple.fr")),
        member("Jean", "Dupont", "Paris", None),
        member("Zoé", "Durand", "Lyon", Some("zoe@exemple.fr")),
    ];
    store::members::create_many(&db, &a, &people, 5).await.unwrap();
    store::members::create_many(&db, &b, &[member("Basile", "Beta", "Lille", Some("b@beta.test"))], 5).await.unwrap();
    // Ticked ids: those of A are found, in order, once; others are simply not found.
    let found = bulk::among(&db, a.association_id(), &members(&[3, 99, 1, 3])).await.unwrap();
    assert_eq!(ids(&found), vec![1, 3]);
    assert_eq!(found[0].email.as_deref(), Some("eloise@exemple.fr"));
    assert_eq!((found[1].first_name.as_str(), found[1].last_name.as_str()), ("Zoé", "Durand"));
    let in_b = bulk::among(&db, b.association_id(), &members(&[1, 2, 3])).await.unwrap();
    assert_eq!(in_b.iter().map(|s| s.last_name.as_str()).collect::<Vec<_>>(), vec!["Beta"], "B's own member 1 only");
    assert!(bulk::among(&db, a.association_id(), &[]).await.unwrap().is_empty());
    // Everyone a search matches, by the list's own conditions.
    let lyon = Filter { search: "lyon".into(), ..Default::default() };
    assert_eq!(ids(&bulk::matching(&db, a.association_id(), &lyon, today()).await.unwrap()), vec![1, 3]);
    assert_eq!(ids(&bulk::matching(&db, b.association_id(), &lyon, today()).await.unwrap()), Vec::<i64>::new());
    let everyone = Filter::default();
    assert_eq!(bulk::matching(&db, a.association_id(), &everyone, today()).await.unwrap().len(), 3);
    // Categories: add then remove, in A only.
    let club = categories::create(&db, &a, "Club").await.unwrap();
    assert_eq!(categories::add_members(&db, &a, club, &members(&[1, 2, 99])).await.unwrap(), 2);
    assert_eq!(categories::add_members(&db, &a, club, &members(&[1, 3])).await.unwrap(), 1, "1 was in already");
    assert_eq!(categories::remove_members(&db, &a, club, &members(&[2, 3, 99])).await.unwrap(), 2);
    assert_eq!(categories::remove_members(&db, &a, club, &members(&[2])).await.unwrap(), 0, "2 is out already");
    let in_club = Filter { category: Some(club), ..Default::default() };
    assert_eq!(ids(&bulk::matching(&db, a.association_id(), &in_club, today()).await.unwrap()), vec![1]);
    // B's grant reaches B's rows only: A's category 1 is not B's, and A keeps its member 1 in it.
    assert_eq!(categories::remove_members(&db, &b, CategoryId(club.0), &members(&[1])).await.unwrap(), 0);
    assert_eq!(categories::add_members(&db, &b, CategoryId(club.0), &members(&[1])).await.unwrap(), 0);
    assert_eq!(categories::of_member(&db, a.association_id(), MemberId(1)).await.unwrap(), vec![club]);
});

testkit::both_backends!(everyone_of_a_search_spans_pages, |db: Db| async move {
    let a = grant(&db, "grande").await;
    let count = EXPORT_PAGE as usize + 5;
    let people: Vec<Member> = (0..count).map(|i| member(&format!("P{i}"), "Nom", "Nantes", None)).collect();
    store::members::create_many(&db, &a, &people, 5).await.unwrap();
    let all = bulk::matching(&db, a.association_id(), &Filter::default(), today()).await.unwrap();
    assert_eq!(ids(&all), (1..=count as i64).collect::<Vec<_>>());
    let chunked =
        bulk::among(&db, a.association_id(), &members(&(1..=count as i64).collect::<Vec<_>>())).await.unwrap();
    assert_eq!(chunked.len(), count, "more ids than one statement binds");
});
