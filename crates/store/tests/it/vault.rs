use domain::vault::{FileLimits, TooBig};
use domain::{Administer, Date, Grant, HostOperator, KeepRegistry, Role, TeamWork, UserId};
use store::vault::{self as v, EntryWrite, IdKind, NewFile, NewRecovery, Refused, Rotation};
use store::{Db, associations, team, users};

struct Person {
    id: UserId,
    g: Grant<TeamWork>,
}

async fn person(db: &Db, a: domain::AssociationId, email: &str, enrolled: bool) -> Person {
    let id = users::create(db, email, email, None, 1).await.unwrap();
    team::add_by_host(db, &HostOperator::console(), a, id, Role::Secretary, 1).await.unwrap();
    let g = HostOperator::console().grant::<TeamWork>(a, id);
    if enrolled {
        let public = format!(r#"{{"encryption":"pub-{email}","signing":"sig"}}"#);
        assert!(v::enrol(db, &g, &public, "wrapped", 1).await.unwrap());
    }
    Person { id, g }
}

fn entry(id: i64, collection: i64, version: i64, key_version: i64) -> EntryWrite {
    EntryWrite {
        id,
        collection_id: collection,
        sealed: format!("sealed-{id}-{version}"),
        version,
        key_version,
        changed: false,
    }
}

testkit::both_backends!(collections_and_entries_follow_who_holds_the_key, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let lea = person(&db, a, "lea@amis.test", true).await;
    let max = person(&db, a, "max@amis.test", true).await;
    let zoe = person(&db, a, "zoe@amis.test", false).await;
    assert!(!v::enrol(&db, &lea.g, "{}", "again", 2).await.unwrap(), "enrolled once");
    // Ids come reserved first (they are sealed into the ciphertext).
    assert_eq!(v::create_collection(&db, &lea.g, 1, "n", "k", None, 3).await.unwrap(), Err(Refused::BadId));
    let c = v::reserve_ids(&db, &lea.g, IdKind::Collection, 1).await.unwrap();
    assert_eq!(v::create_collection(&db, &zoe.g, c, "n", "k", None, 3).await.unwrap(), Err(Refused::NotEnrolled));
    v::create_collection(&db, &lea.g, c, "sealed-name", "key-for-lea", None, 3).await.unwrap().unwrap();
    assert_eq!(v::create_collection(&db, &lea.g, c, "n", "k", None, 3).await.unwrap(), Err(Refused::BadId), "taken");
    assert!(v::collections(&db, &max.g).await.unwrap().is_empty(), "not shared yet");
    let e = v::reserve_ids(&db, &lea.g, IdKind::Entry, 2).await.unwrap();
    v::save_entry(&db, &lea.g, &entry(e, c, 1, 1), 4).await.unwrap().unwrap();
    assert_eq!(v::save_entry(&db, &max.g, &entry(e + 1, c, 1, 1), 4).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(v::save_entry(&db, &lea.g, &entry(e, c, 3, 1), 5).await.unwrap(), Err(Refused::Stale), "skips v2");
    assert_eq!(v::save_entry(&db, &lea.g, &entry(e, c, 2, 9), 5).await.unwrap(), Err(Refused::Stale), "old key");
    v::save_entry(&db, &lea.g, &entry(e, c, 2, 1), 5).await.unwrap().unwrap();
    // Sharing: with an enrolled member of the team only, at the current key.
    assert_eq!(v::share(&db, &lea.g, c, zoe.id, "w", 1, 6).await.unwrap(), Err(Refused::NotEnrolled));
    assert_eq!(v::share(&db, &lea.g, c, max.id, "w", 2, 6).await.unwrap(), Err(Refused::Stale));
    assert_eq!(v::share(&db, &max.g, c, max.id, "w", 1, 6).await.unwrap(), Err(Refused::NotFound), "no self-service");
    v::share(&db, &lea.g, c, max.id, "key-for-max", 1, 6).await.unwrap().unwrap();
    assert_eq!(v::collections(&db, &max.g).await.unwrap()[0].wrapped_key, "key-for-max");
    assert_eq!(v::entries(&db, &max.g).await.unwrap().len(), 1);
    // Max leaves: his access and keys go, the collection waits for a rotation, its entries are to change.
    let keep: Grant<KeepRegistry> = host.console_grant(a);
    let due = Date::parse_iso("2027-01-01").unwrap();
    assert_eq!(v::revoke(&db, &keep, max.id, lea.id, due, "départ", 7).await.unwrap(), [c]);
    assert!(v::collections(&db, &max.g).await.unwrap().is_empty());
    assert!(v::entries(&db, &max.g).await.unwrap().is_empty(), "a removed member reads nothing");
    let mine = v::collections(&db, &lea.g).await.unwrap();
    assert_eq!(mine[0].rotate_since, Some(7));
    let marked = v::to_change(&db, a).await.unwrap();
    assert_eq!(
        (marked[0].id, marked[0].change_by.as_deref(), marked[0].owner_name.as_deref()),
        (e, Some("2027-01-01"), Some("lea@amis.test"))
    );
    // The rotation must cover every entry and keep its author.
    let bad = Rotation {
        key_version: 2,
        sealed_name: "n2".into(),
        recovery_wrapped: None,
        access: vec![(lea.id.0, "k2".into())],
        entries: vec![],
        files: vec![],
    };
    assert_eq!(v::rotate(&db, &lea.g, c, &bad, 8).await.unwrap(), Err(Refused::Incomplete));
    let rotation = Rotation {
        key_version: 2,
        sealed_name: "n2".into(),
        recovery_wrapped: None,
        access: vec![(lea.id.0, "k2".into()), (max.id.0, "k2-for-max".into())],
        entries: vec![(e, "resealed".into(), 3)],
        files: vec![],
    };
    assert_eq!(v::rotate(&db, &lea.g, c, &rotation, 8).await.unwrap(), Err(Refused::NotEnrolled), "Max is out");
    let rotation = Rotation { access: vec![(lea.id.0, "k2".into())], ..rotation };
    v::rotate(&db, &lea.g, c, &rotation, 8).await.unwrap().unwrap();
    let after = v::collections(&db, &lea.g).await.unwrap();
    assert_eq!((after[0].key_version, after[0].rotate_since, after[0].wrapped_key.as_str()), (2, None, "k2"));
    assert_eq!(v::entries(&db, &lea.g).await.unwrap()[0].sealed, "resealed");
    // Saving the changed secret clears its mark.
    let mut changed = entry(e, c, 4, 2);
    changed.changed = true;
    v::save_entry(&db, &lea.g, &changed, 9).await.unwrap().unwrap();
    assert!(v::to_change(&db, a).await.unwrap().is_empty());
    // Another association reaches none of it.
    let b = associations::create(&db, &host, "voisins", "Voisins", 1).await.unwrap();
    let lea_b = host.grant::<TeamWork>(b, lea.id);
    assert!(v::collections(&db, &lea_b).await.unwrap().is_empty());
    assert_eq!(v::delete_entry(&db, &lea_b, e).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(v::save_entry(&db, &lea_b, &entry(e, c, 5, 2), 10).await.unwrap(), Err(Refused::NotFound));
    v::delete_entry(&db, &lea.g, e).await.unwrap().unwrap();
});

fn setup(split: i64, threshold: i64, holders: &[UserId], collections: Vec<(i64, String)>) -> NewRecovery {
    NewRecovery {
        split,
        threshold,
        delay_hours: 72,
        check_blob: "check".into(),
        public_key: "recovery-public".into(),
        sealed_private: "recovery-private".into(),
        shares: holders.iter().map(|h| (h.0, format!("share-for-{h}"))).collect(),
        collections,
    }
}

testkit::both_backends!(recovery_opens_after_the_delay_with_k_approvals_only, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let admin: Grant<Administer> = host.console_grant(a);
    let (lea, max, zoe) = (
        person(&db, a, "lea@amis.test", true).await,
        person(&db, a, "max@amis.test", true).await,
        person(&db, a, "zoe@amis.test", true).await,
    );
    let requester = person(&db, a, "new@amis.test", true).await;
    let c = v::reserve_ids(&db, &lea.g, IdKind::Collection, 1).await.unwrap();
    v::create_collection(&db, &lea.g, c, "n", "k", None, 1).await.unwrap().unwrap();
    let e = v::reserve_ids(&db, &lea.g, IdKind::Entry, 1).await.unwrap();
    v::save_entry(&db, &lea.g, &entry(e, c, 1, 1), 1).await.unwrap().unwrap();
    let f = v::reserve_ids(&db, &lea.g, IdKind::File, 1).await.unwrap();
    v::add_file(&db, &lea.g, &file(f, e, 1, b"scan"), &LIMITS, 1).await.unwrap().unwrap();
    assert_eq!(v::open_request(&db, &requester.g, "", 10).await.unwrap(), None, "no recovery set up");
    let bad = setup(1, 4, &[lea.id, max.id, zoe.id], vec![]);
    assert_eq!(v::set_recovery(&db, &admin, &bad, 5).await.unwrap(), Err(Refused::Incomplete), "k > n");
    let outsider = users::create(&db, "x@ailleurs.test", "x", None, 1).await.unwrap();
    let bad = setup(1, 2, &[lea.id, outsider], vec![]);
    assert_eq!(v::set_recovery(&db, &admin, &bad, 5).await.unwrap(), Err(Refused::NotEnrolled));
    v::set_recovery(&db, &admin, &setup(1, 2, &[lea.id, max.id, zoe.id], vec![(c, "wrapped-for-recovery".into())]), 5)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v::holders(&db, a).await.unwrap().len(), 3);
    assert_eq!(v::own_share(&db, &max.g).await.unwrap(), Some((1, format!("share-for-{}", max.id))));
    // A request opens 72 hours on; one pending at a time.
    let t0 = 1_000_000;
    let id = v::open_request(&db, &requester.g, "ordinateur volé", t0).await.unwrap().unwrap();
    assert_eq!(v::open_request(&db, &requester.g, "", t0).await.unwrap(), None);
    assert_eq!(v::approve(&db, &requester.g, id, "x", t0).await.unwrap(), Err(Refused::NotFound), "not a holder");
    v::approve(&db, &lea.g, id, "lea-share-for-requester", t0 + 10).await.unwrap().unwrap();
    let after_delay = t0 + 72 * 3600;
    assert!(v::opened(&db, &requester.g, id, after_delay).await.unwrap().is_none(), "k - 1 approvals give nothing");
    v::approve(&db, &max.g, id, "max-share-for-requester", t0 + 20).await.unwrap().unwrap();
    assert!(v::opened(&db, &requester.g, id, after_delay - 1).await.unwrap().is_none(), "before the delay: nothing");
    assert!(v::opened(&db, &lea.g, id, after_delay).await.unwrap().is_none(), "only the requester");
    let opened = v::opened(&db, &requester.g, id, after_delay).await.unwrap().unwrap();
    assert_eq!(opened.approvals.len(), 2);
    assert_eq!(opened.collections, [(c, 1, "wrapped-for-recovery".to_string())]);
    let stale = [(c, 2, "k".to_string())];
    assert_eq!(v::complete_request(&db, &requester.g, id, &stale, after_delay).await.unwrap(), Err(Refused::Stale));
    v::complete_request(&db, &requester.g, id, &[(c, 1, "key-for-requester".into())], after_delay)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v::collections(&db, &requester.g).await.unwrap()[0].wrapped_key, "key-for-requester");
    assert_eq!(v::files(&db, &requester.g, None).await.unwrap().len(), 1, "the files come back with the collection");
    assert_eq!(v::file_content(&db, &requester.g, f).await.unwrap().as_deref(), Some(&b"scan"[..]));
    assert!(v::opened(&db, &requester.g, id, after_delay).await.unwrap().is_none(), "used once");
    // A cancelled request gives nothing, whatever the approvals.
    let id2 = v::open_request(&db, &requester.g, "", after_delay).await.unwrap().unwrap();
    v::approve(&db, &lea.g, id2, "s", after_delay).await.unwrap().unwrap();
    v::approve(&db, &zoe.g, id2, "s", after_delay).await.unwrap().unwrap();
    assert!(v::cancel_request(&db, &max.g, id2, after_delay + 1).await.unwrap());
    assert!(v::opened(&db, &requester.g, id2, after_delay * 2).await.unwrap().is_none());
    assert_eq!(v::approve(&db, &max.g, id2, "s", after_delay + 2).await.unwrap(), Err(Refused::NotFound));
    // A new split makes old shares and pending requests worthless.
    let id3 = v::open_request(&db, &requester.g, "", after_delay * 2).await.unwrap().unwrap();
    v::set_recovery(&db, &admin, &setup(2, 2, &[lea.id, zoe.id], vec![]), after_delay * 2).await.unwrap().unwrap();
    assert_eq!(v::own_share(&db, &max.g).await.unwrap(), None);
    assert!(v::request(&db, a, id3).await.unwrap().unwrap().cancelled_at.is_some());
});

testkit::both_backends!(concurrent_vault_writes_all_land, |db: Db| async move {
    let host = HostOperator::console();
    let a = associations::create(&db, &host, "amis", "Amis", 1).await.unwrap();
    let lea = person(&db, a, "lea@amis.test", true).await;
    let c = v::reserve_ids(&db, &lea.g, IdKind::Collection, 1).await.unwrap();
    v::create_collection(&db, &lea.g, c, "n", "k", None, 1).await.unwrap().unwrap();
    let first = v::reserve_ids(&db, &lea.g, IdKind::Entry, 40).await.unwrap();
    // An import writes many entries at once: none may fail on SQLite's lock upgrade.
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (db, g) = (db.clone(), host.grant::<TeamWork>(a, lea.id));
            tokio::spawn(async move { v::save_entry(&db, &g, &entry(first + i, c, 1, 1), 5).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap().unwrap();
    }
    assert_eq!(v::entries(&db, &lea.g).await.unwrap().len(), 40);
});

/// A vault with one collection and one entry of Léa's, and `files` file ids reserved.
async fn with_entry(db: &Db, files: i64) -> (domain::AssociationId, Person, i64, i64, i64) {
    let host = HostOperator::console();
    let a = associations::create(db, &host, "amis", "Amis", 1).await.unwrap();
    let lea = person(db, a, "lea@amis.test", true).await;
    let c = v::reserve_ids(db, &lea.g, IdKind::Collection, 1).await.unwrap();
    v::create_collection(db, &lea.g, c, "n", "k", None, 1).await.unwrap().unwrap();
    let e = v::reserve_ids(db, &lea.g, IdKind::Entry, 1).await.unwrap();
    v::save_entry(db, &lea.g, &entry(e, c, 1, 1), 2).await.unwrap().unwrap();
    let f = v::reserve_ids(db, &lea.g, IdKind::File, files).await.unwrap();
    (a, lea, c, e, f)
}

fn file<'a>(id: i64, entry: i64, key_version: i64, content: &'a [u8]) -> NewFile<'a> {
    NewFile { id, entry_id: entry, key_version, sealed_meta: "sealed-meta", content }
}

const LIMITS: FileLimits = FileLimits::DEFAULT;

testkit::both_backends!(files_are_kept_sealed_per_entry_for_who_holds_the_key, |db: Db| async move {
    let host = HostOperator::console();
    let (a, lea, c, e, f) = with_entry(&db, 3).await;
    let max = person(&db, a, "max@amis.test", true).await;
    let content = b"\x01\x02 sealed content, opaque to the server".to_vec();
    v::add_file(&db, &lea.g, &file(f, e, 1, &content), &LIMITS, 3).await.unwrap().unwrap();
    let listed = v::files(&db, &lea.g, Some(e)).await.unwrap();
    assert_eq!(
        listed,
        [v::FileMeta {
            id: f,
            entry_id: e,
            collection_id: c,
            sealed_meta: "sealed-meta".into(),
            key_version: 1,
            size: content.len() as i64,
            created_at: 3
        }]
    );
    assert_eq!(v::files(&db, &lea.g, None).await.unwrap(), listed);
    assert!(v::files(&db, &lea.g, Some(e + 1)).await.unwrap().is_empty(), "another entry's list");
    assert_eq!(v::file_content(&db, &lea.g, f).await.unwrap(), Some(content.clone()));
    assert_eq!(v::files_used(&db, a).await.unwrap(), content.len() as i64);
    // Ids come reserved, once; the key version is the current one.
    let unreserved = file(f + 10, e, 1, b"x");
    assert_eq!(v::add_file(&db, &lea.g, &unreserved, &LIMITS, 4).await.unwrap(), Err(Refused::BadId));
    assert_eq!(v::add_file(&db, &lea.g, &file(f, e, 1, b"x"), &LIMITS, 4).await.unwrap(), Err(Refused::BadId), "taken");
    assert_eq!(v::add_file(&db, &lea.g, &file(f + 1, e, 2, b"x"), &LIMITS, 4).await.unwrap(), Err(Refused::Stale));
    assert_eq!(
        v::add_file(&db, &lea.g, &file(f + 1, e + 5, 1, b"x"), &LIMITS, 4).await.unwrap(),
        Err(Refused::NotFound)
    );
    // Someone the collection is not shared with reaches nothing.
    assert!(v::files(&db, &max.g, None).await.unwrap().is_empty());
    assert_eq!(v::file_content(&db, &max.g, f).await.unwrap(), None);
    assert_eq!(v::add_file(&db, &max.g, &file(f + 1, e, 1, b"x"), &LIMITS, 4).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(v::delete_file(&db, &max.g, f).await.unwrap(), Err(Refused::NotFound));
    // Nor does another association, with the same ids.
    let b = associations::create(&db, &host, "voisins", "Voisins", 1).await.unwrap();
    let lea_b = host.grant::<TeamWork>(b, lea.id);
    assert!(v::files(&db, &lea_b, None).await.unwrap().is_empty());
    assert_eq!(v::file_content(&db, &lea_b, f).await.unwrap(), None);
    assert_eq!(v::add_file(&db, &lea_b, &file(f + 1, e, 1, b"x"), &LIMITS, 4).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(v::delete_file(&db, &lea_b, f).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(v::files_used(&db, b).await.unwrap(), 0);
    assert_eq!(v::files(&db, &lea.g, None).await.unwrap(), listed, "nothing written by the refusals");
    // Deleting takes the content too.
    v::add_file(&db, &lea.g, &file(f + 1, e, 1, b"second"), &LIMITS, 5).await.unwrap().unwrap();
    v::delete_file(&db, &lea.g, f).await.unwrap().unwrap();
    assert_eq!(v::file_content(&db, &lea.g, f).await.unwrap(), None);
    assert_eq!(v::files(&db, &lea.g, None).await.unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [f + 1]);
    assert_eq!(v::files_used(&db, a).await.unwrap(), 6);
    assert_eq!(v::delete_file(&db, &lea.g, f).await.unwrap(), Err(Refused::NotFound), "once");
    // Deleting the entry takes its files.
    v::delete_entry(&db, &lea.g, e).await.unwrap().unwrap();
    assert!(v::files(&db, &lea.g, None).await.unwrap().is_empty());
    assert_eq!(v::file_content(&db, &lea.g, f + 1).await.unwrap(), None);
    assert_eq!(v::files_used(&db, a).await.unwrap(), 0);
});

testkit::both_backends!(files_over_a_limit_are_refused_and_nothing_is_written, |db: Db| async move {
    let (a, lea, _, e, f) = with_entry(&db, 4).await;
    let small = FileLimits { file: 10, association: 100 };
    let over = vec![7u8; 41];
    assert_eq!(
        v::add_file(&db, &lea.g, &file(f, e, 1, &over), &small, 3).await.unwrap(),
        Err(Refused::TooBig(TooBig::File { size: 41, limit: 40 }))
    );
    let forty = vec![7u8; 40];
    for id in [f + 1, f + 2] {
        v::add_file(&db, &lea.g, &file(id, e, 1, &forty), &small, 3).await.unwrap().unwrap();
    }
    assert_eq!(
        v::add_file(&db, &lea.g, &file(f + 3, e, 1, &forty), &small, 3).await.unwrap(),
        Err(Refused::TooBig(TooBig::Association { size: 40, used: 80, limit: 100 }))
    );
    assert_eq!(v::files(&db, &lea.g, None).await.unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [f + 1, f + 2]);
    assert_eq!(v::files_used(&db, a).await.unwrap(), 80);
    for id in [f, f + 3] {
        assert_eq!(v::file_content(&db, &lea.g, id).await.unwrap(), None, "file {id} not written");
    }
    // The ids stay usable once there is room.
    v::delete_file(&db, &lea.g, f + 1).await.unwrap().unwrap();
    v::add_file(&db, &lea.g, &file(f + 3, e, 1, &forty), &small, 4).await.unwrap().unwrap();
});

testkit::both_backends!(files_added_at_once_never_pass_the_association_total, |db: Db| async move {
    let host = HostOperator::console();
    let (a, lea, _, _, f) = with_entry(&db, 10).await;
    // Ten people at once, each in a collection of their own: nothing but
    // the association's total is shared between their writes.
    let mut writers = Vec::new();
    for i in 0..10 {
        let p = person(&db, a, &format!("p{i}@amis.test"), true).await;
        let c = v::reserve_ids(&db, &p.g, IdKind::Collection, 1).await.unwrap();
        v::create_collection(&db, &p.g, c, "n", "k", None, 2).await.unwrap().unwrap();
        let e = v::reserve_ids(&db, &p.g, IdKind::Entry, 1).await.unwrap();
        v::save_entry(&db, &p.g, &entry(e, c, 1, 1), 2).await.unwrap().unwrap();
        writers.push((p.id, e));
    }
    let small = FileLimits { file: 100, association: 100 };
    let tasks: Vec<_> = writers
        .into_iter()
        .zip(f..)
        .map(|((who, e), id)| {
            let (db, g) = (db.clone(), host.grant::<TeamWork>(a, who));
            tokio::spawn(async move { v::add_file(&db, &g, &file(id, e, 1, &[1u8; 40]), &small, 5).await })
        })
        .collect();
    let mut added = 0;
    for t in tasks {
        match t.await.unwrap().unwrap() {
            Ok(()) => added += 1,
            Err(r) => assert!(matches!(r, Refused::TooBig(TooBig::Association { .. })), "{r:?}"),
        }
    }
    assert_eq!(added, 2);
    assert_eq!(v::files_used(&db, a).await.unwrap(), 80);
    assert!(v::files(&db, &lea.g, None).await.unwrap().is_empty());
});

testkit::both_backends!(a_rotation_seals_every_file_again_and_leaves_the_contents, |db: Db| async move {
    let host = HostOperator::console();
    let (a, lea, c, e, f) = with_entry(&db, 3).await;
    let max = person(&db, a, "max@amis.test", true).await;
    v::share(&db, &lea.g, c, max.id, "key-for-max", 1, 3).await.unwrap().unwrap();
    v::add_file(&db, &max.g, &file(f, e, 1, b"content-one"), &LIMITS, 4).await.unwrap().unwrap();
    v::add_file(&db, &lea.g, &file(f + 1, e, 1, b"content-two"), &LIMITS, 4).await.unwrap().unwrap();
    let keep: Grant<KeepRegistry> = host.console_grant(a);
    let due = Date::parse_iso("2027-01-01").unwrap();
    assert_eq!(v::revoke(&db, &keep, max.id, lea.id, due, "départ", 5).await.unwrap(), [c]);
    assert_eq!(v::file_content(&db, &max.g, f).await.unwrap(), None, "a removed member fetches nothing");
    let rotation = |files: Vec<(i64, String)>| Rotation {
        key_version: 2,
        sealed_name: "n2".into(),
        recovery_wrapped: None,
        access: vec![(lea.id.0, "k2".into())],
        entries: vec![(e, "resealed".into(), 2)],
        files,
    };
    let one = rotation(vec![(f, "meta-one-v2".into())]);
    assert_eq!(v::rotate(&db, &lea.g, c, &one, 6).await.unwrap(), Err(Refused::Incomplete), "every file");
    let stray = rotation(vec![(f, "m".into()), (f + 1, "m".into()), (f + 2, "m".into())]);
    assert_eq!(v::rotate(&db, &lea.g, c, &stray, 6).await.unwrap(), Err(Refused::Incomplete), "only its files");
    assert_eq!(v::files(&db, &lea.g, None).await.unwrap()[0].sealed_meta, "sealed-meta", "nothing written");
    let both = rotation(vec![(f + 1, "meta-two-v2".into()), (f, "meta-one-v2".into())]);
    v::rotate(&db, &lea.g, c, &both, 6).await.unwrap().unwrap();
    let after = v::files(&db, &lea.g, None).await.unwrap();
    assert_eq!(
        after.iter().map(|x| (x.id, x.sealed_meta.as_str(), x.key_version)).collect::<Vec<_>>(),
        [(f, "meta-one-v2", 2), (f + 1, "meta-two-v2", 2)]
    );
    assert_eq!(v::file_content(&db, &lea.g, f).await.unwrap().as_deref(), Some(&b"content-one"[..]), "untouched");
    // A file sealed under the old key is refused from now on.
    assert_eq!(v::add_file(&db, &lea.g, &file(f + 2, e, 1, b"late"), &LIMITS, 7).await.unwrap(), Err(Refused::Stale));
    v::add_file(&db, &lea.g, &file(f + 2, e, 2, b"late"), &LIMITS, 7).await.unwrap().unwrap();
});
