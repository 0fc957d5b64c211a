//! Writing lines inside an open transaction, on either backend: macros, as
//! elsewhere in the store, so the same code runs on both executors.

/// Finds and locks the open year covering `$day` inside `$tx`: evaluates to
/// `Result<i64, Refused>` (the year's id). The no-op UPDATE takes the row
/// lock on PostgreSQL, so an entry cannot slip into a year being closed.
macro_rules! open_year_of {
    ($tx:expr, $a:expr, $day:expr) => {{
        let year: Option<(i64, Option<i64>)> = sqlx::query_as(
            "UPDATE fiscal_years SET closed_at = closed_at WHERE association_id = $1 AND starts_on <= $2 \
             AND ends_on >= $2 RETURNING id, closed_at",
        )
        .bind($a)
        .bind($day)
        .fetch_optional(&mut **$tx)
        .await?;
        match year {
            None => Err($crate::accounting::Refused::NoYear),
            Some((_, Some(_))) => Err($crate::accounting::Refused::Closed),
            Some((id, None)) => Ok(id),
        }
    }};
}

/// Writes the lines of entry `$entry` (year `$year`) and adds them to the
/// year's account totals; `$sign` is 1 to add, -1 to take them away again.
macro_rules! add_totals {
    ($tx:expr, $a:expr, $year:expr, $lines:expr, $sign:expr) => {{
        let mut by_account: std::collections::BTreeMap<&str, (i64, i64)> = std::collections::BTreeMap::new();
        for l in $lines {
            let t = by_account.entry(l.account.as_str()).or_default();
            t.0 += l.debit;
            t.1 += l.credit;
        }
        let sign: i64 = $sign;
        for (account, (debit, credit)) in by_account {
            sqlx::query(
                "INSERT INTO account_totals (association_id, year_id, account, debit_cents, credit_cents) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, year_id, account) DO UPDATE SET \
                 debit_cents = account_totals.debit_cents + excluded.debit_cents, \
                 credit_cents = account_totals.credit_cents + excluded.credit_cents",
            )
            .bind($a)
            .bind($year)
            .bind(account)
            .bind(sign * debit)
            .bind(sign * credit)
            .execute(&mut **$tx)
            .await?;
        }
    }};
}

/// Writes `$draft`'s lines for entry `$entry` in year `$year`, and their totals.
macro_rules! insert_lines {
    ($tx:expr, $a:expr, $entry:expr, $year:expr, $draft:expr) => {{
        let draft: &domain::accounting::entry::Draft = $draft;
        let day = draft.date.to_string();
        for (i, l) in draft.lines.iter().enumerate() {
            sqlx::query(
                "INSERT INTO entry_lines (association_id, entry_id, position, year_id, on_date, account, debit_cents, \
                 credit_cents, label, project_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind($a)
            .bind($entry)
            .bind(i as i64)
            .bind($year)
            .bind(&day)
            .bind(&l.account)
            .bind(l.debit)
            .bind(l.credit)
            .bind(&l.label)
            .bind(l.project)
            .execute(&mut **$tx)
            .await?;
        }
        add_totals!($tx, $a, $year, &draft.lines, 1);
    }};
}

/// Writes a checked entry in the open year covering its date: evaluates to
/// `Result<i64, Refused>`, the new entry's id.
macro_rules! insert_entry {
    ($tx:expr, $a:expr, $draft:expr, ($journal:expr, $origin:expr, $reverses:expr, $user:expr), $now:expr) => {{
        let draft: &domain::accounting::entry::Draft = $draft;
        match open_year_of!($tx, $a, draft.date.to_string()) {
            Err(r) => Err(r),
            Ok(year) => {
                let id = next_ids!(&mut **$tx, $a, "entries", 1);
                let journal: &str = $journal;
                let origin: &str = $origin;
                let reverses: Option<i64> = $reverses;
                let user: Option<i64> = $user;
                sqlx::query(
                    "INSERT INTO entries (association_id, id, year_id, on_date, journal, label, reference, origin, \
                     reverses, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind($a)
                .bind(id)
                .bind(year)
                .bind(draft.date.to_string())
                .bind(journal)
                .bind(&draft.label)
                .bind(&draft.reference)
                .bind(origin)
                .bind(reverses)
                .bind($now)
                .bind(user)
                .execute(&mut **$tx)
                .await?;
                insert_lines!($tx, $a, id, year, draft);
                Ok(id)
            }
        }
    }};
}

/// Takes an entry's lines and their totals away (inside a transaction).
macro_rules! remove_lines {
    ($tx:expr, $a:expr, $id:expr, $year:expr) => {{
        let rows: Vec<$crate::accounting::entries::LineRow> = sqlx::query_as(
            "SELECT entry_id, position, account, debit_cents, credit_cents, label, project_id FROM entry_lines \
             WHERE association_id = $1 AND entry_id = $2",
        )
        .bind($a)
        .bind($id)
        .fetch_all(&mut **$tx)
        .await?;
        let lines: Vec<domain::accounting::entry::Line> = rows.iter().map(|r| r.line()).collect();
        add_totals!($tx, $a, $year, &lines, -1);
        sqlx::query("DELETE FROM entry_lines WHERE association_id = $1 AND entry_id = $2")
            .bind($a)
            .bind($id)
            .execute(&mut **$tx)
            .await?;
    }};
}
