use domain::Date;
use domain::dues::Policy;
use domain::members::Member;
use domain::{AssociationId, Grant, HostOperator, ManageMembers, MemberId, Membership, Role, UserId};
use store::members::{self, Filter, Sort};
use store::{Db, associations};

async fn grant(db: &Db, slug: &str) -> Grant<ManageMembers> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: UserId(1), role: Role::Secretary }).unwrap()
}

fn search(q: &str) -> Filter {
    Filter { search: q.to_string(), ..Default::default() }
}

fn today() -> (Date, Policy) {
    (Date::parse_iso("2026-11-30").unwrap(), Policy::default())
}

fn member(first: &str, last: &str, city: &str) -> Member {
    Member { first_name: first.into(), last_name: last.into(), city: city.into(), ..Default::default() }
}

testkit::both_backends!(members_are_kept_per_association, |db: Db| async move {
    let a = grant(&db, "amis").await;
    let b = grant(&db, "voisins").await;
    let first =
        members::create_many(&db, &a, &[member("Éloïse", "Martin", "Lyon"), member("Jean", "Dupont", "Paris")], 5)
            .await
            .unwrap();
    assert_eq!(first, MemberId(1));
    let in_b = members::create(&db, &b, &member("Zoé", "Bernard", "Lille"), 5).await.unwrap();
    assert_eq!(in_b, MemberId(1), "ids count per association");
    let m = members::get(&db, a.association_id(), MemberId(2)).await.unwrap().unwrap();
    assert_eq!(m.last_name, "Dupont");
    assert!(members::get(&db, b.association_id(), MemberId(2)).await.unwrap().is_none(), "not in B");
    // B's grant cannot change A's member 1 (B's own member 1 is changed instead, never A's).
    let changed = Member { city: "Marseille".into(), ..member("Zoé", "Bernard", "") };
    assert!(members::update(&db, &b, MemberId(1), &changed, 6).await.unwrap());
    let found = |q: &'static str| {
        let db = db.clone();
        let a = b.association_id();
        async move { members::page(&db, a, &search(q), today(), Sort::Name, 0, 10).await.unwrap().1 }
    };
    assert_eq!((found("marseille").await, found("lille").await), (1, 0), "the search follows the change");
    assert_eq!(
        members::page(&db, a.association_id(), &search(""), today(), Sort::Name, 0, 1).await.unwrap().1,
        2,
        "kept total"
    );
    assert_eq!(
        members::page(&db, a.association_id(), &search("zoe"), today(), Sort::Name, 0, 10).await.unwrap().1,
        0,
        "B's words stay in B"
    );
    assert_eq!(members::get(&db, a.association_id(), MemberId(1)).await.unwrap().unwrap().city, "Lyon");
    assert!(!members::update(&db, &b, MemberId(2), &changed, 6).await.unwrap(), "B has no member 2");
});

testkit::both_backends!(search_folds_accents_sorts_and_pages, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a: AssociationId = g.association_id();
    let people = [
        member("Éloïse", "Martin", "Lyon"),
        member("Eloise", "Petit", "Paris"),
        member("Jean", "Dupont", "Paris"),
        member("Ana", "100%_sûr", "Brest"),
    ];
    members::create_many(&db, &g, &people, 1).await.unwrap();
    let names = |rows: Vec<members::MemberLine>| rows.into_iter().map(|r| r.last_name).collect::<Vec<_>>();
    let (rows, total) = members::page(&db, a, &search("eloise"), today(), Sort::Name, 0, 10).await.unwrap();
    assert_eq!((names(rows), total), (vec!["Martin".to_string(), "Petit".into()], 2));
    let (rows, _) = members::page(&db, a, &search("ÉLOÏSE paris"), today(), Sort::Name, 0, 10).await.unwrap();
    assert_eq!(names(rows), vec!["Petit"]);
    let (rows, total) = members::page(&db, a, &search("eloise"), today(), Sort::Name, 1, 1).await.unwrap();
    assert_eq!((names(rows), total), (vec!["Petit".to_string()], 2), "the total counts every match, not the page");
    let (rows, total) = members::page(&db, a, &search("eloise"), today(), Sort::Name, 5, 10).await.unwrap();
    assert_eq!((rows.len(), total), (0, 2), "past the last page the total is still right");
    let (rows, total) = members::page(&db, a, &search("100%"), today(), Sort::Name, 0, 10).await.unwrap();
    assert_eq!((names(rows), total), (vec!["100%_sûr".to_string()], 1), "% is no wildcard");
    let (rows, _) = members::page(&db, a, &search("mar"), today(), Sort::Name, 0, 10).await.unwrap();
    assert_eq!(names(rows), vec!["Martin"], "a word's beginning finds it");
    let (rows, _) = members::page(&db, a, &search("artin"), today(), Sort::Name, 0, 10).await.unwrap();
    assert!(rows.is_empty(), "the middle of a word does not");
    let (rows, total) = members::page(&db, a, &search(""), today(), Sort::City, 1, 2).await.unwrap();
    assert_eq!((names(rows), total), (vec!["Martin".to_string(), "Dupont".into()], 4), "by city, second page of 2");
    let (rows, _) = members::page(&db, a, &search(""), today(), Sort::Newest, 0, 1).await.unwrap();
    assert_eq!(names(rows), vec!["100%_sûr"]);
});

testkit::both_backends!(own_field_values_are_read_for_more_members_than_one_statement_takes, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    let admin = Grant::check(&Membership { association_id: a, user_id: UserId(1), role: Role::Administrator }).unwrap();
    let spec = domain::fields::FieldSpec {
        label: "Taille".into(),
        kind: domain::fields::Kind::Text,
        choices: Vec::new(),
        required: false,
        member_sees: false,
        member_edits: false,
        in_directory: true,
    };
    let field = store::fields::create(&db, &admin, &spec).await.unwrap();
    let people: Vec<Member> = (0..230).map(|i| member(&format!("P{i}"), "Nom", "Lyon")).collect();
    members::create_many(&db, &g, &people, 5).await.unwrap();
    // Every third member has a value; the values are asked for all of them, in an odd order.
    for i in (1..=230_i64).filter(|i| i % 3 == 0) {
        store::fields::set_values(&db, &g, MemberId(i), &[(field, format!("T{i}"))]).await.unwrap();
    }
    let ids: Vec<i64> = (1..=230).rev().collect();
    let values = store::fields::values_of_many(&db, a, &ids).await.unwrap();
    let mut got: Vec<(i64, String)> = values.into_iter().map(|(m, f, v)| (m, format!("{f}:{v}"))).collect();
    got.sort();
    let want: Vec<(i64, String)> = (1..=230).filter(|i| i % 3 == 0).map(|i| (i, format!("{field}:T{i}"))).collect();
    assert_eq!(got, want);
});
