//! The check-up through the pages: questionnaire, report, history, watch
//! and its alerts; the automated checks against the offline fixtures.

use super::*;
use axum::http::StatusCode;
use checkup_fixtures::{Fixtures, Options};
use domain::Role;
use std::time::Duration;

/// Switches the check-up module on (with members and the vault).
pub async fn checkup_on(c: &mut Client, name: &str) {
    let settings = [
        ("name", name),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "vault"),
        ("modules", "checkup"),
    ];
    assert_eq!(c.post("/settings", &settings).await.status, StatusCode::SEE_OTHER);
}

/// The check-up's network configuration on the fixtures.
pub fn fixture_config(f: &Fixtures) -> ::checkup::Config {
    let mut config = ::checkup::Config::new(f.dns);
    config.rdap_base = Some(f.rdap_url.clone());
    config.http_port = f.http_port;
    config.https_port = f.https_port;
    config.smtp_port = f.smtp_port;
    config.extra_roots = vec![f.root.clone()];
    config.mozilla_roots = false;
    config.trust_anchors = Some(f.trust_anchors.clone());
    config.check_timeout = Duration::from_secs(10);
    config.dns_timeout = Duration::from_secs(2);
    config
}

/// Like `web_test!`, with the check-up reaching the fixtures.
macro_rules! fixture_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let f = checkup_fixtures::start(Options::default()).await.unwrap();
                let app = TestApp::start_with_checkup(testkit::Backend::Sqlite, fixture_config(&f)).await;
                ($body)(app, f).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let f = checkup_fixtures::start(Options::default()).await.unwrap();
                let app = TestApp::start_with_checkup(testkit::Backend::Postgres, fixture_config(&f)).await;
                ($body)(app, f).await;
            }
        }
    };
}

/// Waits until run `id`'s automated checks are done.
async fn wait_done(c: &mut Client, id: i64) -> TestResponse {
    for _ in 0..300 {
        let r = c.get(&format!("/checkup/runs/{id}")).await;
        assert_eq!(r.status, StatusCode::OK);
        if !r.body.contains("id=\"check-state\"") || !r.body.contains("http-equiv=\"refresh\"") {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the checks of run {id} never ended");
}

testkit::web_test!(the_module_gates_the_pages_and_the_menu, |app: TestApp| async move {
    let (_, mut c) = admin_of(&app, "amis").await;
    assert_eq!(c.get("/checkup").await.status, StatusCode::NOT_FOUND);
    assert!(!c.get("/").await.body.contains("href=\"/checkup\""));
    checkup_on(&mut c, "Amis").await;
    let home = c.get("/checkup").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("href=\"/checkup\" aria-current=\"page\""), "in the menu");
    assert!(home.body.contains("Aucun bilan"));
});

testkit::web_test!(the_questionnaire_is_saved_resumed_and_refused_field_by_field, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    checkup_on(&mut c, "Amis").await;
    // The registry knows one bank account, held by one person.
    let t = app.member(&a, "tresoriere@amis.test", Role::Treasurer).await;
    let holder = t.0.to_string();
    let bank =
        [("kind", "bank"), ("service", "Banque"), ("two_factor", "app"), ("critical", "on"), ("holder", &holder)];
    assert_eq!(c.post("/access", &bank).await.status, StatusCode::SEE_OTHER);
    let r = c.post("/checkup/runs", &[]).await;
    assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/checkup/runs/1?notice=notice-saved"));
    let form = c.get("/checkup/runs/1/questionnaire").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.body.matches("<fieldset").count(), domain::checkup::QUESTIONS.len());
    assert!(form.body.contains(
        "Préau propose : « Une seule pour au moins l&#39;un d&#39;eux » (d&#39;après le registre des accès)"
    ));
    assert!(form.body.contains("id=\"g3-one\" name=\"g3\" value=\"one\" checked"), "the proposal is preselected");
    // Two wrong answers: refused on their fields, nothing saved.
    let bad = [("g1", "association"), ("p1", "everybody"), ("d2", "<script>")];
    let r = c.post("/checkup/runs/1/questionnaire", &bad).await;
    assert_refused(&r, "p1");
    assert_refused(&r, "d2");
    assert!(!r.body.contains("<script>"), "what was typed is escaped");
    assert!(r.body.contains("id=\"g1-association\" name=\"g1\" value=\"association\" checked"), "kept as typed");
    assert!(store::checkup::answers(&app.db, a.association, 1).await.unwrap().is_empty());
    // Saved, then another member adds an answer: each keeps its author.
    let good = [("g1", "member"), ("p1", "one"), ("f3", "none"), ("m2", "role")];
    let r = c.post("/checkup/runs/1/questionnaire", &good).await;
    assert_eq!(r.location(), "/checkup/runs/1?notice=notice-saved");
    let mut tc = app.logged_in("tresoriere@amis.test").await;
    let more = [("g1", "member"), ("p1", "one"), ("f3", "none"), ("m2", "role"), ("w4", "partly")];
    assert_eq!(tc.post("/checkup/runs/1/questionnaire", &more).await.status, StatusCode::SEE_OTHER);
    let stored = store::checkup::answers(&app.db, a.association, 1).await.unwrap();
    let authors: Vec<_> =
        stored.iter().map(|x| (x.question.as_str(), x.answered_by_name.as_deref().unwrap())).collect();
    assert_eq!(authors, [("f3", "admin"), ("g1", "admin"), ("m2", "admin"), ("p1", "admin"), ("w4", "tresoriere")]);
    let resumed = c.get("/checkup/runs/1/questionnaire").await;
    assert!(resumed.body.contains("id=\"w4-partly\" name=\"w4\" value=\"partly\" checked"));
    assert!(resumed.body.contains("Répondu par tresoriere le"));
    // The report: critical flags first, then the actions, each with why and a free option.
    let report = c.get("/checkup/runs/1").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("5 réponses sur 31"));
    let critical = report.body.find("id=\"critical\"").unwrap();
    let actions = report.body.find("id=\"actions\"").unwrap();
    for title in ["Qui est titulaire du nom de domaine", "Qui connaît les mots de passe", "des sauvegardes"] {
        let at = report.body.find(title).unwrap_or_else(|| panic!("{title}"));
        assert!(critical < at && at < actions, "{title} is a critical flag");
    }
    assert!(report.body[actions..].contains("Le site est-il toujours en HTTPS"));
    assert!(report.body.contains("Solution libre : restic ou BorgBackup"));
    assert!(report.body.contains("Mots de passe</th><td>0 %"), "theme scores");
    assert!(report.body.contains("Note globale : "));
    // The PDF.
    let pdf = c.get("/checkup/runs/1/report.pdf").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));
    assert_eq!(c.get("/checkup/runs/9").await.status, StatusCode::NOT_FOUND);
    // A plain member of the association sees nothing of it.
    app.member(&a, "membre@amis.test", Role::Member).await;
    let mut m = app.logged_in("membre@amis.test").await;
    assert_eq!(m.get("/checkup/runs/1").await.status, StatusCode::FORBIDDEN);
    assert_eq!(m.post("/checkup/runs/1/questionnaire", &good).await.status, StatusCode::FORBIDDEN);
});

testkit::web_test!(only_an_administrator_sets_the_domain_and_a_bad_one_is_refused, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    checkup_on(&mut c, "Amis").await;
    let r =
        c.post("/checkup/settings", &[("domain", "https://amis.test/"), ("watch", "on"), ("every_days", "0")]).await;
    assert_refused(&r, "domain");
    assert_refused(&r, "every_days");
    assert_eq!(store::checkup::settings(&app.db, a.association).await.unwrap(), Default::default());
    let r = c.post("/checkup/settings", &[("domain", "Café.Test"), ("watch", "on"), ("every_days", "7")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(store::checkup::settings(&app.db, a.association).await.unwrap().domain, "xn--caf-dma.test");
    assert!(c.get("/checkup").await.body.contains("value=\"café.test\""));
    app.member(&a, "secretaire@amis.test", Role::Secretary).await;
    let mut s = app.logged_in("secretaire@amis.test").await;
    let r = s.post("/checkup/settings", &[("domain", "pirate.test"), ("every_days", "7")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!s.get("/checkup").await.body.contains("action=\"/checkup/settings\""), "no form for the team");
});

fixture_test!(
    a_run_checks_the_domain_in_the_background_and_history_shows_progress,
    |app: TestApp, f: Fixtures| async move {
        // Kept alive until the end: the background checks reach them.
        let _fixtures = f;
        let (a, mut c) = admin_of(&app, "amis").await;
        checkup_on(&mut c, "Amis").await;
        c.post("/checkup/settings", &[("domain", "good.test"), ("watch", "on"), ("every_days", "7")]).await;
        let r = c.post("/checkup/runs", &[]).await;
        assert_eq!(r.location(), "/checkup/runs/1?notice=notice-saved");
        let report = wait_done(&mut c, 1).await;
        assert!(report.body.contains("Domaine vérifié : good.test"));
        assert!(report.body.contains("Détail des vérifications automatiques"));
        assert!(report.body.contains("data-status=\"pass\""), "{}", report.body);
        assert!(report.body.contains("Courriel</th><td>"), "the mail theme is scored");
        assert!(!report.body.contains("Changements depuis le bilan précédent"), "no previous run");
        // What the checks found is proposed in the questionnaire.
        let form = c.get("/checkup/runs/1/questionnaire").await;
        assert!(form.body.contains("(d&#39;après les vérifications automatiques)"), "proposals from the checks");
        c.post("/checkup/runs/1/questionnaire", &[("p1", "one")]).await;
        // A second run: the history lists both with their scores, the report compares.
        c.post("/checkup/runs", &[]).await;
        let second = wait_done(&mut c, 2).await;
        assert!(second.body.contains("Changements depuis le bilan précédent"));
        assert!(second.body.contains("bilan précédent : "));
        c.post("/checkup/runs/2/questionnaire", &[("p1", "manager")]).await;
        let home = c.get("/checkup").await;
        assert!(home.body.contains("href=\"/checkup/runs/2\"") && home.body.contains("href=\"/checkup/runs/1\""));
        assert!(home.body.contains("<td>+"), "the score went up: {}", home.body);
        let runs = store::checkup::runs(&app.db, a.association).await.unwrap();
        assert!(
            runs.iter()
                .all(|r| r.check_state == "done" && r.report.as_deref().is_some_and(|j| j.contains("\"version\"")))
        );
        // Checks started again on a finished run.
        assert_eq!(c.post("/checkup/runs/1/check", &[]).await.status, StatusCode::SEE_OTHER);
        wait_done(&mut c, 1).await;
    }
);

fixture_test!(the_watch_alerts_the_administrators_once, |app: TestApp, f: Fixtures| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    checkup_on(&mut c, "Amis").await;
    let config = fixture_config(&f);
    // nomx.test: its domain expires in 10 days (RDAP).
    c.post("/checkup/settings", &[("domain", "nomx.test"), ("watch", "on"), ("every_days", "7")]).await;
    // An association without the module is not watched.
    let (_, mut other) = admin_of(&app, "autres").await;
    checkup_on(&mut other, "Autres").await;
    other.post("/checkup/settings", &[("domain", "good.test"), ("watch", "on"), ("every_days", "7")]).await;
    other.post("/settings", &[("name", "Autres"), ("fiscal_year_start_month", "1"), ("modules", "members")]).await;
    let t = web::now();
    let done = web::checkup::watch(&app.db, &config, t, "http://preau.test", false, 4).await.unwrap();
    assert_eq!((done.checked, done.alerts), (1, 1));
    // Not due again for a week; the host operator's batch checks it anyway, and sends nothing twice.
    assert_eq!(
        web::checkup::watch(&app.db, &config, t + 3600, "http://preau.test", false, 4).await.unwrap().checked,
        0
    );
    let again = web::checkup::watch(&app.db, &config, t + 3600, "http://preau.test", true, 4).await.unwrap();
    assert_eq!((again.checked, again.alerts), (1, 0));
    let sink = testkit::smtp::SmtpSink::start();
    deliver(&app, &sink).await;
    let mail = sink.wait_for(&a.admin_email);
    assert!(mail.subject.contains("nomx.test"), "{}", mail.subject);
    assert!(mail.body.contains("nomx.test") && mail.body.contains("http://preau.test/checkup"), "{}", mail.body);
    assert_eq!(sink.messages().len(), 1, "once");
    // The MX moved since the last scheduled report: one alert.
    c.post("/checkup/settings", &[("domain", "good.test"), ("watch", "on"), ("every_days", "7")]).await;
    web::checkup::watch(&app.db, &config, t, "http://preau.test", true, 4).await.unwrap();
    let settings = store::checkup::settings(&app.db, a.association).await.unwrap();
    let mut last: ::checkup::Report = serde_json::from_str(settings.last_report.as_deref().unwrap()).unwrap();
    let mx = last.checks.iter_mut().find(|ch| ch.id == ::checkup::CheckId::Mx).unwrap();
    mx.facts.insert("mx".into(), serde_json::json!(["mx.ancien.test"]));
    let json = serde_json::to_string(&last).unwrap();
    store::checkup::record_watch(&app.db, a.association, "good.test", t - 8 * 86_400, &json).await.unwrap();
    let moved = web::checkup::watch(&app.db, &config, t, "http://preau.test", false, 4).await.unwrap();
    assert_eq!((moved.checked, moved.alerts), (1, 1));
    let alerts = store::checkup::alerts(&app.db, a.association).await.unwrap();
    assert!(alerts.iter().any(|(k, _)| k == "mail.mx:mx.good.test"), "{alerts:?}");
    let home = c.get("/checkup").await;
    assert!(
        home.body.contains("Serveurs de courriel (MX) changés") && home.body.contains("Nom de domaine bientôt expiré")
    );
});
