use domain::dues::Policy;
use domain::import::{Action, Row};
use domain::members::Member;
use domain::{AssociationId, Date, Grant, HostOperator, ManageMembers, MemberId, Membership, Role, UserId};
use store::members::{self, Filter, Sort};
use store::{Db, associations, imports};

async fn grant(db: &Db, slug: &str) -> Grant<ManageMembers> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: UserId(1), role: Role::Secretary }).unwrap()
}

fn create(member: Member) -> Row {
    Row { line: 2, action: Action::Create, member, categories: vec![], payment: None, custom: vec![] }
}

async fn found(db: &Db, a: AssociationId, q: &str) -> i64 {
    let filter = Filter { search: q.to_string(), ..Default::default() };
    let today = (Date::parse_iso("2026-11-30").unwrap(), Policy::default());
    members::page(db, a, &filter, today, Sort::Name, 0, 10).await.unwrap().1
}

async fn words(db: &Db, a: AssociationId) -> (i64, i64) {
    let sql = "SELECT COUNT(*), CAST(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM members m \
               WHERE m.association_id = w.association_id AND m.id = w.member_id) THEN 1 ELSE 0 END) AS BIGINT) \
               FROM member_words w WHERE association_id = $1";
    let (count, orphans): (i64, Option<i64>) = match db {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(a.0).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(sql).bind(a.0).fetch_one(p).await.unwrap(),
    };
    (count, orphans.unwrap_or(0))
}

// PostgreSQL writes new members with COPY, whose text format escapes
// backslash, tab and line ends and spells NULL `\N`: every character must
// come back as typed, empty and missing values apart, over several batches.
testkit::both_backends!(an_import_writes_every_value_as_typed, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    let awkward = Member {
        first_name: "Zoé\\N".into(),
        last_name: "O'Brien \"Cœur\"\t\\.".into(),
        email: Some("zoe\\@exemple.fr".into()),
        phone: None,
        address: "1 rue\r\nBâtiment B\n\\.\n".into(),
        postal_code: String::new(),
        city: "Saint-Étienne".into(),
        birth_date: Some("2001-05-06".into()),
        notes: "\\\\ deux\\t pas une tabulation ; 日本".into(),
    };
    let empty =
        Member { first_name: "Ana".into(), last_name: "Bret".into(), phone: Some(String::new()), ..Default::default() };
    let mut rows = vec![create(awkward.clone()), create(empty)];
    // More than a batch on either backend.
    rows.extend((0..1_200).map(|i| {
        create(Member {
            first_name: format!("Prénom{i}"),
            last_name: format!("Nom{i}"),
            email: Some(format!("personne{i}@exemple.fr")),
            city: "Lyon".into(),
            ..Default::default()
        })
    }));
    let progress = Default::default();
    let applied = imports::apply(&db, &g, &rows, (None, &progress), 1, 7).await.unwrap().unwrap();
    assert_eq!((applied.created, progress.into_inner()), (1_202, 1_202));

    let back = |id: i64| {
        let db = db.clone();
        async move { members::get(&db, a, MemberId(id)).await.unwrap().unwrap() }
    };
    let zoe = back(1).await;
    let written = Member {
        first_name: zoe.first_name,
        last_name: zoe.last_name,
        email: zoe.email,
        phone: zoe.phone,
        address: zoe.address,
        postal_code: zoe.postal_code,
        city: zoe.city,
        birth_date: zoe.birth_date,
        notes: zoe.notes,
    };
    assert_eq!(written, awkward);
    assert_eq!((zoe.created_at, zoe.updated_at), (7, 7));
    let ana = back(2).await;
    assert_eq!((ana.email, ana.phone.as_deref(), ana.birth_date), (None, Some(""), None), "missing is not empty");
    assert_eq!(back(1_202).await.first_name, "Prénom1199");

    assert_eq!(found(&db, a, "").await, 1_202, "the kept total");
    assert_eq!(found(&db, a, "saint etienne zoe").await, 1);
    assert_eq!(found(&db, a, "obrien").await, 0, "words split on the apostrophe");
    assert_eq!(found(&db, a, "brien cœur").await, 1);
    assert_eq!(found(&db, a, "prenom1199 lyon").await, 1, "the last batch's words");
    let expected: usize = rows.iter().map(|r| r.member.search_words().len()).sum();
    assert_eq!(words(&db, a).await, (expected as i64, 0), "every word, each beside its member");
});

testkit::both_backends!(an_import_that_fails_leaves_nothing, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let a = g.association_id();
    let mut rows: Vec<Row> = (0..1_500)
        .map(|i| create(Member { first_name: format!("P{i}"), last_name: "Nom".into(), ..Default::default() }))
        .collect();
    // An update of a member the association does not have, after the new ones are written.
    rows.push(Row { action: Action::Update(5_000), ..create(Member { first_name: "X".into(), ..Default::default() }) });
    let applied = imports::apply(&db, &g, &rows, (None, &Default::default()), 1, 7).await.unwrap();
    assert!(applied.is_none());
    assert_eq!(found(&db, a, "").await, 0);
    assert_eq!(words(&db, a).await, (0, 0));
    // The ids were not used up either: the next member is number 1.
    let lea = Member { first_name: "Léa".into(), last_name: "Roux".into(), ..Default::default() };
    assert_eq!(members::create(&db, &g, &lea, 8).await.unwrap(), MemberId(1));
});
