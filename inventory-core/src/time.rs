//! Time: timestamps, UTC calendar arithmetic (days since the epoch, civil dates and ISO 8601
//! weeks) and the periods that series are bucketed by.
//!
//! This module sits below everything else: the ledger, costing, policy math, forecasting
//! and purchasing all read time through it, and it knows nothing of any of them.

use serde::{Deserialize, Serialize};

use crate::error::LedgerError;

/// A point in time: **whole seconds since the Unix epoch, UTC** (1970-01-01T00:00:00Z).
///
/// Days and ISO weeks (for demand history) are taken in UTC.
pub type Timestamp = i64;

/// The earliest accepted timestamp: 0001-01-01T00:00:00Z.
pub const MIN_TIMESTAMP: Timestamp = -62_135_596_800;
/// The latest accepted timestamp: 9999-12-31T23:59:59Z.
pub const MAX_TIMESTAMP: Timestamp = 253_402_300_799;

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// The day number (days since 1970-01-01, UTC) of a timestamp.
pub fn day_of(time: Timestamp) -> i64 {
    time.div_euclid(SECONDS_PER_DAY)
}

/// Day of the week of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The day number of the Monday starting the ISO week that contains `day`.
pub fn week_start(day: i64) -> i64 {
    day - weekday(day)
}

/// The civil date (year, month 1-12, day 1-31) of a day number (proleptic Gregorian).
///
/// Howard Hinnant's `civil_from_days` algorithm.
pub fn civil_from_days(day: i64) -> (i64, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number of a civil date (proleptic Gregorian); Hinnant's `days_from_civil`.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ISO 8601 week-numbering year and week (1-53) of a day number.
pub fn iso_week(day: i64) -> (i64, u32) {
    // The ISO year is the year of the Thursday of the same week.
    let thursday = week_start(day) + 3;
    let (year, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(year, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    (year, week as u32)
}

/// `YYYY-MM-DD` for a day number.
pub fn date_label(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-Www` (ISO week) for a day number.
pub fn week_label(day: i64) -> String {
    let (y, w) = iso_week(day);
    format!("{y:04}-W{w:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(weekday(0), 3); // Thursday
                                   // 2026-11-27 is a Friday; 20784 days after the epoch (checked with `date -d`).
        assert_eq!(days_from_civil(2026, 11, 27), 20_784);
        assert_eq!(weekday(20_784), 4);
        assert_eq!(week_label(20_784), "2026-W48");
        // ISO edge cases: 2021-01-03 (Sunday) is in 2020-W53; 2024-12-30 (Monday) is 2025-W01.
        assert_eq!(week_label(days_from_civil(2021, 1, 3)), "2020-W53");
        assert_eq!(week_label(days_from_civil(2024, 12, 30)), "2025-W01");
        assert_eq!(date_label(days_from_civil(2000, 2, 29)), "2000-02-29");
        assert_eq!(day_of(-1), -1);
    }

    #[test]
    fn round_trip_many_days() {
        for day in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }
}

/// Bucket size of a demand history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// UTC calendar days.
    Day,
    /// ISO 8601 weeks (Monday to Sunday, UTC).
    Week,
}

impl std::str::FromStr for Period {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "day" | "daily" => Ok(Period::Day),
            "week" | "weekly" => Ok(Period::Week),
            _ => Err(LedgerError::InvalidInput {
                message: format!("unknown period {s:?} (expected day or week)"),
            }),
        }
    }
}
