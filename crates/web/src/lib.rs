//! Préau's web layer: the router (read it as the site map), handlers,
//! templates, languages, static assets and the security middleware.

pub mod access;
pub mod assets;
pub mod auth;
pub mod banking;
pub mod checkup;
pub mod crypto;
pub mod custom;
pub mod error;
pub mod fec;
pub mod i18n;
pub mod importing;
mod pages;
pub mod passwords;
pub mod privacy;
pub mod receipts;
pub mod reminders;
pub mod reports;
pub mod security;
pub mod twofactor;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};
use std::sync::Arc;
use store::Db;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};

pub use crypto::ServerKey;
pub use pages::exports::{ExportFormat, MemberExport};
pub use pages::host::mail_keys;
pub use pages::login::{ACCOUNT_LIMIT as LOGIN_ACCOUNT_LIMIT, ADDRESS_LIMIT as LOGIN_ADDRESS_LIMIT};
pub use passwords::ArgonParams;

/// What the web layer is configured with.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// The address people reach, used in emailed links (no trailing slash).
    pub public_url: String,
    /// Largest accepted request body; larger ones get 413.
    pub max_body_bytes: usize,
    /// Largest body of the forms that bring a file (imports, attachments):
    /// a scanned invoice or a FEC of ten years is larger than any form.
    pub max_upload_bytes: usize,
    /// Trust `X-Forwarded-For` from a reverse proxy for the client's address.
    pub trust_proxy: bool,
    /// Password hashing cost.
    pub argon: ArgonParams,
    /// How long an unused session lives, in seconds.
    pub session_seconds: i64,
    /// How the check-up reaches the network: the system resolver in
    /// production, the fixtures in tests.
    pub checkup: ::checkup::Config,
}

impl WebConfig {
    /// Whether people reach the server over TLS (then cookies are `Secure` and HSTS is sent).
    pub fn behind_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Shared state of every handler. Holds no per-user data: several server
/// processes can serve the same database.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The contents of [`AppState`].
pub struct Inner {
    pub db: Db,
    pub key: ServerKey,
    pub config: WebConfig,
    /// Imports running in the background (progress pages).
    pub imports: importing::Jobs,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Bundles the state.
    pub fn new(db: Db, key: ServerKey, config: WebConfig) -> AppState {
        AppState(Arc::new(Inner { db, key, config, imports: Default::default() }))
    }
}

/// The current time, Unix seconds. The one clock of the web layer.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The whole site, in menu order.
pub fn router(state: AppState) -> Router {
    use pages::*;
    let max_body = state.config.max_body_bytes;
    let max_upload = state.config.max_upload_bytes.max(max_body);
    // Forms that bring a file take their own limit; every other extractor
    // keeps `max_body`, under the hard limit of the larger of the two.
    let upload = || DefaultBodyLimit::max(max_upload);
    // The vault's encrypted files: one sealed file (5 MiB and its seal),
    // whatever the two settings above.
    let sealed_file = vault::add_vault_file.layer(DefaultBodyLimit::max(vault::FILE_BODY_LIMIT));
    let hard_limit = max_upload.max(vault::FILE_BODY_LIMIT) + 64 * 1024;
    Router::new()
        // Dashboard and association switcher.
        .route("/", get(dashboard::show_dashboard))
        .route("/switch", post(dashboard::switch_association))
        // First start: the one-time setup link.
        .route("/setup/{token}", get(setup::show_setup).post(setup::save_setup))
        // Logging in and out, second factor, forgotten password, invitations.
        .route("/login", get(login::show_login).post(login::login))
        .route("/login/2fa", get(login::show_second_factor).post(login::check_second_factor))
        .route("/logout", post(login::logout))
        .route("/password/forgot", get(reset::show_forgot).post(reset::send_reset))
        .route("/password/reset/{token}", get(reset::show_reset).post(reset::save_reset))
        .route("/invitation/{token}", get(team::show_invitation).post(team::accept_invitation))
        // Members (adhérent·es).
        .route("/members", get(members::show_members).post(members::create_member))
        .route("/members/new", get(members::show_new_member))
        .route("/members/export", get(exports::export_members))
        .route("/members/searches", post(saved_searches::create_saved_search))
        .route("/members/searches/{id}/delete", post(saved_searches::delete_saved_search))
        .route("/members/bulk", post(bulk::apply_bulk))
        .route("/members/bulk/email", get(bulk::show_bulk_email).post(bulk::send_bulk_email))
        .route("/members/{id}", get(members::show_member).post(members::save_member))
        .route("/members/{id}/edit", get(members::edit_member))
        .route("/members/{id}/categories", post(members::save_member_categories))
        .route("/members/{id}/household", post(members::save_member_household))
        .route("/members/{id}/payments", post(dues::create_payment))
        .route("/members/{id}/payments/new", get(dues::show_new_payment))
        .route("/members/categories", get(categories::show_categories).post(categories::create_category))
        .route("/members/categories/{id}", post(categories::rename_category))
        .route("/members/categories/{id}/delete", post(categories::delete_category))
        .route("/members/fields", get(fields::show_fields).post(fields::create_field))
        .route("/members/fields/new", get(fields::show_new_field))
        .route("/members/fields/{id}", get(fields::edit_field).post(fields::save_field))
        .route("/members/types", get(dues::show_dues_types).post(dues::create_dues_type))
        .route("/members/types/new", get(dues::show_new_dues_type))
        .route("/members/types/{id}", get(dues::edit_dues_type).post(dues::save_dues_type))
        .route("/members/reminders", get(dues::show_reminders).post(dues::save_reminders))
        .route("/members/import", get(imports::show_import).post(imports::upload_import.layer(upload())))
        .route("/members/import/{id}", get(imports::show_import_check).post(imports::apply_import))
        .route("/members/import/{id}/progress", get(imports::show_import_progress))
        // RGPD: consents, register, retention, erasure; a member's own space and the directory.
        .route("/members/{id}/consents", post(privacy::save_member_consents))
        .route("/members/{id}/erase", post(privacy::erase_member))
        .route("/members/privacy", get(privacy::show_privacy))
        .route("/members/privacy/purposes", post(privacy::create_purpose))
        .route("/members/privacy/purposes/{id}", post(privacy::save_purpose))
        .route("/members/privacy/retention", post(privacy::save_retention))
        .route("/members/privacy/erasures/{id}", post(privacy::decide_erasure))
        .route("/members/privacy/register", post(privacy::create_activity))
        .route("/members/privacy/register/new", get(privacy::show_new_activity))
        .route("/members/privacy/register/{id}", get(privacy::edit_activity).post(privacy::update_activity))
        .route("/members/privacy/register.csv", get(privacy::export_register))
        .route("/accounting", get(accounting::show_accounting))
        .route("/accounting/years", post(accounting::create_year))
        .route("/accounting/years/{id}", get(accounting::show_year))
        .route("/accounting/years/{id}/close", post(accounting::close_year))
        .route("/accounting/years/{id}/journal", get(books::show_journal))
        .route("/accounting/years/{id}/balance", get(books::show_balance))
        .route("/accounting/years/{id}/statement", get(books::show_statement))
        .route("/accounting/years/{id}/balance-sheet", get(books::show_balance_sheet))
        .route("/accounting/years/{id}/ledger/{account}", get(books::show_ledger))
        .route("/accounting/years/{id}/fec", get(fec::download_fec))
        .route("/accounting/fec", get(fec::show_fec_import).post(fec::import_fec.layer(upload())))
        .route("/accounting/entries", post(entries::create_entry))
        .route("/accounting/entries/new", get(entries::show_new_entry))
        .route(
            "/accounting/entries/advanced",
            get(entries::show_new_advanced_entry).post(entries::create_advanced_entry),
        )
        .route("/accounting/entries/{id}", get(entries::show_entry))
        .route("/accounting/entries/{id}/edit", get(entries::edit_entry).post(entries::save_entry))
        .route("/accounting/entries/{id}/delete", post(entries::delete_entry))
        .route("/accounting/entries/{id}/reverse", post(entries::reverse_entry))
        .route("/accounting/entries/{id}/attachments", post(entries::add_attachment.layer(upload())))
        .route("/accounting/entries/{id}/repeat", post(entries::repeat_entry))
        .route("/accounting/recurring", get(entries::show_recurring))
        .route("/accounting/recurring/{id}/stop", post(entries::stop_recurring))
        .route("/accounting/attachments/{id}", get(entries::download_attachment))
        .route("/accounting/attachments/{id}/delete", post(entries::delete_attachment))
        .route("/accounting/payments", post(entries::post_payments))
        .route("/accounting/years/{id}/budget", get(projects::show_budget).post(projects::save_budget))
        .route("/accounting/projects", get(projects::show_projects).post(projects::create_project))
        .route("/accounting/projects/{id}", get(projects::show_project).post(projects::save_project))
        // Donations and tax receipts (reçus fiscaux); a donor's link to a receipt.
        .route("/accounting/donations", get(donations::show_donations).post(donations::create_donation))
        .route("/accounting/donations/new", get(donations::show_new_donation))
        .route("/accounting/donations/post", post(donations::post_donations))
        .route("/accounting/donations/{id}/receipt", post(donations::issue_receipt))
        .route("/accounting/donations/donors", get(donations::show_donors).post(donations::create_donor))
        .route("/accounting/donations/donors/new", get(donations::show_new_donor))
        .route("/accounting/donations/donors/{id}", get(donations::show_donor).post(donations::save_donor))
        .route("/accounting/donations/donors/{id}/edit", get(donations::edit_donor))
        .route("/accounting/donations/donors/{id}/receipt", post(donations::issue_yearly_receipt))
        .route("/accounting/donations/receipts", get(donations::show_receipts))
        .route("/accounting/donations/receipts/{id}", get(donations::show_receipt))
        .route("/accounting/donations/receipts/{id}/pdf", get(donations::download_receipt))
        .route("/accounting/donations/receipts/{id}/cancel", post(donations::cancel_receipt))
        .route("/accounting/donations/receipts/{id}/send", post(donations::send_receipt))
        .route(
            "/accounting/donations/settings",
            get(donations::show_receipt_settings).post(donations::save_receipt_settings),
        )
        .route(
            "/accounting/donations/settings/signature",
            get(donations::show_signature).post(donations::save_signature),
        )
        .route("/accounting/donations/summary", get(donations::show_declaration))
        .route("/receipts/{token}", get(donations::show_public_receipt))
        .route("/accounting/accounts", get(accounting::show_accounts).post(accounting::create_account))
        .route("/accounting/accounts/{code}", post(accounting::save_account))
        // Bank statements: accounts, import and its check page, rules, reconciling lines.
        .route("/accounting/bank", get(bank::show_bank))
        .route("/accounting/bank/import", post(bank::upload_statement.layer(upload())))
        .route("/accounting/bank/import/{id}", get(bank::show_statement_check).post(bank::apply_statement))
        .route("/accounting/bank/rules", get(bank::show_bank_rules).post(bank::create_bank_rule))
        .route("/accounting/bank/rules/{id}/delete", post(bank::delete_bank_rule))
        .route("/accounting/bank/lines/{id}/reconcile", post(bank::reconcile_line))
        .route("/accounting/bank/lines/{id}/entry", post(bank::create_line_entry))
        .route("/accounting/bank/lines/{id}/unreconcile", post(bank::unreconcile_line))
        .route("/accounting/bank/{account}", get(bank::show_bank_account))
        // The access registry (outside accounts, who holds them, risks) and handovers.
        .route("/access", get(access::show_registry).post(access::create_account))
        .route("/access/new", get(access::show_new_account))
        .route("/access/settings", post(access::save_registry_settings))
        .route("/access/handovers", get(handovers::show_handovers).post(handovers::start_handover))
        .route("/access/handovers/{id}", get(handovers::show_handover))
        .route("/access/handovers/{id}/steps/{position}", post(handovers::save_handover_step))
        .route("/access/handovers/{id}/complete", post(handovers::complete_handover))
        .route("/access/handovers/{id}/report.pdf", get(handovers::download_handover_report))
        .route("/access/{id}", get(access::show_account).post(access::save_account))
        .route("/access/{id}/verified", post(access::verify_account))
        .route("/access/{id}/delete", post(access::delete_account))
        // The end-to-end encrypted vault: the page, what works without a key, the script's JSON routes.
        .route("/vault", get(vault::show_vault))
        .route("/vault/recovery/requests", post(vault::open_recovery_request))
        .route("/vault/recovery/requests/{id}/cancel", post(vault::cancel_recovery_request))
        .route("/vault/api/state", get(vault::vault_state))
        .route("/vault/api/enrol", post(vault::enrol))
        .route("/vault/api/rewrap", post(vault::rewrap))
        .route("/vault/api/ids", post(vault::reserve_ids))
        .route("/vault/api/collections", post(vault::create_collection))
        .route("/vault/api/collections/{id}/access", get(vault::collection_access))
        .route("/vault/api/collections/{id}/share", post(vault::share_collection))
        .route("/vault/api/collections/{id}/rotate", post(vault::rotate_collection))
        .route("/vault/api/entries", post(vault::save_entry))
        .route("/vault/api/entries/{id}/delete", post(vault::delete_entry))
        .route("/vault/api/entries/{id}/files", post(sealed_file))
        .route("/vault/api/files/{id}", get(vault::download_vault_file))
        .route("/vault/api/files/{id}/delete", post(vault::delete_vault_file))
        .route("/vault/api/members/{user}/revoke", post(vault::revoke_member))
        .route("/vault/api/recovery", post(vault::set_recovery))
        .route("/vault/api/recovery/requests/{id}", get(vault::opened_recovery))
        .route("/vault/api/recovery/requests/{id}/approve", post(vault::approve_recovery))
        .route("/vault/api/recovery/requests/{id}/complete", post(vault::complete_recovery))
        // The digital-hygiene check-up: the domain watched, runs, questionnaire, report.
        .route("/checkup", get(checkup::show_checkup))
        .route("/checkup/settings", post(checkup::save_checkup_settings))
        .route("/checkup/runs", post(checkup::start_checkup_run))
        .route("/checkup/runs/{id}", get(checkup::show_checkup_run))
        .route("/checkup/runs/{id}/check", post(checkup::restart_checkup_check))
        .route("/checkup/runs/{id}/questionnaire", get(checkup::show_questionnaire).post(checkup::save_questionnaire))
        .route("/checkup/runs/{id}/report.pdf", get(checkup::download_checkup_report))
        .route("/me", get(me::show_me).post(me::save_me))
        .route("/me/consents", post(me::save_my_consents))
        .route("/me/data", get(me::download_my_data))
        .route("/me/erasure", post(me::request_my_erasure))
        .route("/directory", get(me::show_directory))
        // The association: settings, team, audit log.
        .route("/settings", get(settings::show_settings).post(settings::save_settings))
        .route("/settings/logo", post(settings::save_logo))
        .route("/logo", get(settings::show_logo))
        .route("/team", get(team::show_team))
        .route("/team/invitations", post(team::invite_member))
        .route("/team/invitations/{id}/revoke", post(team::revoke_invitation))
        .route("/team/{user}/role", post(team::change_role))
        .route("/team/{user}/remove", post(team::remove_member))
        .route("/audit", get(audit::show_audit))
        // The person: profile, password, two-factor, sessions.
        .route("/profile", get(profile::show_profile).post(profile::save_profile))
        .route("/profile/password", post(profile::change_password))
        .route("/profile/2fa", get(profile::show_two_factor).post(profile::enable_two_factor))
        .route("/profile/2fa/disable", post(profile::disable_two_factor))
        .route("/profile/sessions/{id}/revoke", post(profile::revoke_session))
        // The host operator.
        .route("/host", get(host::show_host).post(host::create_association))
        .route("/host/mail", post(host::save_mail_settings))
        // Static files under content-hashed names, and a health check.
        .route("/static/{name}", get(assets::serve_asset))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(error::not_found)
        // Innermost first: cross-site check and form token, panics to a
        // logged 500, body size limit (413), error pages, security headers,
        // gzip for clients that ask (not for sealed files: ciphertext does
        // not compress).
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(error::panic_response))
        .layer(DefaultBodyLimit::max(max_body))
        // The hard limit leaves room above the extractors' own, which answer
        // first with their 413 (a body cut by this one fails as a 500 in a
        // multipart reader).
        .layer(tower_http::limit::RequestBodyLimitLayer::new(hard_limit))
        .layer(axum::middleware::from_fn(error::render_error_pages))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(
            tower_http::compression::CompressionLayer::new()
                .gzip(true)
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("application/octet-stream"))),
        )
        .with_state(state)
}
