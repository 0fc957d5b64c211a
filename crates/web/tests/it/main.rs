//! Web tests: the whole application in-process, on SQLite and PostgreSQL.

mod access;
mod accounting;
mod accounts;
mod bank;
mod bulk;
mod checkup;
mod donations;
mod dues;
mod exports;
mod fields;
mod forms;
mod imports;
mod members;
mod privacy;
mod saved_searches;
mod shell;
mod team;
mod tenancy;
mod vault;

use testkit::app::{Client, TestApp, TestResponse};

/// The value of `name`'s field in a page (input value attribute).
pub fn field_value(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("name=\"{name}\""))?;
    let tag_start = body[..at].rfind('<')?;
    let tag_end = at + body[at..].find('>')?;
    let tag = &body[tag_start..tag_end];
    let v = tag.split("value=\"").nth(1)?;
    Some(v[..v.find('"')?].to_string())
}

/// Asserts a refused form: 422, an error element for the field that the
/// field points to, a summary linking to it, and a title saying so.
pub fn assert_refused(r: &TestResponse, field: &str) {
    assert_eq!(r.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains(&format!("id=\"{field}-error\"")), "no error element for {field}");
    let at = r.body.find(&format!("id=\"{field}\"")).unwrap_or_else(|| panic!("no element {field}"));
    let tag = &r.body[r.body[..at].rfind('<').unwrap_or(0)..at + r.body[at..].find('>').unwrap_or(0)];
    let described = tag.split("aria-describedby=\"").nth(1).and_then(|v| v.split('"').next()).unwrap_or("");
    assert!(described.split(' ').any(|id| id == format!("{field}-error")), "{field} is described by its error: {tag}");
    assert!(r.body.contains(&format!("href=\"#{field}\"")), "the summary links to {field}");
    let titled = r.body.contains("<title>Erreur : ") || r.body.contains("<title>Error: ");
    assert!(titled, "the title says the form was refused");
}

/// Sends the queued mail to the test SMTP server over SMTP.
pub async fn deliver(app: &TestApp, sink: &testkit::smtp::SmtpSink) {
    let mailer = server::mailer::Mailer::new(&sink.url(), "Préau <preau@preau.test>").expect("mailer");
    server::mailer::send_due(&app.db, &mailer, web::now() + 1).await.expect("send");
}

/// A logged-in administrator client of a new association.
pub async fn admin_of(app: &TestApp, slug: &str) -> (testkit::app::Fixture, Client) {
    let f = app.association(slug).await;
    let c = app.logged_in(&f.admin_email).await;
    (f, c)
}
