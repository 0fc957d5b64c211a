//! Property tests of the calendar and membership rules, across years, leap
//! days and season boundaries, of the chart of accounts (`chart`), of the
//! FEC (`fec`) and of the annual statements (`statements`).

mod books;
mod chart;
mod fec;
mod statements;

use domain::Date;
use domain::dues::{self, PeriodRule, Policy, Status};
use proptest::prelude::*;

fn any_date() -> impl Strategy<Value = Date> {
    // 1900-01-01 to 2199-12-31: four leap-century boundaries (1900, 2000, 2100).
    (-25_567i64..83_009).prop_map(|n| Date::from_days(n).unwrap())
}

fn yearly_rule() -> impl Strategy<Value = PeriodRule> {
    prop_oneof![
        Just(PeriodRule::CalendarYear),
        Just(PeriodRule::FiscalYear),
        Just(PeriodRule::Rolling12),
        (1u32..=12, 1u32..=31).prop_map(|(month, day)| PeriodRule::Season {
            month,
            day: day.min(domain::dates::days_in_month(2024, month))
        }),
    ]
}

proptest! {
    #[test]
    fn days_round_trip(date in any_date()) {
        prop_assert_eq!(Date::from_days(date.days()), Some(date));
        prop_assert_eq!(Date::parse_iso(&date.to_string()), Some(date));
        prop_assert_eq!(date.add_days(1).days(), date.days() + 1);
        prop_assert!(date.add_days(1) > date);
    }

    #[test]
    fn months_never_overflow_the_month(date in any_date(), n in -60i32..60) {
        let moved = date.add_months(n);
        prop_assert!(moved.day() <= date.day());
        let months = |d: Date| d.year() * 12 + d.month() as i32;
        prop_assert_eq!(months(moved) - months(date), n);
    }

    /// A yearly period contains the day it starts from, lasts one year
    /// (365 or 366 days, 365 to 367 for seasons that start on 29 February),
    /// and a renewal starts the day after the running period ends.
    #[test]
    fn yearly_periods_chain_without_gap(rule in yearly_rule(), paid in any_date(), fiscal in 1u32..=12) {
        let first = rule.period(paid, fiscal, None);
        let end = first.end.unwrap();
        prop_assert!(first.start <= paid && paid <= end, "{first:?} for {paid}");
        let length = end.days() - first.start.days() + 1;
        prop_assert!((364..=367).contains(&length), "{length} days: {first:?}");
        // Renewed before the end: the next period follows on.
        let renewal = rule.period(paid.min(end), fiscal, Some(end));
        prop_assert_eq!(renewal.start, end.add_days(1));
        if let PeriodRule::Season { month, day } = rule {
            prop_assert_eq!(first.start.month(), month);
            prop_assert!(first.start.day() == day || (month == 2 && day == 29 && first.start.day() == 28));
        }
        if rule == PeriodRule::CalendarYear {
            prop_assert_eq!((first.start.month(), first.start.day(), end.month(), end.day()), (1, 1, 12, 31));
        }
        if rule == PeriodRule::FiscalYear {
            prop_assert_eq!((first.start.month(), first.start.day()), (fiscal, 1));
        }
    }

    /// The ranges the member list filters on agree with the status of every day.
    #[test]
    fn status_ranges_agree_with_status(
        today in any_date(),
        boundary in 0usize..4,
        jitter in -2i64..=2,
        soon in 0i64..90,
        grace in 0i64..400,
    ) {
        // Ends within two days of a boundary between two statuses.
        let end = today.add_days([0, soon, -grace, -1][boundary] + jitter);
        let policy = Policy { due_soon_days: soon, grace_days: grace };
        let s = dues::status(Some(end), today, policy);
        for other in Status::ALL {
            let inside = dues::paid_until_range(other, today, policy).is_some_and(|(a, b)| a <= end && end <= b);
            prop_assert_eq!(inside, other == s, "{:?} vs {:?} for end {} today {}", other, s, end, today);
        }
    }

    /// Whatever day the job runs, an offset is due on at most `catch_up + 1`
    /// consecutive days, and on its own day.
    #[test]
    fn reminders_are_due_from_their_day(end in any_date(), offset in -365i64..=365, catch_up in 0i64..10) {
        let offsets = dues::ReminderOffsets(vec![offset]);
        let day = end.add_days(offset);
        prop_assert_eq!(offsets.due(end, day, catch_up), vec![offset]);
        prop_assert!(offsets.due(end, day.add_days(-1), catch_up).is_empty());
        prop_assert!(offsets.due(end, day.add_days(catch_up + 1), catch_up).is_empty());
    }
}
