//! The annual statements, computed from a year's account totals
//! ([`Totals`]): the compte de résultat and the bilan laid out as règlement
//! ANC 2018-06 prescribes in its 2025 version, and the compte rendu financier
//! of a subsidised project laid out like Cerfa 15059*02. Pure: totals in, a
//! flat list of rows out (amounts in cents), ready for a page, a spreadsheet
//! or a PDF.
//!
//! Each statement is a fixed list of rows written as data (`Def`): a stable
//! key, a label in French and in English, a level, and for a line the account
//! prefixes it sums. An account goes to the line holding the **longest prefix**
//! of its code, so a sub-prefix that belongs elsewhere needs no exclusion list:
//! `607` (achats de marchandises) wins over `60` (autres achats et charges
//! externes). Each prefix appears on one line only (per side of the bilan),
//! and short catch-all prefixes (`6`, `7`, `2`, `4`, `5`…) close every list, so
//! every account lands on exactly one line: the compte de résultat's excédent
//! ou déficit is always [`years::result`](super::years::result), and the bilan
//! balances whenever the books do.
//!
//! Signs: income, in-kind resources and the passif show credit − debit;
//! expenses, in-kind uses and the actif show debit − credit. A line of level
//! [`Level::Detail`] ("dont …", or the parts of a heading line) shows part of
//! the line above it and is never added again.
//!
//! Decisions where the texts leave room:
//! - **Order of the produits d'exploitation**: as the 2025 layout lists them
//!   (the team's reference, §4.3): ventes de biens et services, production
//!   stockée, production immobilisée, concours publics et subventions,
//!   générosité du public, contributions financières, cotisations, reprises,
//!   utilisations des fonds dédiés, autres produits. The 2018 model put the
//!   cotisations first and grouped the third-party funding; its line for the
//!   founders' payments (fondations and fonds de dotation) has no account in
//!   our chart, so such an account (`753`) lands in *autres produits*.
//! - `73` and `74` share a line, `747` included (since 2025 the share of
//!   investment subsidies is an operating income).
//! - Class 6: `607`, `6087`, `6097` are achats de marchandises and `603` the
//!   variation de stock; the rest of `60` (the model has no line for raw
//!   materials), `61` and `62` are autres achats et charges externes. Salaires:
//!   `641`, `644`, `648`, `649` and any other `64`; charges sociales: `645` to
//!   `647`. `6815` is a dotation aux provisions, the rest of `681` (and any `68`
//!   not named) amortissements et dépréciations; `686` is financial, `687`
//!   exceptional, `689` the reports en fonds dédiés. `65` other than `657`
//!   (`652` and `653` included) is *autres charges*; all of `69` is the
//!   impôt sur les bénéfices.
//! - Class 7: `781` and any `78` not named are reprises; `786` financial, `787`
//!   exceptional, `789` the utilisations des fonds dédiés. `79` (transferts de
//!   charges, abolished in 2025) is *autres produits*.
//! - Contributions volontaires en nature: the ressources (`87`) then the
//!   emplois (`86`), each with its total, after the excédent ou déficit, which
//!   they never change. Codes under `86` or `87` outside the chart's go to
//!   *prestations* (`862`, `871`).
//! - **Bilan, actif**: brut, amortissements et dépréciations, net for the year,
//!   net alone for the year before. `28`/`29` are deducted from the fixed
//!   assets they correct, `39` from stocks, `491` from créances usagers, other
//!   `49` from autres créances, `59` from valeurs mobilières.
//! - Accounts that can fall on either side (position `AssetOrLiability`) go
//!   by the sign of their own balance, never netted with another account: a
//!   debit on the actif (`41` créances usagers, `461` créances reçues par legs,
//!   other `4` autres créances, `5` disponibilités), a credit on the passif
//!   (`40` fournisseurs but `404`, `405`, `4084` dettes sur immobilisations;
//!   `42`–`44` dettes fiscales et sociales; `466` dettes des legs; other `4`
//!   autres dettes; `5`, an overdraft, with emprunts auprès des établissements
//!   de crédit, beside `519`). Accounts whose position is fixed stay on their
//!   side whatever their sign: a `486` with a credit balance is a negative
//!   amount on the actif.
//! - **Résultat de l'exercice** is `12` plus every account of classes 6 and 7:
//!   closing never posts inside the year (the result reaches `120`/`129` in the
//!   next year's opening entry), so a `12` balance in a year's totals is an
//!   earlier result the general assembly has not assigned yet.
//! - Passif: `108` is its own line (fonds propres consomptibles); the other
//!   `10` not named go with the fonds propres sans droit de reprise; `151` are
//!   provisions pour risques and the rest of `15` provisions pour charges;
//!   `163` the titres associatifs, `164` the bank loans, other `16` and `17`
//!   emprunts et dettes financières diverses; `18` (comptes de liaison) autres
//!   dettes.
//! - Lines for what the chart does not hold are left out: quote-parts de
//!   résultat sur opérations faites en commun, participation des salariés
//!   (a `691` would count with the impôt), instruments de trésorerie, écarts
//!   de conversion, frais d'émission d'emprunts.
//! - Class 8 outside `86`/`87` is in no statement; nor is a class 1–5 account
//!   in the compte de résultat or a class 8 account in the bilan.
//!
//! The compte rendu financier (Cerfa 15059*02) of one project:
//! - the charges by `60` to `69` then the `86` (with `860`, `861`, `862`, `864`),
//!   the produits by `70` (`71` and `72` with it), `73`, `74` (with a line per
//!   sub-account met in the figures or the budget: one per funder), `75` (with
//!   *dont cotisations* and *dont dons, mécénat, legs*), `76` to `79`, then the
//!   `87` (with `870`, `871`, `875`, in the 2025 numbering: the form's printed
//!   labels follow the 1999 plan, where `870` was the bénévolat);
//! - each row with the budget (prévision) and what was done (réalisation),
//!   and [`Row::gap_percent`] for the gap between them;
//! - the form's *charges indirectes* are not computed: the project's lines
//!   carry what the association assigned to it, and nothing else; a last row,
//!   not on the form, gives the project's excédent ou déficit.

use std::collections::BTreeSet;

use super::chart::{self, Position};
use super::years::Totals;

/// Which statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    CompteDeResultat,
    Bilan,
    CompteRenduFinancier,
}

/// What a row is, for the way it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A title; its amounts are zero.
    Heading,
    /// A line that sums accounts: every account of the statement is on exactly one.
    Line,
    /// Part of the line above it ("dont …"), shown apart, never added again.
    Detail,
    /// The total of a section (total des produits d'exploitation, des fonds propres…).
    Subtotal,
    /// A result or a grand total (résultat d'exploitation, excédent ou déficit, total de l'actif).
    Total,
}

/// One row of a statement, in cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// A stable name (`dues`, `cash`, `result`…) for links and tests; for the
    /// compte rendu financier's line per funder, the account's code.
    pub key: String,
    pub level: Level,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// The account this row shows alone (the compte rendu financier's line per
    /// funder): the page names it with the association's own label for it.
    pub account: Option<String>,
    /// The year's amount; on the actif, the net amount.
    pub current: i64,
    /// The year before's amount (net on the actif), when it was asked for.
    pub previous: Option<i64>,
    /// The compte rendu financier's prévision.
    pub budget: Option<i64>,
    /// The actif's brut: what the assets cost (the actif's rows only).
    pub gross: Option<i64>,
    /// The actif's amortissements et dépréciations, deducted from the brut.
    pub depreciation: Option<i64>,
}

impl Row {
    /// The gap between what was done and the budget, as a whole percentage of
    /// the budget rounded half away from zero: `-17` for 100 € spent of 120 €
    /// planned. `None` without a budget or with a budget of zero.
    pub fn gap_percent(&self) -> Option<i64> {
        let budget = i128::from(self.budget.filter(|b| *b != 0)?);
        let (mut n, mut d) = ((i128::from(self.current) - budget) * 100, budget);
        if d < 0 {
            (n, d) = (-n, -d);
        }
        let rounded = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
        i64::try_from(rounded).ok()
    }
}

/// A statement: its rows in printing order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    pub rows: Vec<Row>,
}

impl Statement {
    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

/// The compte de résultat of a year's totals, with the year before's amounts
/// when `previous` (its totals) is given.
pub fn compte_de_resultat(totals: &[Totals], previous: Option<&[Totals]>) -> Statement {
    with_previous(Kind::CompteDeResultat, totals, previous)
}

/// The bilan of a year's totals (opening balances included), with the year
/// before's net amounts when `previous` (its totals) is given.
pub fn bilan(totals: &[Totals], previous: Option<&[Totals]>) -> Statement {
    with_previous(Kind::Bilan, totals, previous)
}

/// The compte rendu financier of one project (Cerfa 15059*02): `actual` is
/// the project's lines summed per account, `budget` its prévision as
/// (account, cents) pairs, positive for a charge as for a produit. Budget
/// figures on accounts outside classes 6, 7, 86 and 87 are ignored.
pub fn compte_rendu_financier(actual: &[Totals], budget: &[(String, i64)]) -> Statement {
    let kind = Kind::CompteRenduFinancier;
    let done: Vec<Placed> = placed_totals(kind, actual).into_iter().map(|(_, p)| p).collect();
    let planned: Vec<Placed> = budget
        .iter()
        .filter_map(|(account, cents)| {
            let (line, less) = place(kind, account, 0)?;
            Some(Placed { account: account.as_str(), line, less, value: *cents })
        })
        .collect();
    let mut rows = Vec::new();
    for def in COMPTE_RENDU_FINANCIER {
        rows.push(row(def, &done, Some(&planned)));
        if def.key == SUBSIDIES {
            let funders: BTreeSet<&str> = done
                .iter()
                .chain(&planned)
                .filter(|p| p.value != 0 && is_funder(p.account) && p.line.key == SUBSIDIES)
                .map(|p| p.account)
                .collect();
            rows.extend(funders.into_iter().map(|code| funder_row(code, &done, &planned)));
        }
    }
    Statement { rows }
}

/// The accounts behind one row of a statement built from `totals`, for a
/// drill-down link: those whose balance the row shows (for a subtotal or a
/// total, those of the lines it adds up), in the order of `totals`. Accounts
/// with a zero balance are left out; an unknown key gives none.
pub fn accounts<'a>(kind: Kind, key: &str, totals: &'a [Totals]) -> Vec<&'a Totals> {
    let def = defs(kind).iter().find(|d| d.key == key);
    placed_totals(kind, totals)
        .into_iter()
        .filter(|(t, p)| {
            t.net() != 0
                && match def {
                    Some(def) => share(def, p).is_some(),
                    None => kind == Kind::CompteRenduFinancier && p.line.key == SUBSIDIES && p.account == key,
                }
        })
        .map(|(t, _)| t)
        .collect()
}

/// Where the rows' amounts come from; each statement uses its own blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    OperatingIncome,
    OperatingExpenses,
    FinancialIncome,
    FinancialExpenses,
    ExceptionalIncome,
    ExceptionalExpenses,
    IncomeTax,
    InKindResources,
    InKindUses,
    /// The compte rendu financier's produits and charges.
    Income,
    Expenses,
    FixedAssets,
    CurrentAssets,
    Equity,
    Deferred,
    Provisions,
    Debts,
}

impl Block {
    /// Shown as credit − debit: income, in-kind resources, the passif.
    fn credit_side(self) -> bool {
        matches!(
            self,
            OperatingIncome
                | FinancialIncome
                | ExceptionalIncome
                | InKindResources
                | Income
                | Equity
                | Deferred
                | Provisions
                | Debts
        )
    }

    /// On the bilan's actif.
    fn actif(self) -> bool {
        matches!(self, Block::FixedAssets | Block::CurrentAssets)
    }
}

/// One row of a statement's layout.
struct Def {
    key: &'static str,
    level: Level,
    fr: &'static str,
    en: &'static str,
    /// The block a line or a detail counts in.
    block: Option<Block>,
    /// A line: the prefixes of the accounts it sums (each account goes to the
    /// line with the longest of its prefixes). A detail: those it shows apart.
    accounts: &'static [&'static str],
    /// On the actif: the prefixes of the amortissements and dépréciations
    /// deducted from the line.
    less: &'static [&'static str],
    /// A subtotal or a total: the blocks it adds, each with its sign.
    sum: &'static [(Block, i64)],
}

const HEADING: Def =
    Def { key: "", level: Level::Heading, fr: "", en: "", block: None, accounts: &[], less: &[], sum: &[] };

const fn head(key: &'static str, fr: &'static str, en: &'static str) -> Def {
    Def { key, fr, en, ..HEADING }
}

const fn line(key: &'static str, block: Block, fr: &'static str, en: &'static str, accounts: &'static [&str]) -> Def {
    Def { key, level: Level::Line, fr, en, block: Some(block), accounts, ..HEADING }
}

const fn net(
    key: &'static str,
    block: Block,
    fr: &'static str,
    en: &'static str,
    accounts: &'static [&str],
    less: &'static [&str],
) -> Def {
    Def { key, level: Level::Line, fr, en, block: Some(block), accounts, less, ..HEADING }
}

const fn part(key: &'static str, block: Block, fr: &'static str, en: &'static str, accounts: &'static [&str]) -> Def {
    Def { key, level: Level::Detail, fr, en, block: Some(block), accounts, ..HEADING }
}

const fn total(
    key: &'static str,
    level: Level,
    fr: &'static str,
    en: &'static str,
    sum: &'static [(Block, i64)],
) -> Def {
    Def { key, level, fr, en, sum, ..HEADING }
}

use Block::*;
use Level::{Subtotal, Total};

const RESULT: &[(Block, i64)] = &[
    (OperatingIncome, 1),
    (FinancialIncome, 1),
    (ExceptionalIncome, 1),
    (OperatingExpenses, -1),
    (FinancialExpenses, -1),
    (ExceptionalExpenses, -1),
    (IncomeTax, -1),
];

/// The compte de résultat, ANC 2018-06 in its 2025 version.
static COMPTE_DE_RESULTAT: &[Def] = &[
    head("operating_income", "Produits d'exploitation", "Operating income"),
    line("sales", OperatingIncome, "Ventes de biens et services", "Sales of goods and services", &["70"]),
    part(
        "sales_of_donated_goods",
        OperatingIncome,
        "dont ventes de dons en nature",
        "of which sales of donated goods",
        &["7073"],
    ),
    part("sponsorship", OperatingIncome, "dont parrainages", "of which sponsorship", &["7063"]),
    line("stored_production", OperatingIncome, "Production stockée", "Change in inventories of products", &["71"]),
    line("capitalised_production", OperatingIncome, "Production immobilisée", "Capitalised production", &["72"]),
    line(
        "public_funding",
        OperatingIncome,
        "Concours publics et subventions d'exploitation",
        "Public funding and operating subsidies",
        &["73", "74"],
    ),
    line(
        "generosity",
        OperatingIncome,
        "Ressources liées à la générosité du public",
        "Resources from public generosity",
        &["754"],
    ),
    part("donations", OperatingIncome, "Dons manuels", "Donations", &["7541"]),
    part("patronage", OperatingIncome, "Mécénats", "Corporate patronage", &["7542"]),
    part(
        "legacies",
        OperatingIncome,
        "Legs, donations et assurances-vie",
        "Legacies, gifts and life insurance",
        &["7543"],
    ),
    line("financial_contributions", OperatingIncome, "Contributions financières", "Financial contributions", &["755"]),
    line("dues", OperatingIncome, "Cotisations", "Membership dues", &["756"]),
    line(
        "reversals",
        OperatingIncome,
        "Reprises sur amortissements, dépréciations et provisions",
        "Reversals of depreciation, impairment and provisions",
        &["781", "78"],
    ),
    line("dedicated_funds_used", OperatingIncome, "Utilisations des fonds dédiés", "Dedicated funds used", &["789"]),
    line("other_income", OperatingIncome, "Autres produits", "Other income", &["75", "79", "7"]),
    total(
        "operating_income_total",
        Subtotal,
        "Total des produits d'exploitation",
        "Total operating income",
        &[(OperatingIncome, 1)],
    ),
    head("operating_expenses", "Charges d'exploitation", "Operating expenses"),
    line(
        "goods_purchases",
        OperatingExpenses,
        "Achats de marchandises",
        "Purchases of goods for resale",
        &["607", "6087", "6097"],
    ),
    line("stock_change", OperatingExpenses, "Variation de stock", "Change in inventories", &["603"]),
    line(
        "external_charges",
        OperatingExpenses,
        "Autres achats et charges externes",
        "Other purchases and external charges",
        &["60", "61", "62"],
    ),
    line("financial_aid", OperatingExpenses, "Aides financières", "Financial aid granted", &["657"]),
    line("taxes", OperatingExpenses, "Impôts, taxes et versements assimilés", "Taxes and similar levies", &["63"]),
    line(
        "wages",
        OperatingExpenses,
        "Salaires et traitements",
        "Wages and salaries",
        &["641", "644", "648", "649", "64"],
    ),
    line(
        "social_charges",
        OperatingExpenses,
        "Charges sociales",
        "Social security contributions",
        &["645", "646", "647"],
    ),
    line(
        "depreciation",
        OperatingExpenses,
        "Dotations aux amortissements et aux dépréciations",
        "Depreciation and impairment",
        &["681", "68"],
    ),
    line("provisions", OperatingExpenses, "Dotations aux provisions", "Provisions", &["6815"]),
    line(
        "dedicated_funds_carried",
        OperatingExpenses,
        "Reports en fonds dédiés",
        "Dedicated funds carried forward",
        &["689"],
    ),
    line("other_expenses", OperatingExpenses, "Autres charges", "Other expenses", &["65", "6"]),
    total(
        "operating_expenses_total",
        Subtotal,
        "Total des charges d'exploitation",
        "Total operating expenses",
        &[(OperatingExpenses, 1)],
    ),
    total(
        "operating_result",
        Total,
        "Résultat d'exploitation",
        "Operating result",
        &[(OperatingIncome, 1), (OperatingExpenses, -1)],
    ),
    line("financial_income", FinancialIncome, "Produits financiers", "Financial income", &["76", "786"]),
    line("financial_expenses", FinancialExpenses, "Charges financières", "Financial expenses", &["66", "686"]),
    total(
        "financial_result",
        Total,
        "Résultat financier",
        "Financial result",
        &[(FinancialIncome, 1), (FinancialExpenses, -1)],
    ),
    total(
        "current_result",
        Total,
        "Résultat courant avant impôts",
        "Current result before tax",
        &[(OperatingIncome, 1), (FinancialIncome, 1), (OperatingExpenses, -1), (FinancialExpenses, -1)],
    ),
    line("exceptional_income", ExceptionalIncome, "Produits exceptionnels", "Exceptional income", &["77", "787"]),
    line(
        "exceptional_expenses",
        ExceptionalExpenses,
        "Charges exceptionnelles",
        "Exceptional expenses",
        &["67", "687"],
    ),
    total(
        "exceptional_result",
        Total,
        "Résultat exceptionnel",
        "Exceptional result",
        &[(ExceptionalIncome, 1), (ExceptionalExpenses, -1)],
    ),
    line("income_tax", IncomeTax, "Impôts sur les bénéfices", "Income tax", &["69"]),
    total(
        "total_income",
        Total,
        "Total des produits",
        "Total income",
        &[(OperatingIncome, 1), (FinancialIncome, 1), (ExceptionalIncome, 1)],
    ),
    total(
        "total_expenses",
        Total,
        "Total des charges",
        "Total expenses",
        &[(OperatingExpenses, 1), (FinancialExpenses, 1), (ExceptionalExpenses, 1), (IncomeTax, 1)],
    ),
    total("result", Total, "Excédent ou déficit", "Surplus or deficit", RESULT),
    head("in_kind", "Contributions volontaires en nature", "Voluntary contributions in kind"),
    line("in_kind_donations", InKindResources, "Dons en nature", "Donations in kind", &["870"]),
    line("in_kind_services", InKindResources, "Prestations en nature", "Services in kind", &["871", "87"]),
    line("volunteering", InKindResources, "Bénévolat", "Volunteering", &["875"]),
    total(
        "in_kind_resources_total",
        Subtotal,
        "Total des ressources en nature",
        "Total resources in kind",
        &[(InKindResources, 1)],
    ),
    line("in_kind_relief", InKindUses, "Secours en nature", "Relief in kind", &["860"]),
    line("free_use_of_goods", InKindUses, "Mises à disposition gratuites de biens", "Free use of goods", &["861"]),
    line("services_used", InKindUses, "Prestations", "Services", &["862", "86"]),
    line("volunteer_staff", InKindUses, "Personnel bénévole", "Volunteer staff", &["864"]),
    total("in_kind_uses_total", Subtotal, "Total des emplois en nature", "Total uses in kind", &[(InKindUses, 1)]),
];

const ACTIF: &[(Block, i64)] = &[(FixedAssets, 1), (CurrentAssets, 1)];
const PASSIF: &[(Block, i64)] = &[(Equity, 1), (Deferred, 1), (Provisions, 1), (Debts, 1)];

/// The bilan, ANC 2018-06 in its 2025 version.
static BILAN: &[Def] = &[
    head("actif", "Actif", "Assets"),
    head("fixed_assets", "Actif immobilisé", "Fixed assets"),
    net(
        "intangible",
        FixedAssets,
        "Immobilisations incorporelles",
        "Intangible assets",
        &["20", "232"],
        &["280", "290", "2932"],
    ),
    Def {
        less: &["2804", "2904"],
        ..part(
            "usufruct",
            FixedAssets,
            "dont donations temporaires d'usufruit",
            "of which temporary gifts of usufruct",
            &["204"],
        )
    },
    net(
        "tangible",
        FixedAssets,
        "Immobilisations corporelles",
        "Tangible assets",
        &["21", "22", "23", "2"],
        &["281", "282", "283", "291", "292", "293", "28", "29"],
    ),
    net(
        "bequests_to_sell",
        FixedAssets,
        "Biens reçus par legs ou donations destinés à être cédés",
        "Bequeathed or donated property held for sale",
        &["24"],
        &["284", "294"],
    ),
    net(
        "financial_assets",
        FixedAssets,
        "Immobilisations financières",
        "Financial assets",
        &["26", "27"],
        &["286", "287", "296", "297"],
    ),
    total("fixed_assets_total", Subtotal, "Total de l'actif immobilisé", "Total fixed assets", &[(FixedAssets, 1)]),
    head("current_assets", "Actif circulant", "Current assets"),
    net("stocks", CurrentAssets, "Stocks et en-cours", "Inventories and work in progress", &["3"], &["39"]),
    net(
        "user_receivables",
        CurrentAssets,
        "Créances clients, usagers et comptes rattachés",
        "Receivables from members and users",
        &["41"],
        &["491"],
    ),
    line(
        "bequest_receivables",
        CurrentAssets,
        "Créances reçues par legs ou donations",
        "Receivables from legacies and gifts",
        &["461"],
    ),
    net("other_receivables", CurrentAssets, "Autres créances", "Other receivables", &["4"], &["49"]),
    net("securities", CurrentAssets, "Valeurs mobilières de placement", "Short-term investments", &["50"], &["59"]),
    line("cash", CurrentAssets, "Disponibilités", "Cash at bank and in hand", &["5"]),
    line("prepaid_expenses", CurrentAssets, "Charges constatées d'avance", "Prepaid expenses", &["486"]),
    total(
        "current_assets_total",
        Subtotal,
        "Total de l'actif circulant",
        "Total current assets",
        &[(CurrentAssets, 1)],
    ),
    total("actif_total", Total, "Total de l'actif", "Total assets", ACTIF),
    head("passif", "Passif", "Liabilities"),
    head("equity", "Fonds propres", "Equity"),
    line(
        "funds_without_recovery",
        Equity,
        "Fonds propres sans droit de reprise",
        "Funds without right of recovery",
        &["102", "10"],
    ),
    line(
        "funds_with_recovery",
        Equity,
        "Fonds propres avec droit de reprise",
        "Funds with right of recovery",
        &["103"],
    ),
    line("revaluation", Equity, "Écarts de réévaluation", "Revaluation differences", &["105"]),
    line("reserves", Equity, "Réserves", "Reserves", &["106"]),
    line("carried_forward", Equity, "Report à nouveau", "Retained earnings", &["11"]),
    line("result", Equity, "Excédent ou déficit de l'exercice", "Surplus or deficit for the year", &["12", "6", "7"]),
    line("consumable_endowments", Equity, "Fonds propres consomptibles", "Consumable endowments", &["108"]),
    line("investment_subsidies", Equity, "Subventions d'investissement", "Investment subsidies", &["13"]),
    line("regulated_provisions", Equity, "Provisions réglementées", "Regulated provisions", &["14"]),
    total("equity_total", Subtotal, "Total des fonds propres", "Total equity", &[(Equity, 1)]),
    head("deferred", "Fonds reportés et dédiés", "Deferred and dedicated funds"),
    line(
        "deferred_bequests",
        Deferred,
        "Fonds reportés liés aux legs ou donations",
        "Deferred funds from legacies and gifts",
        &["191"],
    ),
    line("dedicated_funds", Deferred, "Fonds dédiés", "Dedicated funds", &["19"]),
    total(
        "deferred_total",
        Subtotal,
        "Total des fonds reportés et dédiés",
        "Total deferred and dedicated funds",
        &[(Deferred, 1)],
    ),
    head("provisions", "Provisions", "Provisions"),
    line("provisions_for_risks", Provisions, "Provisions pour risques", "Provisions for risks", &["151"]),
    line("provisions_for_charges", Provisions, "Provisions pour charges", "Provisions for charges", &["15"]),
    total("provisions_total", Subtotal, "Total des provisions", "Total provisions", &[(Provisions, 1)]),
    head("debts", "Dettes", "Debts"),
    line(
        "bonds",
        Debts,
        "Emprunts obligataires et assimilés (titres associatifs)",
        "Bonds (titres associatifs)",
        &["163"],
    ),
    line(
        "bank_debts",
        Debts,
        "Emprunts et dettes auprès des établissements de crédit",
        "Bank loans and overdrafts",
        &["164", "519", "5"],
    ),
    line("other_borrowings", Debts, "Emprunts et dettes financières diverses", "Other borrowings", &["16", "17"]),
    line("suppliers", Debts, "Dettes fournisseurs et comptes rattachés", "Trade payables", &["40"]),
    line("bequest_debts", Debts, "Dettes des legs ou donations", "Debts on legacies and gifts", &["466"]),
    line("tax_and_social", Debts, "Dettes fiscales et sociales", "Tax and social security debts", &["42", "43", "44"]),
    line(
        "fixed_asset_suppliers",
        Debts,
        "Dettes sur immobilisations et comptes rattachés",
        "Debts to suppliers of fixed assets",
        &["404", "405", "4084"],
    ),
    line("other_debts", Debts, "Autres dettes", "Other debts", &["4", "18"]),
    line("deferred_income", Debts, "Produits constatés d'avance", "Deferred income", &["487"]),
    total("debts_total", Subtotal, "Total des dettes", "Total debts", &[(Debts, 1)]),
    total("passif_total", Total, "Total du passif", "Total liabilities", PASSIF),
];

/// The key of the compte rendu financier's `74` line, followed by a line per funder.
const SUBSIDIES: &str = "subsidies";

/// The compte rendu financier, laid out like Cerfa 15059*02.
static COMPTE_RENDU_FINANCIER: &[Def] = &[
    head("expenses", "Charges", "Expenses"),
    line("purchases", Expenses, "60 – Achats", "60 – Purchases", &["60"]),
    line("external_services", Expenses, "61 – Services extérieurs", "61 – External services", &["61"]),
    line(
        "other_external_services",
        Expenses,
        "62 – Autres services extérieurs",
        "62 – Other external services",
        &["62"],
    ),
    line("taxes", Expenses, "63 – Impôts et taxes", "63 – Taxes", &["63"]),
    line("staff", Expenses, "64 – Charges de personnel", "64 – Staff costs", &["64"]),
    line(
        "other_expenses",
        Expenses,
        "65 – Autres charges de gestion courante",
        "65 – Other operating expenses",
        &["65", "6"],
    ),
    line("financial_expenses", Expenses, "66 – Charges financières", "66 – Financial expenses", &["66"]),
    line("exceptional_expenses", Expenses, "67 – Charges exceptionnelles", "67 – Exceptional expenses", &["67"]),
    line(
        "depreciation",
        Expenses,
        "68 – Dotations aux amortissements, aux dépréciations et aux provisions",
        "68 – Depreciation, impairment and provisions",
        &["68"],
    ),
    line("income_tax", Expenses, "69 – Impôts sur les bénéfices", "69 – Income tax", &["69"]),
    total("expenses_total", Subtotal, "Total des charges", "Total expenses", &[(Expenses, 1)]),
    line(
        "in_kind_uses",
        InKindUses,
        "86 – Emplois des contributions volontaires en nature",
        "86 – Uses of voluntary contributions in kind",
        &["86"],
    ),
    part("in_kind_relief", InKindUses, "860 – Secours en nature", "860 – Relief in kind", &["860"]),
    part(
        "free_use_of_goods",
        InKindUses,
        "861 – Mises à disposition gratuites de biens",
        "861 – Free use of goods",
        &["861"],
    ),
    part("services_used", InKindUses, "862 – Prestations", "862 – Services", &["862"]),
    part("volunteer_staff", InKindUses, "864 – Personnel bénévole", "864 – Volunteer staff", &["864"]),
    total(
        "expenses_and_uses_total",
        Total,
        "Total des charges et des emplois en nature",
        "Total with uses in kind",
        &[(Expenses, 1), (InKindUses, 1)],
    ),
    head("income", "Produits", "Income"),
    line(
        "sales",
        Income,
        "70 – Ventes de produits finis, de marchandises, prestations de services",
        "70 – Sales of goods and services",
        &["70", "71", "72"],
    ),
    line("public_funding", Income, "73 – Concours publics", "73 – Public funding", &["73"]),
    line(SUBSIDIES, Income, "74 – Subventions d'exploitation", "74 – Operating subsidies", &["74"]),
    line(
        "other_income",
        Income,
        "75 – Autres produits de gestion courante",
        "75 – Other operating income",
        &["75", "7"],
    ),
    part("dues", Income, "dont cotisations", "of which membership dues", &["756"]),
    part("generosity", Income, "dont dons manuels, mécénat, legs", "of which donations, patronage, legacies", &["754"]),
    line("financial_income", Income, "76 – Produits financiers", "76 – Financial income", &["76"]),
    line("exceptional_income", Income, "77 – Produits exceptionnels", "77 – Exceptional income", &["77"]),
    line(
        "reversals",
        Income,
        "78 – Reprises sur amortissements, dépréciations et provisions",
        "78 – Reversals of depreciation, impairment and provisions",
        &["78"],
    ),
    line("expense_transfers", Income, "79 – Transferts de charges", "79 – Expense transfers", &["79"]),
    total("income_total", Subtotal, "Total des produits", "Total income", &[(Income, 1)]),
    line(
        "in_kind_resources",
        InKindResources,
        "87 – Contributions volontaires en nature",
        "87 – Voluntary contributions in kind",
        &["87"],
    ),
    part("in_kind_donations", InKindResources, "870 – Dons en nature", "870 – Donations in kind", &["870"]),
    part("in_kind_services", InKindResources, "871 – Prestations en nature", "871 – Services in kind", &["871"]),
    part("volunteering", InKindResources, "875 – Bénévolat", "875 – Volunteering", &["875"]),
    total(
        "income_and_resources_total",
        Total,
        "Total des produits et des contributions en nature",
        "Total with contributions in kind",
        &[(Income, 1), (InKindResources, 1)],
    ),
    total(
        "result",
        Total,
        "Excédent ou déficit de l'action",
        "Surplus or deficit of the project",
        &[(Income, 1), (Expenses, -1)],
    ),
];

fn defs(kind: Kind) -> &'static [Def] {
    match kind {
        Kind::CompteDeResultat => COMPTE_DE_RESULTAT,
        Kind::Bilan => BILAN,
        Kind::CompteRenduFinancier => COMPTE_RENDU_FINANCIER,
    }
}

/// An account's balance (or a budget figure) and the line it counts on.
struct Placed<'a> {
    account: &'a str,
    line: &'static Def,
    /// Deducted on its line as amortissement or dépréciation.
    less: bool,
    /// With the line's sign: credit − debit on a credit-side line.
    value: i64,
}

/// The line an account with this balance (debit − credit) goes to, and
/// whether it is deducted there.
fn place(kind: Kind, account: &str, net: i64) -> Option<(&'static Def, bool)> {
    match kind {
        Kind::Bilan => {
            let actif = actif(account, net)?;
            route(BILAN, account, |b| b.actif() == actif)
        }
        _ => route(defs(kind), account, |_| true),
    }
}

/// Whether an account's balance goes on the actif (`Some(true)`) or the
/// passif of the bilan; `None` when it is in no bilan.
fn actif(account: &str, net: i64) -> Option<bool> {
    // The year's result, counted as years::result counts it.
    if matches!(account.as_bytes().first(), Some(b'6' | b'7')) {
        return Some(false);
    }
    match chart::position(account)? {
        Position::Asset => Some(true),
        Position::Liability => Some(false),
        Position::AssetOrLiability if net != 0 => Some(net > 0),
        _ => None,
    }
}

/// The line among `defs` whose prefix of `account` is the longest, on the
/// blocks `side` accepts.
fn route(defs: &'static [Def], account: &str, side: impl Fn(Block) -> bool) -> Option<(&'static Def, bool)> {
    let mut best: Option<(usize, &'static Def, bool)> = None;
    for def in defs.iter().filter(|d| d.level == Level::Line && d.block.is_some_and(&side)) {
        let prefixes = def.accounts.iter().map(|p| (p, false)).chain(def.less.iter().map(|p| (p, true)));
        for (prefix, less) in prefixes {
            if account.starts_with(prefix) && best.is_none_or(|(len, ..)| prefix.len() > len) {
                best = Some((prefix.len(), def, less));
            }
        }
    }
    best.map(|(_, def, less)| (def, less))
}

fn placed_totals(kind: Kind, totals: &[Totals]) -> Vec<(&Totals, Placed<'_>)> {
    totals
        .iter()
        .filter_map(|t| {
            let (line, less) = place(kind, &t.account, t.net())?;
            let credit_side = line.block.is_some_and(Block::credit_side);
            let value = if credit_side { -t.net() } else { t.net() };
            Some((t, Placed { account: &t.account, line, less, value }))
        })
        .collect()
}

/// How a row counts a placed amount: with this coefficient, or not at all.
fn share(def: &Def, p: &Placed) -> Option<i64> {
    match def.level {
        Level::Heading => None,
        Level::Line => std::ptr::eq(def, p.line).then_some(1),
        Level::Detail => {
            let prefixes = if p.less { def.less } else { def.accounts };
            (def.block == p.line.block && prefixes.iter().any(|x| p.account.starts_with(x))).then_some(1)
        }
        Level::Subtotal | Level::Total => def.sum.iter().find(|(b, _)| Some(*b) == p.line.block).map(|(_, c)| *c),
    }
}

/// The brut and the amortissements of what a row counts among `placed`.
fn amounts<'a>(placed: impl IntoIterator<Item = &'a Placed<'a>>, share: impl Fn(&Placed) -> Option<i64>) -> (i64, i64) {
    let (mut gross, mut less) = (0, 0);
    for p in placed {
        if let Some(c) = share(p) {
            if p.less {
                less -= c * p.value;
            } else {
                gross += c * p.value;
            }
        }
    }
    (gross, less)
}

fn row(def: &Def, done: &[Placed], planned: Option<&[Placed]>) -> Row {
    let (gross, less) = amounts(done, |p| share(def, p));
    let on_actif = match def.block {
        Some(b) => b.actif(),
        None => !def.sum.is_empty() && def.sum.iter().all(|(b, _)| b.actif()),
    };
    Row {
        key: def.key.to_string(),
        level: def.level,
        label_fr: def.fr,
        label_en: def.en,
        account: None,
        current: gross - less,
        previous: None,
        budget: planned.map(|planned| amounts(planned, |p| share(def, p)).0),
        gross: on_actif.then_some(gross),
        depreciation: on_actif.then_some(less),
    }
}

fn with_previous(kind: Kind, totals: &[Totals], previous: Option<&[Totals]>) -> Statement {
    let build = |totals: &[Totals]| {
        let placed: Vec<Placed> = placed_totals(kind, totals).into_iter().map(|(_, p)| p).collect();
        defs(kind).iter().map(|def| row(def, &placed, None)).collect::<Vec<Row>>()
    };
    let mut rows = build(totals);
    if let Some(previous) = previous {
        // The same layout: row i is row i.
        for (row, before) in rows.iter_mut().zip(build(previous)) {
            row.previous = Some(before.current);
        }
    }
    Statement { rows }
}

/// A sub-account of `74` that gets its own line in the compte rendu financier.
fn is_funder(account: &str) -> bool {
    account.len() > 2 && account.starts_with("74")
}

fn funder_row(code: &str, done: &[Placed], planned: &[Placed]) -> Row {
    let this = |p: &Placed| (p.account == code && p.line.key == SUBSIDIES).then_some(1);
    let label_fr = chart::find(code).or_else(|| chart::parent(code)).map_or("Subventions", |a| a.label);
    let label_en = if code.starts_with("741") {
        "Operating subsidies"
    } else if code.starts_with("742") {
        "Balancing subsidies"
    } else if code.starts_with("747") {
        "Investment subsidies taken to income"
    } else {
        "Subsidies"
    };
    Row {
        key: code.to_string(),
        level: Level::Detail,
        label_fr,
        label_en,
        account: Some(code.to_string()),
        current: amounts(done, this).0,
        previous: None,
        budget: Some(amounts(planned, this).0),
        gross: None,
        depreciation: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounting::years;

    fn t(account: &str, debit: i64, credit: i64) -> Totals {
        Totals { account: account.into(), debit, credit }
    }

    /// The rows with an amount, as (key, amount): the statement at a glance.
    fn figures(s: &Statement) -> Vec<(&str, i64)> {
        s.rows.iter().filter(|r| r.current != 0).map(|r| (r.key.as_str(), r.current)).collect()
    }

    /// A small association's year, in cents. Opening: 2 500 € at the bank,
    /// 300 € in cash, fonds propres 2 000 €, report à nouveau 800 €. Then:
    /// dues 3 200 € (3 000 by bank, 200 in cash), a town subsidy of 1 500 €
    /// of which 1 000 received, donations 450 €, office supplies 280 € of
    /// which 160 paid, rent 2 400 €, insurance 380 €, bank fees 60 €, and
    /// 5 000 € of volunteering.
    fn year() -> Vec<Totals> {
        vec![
            t("102", 0, 200_000),
            t("110", 0, 80_000),
            t("401", 16_000, 28_000),
            t("441", 150_000, 100_000),
            t("512", 250_000 + 300_000 + 100_000 + 45_000, 16_000 + 240_000 + 38_000 + 6_000),
            t("530", 30_000 + 20_000, 0),
            t("6064", 28_000, 0),
            t("6132", 240_000, 0),
            t("616", 38_000, 0),
            t("627", 6_000, 0),
            t("741", 0, 150_000),
            t("7541", 0, 45_000),
            t("756", 0, 320_000),
            t("864", 500_000, 0),
            t("875", 0, 500_000),
        ]
    }

    /// The year before: dues 1 000 €, supplies 200 €.
    fn year_before() -> Vec<Totals> {
        vec![
            t("102", 0, 200_000),
            t("512", 250_000, 0),
            t("530", 30_000, 0),
            t("6064", 20_000, 0),
            t("756", 0, 100_000),
        ]
    }

    #[test]
    fn the_year_balances() {
        let y = year();
        assert_eq!(y.iter().map(Totals::net).sum::<i64>(), 0);
        assert_eq!(years::result(&y), 203_000);
    }

    #[test]
    fn compte_de_resultat_of_a_small_association() {
        let s = compte_de_resultat(&year(), None);
        assert_eq!(
            figures(&s),
            [
                ("public_funding", 150_000),
                ("generosity", 45_000),
                ("donations", 45_000),
                ("dues", 320_000),
                ("operating_income_total", 515_000),
                ("external_charges", 28_000 + 240_000 + 38_000 + 6_000),
                ("operating_expenses_total", 312_000),
                ("operating_result", 203_000),
                ("current_result", 203_000),
                ("total_income", 515_000),
                ("total_expenses", 312_000),
                ("result", 203_000),
                ("volunteering", 500_000),
                ("in_kind_resources_total", 500_000),
                ("volunteer_staff", 500_000),
                ("in_kind_uses_total", 500_000),
            ]
        );
        assert!(s.rows.iter().all(|r| r.previous.is_none() && r.budget.is_none() && r.gross.is_none()));
        let labels = s.row("result").map(|r| (r.label_fr, r.label_en, r.level));
        assert_eq!(labels, Some(("Excédent ou déficit", "Surplus or deficit", Level::Total)));
    }

    #[test]
    fn the_year_before_sits_beside() {
        let s = compte_de_resultat(&year(), Some(&year_before()));
        let dues = s.row("dues").unwrap();
        assert_eq!((dues.current, dues.previous), (320_000, Some(100_000)));
        let result = s.row("result").unwrap();
        assert_eq!((result.current, result.previous), (203_000, Some(80_000)));
        assert_eq!(s.row("public_funding").unwrap().previous, Some(0));
        assert!(s.rows.iter().all(|r| r.previous.is_some()));
    }

    #[test]
    fn bilan_of_a_small_association() {
        let s = bilan(&year(), Some(&year_before()));
        assert_eq!(
            figures(&s),
            [
                ("other_receivables", 50_000),
                ("cash", 395_000 + 50_000),
                ("current_assets_total", 495_000),
                ("actif_total", 495_000),
                ("funds_without_recovery", 200_000),
                ("carried_forward", 80_000),
                ("result", 203_000),
                ("equity_total", 483_000),
                ("suppliers", 12_000),
                ("debts_total", 12_000),
                ("passif_total", 495_000),
            ]
        );
        let cash = s.row("cash").unwrap();
        assert_eq!((cash.gross, cash.depreciation, cash.previous), (Some(445_000), Some(0), Some(280_000)));
        assert_eq!(s.row("result").unwrap().previous, Some(80_000));
        assert_eq!(s.row("passif_total").unwrap().previous, Some(280_000));
        assert_eq!(s.row("suppliers").unwrap().gross, None, "no brut on the passif");
        let behind = |key| accounts(Kind::Bilan, key, &year()).iter().map(|t| t.account.clone()).collect::<Vec<_>>();
        assert_eq!(behind("cash"), ["512", "530"]);
        assert_eq!(behind("other_receivables"), ["441"]);
        assert_eq!(behind("result"), ["6064", "6132", "616", "627", "741", "7541", "756"]);
        assert!(behind("user_receivables").is_empty());
    }

    #[test]
    fn accounts_behind_rows_of_the_compte_de_resultat() {
        let y = year();
        let behind =
            |key| accounts(Kind::CompteDeResultat, key, &y).iter().map(|t| t.account.as_str()).collect::<Vec<_>>();
        assert_eq!(behind("external_charges"), ["6064", "6132", "616", "627"]);
        assert_eq!(behind("donations"), ["7541"]);
        assert_eq!(behind("operating_income_total"), ["741", "7541", "756"]);
        assert_eq!(behind("result"), ["6064", "6132", "616", "627", "741", "7541", "756"]);
        assert_eq!(behind("volunteer_staff"), ["864"]);
        assert!(behind("operating_income").is_empty(), "a heading");
        assert!(behind("nonsense").is_empty());
    }

    #[test]
    fn sub_prefixes_go_to_their_own_line() {
        let s = compte_de_resultat(
            &[
                t("7073", 0, 100),
                t("707", 0, 1_000),
                t("7063", 0, 20),
                t("7097", 5, 0),
                t("6037", 0, 7),
                t("607", 300, 0),
                t("6815", 40, 0),
                t("6811", 50, 0),
                t("7865", 0, 3),
                t("6875", 9, 0),
                t("7894", 0, 11),
                t("6894", 13, 0),
                t("6571", 17, 0),
                t("6531", 19, 0),
                t("757", 0, 23),
                t("747", 0, 29),
                t("6451", 31, 0),
                t("6411", 37, 0),
            ],
            None,
        );
        assert_eq!(
            figures(&s),
            [
                ("sales", 1_115),
                ("sales_of_donated_goods", 100),
                ("sponsorship", 20),
                ("public_funding", 29),
                ("dedicated_funds_used", 11),
                ("other_income", 23),
                ("operating_income_total", 1_178),
                ("goods_purchases", 300),
                ("stock_change", -7),
                ("financial_aid", 17),
                ("wages", 37),
                ("social_charges", 31),
                ("depreciation", 50),
                ("provisions", 40),
                ("dedicated_funds_carried", 13),
                ("other_expenses", 19),
                ("operating_expenses_total", 500),
                ("operating_result", 678),
                ("financial_income", 3),
                ("financial_result", 3),
                ("current_result", 681),
                ("exceptional_expenses", 9),
                ("exceptional_result", -9),
                ("total_income", 1_181),
                ("total_expenses", 509),
                ("result", 672),
            ]
        );
    }

    #[test]
    fn accounts_on_either_side_go_by_their_own_balance() {
        // Two bank accounts, one overdrawn; a member who paid in advance beside
        // one who owes; a supplier owing the association.
        let s = bilan(
            &[
                t("5121", 1_000, 0),
                t("5122", 0, 300),
                t("4111", 50, 0),
                t("4112", 0, 80),
                t("401", 0, 500),
                t("4091", 40, 0),
                t("102", 0, 210),
            ],
            None,
        );
        assert_eq!(
            figures(&s),
            [
                ("user_receivables", 50),
                ("other_receivables", 40),
                ("cash", 1_000),
                ("current_assets_total", 1_090),
                ("actif_total", 1_090),
                ("funds_without_recovery", 210),
                ("equity_total", 210),
                ("bank_debts", 300),
                ("suppliers", 500),
                ("other_debts", 80),
                ("debts_total", 880),
                ("passif_total", 1_090),
            ]
        );
    }

    #[test]
    fn fixed_assets_show_brut_amortissements_and_net() {
        let s = bilan(
            &[
                t("2183", 120_000, 0),
                t("28183", 0, 40_000),
                t("2184", 30_000, 0),
                t("204", 9_000, 0),
                t("2804", 0, 1_000),
                t("205", 6_000, 0),
                t("2805", 0, 2_000),
                t("370", 5_000, 0),
                t("397", 0, 500),
                t("411", 2_000, 0),
                t("491", 0, 200),
                t("486", 700, 0),
                t("102", 0, 129_000),
            ],
            None,
        );
        let gnd = |key| s.row(key).map(|r| (r.gross, r.depreciation, r.current));
        assert_eq!(gnd("tangible"), Some((Some(150_000), Some(40_000), 110_000)));
        assert_eq!(gnd("intangible"), Some((Some(15_000), Some(3_000), 12_000)));
        assert_eq!(gnd("usufruct"), Some((Some(9_000), Some(1_000), 8_000)));
        assert_eq!(gnd("stocks"), Some((Some(5_000), Some(500), 4_500)));
        assert_eq!(gnd("user_receivables"), Some((Some(2_000), Some(200), 1_800)));
        assert_eq!(gnd("prepaid_expenses"), Some((Some(700), Some(0), 700)));
        assert_eq!(gnd("fixed_assets_total"), Some((Some(165_000), Some(43_000), 122_000)));
        assert_eq!(gnd("actif_total"), Some((Some(172_700), Some(43_700), 129_000)));
        assert_eq!(gnd("passif_total"), Some((None, None, 129_000)));
        assert_eq!(s.row("passif_total").unwrap().current, 129_000);
    }

    #[test]
    fn compte_rendu_financier_of_a_project() {
        let actual = [
            t("6064", 10_000, 0),
            t("6132", 50_000, 0),
            t("7411", 0, 40_000),
            t("7412", 0, 15_000),
            t("756", 0, 5_000),
            t("864", 20_000, 0),
            t("875", 0, 20_000),
            t("512", 0, 10_000),
        ];
        let budget: Vec<(String, i64)> = [
            ("6064", 12_000),
            ("6132", 50_000),
            ("7411", 40_000),
            ("7412", 20_000),
            ("7413", 5_000),
            ("756", 7_000),
            ("864", 20_000),
            ("875", 20_000),
            ("512", 99),
        ]
        .iter()
        .map(|(a, c)| (a.to_string(), *c))
        .collect();
        let s = compte_rendu_financier(&actual, &budget);
        let lines: Vec<(&str, Option<i64>, i64, Option<i64>)> = s
            .rows
            .iter()
            .filter(|r| r.current != 0 || r.budget != Some(0))
            .map(|r| (r.key.as_str(), r.budget, r.current, r.gap_percent()))
            .collect();
        assert_eq!(
            lines,
            [
                ("purchases", Some(12_000), 10_000, Some(-17)),
                ("external_services", Some(50_000), 50_000, Some(0)),
                ("expenses_total", Some(62_000), 60_000, Some(-3)),
                ("in_kind_uses", Some(20_000), 20_000, Some(0)),
                ("volunteer_staff", Some(20_000), 20_000, Some(0)),
                ("expenses_and_uses_total", Some(82_000), 80_000, Some(-2)),
                ("subsidies", Some(65_000), 55_000, Some(-15)),
                ("7411", Some(40_000), 40_000, Some(0)),
                ("7412", Some(20_000), 15_000, Some(-25)),
                ("7413", Some(5_000), 0, Some(-100)),
                ("other_income", Some(7_000), 5_000, Some(-29)),
                ("dues", Some(7_000), 5_000, Some(-29)),
                ("income_total", Some(72_000), 60_000, Some(-17)),
                ("in_kind_resources", Some(20_000), 20_000, Some(0)),
                ("volunteering", Some(20_000), 20_000, Some(0)),
                ("income_and_resources_total", Some(92_000), 80_000, Some(-13)),
                ("result", Some(10_000), 0, Some(-100)),
            ]
        );
        let funder = s.row("7412").unwrap();
        assert_eq!(
            (funder.level, funder.label_fr, funder.account.as_deref()),
            (Level::Detail, "Subventions d'exploitation", Some("7412"))
        );
        assert_eq!(s.row("income").map(|r| (r.level, r.budget)), Some((Level::Heading, Some(0))));
        let behind = |key| {
            accounts(Kind::CompteRenduFinancier, key, &actual).iter().map(|t| t.account.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(behind("subsidies"), ["7411", "7412"]);
        assert_eq!(behind("7412"), ["7412"]);
        assert!(behind("7413").is_empty());
        assert!(behind("512").is_empty());
    }

    #[test]
    fn gaps_round_half_away_from_zero() {
        let gap =
            |current, budget| Row { current, budget, ..compte_de_resultat(&[], None).rows[0].clone() }.gap_percent();
        assert_eq!(gap(10_000, Some(12_000)), Some(-17));
        assert_eq!(gap(12_000, Some(10_000)), Some(20));
        assert_eq!(gap(1_005, Some(1_000)), Some(1), "0.5 % rounds up");
        assert_eq!(gap(995, Some(1_000)), Some(-1), "-0.5 % rounds down");
        assert_eq!(gap(994, Some(1_000)), Some(-1));
        assert_eq!(gap(996, Some(1_000)), Some(0));
        assert_eq!(gap(0, Some(-100)), Some(-100));
        assert_eq!(gap(5, Some(0)), None);
        assert_eq!(gap(5, None), None);
    }

    /// Every prefix once per statement (per side of the bilan), keys unique,
    /// and each line's prefixes of the class its block expects.
    #[test]
    fn layouts_are_well_formed() {
        for kind in [Kind::CompteDeResultat, Kind::Bilan, Kind::CompteRenduFinancier] {
            let defs = defs(kind);
            let mut keys: Vec<&str> = defs.iter().map(|d| d.key).collect();
            keys.sort_unstable();
            let before = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), before, "{kind:?}: duplicate keys");
            for actif in [true, false] {
                let mut prefixes: Vec<&str> = defs
                    .iter()
                    .filter(|d| {
                        d.level == Level::Line && (kind != Kind::Bilan || d.block.is_some_and(|b| b.actif() == actif))
                    })
                    .flat_map(|d| d.accounts.iter().chain(d.less))
                    .copied()
                    .collect();
                prefixes.sort_unstable();
                let before = prefixes.len();
                prefixes.dedup();
                assert_eq!(prefixes.len(), before, "{kind:?}: a prefix on two lines");
            }
            for d in defs {
                match d.level {
                    Level::Heading => assert!(d.block.is_none() && d.accounts.is_empty() && d.sum.is_empty()),
                    Level::Line | Level::Detail => {
                        assert!(d.block.is_some() && !d.accounts.is_empty() && d.sum.is_empty())
                    }
                    Level::Subtotal | Level::Total => {
                        assert!(d.block.is_none() && d.accounts.is_empty() && !d.sum.is_empty())
                    }
                }
                let Some(block) = d.block else { continue };
                let classes: &[char] = match block {
                    OperatingIncome | FinancialIncome | ExceptionalIncome | Income => &['7'],
                    OperatingExpenses | FinancialExpenses | ExceptionalExpenses | IncomeTax | Expenses => &['6'],
                    InKindResources => &['8'],
                    InKindUses => &['8'],
                    FixedAssets => &['2'],
                    CurrentAssets => &['3', '4', '5'],
                    Equity => &['1', '6', '7'],
                    Deferred | Provisions => &['1'],
                    Debts => &['1', '4', '5'],
                };
                for p in d.accounts.iter().chain(d.less) {
                    assert!(p.starts_with(classes), "{}: {p}", d.key);
                    if matches!(block, InKindResources) {
                        assert!(p.starts_with("87"), "{}: {p}", d.key);
                    }
                    if matches!(block, InKindUses) {
                        assert!(p.starts_with("86"), "{}: {p}", d.key);
                    }
                }
            }
        }
    }

    /// A detail's accounts all go to the line just above it.
    #[test]
    fn details_are_parts_of_the_line_above() {
        for kind in [Kind::CompteDeResultat, Kind::Bilan, Kind::CompteRenduFinancier] {
            let mut above: Option<&Def> = None;
            for d in defs(kind) {
                match d.level {
                    Level::Line => above = Some(d),
                    Level::Detail => {
                        let line = above.expect("a detail follows a line");
                        for p in d.accounts.iter().chain(d.less) {
                            let (to, _) = route(defs(kind), p, |b| Some(b) == d.block).unwrap();
                            assert!(std::ptr::eq(to, line), "{kind:?} {}: {p} goes to {}", d.key, to.key);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
