use domain::Date;
use domain::dues::{Policy, Status};
use domain::members::Member;
use domain::{CategoryId, Grant, HostOperator, ManageMembers, MemberId, Membership, Role, UserId};
use store::members::{self, EXPORT_PAGE, ExportRow, Filter};
use store::{Db, associations, categories};

async fn grant(db: &Db, slug: &str) -> Grant<ManageMembers> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: UserId(1), role: Role::Secretary }).unwrap()
}

fn today() -> (Date, Policy) {
    (Date::parse_iso("2026-11-30").unwrap(), Policy::default())
}

/// Every page of an export, as the exporter reads them.
async fn all_pages(db: &Db, g: &Grant<ManageMembers>, filter: &Filter, limit: i64) -> (Vec<ExportRow>, usize) {
    let (mut rows, mut pages, mut after) = (Vec::new(), 0, 0);
    loop {
        let page = members::export_page(db, g.association_id(), filter, today(), after, limit).await.unwrap();
        pages += 1;
        let short = (page.len() as i64) < limit;
        if let Some(last) = page.last() {
            after = last.member.id;
        }
        rows.extend(page);
        if short {
            return (rows, pages);
        }
    }
}

testkit::both_backends!(an_export_reads_every_column_and_the_categories, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let other = grant(&db, "voisins").await;
    let full = Member {
        first_name: "Éloïse".into(),
        last_name: "Martin".into(),
        email: Some("eloise@exemple.fr".into()),
        phone: Some("06 12 34 56 78".into()),
        address: "3 rue des Lilas".into(),
        postal_code: "69001".into(),
        city: "Lyon".into(),
        birth_date: Some("1990-07-14".into()),
        notes: "Bénévole, buvette".into(),
    };
    let plain = Member { first_name: "Jean".into(), last_name: "Dupont".into(), ..Default::default() };
    members::create_many(&db, &g, &[full.clone(), plain.clone(), plain.clone()], 42).await.unwrap();
    members::create(&db, &other, &Member { last_name: "Secret".into(), ..plain.clone() }, 42).await.unwrap();
    let mut ids = Vec::new();
    for name in ["étudiant·es", "Bureau", "Zèbres", "Accueil"] {
        ids.push(categories::create(&db, &g, name).await.unwrap());
    }
    categories::set_for_member(&db, &g, MemberId(1), &ids).await.unwrap();
    categories::set_for_member(&db, &g, MemberId(3), &ids[1..2]).await.unwrap();
    // B's category with the same id as A's first must not show up in A.
    let b_cat = categories::create(&db, &other, "Catégorie-B").await.unwrap();
    categories::set_for_member(&db, &other, MemberId(1), &[b_cat]).await.unwrap();

    let (rows, _) = all_pages(&db, &g, &Filter::default(), EXPORT_PAGE).await;
    assert_eq!(rows.iter().map(|r| r.member.id).collect::<Vec<_>>(), [1, 2, 3]);
    let first = &rows[0].member;
    assert_eq!(
        (
            first.first_name.as_str(),
            first.last_name.as_str(),
            first.email.as_deref(),
            first.phone.as_deref(),
            first.address.as_str(),
            first.postal_code.as_str(),
            first.city.as_str(),
            first.birth_date.as_deref(),
            first.notes.as_str(),
            first.paid_until.as_deref(),
            first.created_at,
        ),
        (
            "Éloïse",
            "Martin",
            Some("eloise@exemple.fr"),
            Some("06 12 34 56 78"),
            "3 rue des Lilas",
            "69001",
            "Lyon",
            Some("1990-07-14"),
            "Bénévole, buvette",
            None,
            42
        )
    );
    assert_eq!(rows[0].categories, ["Accueil", "Bureau", "étudiant·es", "Zèbres"], "folded alphabetical order");
    assert!(rows[1].categories.is_empty());
    assert_eq!(rows[2].categories, ["Bureau"]);

    // The list's filters apply: a search, a category, a status.
    let lyon = Filter { search: "lyon".into(), ..Default::default() };
    let (rows, _) = all_pages(&db, &g, &lyon, EXPORT_PAGE).await;
    assert_eq!(rows.iter().map(|r| r.member.id).collect::<Vec<_>>(), [1]);
    let bureau = Filter { category: Some(ids[1]), ..Default::default() };
    let (rows, _) = all_pages(&db, &g, &bureau, EXPORT_PAGE).await;
    assert_eq!(rows.iter().map(|r| r.member.id).collect::<Vec<_>>(), [1, 3]);
    let both = Filter { search: "jean".into(), category: Some(ids[1]), ..Default::default() };
    assert_eq!(all_pages(&db, &g, &both, EXPORT_PAGE).await.0.iter().map(|r| r.member.id).collect::<Vec<_>>(), [3]);
    let up_to_date = Filter { status: Some(Status::UpToDate), ..Default::default() };
    assert!(all_pages(&db, &g, &up_to_date, EXPORT_PAGE).await.0.is_empty(), "nobody has paid");
    let never = Filter { status: Some(Status::Never), ..Default::default() };
    assert_eq!(all_pages(&db, &g, &never, EXPORT_PAGE).await.0.len(), 3);
    assert!(
        all_pages(&db, &g, &Filter { category: Some(CategoryId(99)), ..Default::default() }, 10).await.0.is_empty()
    );

    // B sees only B.
    let (rows, _) = all_pages(&db, &other, &Filter::default(), EXPORT_PAGE).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].member.last_name.as_str(), rows[0].categories.as_slice()),
        ("Secret", &["Catégorie-B".to_string()][..])
    );
});

testkit::both_backends!(an_export_pages_by_id_without_gaps_or_repeats, |db: Db| async move {
    let g = grant(&db, "amis").await;
    let count = 2 * EXPORT_PAGE as usize + 345;
    let people: Vec<Member> = (0..count)
        .map(|i| Member {
            first_name: format!("Prénom{i}"),
            last_name: if i % 2 == 0 { "Pair".into() } else { "Impair".into() },
            city: if i % 10 == 0 { "Lyon".into() } else { "Paris".into() },
            ..Default::default()
        })
        .collect();
    for chunk in people.chunks(1000) {
        members::create_many(&db, &g, chunk, 1).await.unwrap();
    }
    let bureau = categories::create(&db, &g, "Bureau").await.unwrap();
    categories::add_members(&db, &g, bureau, &[MemberId(1000), MemberId(1001), MemberId(2345)]).await.unwrap();

    let (rows, pages) = all_pages(&db, &g, &Filter::default(), EXPORT_PAGE).await;
    assert_eq!((rows.len(), pages), (count, 3));
    let ids: Vec<i64> = rows.iter().map(|r| r.member.id).collect();
    assert_eq!(ids, (1..=count as i64).collect::<Vec<_>>(), "every member once, in id order");
    for (id, row) in ids.iter().zip(&rows) {
        let expected: &[&str] = if [1000, 1001, 2345].contains(id) { &["Bureau"] } else { &[] };
        assert_eq!(row.categories, expected, "member {id}: categories on either side of a page boundary");
    }
    // A filter pages the same way; a page is never larger than asked, nor than EXPORT_PAGE.
    let lyon = Filter { search: "lyon".into(), ..Default::default() };
    let (rows, pages) = all_pages(&db, &g, &lyon, 100).await;
    assert_eq!((rows.len(), pages), (count.div_ceil(10), 3));
    assert!(rows.iter().all(|r| r.member.city == "Lyon"));
    let big = members::export_page(&db, g.association_id(), &Filter::default(), today(), 0, 1_000_000).await.unwrap();
    assert_eq!(big.len() as i64, EXPORT_PAGE);
    let tail = members::export_page(&db, g.association_id(), &lyon, today(), 2300, 1000).await.unwrap();
    assert_eq!(tail.iter().map(|r| r.member.id).collect::<Vec<_>>(), [2301, 2311, 2321, 2331, 2341]);
});
