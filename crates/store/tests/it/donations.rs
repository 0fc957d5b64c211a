//! Gifts and tax receipts: numbers without gaps even when two receipts are
//! issued at once, cancelled receipts kept and replaced, the 222 bis
//! declaration without cancelled receipts, gifts posted once with links
//! both ways, and one association never reaching another's.

use domain::accounting::years::Bounds;
use domain::donations::{
    Accounts, Article, Category, Donation, DonationInput, Donor, DonorInput, DonorKind, ReceiptDoc, Settings,
};
use domain::settings::{Module, Settings as AssociationSettings};
use domain::{Administer, Date, Grant, HostOperator, KeepBooks, Membership, Role};
use store::Db;
use store::accounting::{Refused, entries, years};
use store::donations::{self, DonorRefused, IssueRefused};

const NOW: i64 = 1_780_000_000;

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

/// The test's "PDF": the receipt's contents, readable back.
fn render(doc: &ReceiptDoc) -> Vec<u8> {
    format!("{} | {} | {:?} | {:?}", doc.number, doc.total(), doc.replaces, doc.donor.city).into_bytes()
}

/// An association ready to issue receipts, and its treasurer's grant.
async fn ready(db: &Db, slug: &str) -> Grant<KeepBooks> {
    let a =
        store::associations::create(db, &HostOperator::console(), slug, &format!("Les Amis {slug}"), 1).await.unwrap();
    let user = store::users::create(db, &format!("tresorerie@{slug}.fr"), "Trésorière", None, 1).await.unwrap();
    let admin: Grant<Administer> = HostOperator::console().console_grant(a);
    let identity = AssociationSettings {
        name: format!("Les Amis {slug}"),
        address: "1 place de la Mairie, 75011 Paris".into(),
        rna: Some("W751234567".into()),
        fiscal_year_start_month: 1,
        modules: vec![Module::Accounting],
        ..AssociationSettings::default()
    };
    store::associations::update_settings(db, &admin, &identity).await.unwrap();
    let g = Grant::check(&Membership { association_id: a, user_id: user, role: Role::Treasurer }).unwrap();
    let settings = Settings {
        object: "Éducation populaire".into(),
        category: Category::GeneralInterest,
        decree_on: None,
        journal_on: None,
        other_category: String::new(),
        signatory_name: "Marie Curie".into(),
        signatory_capacity: "Trésorière".into(),
        accounts: Accounts::default(),
    };
    assert_eq!(
        donations::missing_for_receipts(db, a).await.unwrap(),
        ["receipt-missing-settings", "receipt-missing-signature"]
    );
    donations::save_settings(db, &g, &settings, NOW).await.unwrap();
    assert!(donations::set_signature(db, &g, "image/png", b"\x89PNG signature", NOW).await.unwrap());
    assert!(donations::missing_for_receipts(db, a).await.unwrap().is_empty());
    g
}

fn person(last: &str, city: &str) -> Donor {
    DonorInput {
        kind: "individual".into(),
        last_name: last.into(),
        first_names: "Camille".into(),
        address: "2 rue Haute".into(),
        postal_code: "69001".into(),
        city: city.into(),
        ..DonorInput::default()
    }
    .validate()
    .unwrap()
}

fn gift(on: &str, amount: &str, nature: &str, method: &str) -> Donation {
    DonationInput {
        received_on: on.into(),
        amount: amount.into(),
        form: "manual".into(),
        nature: nature.into(),
        method: method.into(),
        article: "200".into(),
        description: if nature == "money" { String::new() } else { "Détail".into() },
    }
    .validate(DonorKind::Individual, d("2027-12-31"))
    .unwrap()
}

async fn give(db: &Db, g: &Grant<KeepBooks>, donor: i64, on: &str, amount: &str) -> i64 {
    donations::record(db, g, donor, &gift(on, amount, "money", "cheque"), NOW).await.unwrap().unwrap().id
}

async fn number(db: &Db, g: &Grant<KeepBooks>, receipt: i64) -> String {
    donations::receipt(db, g.association_id(), receipt).await.unwrap().unwrap().number
}

testkit::both_backends!(receipt_numbers_follow_without_gaps_even_when_issued_at_once, |db: Db| async move {
    let g = ready(&db, "numeros").await;
    let donor = donations::create_donor(&db, &g, &person("Lefèvre", "Lyon"), NOW).await.unwrap().unwrap();
    let mut gifts = Vec::new();
    for i in 1..=6 {
        gifts.push(give(&db, &g, donor, &format!("2026-03-{i:02}"), &format!("{i}0")).await);
    }
    let on = d("2026-04-01");
    // Three pairs of receipts issued at the same moment.
    let mut issued = Vec::new();
    for pair in gifts.chunks(2) {
        let (x, y) = tokio::join!(
            donations::issue_one(&db, &g, pair[0], on, &render, NOW),
            donations::issue_one(&db, &g, pair[1], on, &render, NOW)
        );
        issued.push(x.unwrap().unwrap());
        issued.push(y.unwrap().unwrap());
    }
    let mut numbers = Vec::new();
    for id in &issued {
        numbers.push(number(&db, &g, *id).await);
    }
    numbers.sort();
    assert_eq!(numbers, ["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006"]);
    // A gift is receipted once; the refusal takes no number.
    assert_eq!(
        donations::issue_one(&db, &g, gifts[0], on, &render, NOW).await.unwrap(),
        Err(IssueRefused::AlreadyReceipted)
    );
    assert_eq!(donations::issue_one(&db, &g, 99, on, &render, NOW).await.unwrap(), Err(IssueRefused::NotFound));
    let next = give(&db, &g, donor, "2026-03-20", "5").await;
    let r = donations::issue_one(&db, &g, next, on, &render, NOW).await.unwrap().unwrap();
    assert_eq!(number(&db, &g, r).await, "2026-0007");
    // The numbering starts again each year of issue.
    let late = give(&db, &g, donor, "2026-12-30", "5").await;
    let r = donations::issue_one(&db, &g, late, d("2027-01-05"), &render, NOW).await.unwrap().unwrap();
    assert_eq!(number(&db, &g, r).await, "2027-0001");
    let of_2026: Vec<String> =
        donations::receipts(&db, g.association_id(), 2026).await.unwrap().into_iter().map(|r| r.number).collect();
    assert_eq!(of_2026.len(), 7);
    // The frozen PDF is what the renderer drew.
    let (n, pdf) = donations::receipt_pdf(&db, g.association_id(), r).await.unwrap().unwrap();
    assert_eq!(
        (n.as_str(), String::from_utf8(pdf).unwrap().as_str()),
        ("2027-0001", "2027-0001 | 500 | None | \"Lyon\"")
    );
});

testkit::both_backends!(a_cancelled_receipt_is_kept_and_replaced, |db: Db| async move {
    let g = ready(&db, "annule").await;
    let a = g.association_id();
    let donor = donations::create_donor(&db, &g, &person("Lefèvre", "Lyon"), NOW).await.unwrap().unwrap();
    let first = give(&db, &g, donor, "2026-02-01", "100").await;
    let second = give(&db, &g, donor, "2026-05-01", "50,50").await;
    let yearly = donations::issue_yearly(&db, &g, donor, (2026, Article::Ir200), d("2027-01-10"), &render, NOW)
        .await
        .unwrap()
        .unwrap();
    let old = donations::receipt(&db, a, yearly).await.unwrap().unwrap();
    assert_eq!((old.number.as_str(), old.total_cents, old.cumulative), ("2027-0001", 15_050, true));
    assert_eq!((old.period_start.as_str(), old.period_end.as_str()), ("2026-01-01", "2026-12-31"));
    let old_pdf = donations::receipt_pdf(&db, a, yearly).await.unwrap().unwrap().1;
    assert_eq!(
        donations::issue_yearly(&db, &g, donor, (2026, Article::Ir200), d("2027-01-10"), &render, NOW).await.unwrap(),
        Err(IssueRefused::NothingToReceipt),
        "every gift of the year has its receipt"
    );

    // The donor moved: the receipt is cancelled and replaced with the new address.
    donations::update_donor(&db, &g, donor, &person("Lefèvre", "Marseille"), NOW).await.unwrap().unwrap();
    let new =
        donations::cancel(&db, &g, yearly, true, d("2027-02-01"), &render, NOW + 5).await.unwrap().unwrap().unwrap();
    let old = donations::receipt(&db, a, yearly).await.unwrap().unwrap();
    assert_eq!((old.cancelled_at, old.replaced_by), (Some(NOW + 5), Some(new)));
    assert_eq!(donations::receipt_pdf(&db, a, yearly).await.unwrap().unwrap().1, old_pdf, "the old file never changes");
    let replacement = donations::receipt(&db, a, new).await.unwrap().unwrap();
    assert_eq!((replacement.number.as_str(), replacement.total_cents), ("2027-0002", 15_050));
    assert_eq!(replacement.period_start, "2026-01-01");
    let pdf = String::from_utf8(donations::receipt_pdf(&db, a, new).await.unwrap().unwrap().1).unwrap();
    assert_eq!(pdf, "2027-0002 | 15050 | Some(\"2027-0001\") | \"Marseille\"");
    let covered: Vec<i64> = donations::donations_of_receipt(&db, a, new).await.unwrap().iter().map(|x| x.id).collect();
    assert_eq!(covered, [first, second]);
    assert!(donations::donations_of_receipt(&db, a, yearly).await.unwrap().is_empty());
    assert_eq!(
        donations::cancel(&db, &g, yearly, true, d("2027-02-01"), &render, NOW).await.unwrap(),
        Err(IssueRefused::AlreadyCancelled)
    );
    // Cancelled without replacement: the gifts can be receipted again, under new numbers.
    assert_eq!(donations::cancel(&db, &g, new, false, d("2027-02-02"), &render, NOW).await.unwrap(), Ok(None));
    let single = donations::issue_one(&db, &g, first, d("2027-02-03"), &render, NOW).await.unwrap().unwrap();
    assert_eq!(number(&db, &g, single).await, "2027-0003");
    let all: Vec<(String, bool)> = donations::receipts_of_donor(&db, a, donor)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.number.clone(), r.is_cancelled()))
        .collect();
    assert_eq!(all, [("2027-0003".into(), false), ("2027-0002".into(), true), ("2027-0001".into(), true)]);
});

testkit::both_backends!(the_222_bis_declaration_leaves_cancelled_receipts_out, |db: Db| async move {
    let g = ready(&db, "declaration").await;
    let a = g.association_id();
    let camille = donations::create_donor(&db, &g, &person("Lefèvre", "Lyon"), NOW).await.unwrap().unwrap();
    let company = Donor {
        kind: DonorKind::Organisation,
        last_name: String::new(),
        first_names: String::new(),
        organisation: "Boulangerie Martin".into(),
        legal_form: "SARL".into(),
        siren: Some("732829320".into()),
        ..person("Martin", "Lyon")
    };
    let martin = donations::create_donor(&db, &g, &company, NOW).await.unwrap().unwrap();
    let a1 = give(&db, &g, camille, "2025-06-01", "100").await;
    let a2 = give(&db, &g, camille, "2025-11-01", "40").await;
    let a3 = give(&db, &g, camille, "2026-01-15", "25").await;
    let mut company_gift = gift("2025-09-01", "1000", "money", "transfer");
    company_gift.article = Article::Is238Bis;
    let b1 = donations::record(&db, &g, martin, &company_gift, NOW).await.unwrap().unwrap().id;
    let on = d("2026-02-01");
    let r1 = donations::issue_one(&db, &g, a1, on, &render, NOW).await.unwrap().unwrap();
    donations::issue_one(&db, &g, a2, on, &render, NOW).await.unwrap().unwrap();
    donations::issue_one(&db, &g, a3, on, &render, NOW).await.unwrap().unwrap();
    let rb = donations::issue_one(&db, &g, b1, on, &render, NOW).await.unwrap().unwrap();
    // Receipt 1 replaced (counted once), the company's cancelled for good.
    donations::cancel(&db, &g, r1, true, on, &render, NOW).await.unwrap().unwrap();
    donations::cancel(&db, &g, rb, false, on, &render, NOW).await.unwrap().unwrap();
    let y2025 = donations::declaration(&db, a, 2025).await.unwrap();
    assert_eq!((y2025.count, y2025.total), (2, 14_000));
    assert_eq!(y2025.by_article, [(Article::Ir200, 2, 14_000)]);
    let y2026 = donations::declaration(&db, a, 2026).await.unwrap();
    assert_eq!((y2026.count, y2026.total), (1, 2_500));
    let y2024 = donations::declaration(&db, a, 2024).await.unwrap();
    assert_eq!((y2024.count, y2024.total), (0, 0));
});

testkit::both_backends!(gifts_are_posted_once_and_link_both_ways, |db: Db| async move {
    let g = ready(&db, "compta").await;
    let a = g.association_id();
    let donor = donations::create_donor(&db, &g, &person("Lefèvre", "Lyon"), NOW).await.unwrap().unwrap();
    // No year yet: the gift waits to be posted.
    let early =
        donations::record(&db, &g, donor, &gift("2026-01-10", "30", "money", "cash"), NOW).await.unwrap().unwrap();
    assert_eq!(early.entry, None);
    assert_eq!(donations::unposted_count(&db, a).await.unwrap(), 1);
    let year = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    // Recorded in an open year: posted in the same transaction.
    let money = donations::record(&db, &g, donor, &gift("2026-02-10", "150,20", "money", "cheque"), NOW)
        .await
        .unwrap()
        .unwrap();
    let entry = money.entry.expect("posted");
    let (row, lines) = entries::get(&db, a, entry).await.unwrap().unwrap();
    assert_eq!(
        (row.origin.as_str(), row.label.as_str(), row.on_date.as_str()),
        ("donation", "Don – Lefèvre Camille", "2026-02-10")
    );
    let lines: Vec<(String, i64, i64)> =
        lines.into_iter().map(|l| (l.account, l.debit_cents, l.credit_cents)).collect();
    assert_eq!(lines, [("5112".into(), 15_020, 0), ("7541".into(), 0, 15_020)]);
    assert_eq!(donations::donation(&db, a, money.id).await.unwrap().unwrap().entry_id, Some(entry));
    assert_eq!(donations::donation_of_entry(&db, a, entry).await.unwrap(), Some((money.id, donor)));
    // The one waiting is posted now, and only once.
    assert_eq!(donations::post_unposted(&db, &g, NOW).await.unwrap(), 1);
    assert_eq!(donations::post_unposted(&db, &g, NOW).await.unwrap(), 0);
    let posted = donations::donation(&db, a, early.id).await.unwrap().unwrap().entry_id.unwrap();
    assert_eq!(donations::donation_of_entry(&db, a, posted).await.unwrap(), Some((early.id, donor)));
    // Other natures, and the accounts of the settings.
    let mut s = donations::settings(&db, a).await.unwrap().unwrap().to_domain();
    s.accounts.donations = "75411".into();
    donations::save_settings(&db, &g, &s, NOW).await.unwrap();
    for (nature, debit, credit) in
        [("expenses", "4681", "75412"), ("kind", "860", "870"), ("money", "512", "75411"), ("income", "467", "75413")]
    {
        let method = if nature == "money" { "transfer" } else { "" };
        let r =
            donations::record(&db, &g, donor, &gift("2026-03-01", "12", nature, method), NOW).await.unwrap().unwrap();
        let (_, lines) = entries::get(&db, a, r.entry.unwrap()).await.unwrap().unwrap();
        let accounts: Vec<&str> = lines.iter().map(|l| l.account.as_str()).collect();
        assert_eq!(accounts, [debit, credit], "{nature}");
    }
    let totals = years::totals(&db, a, year).await.unwrap();
    let net = |code: &str| totals.iter().find(|t| t.account == code).map_or(0, |t| t.net());
    assert_eq!((net("530"), net("5112"), net("7541")), (3_000, 15_020, -18_020));
    assert_eq!((net("860"), net("870")), (1_200, -1_200), "in-kind gifts balance in class 8");
    // The entry removed: the gift is waiting again, and is posted again once.
    entries::delete(&db, &g, entry).await.unwrap().unwrap();
    assert_eq!(donations::donation(&db, a, money.id).await.unwrap().unwrap().entry_id, None);
    assert_eq!(donations::post_unposted(&db, &g, NOW).await.unwrap(), 1);
    // A gift dated in a closed or missing year stays unposted; recording never fails for it.
    let old =
        donations::record(&db, &g, donor, &gift("2024-05-01", "10", "money", "cash"), NOW).await.unwrap().unwrap();
    assert_eq!(old.entry, None);
});

testkit::both_backends!(one_association_never_reaches_another_s_gifts, |db: Db| async move {
    let a = ready(&db, "alpha").await;
    let b = ready(&db, "beta").await;
    let member = store::members::create(
        &db,
        &HostOperator::console().console_grant(a.association_id()),
        &domain::members::Member { first_name: "Anne".into(), last_name: "Alpha".into(), ..Default::default() },
        NOW,
    )
    .await
    .unwrap();
    let with_member = Donor { member: Some(member), ..person("Alpha", "Lyon") };
    let donor = donations::create_donor(&db, &a, &with_member, NOW).await.unwrap().unwrap();
    let gift_id = give(&db, &a, donor, "2026-02-01", "10").await;
    let receipt = donations::issue_one(&db, &a, gift_id, d("2026-03-01"), &render, NOW).await.unwrap().unwrap();
    assert!(donations::create_link(&db, &a, receipt, "hash-alpha", NOW, NOW + 100).await.unwrap());
    let (ba, aa) = (b.association_id(), a.association_id());

    // B names A's ids: nothing found, nothing written.
    assert_eq!(donations::create_donor(&db, &b, &with_member, NOW).await.unwrap(), Err(DonorRefused::NoSuchMember));
    assert_eq!(
        donations::update_donor(&db, &b, donor, &person("Pirate", "Nowhere"), NOW).await.unwrap(),
        Err(DonorRefused::NotFound)
    );
    assert_eq!(
        donations::record(&db, &b, donor, &gift("2026-02-02", "1", "money", "cash"), NOW).await.unwrap(),
        Err(Refused::NotFound)
    );
    assert_eq!(
        donations::issue_one(&db, &b, gift_id, d("2026-03-01"), &render, NOW).await.unwrap(),
        Err(IssueRefused::NotFound)
    );
    assert_eq!(
        donations::issue_yearly(&db, &b, donor, (2026, Article::Ir200), d("2026-03-01"), &render, NOW).await.unwrap(),
        Err(IssueRefused::NotFound)
    );
    assert_eq!(
        donations::cancel(&db, &b, receipt, true, d("2026-03-01"), &render, NOW).await.unwrap(),
        Err(IssueRefused::NotFound)
    );
    assert!(!donations::create_link(&db, &b, receipt, "hash-beta", NOW, NOW + 100).await.unwrap());
    assert!(donations::pdf_by_link(&db, ba, "hash-alpha", NOW).await.unwrap().is_none());
    assert!(donations::pdf_by_link(&db, aa, "hash-alpha", NOW).await.unwrap().is_some());
    assert!(donations::pdf_by_link(&db, aa, "hash-alpha", NOW + 100).await.unwrap().is_none(), "expired");
    assert!(donations::donor(&db, ba, donor).await.unwrap().is_none());
    assert!(donations::donation(&db, ba, gift_id).await.unwrap().is_none());
    assert!(donations::receipt(&db, ba, receipt).await.unwrap().is_none());
    assert!(donations::receipt_pdf(&db, ba, receipt).await.unwrap().is_none());
    assert!(donations::donors(&db, ba).await.unwrap().is_empty());
    assert!(donations::donations(&db, ba, 2026).await.unwrap().is_empty());
    assert!(donations::receipts(&db, ba, 2026).await.unwrap().is_empty());
    assert_eq!(donations::declaration(&db, ba, 2026).await.unwrap().count, 0);
    assert_eq!(donations::post_unposted(&db, &b, NOW).await.unwrap(), 0);
    // A's own are intact, its member linked; B's first donor and receipt are numbered like A's.
    assert_eq!(donations::donor(&db, aa, donor).await.unwrap().unwrap().member_id, Some(member.0));
    assert_eq!(donations::donors_of_member(&db, aa, member).await.unwrap().len(), 1);
    assert!(donations::donors_of_member(&db, ba, member).await.unwrap().is_empty());
    let b_donor = donations::create_donor(&db, &b, &person("Beta", "Lille"), NOW).await.unwrap().unwrap();
    let b_gift = give(&db, &b, b_donor, "2026-02-01", "7").await;
    let b_receipt = donations::issue_one(&db, &b, b_gift, d("2026-03-01"), &render, NOW).await.unwrap().unwrap();
    assert_eq!((b_donor, b_gift, b_receipt), (donor, gift_id, receipt));
    assert_eq!(number(&db, &b, b_receipt).await, "2026-0001");
    assert_eq!(donations::receipt(&db, aa, receipt).await.unwrap().unwrap().donor_name, "Alpha Camille");
});
