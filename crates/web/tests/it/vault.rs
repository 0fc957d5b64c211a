//! The vault's page and JSON routes, without a browser: what the server
//! accepts and refuses (the cryptography is tested in `tests/vault` and in
//! the browser tests).

use super::*;
use axum::http::StatusCode;
use domain::Role;
use sha2::Digest;

const KEYS: &str = r#"{"public_keys":"{\"encryption\":\"P\",\"signing\":\"S\"}","wrapped_keys":"{\"v\":1,\"kind\":\"preau-member-keys\"}"}"#;

/// A team member of `f`'s association, logged in and enrolled (with stand-in keys).
async fn enrolled(app: &TestApp, f: &testkit::app::Fixture, email: &str, role: Role) -> Client {
    app.member(f, email, role).await;
    let mut c = app.logged_in(email).await;
    assert_eq!(c.post_json("/vault/api/enrol", KEYS, None).await.status, StatusCode::OK);
    c
}

testkit::web_test!(the_vault_page_loads_only_its_own_checked_scripts, |app: TestApp| async move {
    let (_, mut c) = admin_of(&app, "amis").await;
    assert_eq!(c.get("/vault").await.status, StatusCode::NOT_FOUND, "module off");
    super::access::vault_on(&mut c, "Amis").await;
    let r = c.get("/vault").await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.header("content-security-policy");
    assert!(csp.contains("script-src 'self' 'sha256-") && csp.contains("require-trusted-types-for 'script'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("http"), "no inline code, no other origin: {csp}");
    assert!(r.body.contains("<noscript>") && r.body.contains("a besoin de JavaScript"));
    // The import map is exactly what the CSP hash allows, and every module's digest matches what is served.
    let map = r.body.split("<script type=\"importmap\">").nth(1).unwrap().split("</script>").next().unwrap();
    let hash = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, sha2::Sha256::digest(map));
    assert!(csp.contains(&format!("'sha256-{hash}'")));
    let integrity: serde_json::Value = serde_json::from_str(map).unwrap();
    let modules = integrity["integrity"].as_object().unwrap();
    assert!(modules.len() >= 9, "every vault module: {modules:?}");
    for (url, digest) in modules {
        let served = c.get(url).await.body.into_bytes();
        let sri = format!(
            "sha384-{}",
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, sha2::Sha384::digest(&served))
        );
        assert_eq!(digest.as_str().unwrap(), sri, "{url}");
        let text = String::from_utf8(served).unwrap();
        for import in text.split("from \"./").skip(1) {
            let name = import.split('"').next().unwrap();
            assert!(modules.contains_key(&format!("/static/{name}")), "{url} imports {name}, which the map checks");
        }
    }
    let app_script = r.body.split("<script type=\"module\" src=\"").nth(1).unwrap();
    assert!(app_script.contains("integrity=\"sha384-"));
});

testkit::web_test!(the_json_routes_want_the_token_and_well_formed_bodies, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    super::access::vault_on(&mut c, "Amis").await;
    assert_eq!(c.post_json("/vault/api/enrol", KEYS, Some("forged")).await.status, StatusCode::FORBIDDEN);
    let r = c.post_json("/vault/api/enrol", "{\"public_keys\": 3", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("malformed") && r.body.contains("line 1"), "{}", r.body);
    let bad = r#"{"public_keys":"not json","wrapped_keys":"also not"}"#;
    assert_eq!(c.post_json("/vault/api/enrol", bad, None).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!store::vault::is_enrolled(&app.db, a.association, a.admin).await.unwrap(), "nothing stored");
    assert_eq!(c.post_json("/vault/api/enrol", KEYS, None).await.status, StatusCode::OK);
    assert_eq!(c.post_json("/vault/api/enrol", KEYS, None).await.status, StatusCode::CONFLICT, "once");
    let state = c.get("/vault/api/state").await;
    assert_eq!(state.header("cache-control"), "no-store");
    let v: serde_json::Value = serde_json::from_str(&state.body).unwrap();
    assert_eq!(v["own"]["wrapped_keys"], "{\"v\":1,\"kind\":\"preau-member-keys\"}");
    let ids = c.post_json("/vault/api/ids", r#"{"kind":"entry","count":0}"#, None).await;
    assert_eq!(ids.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A plain member has no vault.
    app.member(&a, "membre@amis.test", Role::Member).await;
    let mut m = app.logged_in("membre@amis.test").await;
    assert_eq!(m.get("/vault").await.status, StatusCode::FORBIDDEN);
    assert_eq!(m.post_json("/vault/api/enrol", KEYS, None).await.status, StatusCode::FORBIDDEN);
});

testkit::web_test!(leaving_the_team_takes_the_vault_away_and_marks_secrets_to_change, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    super::access::vault_on(&mut c, "Amis").await;
    c.post_json("/vault/api/enrol", KEYS, None).await;
    let mut max = enrolled(&app, &a, "max@amis.test", Role::Treasurer).await;
    let max_id = store::users::by_email(&app.db, "max@amis.test").await.unwrap().unwrap().id();
    let first: serde_json::Value =
        serde_json::from_str(&max.post_json("/vault/api/ids", r#"{"kind":"collection","count":1}"#, None).await.body)
            .unwrap();
    let id = first["first"].as_i64().unwrap();
    let collection = format!(r#"{{"id":{id},"sealed_name":"N","wrapped_key":"K","recovery_wrapped":null}}"#);
    assert_eq!(max.post_json("/vault/api/collections", &collection, None).await.status, StatusCode::OK);
    let e: serde_json::Value =
        serde_json::from_str(&max.post_json("/vault/api/ids", r#"{"kind":"entry","count":1}"#, None).await.body)
            .unwrap();
    let entry = format!(
        r#"{{"id":{},"collection_id":{id},"sealed":"S","version":1,"key_version":1}}"#,
        e["first"].as_i64().unwrap()
    );
    assert_eq!(max.post_json("/vault/api/entries", &entry, None).await.status, StatusCode::OK);
    let share = format!(r#"{{"user_id":{},"wrapped_key":"K2","key_version":1}}"#, a.admin.0);
    assert_eq!(max.post_json(&format!("/vault/api/collections/{id}/share"), &share, None).await.status, StatusCode::OK);
    // Max is removed from the team.
    assert_eq!(c.post(&format!("/team/{}/remove", max_id.0), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!store::vault::is_enrolled(&app.db, a.association, max_id).await.unwrap());
    let page = c.get("/vault").await.body;
    assert!(page.contains("départ de l") && page.contains("admin"), "the secret is to change, owned by the admin");
    let state: serde_json::Value = serde_json::from_str(&c.get("/vault/api/state").await.body).unwrap();
    assert!(state["collections"][0]["rotate_since"].is_i64(), "waiting for a rotation");
    let access = c.get(&format!("/vault/api/collections/{id}/access")).await;
    assert_eq!(access.body, format!(r#"{{"users":[{}]}}"#, a.admin.0));
});

testkit::web_test!(recovery_requests_work_without_javascript_and_tell_the_holders, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (a, mut c) = admin_of(&app, "amis").await;
    super::access::vault_on(&mut c, "Amis").await;
    c.post_json("/vault/api/enrol", KEYS, None).await;
    let mut lea = enrolled(&app, &a, "lea@amis.test", Role::Secretary).await;
    let mut max = enrolled(&app, &a, "max@amis.test", Role::Editor).await;
    let mut new = enrolled(&app, &a, "nouvelle@amis.test", Role::Editor).await;
    let id = |email: &str| {
        let db = app.db.clone();
        let email = email.to_string();
        async move { store::users::by_email(&db, &email).await.unwrap().unwrap().id().0 }
    };
    let (l, m) = (id("lea@amis.test").await, id("max@amis.test").await);
    // No recovery yet: refused, with the reason on the form.
    let r = new.post("/vault/recovery/requests", &[("reason", "")]).await;
    assert_refused(&r, "reason");
    let setup = format!(
        r#"{{"split":1,"threshold":2,"delay_hours":72,"check_blob":"C","public_key":"P","sealed_private":"X",
            "shares":[[{l},"SL"],[{m},"SM"]],"collections":[]}}"#
    );
    assert_eq!(lea.post_json("/vault/api/recovery", &setup, None).await.status, StatusCode::FORBIDDEN, "admins only");
    assert_eq!(c.post_json("/vault/api/recovery", &setup, None).await.status, StatusCode::OK);
    let r = new.post("/vault/recovery/requests", &[("reason", "Ordinateur perdu")]).await;
    assert_eq!(r.location(), "/vault?notice=notice-recovery-requested");
    deliver(&app, &sink).await;
    for to in ["lea@amis.test", "max@amis.test", "admin@amis.test"] {
        let mail = sink.wait_for(to);
        assert!(mail.body.contains("Ordinateur perdu") && mail.body.contains("/vault"), "{}", mail.body);
    }
    // Before the delay, k approvals open nothing.
    for holder in [&mut lea, &mut max] {
        assert_eq!(
            holder.post_json("/vault/api/recovery/requests/1/approve", r#"{"sealed_share":"R"}"#, None).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(new.get("/vault/api/recovery/requests/1").await.status, StatusCode::NOT_FOUND);
    // Anyone outside the holders, administrators and the requester may not cancel.
    let mut other = enrolled(&app, &a, "autre@amis.test", Role::Editor).await;
    assert_eq!(other.post("/vault/recovery/requests/1/cancel", &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        max.post("/vault/recovery/requests/1/cancel", &[]).await.location(),
        "/vault?notice=notice-recovery-cancelled"
    );
    assert!(c.get("/audit").await.body.contains("vault.recovery.cancel"));
    assert_eq!(max.post("/vault/recovery/requests/1/cancel", &[]).await.status, StatusCode::NOT_FOUND, "once");
});

/// The headers of a file upload: its id, key version 1, its sealed metadata.
fn file_headers(id: &str) -> [(&str, &str); 3] {
    [("x-vault-file-id", id), ("x-vault-key-version", "1"), ("x-vault-sealed-meta", "Meta-1")]
}

/// What the JSON answer `body` says, as JSON.
fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

testkit::web_test!(files_go_up_as_raw_sealed_bytes_and_come_back_the_same, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    super::access::vault_on(&mut c, "Amis").await;
    c.post_json("/vault/api/enrol", KEYS, None).await;
    let first = |r: testkit::app::TestResponse| json(&r.body)["first"].as_i64().unwrap();
    let col = first(c.post_json("/vault/api/ids", r#"{"kind":"collection","count":1}"#, None).await);
    let collection = format!(r#"{{"id":{col},"sealed_name":"N","wrapped_key":"K","recovery_wrapped":null}}"#);
    assert_eq!(c.post_json("/vault/api/collections", &collection, None).await.status, StatusCode::OK);
    let e = first(c.post_json("/vault/api/ids", r#"{"kind":"entry","count":1}"#, None).await);
    let entry = format!(r#"{{"id":{e},"collection_id":{col},"sealed":"S","version":1,"key_version":1}}"#);
    assert_eq!(c.post_json("/vault/api/entries", &entry, None).await.status, StatusCode::OK);
    let f = first(c.post_json("/vault/api/ids", r#"{"kind":"file","count":2}"#, None).await);
    let (id, next) = (f.to_string(), (f + 1).to_string());
    let path = format!("/vault/api/entries/{e}/files");
    // Over the general 2 MiB body limit, within the file limit: the route has its own.
    let content: Vec<u8> = (0..3 * 1024 * 1024).map(|i| b'a' + (i % 26) as u8).collect();
    let r = c.post_bytes(&path, content.clone(), &file_headers(&id)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let state = json(&c.get("/vault/api/state").await.body);
    assert_eq!(state["files"][0]["sealed_meta"], "Meta-1");
    assert_eq!(state["files"][0]["size"], content.len());
    assert_eq!(state["file_limits"]["used"], content.len());
    assert_eq!(state["file_limits"]["file"], 5 * 1024 * 1024);
    let back = c.get(&format!("/vault/api/files/{f}")).await;
    assert_eq!((back.header("content-type"), back.header("cache-control")), ("application/octet-stream", "no-store"));
    assert!(back.body.as_bytes() == content.as_slice(), "the same bytes");
    // Too big: refused with the sizes, from the announced length before reading, or once read past the limit.
    let limit = 5 * 1024 * 1024 + 30;
    let mut lying = file_headers(&next).to_vec();
    lying.push(("content-length", "6000000"));
    let r = c.post_bytes(&path, b"x".to_vec(), &lying).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(json(&r.body), serde_json::json!({ "error": "file-too-large", "size": 6_000_000, "limit": limit }));
    let r = c.post_bytes(&path, vec![b'x'; limit as usize + 1], &file_headers(&next)).await;
    assert_eq!((r.status, r.header("content-type")), (StatusCode::PAYLOAD_TOO_LARGE, "application/json"));
    assert_eq!(json(&r.body)["error"], "file-too-large");
    assert_eq!(
        store::vault::files_used(&app.db, a.association).await.unwrap(),
        content.len() as i64,
        "nothing written"
    );
    // Without the token, the headers, or a current key: refused, nothing written.
    assert_eq!(c.post_raw(&path, "x").await.status, StatusCode::FORBIDDEN);
    let sealed = b"0123456789012345678901234567890123".to_vec();
    let r = c.post_bytes(&path, sealed.clone(), &[("x-vault-file-id", &next)]).await;
    assert_eq!((r.status, json(&r.body)["error"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("incomplete")));
    let mut stale = file_headers(&next);
    stale[1].1 = "2";
    let r = c.post_bytes(&path, sealed, &stale).await;
    assert_eq!((r.status, json(&r.body)["error"].as_str()), (StatusCode::CONFLICT, Some("stale")));
    assert_eq!(json(&c.get("/vault/api/state").await.body)["files"].as_array().unwrap().len(), 1);
    // Deleting needs the token too.
    let del = format!("/vault/api/files/{f}/delete");
    assert_eq!(c.post_json(&del, "{}", Some("forged")).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.post_json(&del, "{}", None).await.status, StatusCode::OK);
    assert_eq!(c.get(&format!("/vault/api/files/{f}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.post_json(&del, "{}", None).await.status, StatusCode::NOT_FOUND, "once");
    let audit = c.get("/audit").await.body;
    assert!(audit.contains("vault.file.add") && audit.contains("vault.file.delete"), "recorded");
});
