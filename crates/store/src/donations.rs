//! Gifts and tax receipts: donors (possibly members), gifts posted to the
//! ledger in the same transaction when an open year covers their date
//! (`donations.entry_id`, found back from the entry by its index), receipts
//! numbered without gaps and frozen as PDF when issued, cancelled only by
//! being flagged (and usually replaced), the yearly CGI art. 222 bis
//! declaration, and the links emailed to donors.
//!
//! The PDF is drawn by the caller's `render` (the web layer's), called
//! inside the issuing transaction once the order number is known: a receipt
//! row never exists without its file.

use crate::accounting::Refused;
use crate::{Db, Result};
use domain::accounting::entry::{self, Draft};
use domain::donations::{
    Accounts, Article, Beneficiary, Category, Declaration, Donation, Donor, DonorKind, Form, Gift, Nature, ReceiptDoc,
    ReceiptFacts, Settings, receipt_number,
};
use domain::dues::PaymentMethod;
use domain::{AssociationId, Date, Grant, KeepBooks, MemberId};

/// Draws a receipt's PDF.
pub type Render<'a> = &'a (dyn Fn(&ReceiptDoc) -> Vec<u8> + Sync);

// ---- Donors --------------------------------------------------------------------

/// A donor as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DonorRow {
    pub id: i64,
    pub member_id: Option<i64>,
    pub kind: String,
    pub last_name: String,
    pub first_names: String,
    pub organisation: String,
    pub legal_form: String,
    pub siren: Option<String>,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub email: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl DonorRow {
    /// The donor as the domain sees it.
    pub fn to_domain(&self) -> Donor {
        Donor {
            kind: self.kind(),
            last_name: self.last_name.clone(),
            first_names: self.first_names.clone(),
            organisation: self.organisation.clone(),
            legal_form: self.legal_form.clone(),
            siren: self.siren.clone(),
            address: self.address.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            email: self.email.clone(),
            member: self.member_id.map(MemberId),
        }
    }

    pub fn kind(&self) -> DonorKind {
        DonorKind::from_code(&self.kind).unwrap_or(DonorKind::Individual)
    }

    /// "Lefèvre Camille" or the organisation's name.
    pub fn name(&self) -> String {
        domain::donations::display_name(self.kind(), &self.last_name, &self.first_names, &self.organisation)
    }
}

const DONOR: &str = "id, member_id, kind, last_name, first_names, organisation, legal_form, siren, address, \
                     postal_code, city, email, created_at, updated_at";

/// Why a donor cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DonorRefused {
    NotFound,
    /// The member number is not one of the association's members.
    NoSuchMember,
}

/// Every donor of `a`, by name.
pub async fn donors(db: &Db, a: AssociationId) -> Result<Vec<DonorRow>> {
    let sql = format!(
        "SELECT {DONOR} FROM donors WHERE association_id = $1 ORDER BY \
         CASE WHEN kind = 'organisation' THEN organisation ELSE last_name END, first_names, id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// One donor of `a`.
pub async fn donor(db: &Db, a: AssociationId, id: i64) -> Result<Option<DonorRow>> {
    let sql = format!("SELECT {DONOR} FROM donors WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// The donors that are this member.
pub async fn donors_of_member(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<DonorRow>> {
    let sql = format!("SELECT {DONOR} FROM donors WHERE association_id = $1 AND member_id = $2 ORDER BY id");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(member.0).fetch_all(p).await)?)
}

/// Checks inside `$tx` that member `$member` (an `Option<MemberId>`) is one of `$a`'s.
macro_rules! member_exists {
    ($tx:expr, $a:expr, $member:expr) => {{
        match $member {
            None => true,
            Some(m) => {
                let found: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM members WHERE association_id = $1 AND id = $2")
                        .bind($a)
                        .bind(m.0)
                        .fetch_optional(&mut *$tx)
                        .await?;
                found.is_some()
            }
        }
    }};
}

/// Writes a donor's fields over row `$id`.
macro_rules! write_donor {
    ($tx:expr, $a:expr, $id:expr, $d:expr, $now:expr) => {{
        let d: &Donor = $d;
        sqlx::query(
            "UPDATE donors SET member_id = $3, kind = $4, last_name = $5, first_names = $6, organisation = $7, \
             legal_form = $8, siren = $9, address = $10, postal_code = $11, city = $12, email = $13, updated_at = $14 \
             WHERE association_id = $1 AND id = $2",
        )
        .bind($a)
        .bind($id)
        .bind(d.member.map(|m| m.0))
        .bind(d.kind.code())
        .bind(&d.last_name)
        .bind(&d.first_names)
        .bind(&d.organisation)
        .bind(&d.legal_form)
        .bind(&d.siren)
        .bind(&d.address)
        .bind(&d.postal_code)
        .bind(&d.city)
        .bind(&d.email)
        .bind($now)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
    }};
}

/// Adds a donor; its id.
pub async fn create_donor(
    db: &Db,
    g: &Grant<KeepBooks>,
    d: &Donor,
    now: i64,
) -> Result<std::result::Result<i64, DonorRefused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "donors", 1);
        if !member_exists!(tx, a, d.member) {
            return Ok(Err(DonorRefused::NoSuchMember));
        }
        sqlx::query(
            "INSERT INTO donors (association_id, id, kind, address, postal_code, city, created_at, updated_at) \
             VALUES ($1, $2, '', '', '', '', $3, $3)",
        )
        .bind(a)
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        write_donor!(tx, a, id, d, now);
        tx.commit().await?;
        Ok(Ok(id))
    })
}

/// Corrects a donor. Receipts already issued keep the identity they show;
/// a receipt with a wrong one is cancelled and replaced.
pub async fn update_donor(
    db: &Db,
    g: &Grant<KeepBooks>,
    id: i64,
    d: &Donor,
    now: i64,
) -> Result<std::result::Result<(), DonorRefused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let found: Option<i64> =
            sqlx::query_scalar("UPDATE donors SET id = id WHERE association_id = $1 AND id = $2 RETURNING id")
                .bind(a)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            return Ok(Err(DonorRefused::NotFound));
        }
        if !member_exists!(tx, a, d.member) {
            return Ok(Err(DonorRefused::NoSuchMember));
        }
        write_donor!(tx, a, id, d, now);
        tx.commit().await?;
        Ok(Ok(()))
    })
}

// ---- Gifts ---------------------------------------------------------------------

/// A gift as stored, with its donor's name and its receipt's number.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DonationRow {
    pub id: i64,
    pub donor_id: i64,
    pub donor_name: String,
    pub received_on: String,
    pub cents: i64,
    pub form: String,
    pub nature: String,
    pub method: Option<String>,
    pub article: String,
    pub description: String,
    pub entry_id: Option<i64>,
    pub receipt_id: Option<i64>,
    pub receipt_number: Option<String>,
    pub created_at: i64,
}

impl DonationRow {
    /// The gift as a receipt shows it.
    pub fn gift(&self) -> Gift {
        Gift {
            received_on: Date::parse_iso(&self.received_on).unwrap_or(Date::MIN),
            cents: self.cents,
            form: Form::from_code(&self.form).unwrap_or(Form::ManualGift),
            nature: self.nature(),
            method: self.method.as_deref().and_then(PaymentMethod::from_code),
            description: self.description.clone(),
        }
    }

    pub fn nature(&self) -> Nature {
        Nature::from_code(&self.nature).unwrap_or(Nature::Money)
    }

    pub fn article(&self) -> Article {
        Article::from_code(&self.article).unwrap_or(Article::Ir200)
    }

    /// The gift as the domain sees it (for posting).
    fn donation(&self) -> Donation {
        let g = self.gift();
        Donation {
            received_on: g.received_on,
            cents: g.cents,
            form: g.form,
            nature: g.nature,
            method: g.method,
            article: self.article(),
            description: g.description,
        }
    }
}

const DONATION: &str = "g.id, g.donor_id, CASE WHEN d.kind = 'organisation' THEN d.organisation \
     ELSE d.last_name || ' ' || d.first_names END AS donor_name, g.received_on, g.cents, g.form, g.nature, g.method, \
     g.article, g.description, g.entry_id, g.receipt_id, r.number AS receipt_number, g.created_at";
const DONATION_FROM: &str = "FROM donations g JOIN donors d ON d.association_id = g.association_id AND d.id = g.donor_id \
     LEFT JOIN receipts r ON r.association_id = g.association_id AND r.id = g.receipt_id";

/// What recording a gift did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub id: i64,
    /// Its ledger entry; `None` when no open year covers its date (it is
    /// posted later by [`post_unposted`]).
    pub entry: Option<i64>,
}

/// The accounts of `$a`'s receipt settings (the defaults when none are saved), inside `$tx`.
macro_rules! accounts_of {
    ($tx:expr, $a:expr) => {{
        let found: Option<(String, String)> =
            sqlx::query_as("SELECT donations_account, fees_account FROM receipt_settings WHERE association_id = $1")
                .bind($a)
                .fetch_optional(&mut *$tx)
                .await?;
        found.map_or_else(Accounts::default, |(donations, waived_expenses)| Accounts { donations, waived_expenses })
    }};
}

/// Posts gift `$id` inside `$tx` when an open year covers its date, and
/// links it to its entry: evaluates to `Result<Option<i64>, Refused>` (no
/// year or a closed one: `Ok(None)`).
macro_rules! post_gift {
    ($tx:expr, $a:expr, ($id:expr, $gift:expr, $who:expr), $accounts:expr, $user:expr, $now:expr) => {{
        let gift: &Donation = $gift;
        let id: i64 = $id;
        let what = match gift.nature {
            Nature::Money => "Don",
            Nature::Securities => "Don de titres",
            Nature::WaivedIncome => "Abandon de revenus",
            Nature::WaivedExpenses => "Abandon de frais",
            Nature::InKind => "Don en nature",
        };
        let draft = Draft {
            date: gift.received_on,
            label: format!("{what} – {}", $who),
            reference: format!("DON-{id}"),
            lines: gift.lines($accounts),
        };
        match draft.check() {
            Err(problems) => Err(Refused::Invalid(problems)),
            Ok(()) => {
                match insert_entry!($tx, $a, &draft, (entry::journal(&draft.lines), "donation", None, $user), $now) {
                    Ok(entry) => {
                        sqlx::query("UPDATE donations SET entry_id = $3 WHERE association_id = $1 AND id = $2")
                            .bind($a)
                            .bind(id)
                            .bind(entry)
                            .execute(&mut **$tx)
                            .await?;
                        Ok(Some(entry))
                    }
                    Err(Refused::NoYear | Refused::Closed) => Ok(None),
                    Err(other) => Err(other),
                }
            }
        }
    }};
}

/// Records a gift of `donor` and, in the same transaction, posts it when an
/// open year covers its date (see [`Donation::lines`] for the accounts).
/// `Refused::NotFound` when the donor is not `g`'s association's.
pub async fn record(
    db: &Db,
    g: &Grant<KeepBooks>,
    donor: i64,
    gift: &Donation,
    now: i64,
) -> Result<std::result::Result<Recorded, Refused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        // The donor's row locked first: two gifts of one donor wait for each other.
        let found: Option<(String, String, String, String)> = sqlx::query_as(
            "UPDATE donors SET updated_at = updated_at WHERE association_id = $1 AND id = $2 \
             RETURNING kind, last_name, first_names, organisation",
        )
        .bind(a)
        .bind(donor)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((kind, last, first, organisation)) = found else { return Ok(Err(Refused::NotFound)) };
        let kind = DonorKind::from_code(&kind).unwrap_or(DonorKind::Individual);
        let who = domain::donations::display_name(kind, &last, &first, &organisation);
        let id = next_ids!(&mut *tx, a, "donations", 1);
        sqlx::query(
            "INSERT INTO donations (association_id, id, donor_id, received_on, cents, form, nature, method, article, \
             description, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(a)
        .bind(id)
        .bind(donor)
        .bind(gift.received_on.to_string())
        .bind(gift.cents)
        .bind(gift.form.code())
        .bind(gift.nature.code())
        .bind(gift.method.map(PaymentMethod::code))
        .bind(gift.article.code())
        .bind(&gift.description)
        .bind(now)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let accounts = accounts_of!(tx, a);
        let entry = match post_gift!(&mut tx, a, (id, gift, who), &accounts, user, now) {
            Ok(entry) => entry,
            Err(r) => return Ok(Err(r)),
        };
        tx.commit().await?;
        Ok(Ok(Recorded { id, entry }))
    })
}

/// Posts every gift not posted yet whose date an open year now covers; how many.
pub async fn post_unposted(db: &Db, g: &Grant<KeepBooks>, now: i64) -> Result<usize> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    let sql = format!(
        "SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.entry_id IS NULL \
         ORDER BY g.received_on, g.id"
    );
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        // Locks the gifts to post before reading them.
        sqlx::query("UPDATE donations SET entry_id = entry_id WHERE association_id = $1 AND entry_id IS NULL")
            .bind(a)
            .execute(&mut *tx)
            .await?;
        let rows: Vec<DonationRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a).fetch_all(&mut *tx).await?;
        let accounts = accounts_of!(tx, a);
        let mut posted = 0;
        for row in &rows {
            if let Ok(Some(_)) =
                post_gift!(&mut tx, a, (row.id, &row.donation(), &row.donor_name), &accounts, user, now)
            {
                posted += 1;
            }
        }
        tx.commit().await?;
        Ok(posted)
    })
}

/// Gifts received in `year` (calendar), in date order.
pub async fn donations(db: &Db, a: AssociationId, year: i32) -> Result<Vec<DonationRow>> {
    let sql = format!(
        "SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.received_on >= $2 AND g.received_on <= $3 \
         ORDER BY g.received_on, g.id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(a.0)
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{year:04}-12-31"))
        .fetch_all(p)
        .await)?)
}

/// One gift.
pub async fn donation(db: &Db, a: AssociationId, id: i64) -> Result<Option<DonationRow>> {
    let sql = format!("SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// A donor's gifts, newest first.
pub async fn donations_of_donor(db: &Db, a: AssociationId, donor: i64) -> Result<Vec<DonationRow>> {
    let sql = format!(
        "SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.donor_id = $2 \
         ORDER BY g.received_on DESC, g.id DESC"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(donor).fetch_all(p).await)?)
}

/// The gifts a receipt covers (a cancelled receipt's have moved to its replacement).
pub async fn donations_of_receipt(db: &Db, a: AssociationId, receipt: i64) -> Result<Vec<DonationRow>> {
    let sql = format!(
        "SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.receipt_id = $2 ORDER BY g.received_on, g.id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(receipt).fetch_all(p).await)?)
}

/// How many gifts wait to be posted.
pub async fn unposted_count(db: &Db, a: AssociationId) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM donations WHERE association_id = $1 AND entry_id IS NULL"
    )
    .bind(a.0)
    .fetch_one(p)
    .await)?)
}

/// The gift an entry posts, if any: (gift, donor). The way back from the ledger.
pub async fn donation_of_entry(db: &Db, a: AssociationId, entry: i64) -> Result<Option<(i64, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, donor_id FROM donations WHERE association_id = $1 AND entry_id = $2"
    )
    .bind(a.0)
    .bind(entry)
    .fetch_optional(p)
    .await)?)
}

// ---- Receipt settings -------------------------------------------------------------

/// The receipt settings as stored (the signature image apart).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SettingsRow {
    pub object: String,
    pub category: String,
    pub decree_on: Option<String>,
    pub journal_on: Option<String>,
    pub other_category: String,
    pub signatory_name: String,
    pub signatory_capacity: String,
    pub signature_type: Option<String>,
    pub donations_account: String,
    pub fees_account: String,
    pub updated_at: i64,
}

impl SettingsRow {
    /// The settings as the domain sees them.
    pub fn to_domain(&self) -> Settings {
        let day = |d: &Option<String>| d.as_deref().and_then(Date::parse_iso);
        Settings {
            object: self.object.clone(),
            category: Category::from_code(&self.category).unwrap_or(Category::GeneralInterest),
            decree_on: day(&self.decree_on),
            journal_on: day(&self.journal_on),
            other_category: self.other_category.clone(),
            signatory_name: self.signatory_name.clone(),
            signatory_capacity: self.signatory_capacity.clone(),
            accounts: Accounts {
                donations: self.donations_account.clone(),
                waived_expenses: self.fees_account.clone(),
            },
        }
    }
}

const SETTINGS: &str = "object, category, decree_on, journal_on, other_category, signatory_name, signatory_capacity, \
                        signature_type, donations_account, fees_account, updated_at";

/// `a`'s receipt settings, if saved.
pub async fn settings(db: &Db, a: AssociationId) -> Result<Option<SettingsRow>> {
    let sql = format!("SELECT {SETTINGS} FROM receipt_settings WHERE association_id = $1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_optional(p).await)?)
}

/// Saves the receipt settings (the signature stays). Receipts already issued do not change.
pub async fn save_settings(db: &Db, g: &Grant<KeepBooks>, s: &Settings, now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO receipt_settings (association_id, object, category, decree_on, journal_on, other_category, \
         signatory_name, signatory_capacity, donations_account, fees_account, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (association_id) DO UPDATE SET \
         object = excluded.object, category = excluded.category, decree_on = excluded.decree_on, \
         journal_on = excluded.journal_on, other_category = excluded.other_category, \
         signatory_name = excluded.signatory_name, signatory_capacity = excluded.signatory_capacity, \
         donations_account = excluded.donations_account, fees_account = excluded.fees_account, \
         updated_at = excluded.updated_at"
    )
    .bind(g.association_id().0)
    .bind(&s.object)
    .bind(s.category.code())
    .bind(s.decree_on.map(|d| d.to_string()))
    .bind(s.journal_on.map(|d| d.to_string()))
    .bind(&s.other_category)
    .bind(&s.signatory_name)
    .bind(&s.signatory_capacity)
    .bind(&s.accounts.donations)
    .bind(&s.accounts.waived_expenses)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(())
}

/// Replaces the signature image; false when the settings are not saved yet.
pub async fn set_signature(db: &Db, g: &Grant<KeepBooks>, content_type: &str, bytes: &[u8], now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE receipt_settings SET signature_type = $2, signature = $3, updated_at = $4 WHERE association_id = $1"
    )
    .bind(g.association_id().0)
    .bind(content_type)
    .bind(bytes)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// The signature image: (content type, bytes).
pub async fn signature(db: &Db, a: AssociationId) -> Result<Option<(String, Vec<u8>)>> {
    let row: Option<(Option<String>, Option<Vec<u8>>)> = on_db!(db, |p| sqlx::query_as(
        "SELECT signature_type, signature FROM receipt_settings WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_optional(p)
    .await)?;
    Ok(match row {
        Some((Some(t), Some(b))) => Some((t, b)),
        _ => None,
    })
}

/// What a receipt still needs of `a` (message keys; empty when receipts can be issued).
pub async fn missing_for_receipts(db: &Db, a: AssociationId) -> Result<Vec<&'static str>> {
    let association = crate::associations::get(db, a).await?;
    let settings = settings(db, a).await?;
    let (address, siren, rna) = association.map(|x| (x.address, x.siren, x.rna)).unwrap_or_default();
    let signed = settings.as_ref().is_some_and(|s| s.signature_type.is_some());
    Ok(domain::donations::missing_for_receipts(
        &address,
        (siren.as_deref(), rna.as_deref()),
        settings.map(|s| s.to_domain()).as_ref(),
        signed,
    ))
}

// ---- Receipts --------------------------------------------------------------------

/// A receipt as stored (its PDF apart), with its donor's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReceiptRow {
    pub id: i64,
    pub number: String,
    pub year: i64,
    pub donor_id: i64,
    pub donor_name: String,
    pub donor_email: Option<String>,
    pub issued_on: String,
    pub period_start: String,
    pub period_end: String,
    pub cumulative: bool,
    pub total_cents: i64,
    pub article: String,
    pub cancelled_at: Option<i64>,
    pub replaced_by: Option<i64>,
    pub signed_by: String,
    pub created_at: i64,
}

impl ReceiptRow {
    pub fn article(&self) -> Article {
        Article::from_code(&self.article).unwrap_or(Article::Ir200)
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }
}

const RECEIPT: &str = "r.id, r.number, r.year, r.donor_id, CASE WHEN d.kind = 'organisation' THEN d.organisation \
     ELSE d.last_name || ' ' || d.first_names END AS donor_name, d.email AS donor_email, r.issued_on, r.period_start, \
     r.period_end, r.cumulative, r.total_cents, r.article, r.cancelled_at, r.replaced_by, r.signed_by, r.created_at";
const RECEIPT_FROM: &str = "FROM receipts r JOIN donors d ON d.association_id = r.association_id AND d.id = r.donor_id";

/// Why a receipt cannot be issued or cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueRefused {
    /// No such gift, donor or receipt in the association.
    NotFound,
    /// The gift is on a valid receipt already.
    AlreadyReceipted,
    /// No gift of the donor in that year, under that article, without a receipt.
    NothingToReceipt,
    /// The receipt is cancelled already.
    AlreadyCancelled,
    /// What the association must fill in first (message keys).
    NotReady(Vec<&'static str>),
}

/// Receipts numbered in `year` (the year of issue), newest first.
pub async fn receipts(db: &Db, a: AssociationId, year: i32) -> Result<Vec<ReceiptRow>> {
    let sql = format!("SELECT {RECEIPT} {RECEIPT_FROM} WHERE r.association_id = $1 AND r.year = $2 ORDER BY r.id DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(i64::from(year)).fetch_all(p).await)?)
}

/// A donor's receipts, newest first.
pub async fn receipts_of_donor(db: &Db, a: AssociationId, donor: i64) -> Result<Vec<ReceiptRow>> {
    let sql =
        format!("SELECT {RECEIPT} {RECEIPT_FROM} WHERE r.association_id = $1 AND r.donor_id = $2 ORDER BY r.id DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(donor).fetch_all(p).await)?)
}

/// One receipt.
pub async fn receipt(db: &Db, a: AssociationId, id: i64) -> Result<Option<ReceiptRow>> {
    let sql = format!("SELECT {RECEIPT} {RECEIPT_FROM} WHERE r.association_id = $1 AND r.id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// A receipt's PDF as issued: (number, bytes).
pub async fn receipt_pdf(db: &Db, a: AssociationId, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(on_db!(db, |p| sqlx::query_as("SELECT number, pdf FROM receipts WHERE association_id = $1 AND id = $2")
        .bind(a.0)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

/// The receipt being issued, before its number.
struct Issue<'a> {
    donor: i64,
    /// The gifts it covers (locked by the caller).
    gifts: &'a [i64],
    period: (Date, Date),
    cumulative: bool,
    article: Article,
    replaces: Option<String>,
    issued_on: Date,
}

#[derive(sqlx::FromRow)]
struct Issuer {
    name: String,
    address: String,
    siren: Option<String>,
    rna: Option<String>,
}

/// Issues receipt `$issue` inside `$tx`: checks the association is ready,
/// takes the next order number of the year of issue (counted in the
/// transaction, so a failure leaves no gap), draws the PDF with `$render`,
/// writes the receipt and points its gifts at it. Evaluates to
/// `Result<i64, IssueRefused>`.
macro_rules! issue_in {
    ($tx:expr, $a:expr, $issue:expr, $render:expr, $user:expr, $now:expr) => {{
        let issue: &Issue = $issue;
        let a: i64 = $a;
        let issuer: Issuer = sqlx::query_as("SELECT name, address, siren, rna FROM associations WHERE id = $1")
            .bind(a)
            .fetch_one(&mut *$tx)
            .await?;
        let sql = format!("SELECT {SETTINGS} FROM receipt_settings WHERE association_id = $1");
        let settings: Option<SettingsRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a).fetch_optional(&mut *$tx).await?;
        let signature: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT signature FROM receipt_settings WHERE association_id = $1")
                .bind(a)
                .fetch_optional(&mut *$tx)
                .await?
                .flatten();
        let checked = settings.as_ref().map(SettingsRow::to_domain);
        let missing = domain::donations::missing_for_receipts(
            &issuer.address,
            (issuer.siren.as_deref(), issuer.rna.as_deref()),
            checked.as_ref(),
            signature.is_some(),
        );
        match checked {
            Some(s) if missing.is_empty() => {
                let sql = format!("SELECT {DONOR} FROM donors WHERE association_id = $1 AND id = $2");
                let donor: DonorRow =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a).bind(issue.donor).fetch_one(&mut *$tx).await?;
                let list = issue.gifts.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                let sql = format!(
                    "SELECT {DONATION} {DONATION_FROM} WHERE g.association_id = $1 AND g.id IN ({list}) \
                     ORDER BY g.received_on, g.id"
                );
                // The gifts' ids are in the text: not kept in the connection's statement cache.
                let rows: Vec<DonationRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql)).persistent(false).bind(a).fetch_all(&mut *$tx).await?;
                let year = issue.issued_on.year();
                let seq = next_ids!(&mut *$tx, a, format!("receipts-{year}"), 1);
                let id = next_ids!(&mut *$tx, a, "receipts", 1);
                let doc = ReceiptDoc {
                    number: receipt_number(year, seq),
                    issued_on: issue.issued_on,
                    article: issue.article,
                    beneficiary: Beneficiary {
                        name: issuer.name,
                        siren: issuer.siren.filter(|x| !x.is_empty()),
                        rna: issuer.rna.filter(|x| !x.is_empty()),
                        address: issuer.address,
                        object: s.object.clone(),
                        category: s.category,
                        decree_on: s.decree_on,
                        journal_on: s.journal_on,
                        other_category: s.other_category.clone(),
                    },
                    donor: donor.to_domain(),
                    gifts: rows.iter().map(DonationRow::gift).collect(),
                    cumulative: issue.cumulative,
                    period: issue.period,
                    signatory_name: s.signatory_name.clone(),
                    signatory_capacity: s.signatory_capacity.clone(),
                    signature,
                    replaces: issue.replaces.clone(),
                };
                let render: Render = $render;
                let pdf = render(&doc);
                sqlx::query(
                    "INSERT INTO receipts (association_id, id, number, year, donor_id, issued_on, period_start, \
                     period_end, cumulative, total_cents, article, pdf, signed_by, issued_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                )
                .bind(a)
                .bind(id)
                .bind(&doc.number)
                .bind(i64::from(year))
                .bind(issue.donor)
                .bind(issue.issued_on.to_string())
                .bind(issue.period.0.to_string())
                .bind(issue.period.1.to_string())
                .bind(issue.cumulative)
                .bind(doc.total())
                .bind(issue.article.code())
                .bind(&pdf)
                .bind(format!("{}, {}", s.signatory_name, s.signatory_capacity))
                .bind($user)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
                let sql = format!("UPDATE donations SET receipt_id = $2 WHERE association_id = $1 AND id IN ({list})");
                sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false).bind(a).bind(id).execute(&mut *$tx).await?;
                Ok(id)
            }
            _ => Err(IssueRefused::NotReady(missing)),
        }
    }};
}

/// Issues the receipt of one gift, dated `issued_on`; its id.
pub async fn issue_one(
    db: &Db,
    g: &Grant<KeepBooks>,
    gift: i64,
    issued_on: Date,
    render: Render<'_>,
    now: i64,
) -> Result<std::result::Result<i64, IssueRefused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        // Locks the gift: two receipts for it cannot both pass.
        let found: Option<(i64, String, String, Option<i64>)> = sqlx::query_as(
            "UPDATE donations SET receipt_id = receipt_id WHERE association_id = $1 AND id = $2 \
             RETURNING donor_id, received_on, article, receipt_id",
        )
        .bind(a)
        .bind(gift)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((donor, received_on, article, receipt)) = found else { return Ok(Err(IssueRefused::NotFound)) };
        if receipt.is_some() {
            return Ok(Err(IssueRefused::AlreadyReceipted));
        }
        let day = Date::parse_iso(&received_on).unwrap_or(issued_on);
        let issue = Issue {
            donor,
            gifts: &[gift],
            period: (day, day),
            cumulative: false,
            article: Article::from_code(&article).unwrap_or(Article::Ir200),
            replaces: None,
            issued_on,
        };
        let issued = issue_in!(tx, a, &issue, render, user, now);
        if issued.is_ok() {
            tx.commit().await?;
        }
        Ok(issued)
    })
}

/// Issues a donor's yearly cumulative receipt: every gift received in
/// `year` under `article` that has no receipt yet, for the period from 1
/// January to 31 December. Its id.
pub async fn issue_yearly(
    db: &Db,
    g: &Grant<KeepBooks>,
    donor: i64,
    (year, article): (i32, Article),
    issued_on: Date,
    render: Render<'_>,
    now: i64,
) -> Result<std::result::Result<i64, IssueRefused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    let (Some(start), Some(end)) = (Date::new(year, 1, 1), Date::new(year, 12, 31)) else {
        return Ok(Err(IssueRefused::NothingToReceipt));
    };
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let gifts: Vec<i64> = sqlx::query_scalar(
            "UPDATE donations SET receipt_id = receipt_id WHERE association_id = $1 AND donor_id = $2 \
             AND received_on >= $3 AND received_on <= $4 AND article = $5 AND receipt_id IS NULL RETURNING id",
        )
        .bind(a)
        .bind(donor)
        .bind(start.to_string())
        .bind(end.to_string())
        .bind(article.code())
        .fetch_all(&mut *tx)
        .await?;
        if gifts.is_empty() {
            let known: Option<i64> = sqlx::query_scalar("SELECT id FROM donors WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(donor)
                .fetch_optional(&mut *tx)
                .await?;
            return Ok(Err(if known.is_some() { IssueRefused::NothingToReceipt } else { IssueRefused::NotFound }));
        }
        let issue =
            Issue { donor, gifts: &gifts, period: (start, end), cumulative: true, article, replaces: None, issued_on };
        let issued = issue_in!(tx, a, &issue, render, user, now);
        if issued.is_ok() {
            tx.commit().await?;
        }
        Ok(issued)
    })
}

/// Cancels a receipt: it is kept, flagged, and (with `replace`) replaced
/// by a new receipt with the next number for the same gifts, the donor's
/// and association's details as they are now, saying which number it
/// replaces. Without `replace` its gifts have no receipt again. Evaluates
/// to the replacement's id.
pub async fn cancel(
    db: &Db,
    g: &Grant<KeepBooks>,
    receipt: i64,
    replace: bool,
    issued_on: Date,
    render: Render<'_>,
    now: i64,
) -> Result<std::result::Result<Option<i64>, IssueRefused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let found: Option<(String, i64, String, String, bool, String)> = sqlx::query_as(
            "UPDATE receipts SET cancelled_at = $3 WHERE association_id = $1 AND id = $2 AND cancelled_at IS NULL \
             RETURNING number, donor_id, period_start, period_end, cumulative, article",
        )
        .bind(a)
        .bind(receipt)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((number, donor, start, end, cumulative, article)) = found else {
            let known: Option<i64> =
                sqlx::query_scalar("SELECT id FROM receipts WHERE association_id = $1 AND id = $2")
                    .bind(a)
                    .bind(receipt)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Ok(Err(if known.is_some() { IssueRefused::AlreadyCancelled } else { IssueRefused::NotFound }));
        };
        let gifts: Vec<i64> = sqlx::query_scalar(
            "UPDATE donations SET receipt_id = NULL WHERE association_id = $1 AND receipt_id = $2 RETURNING id",
        )
        .bind(a)
        .bind(receipt)
        .fetch_all(&mut *tx)
        .await?;
        let mut replacement = None;
        if replace {
            if gifts.is_empty() {
                return Ok(Err(IssueRefused::NothingToReceipt));
            }
            let day = |s: &str| Date::parse_iso(s).unwrap_or(issued_on);
            let issue = Issue {
                donor,
                gifts: &gifts,
                period: (day(&start), day(&end)),
                cumulative,
                article: Article::from_code(&article).unwrap_or(Article::Ir200),
                replaces: Some(number),
                issued_on,
            };
            let new = match issue_in!(tx, a, &issue, render, user, now) {
                Ok(id) => id,
                Err(r) => return Ok(Err(r)),
            };
            sqlx::query("UPDATE receipts SET replaced_by = $3 WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(receipt)
                .bind(new)
                .execute(&mut *tx)
                .await?;
            replacement = Some(new);
        }
        tx.commit().await?;
        Ok(Ok(replacement))
    })
}

/// The CGI art. 222 bis declaration for gifts received in `year`.
pub async fn declaration(db: &Db, a: AssociationId, year: i32) -> Result<Declaration> {
    let rows: Vec<(i64, String, bool)> = on_db!(db, |p| sqlx::query_as(
        "SELECT total_cents, article, (cancelled_at IS NOT NULL) AS cancelled FROM receipts \
         WHERE association_id = $1 AND period_start >= $2 AND period_start <= $3"
    )
    .bind(a.0)
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{year:04}-12-31"))
    .fetch_all(p)
    .await)?;
    let facts: Vec<ReceiptFacts> = rows
        .into_iter()
        .map(|(cents, article, cancelled)| ReceiptFacts {
            gift_year: year,
            cents,
            article: Article::from_code(&article).unwrap_or(Article::Ir200),
            cancelled,
        })
        .collect();
    Ok(domain::donations::declaration(year, &facts))
}

// ---- Links sent to donors -----------------------------------------------------------

/// Records a link to receipt `receipt` (only the secret's hash); false when
/// the receipt is not the association's or is cancelled.
pub async fn create_link(
    db: &Db,
    g: &Grant<KeepBooks>,
    receipt: i64,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "INSERT INTO receipt_links (association_id, token_hash, receipt_id, created_at, expires_at) \
         SELECT $1, $2, id, $4, $5 FROM receipts WHERE association_id = $1 AND id = $3 AND cancelled_at IS NULL"
    )
    .bind(g.association_id().0)
    .bind(token_hash)
    .bind(receipt)
    .bind(now)
    .bind(expires_at)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// The PDF a link opens: (number, bytes), while the link has not expired
/// and the receipt is not cancelled.
pub async fn pdf_by_link(db: &Db, a: AssociationId, token_hash: &str, now: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT r.number, r.pdf FROM receipt_links l JOIN receipts r ON r.association_id = l.association_id \
         AND r.id = l.receipt_id WHERE l.association_id = $1 AND l.token_hash = $2 AND l.expires_at > $3 \
         AND r.cancelled_at IS NULL"
    )
    .bind(a.0)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(p)
    .await)?)
}
