//! What the activity log adds up to, day by day: how much was done each day,
//! streaks of days with any activity, and skills done each month.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::log::LogEntry;

/// How many changes were made on each day (in `tz`).
pub fn per_day(log: &[LogEntry], tz: &TimeZone) -> BTreeMap<Date, usize> {
    let mut days = BTreeMap::new();
    for entry in log {
        *days.entry(entry.at.day(tz)).or_insert(0) += 1;
    }
    days
}

/// The current streak (days in a row with activity, up to today, or up to
/// yesterday while today has none yet) and the longest one.
pub fn streaks(days: &BTreeMap<Date, usize>, today: Date) -> (usize, usize) {
    let active: BTreeSet<Date> = days
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(d, _)| *d)
        .collect();
    let mut longest = 0;
    let mut run = 0;
    let mut last: Option<Date> = None;
    for &day in &active {
        run = match last {
            Some(prev) if prev.tomorrow().ok() == Some(day) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        last = Some(day);
    }
    let mut current = 0;
    let mut day = if active.contains(&today) {
        Some(today)
    } else {
        today.yesterday().ok()
    };
    while let Some(d) = day.filter(|d| active.contains(d)) {
        current += 1;
        day = d.yesterday().ok();
    }
    (current, longest)
}

/// Skills marked done in each of the last `months` months up to `today`'s,
/// oldest first, as (month's short name, count); a skill done twice in a
/// month counts once.
pub fn done_per_month(
    log: &[LogEntry],
    tz: &TimeZone,
    today: Date,
    months: usize,
) -> Vec<(String, u64)> {
    let first = (0..months.saturating_sub(1)).fold(today.first_of_month(), |d, _| {
        d.yesterday().map_or(d, jiff::civil::Date::first_of_month)
    });
    let mut done: BTreeMap<Date, BTreeSet<&str>> = BTreeMap::new();
    for entry in log
        .iter()
        .filter(|e| e.kind == "status" && e.to.as_deref() == Some("done"))
    {
        let month = entry.at.day(tz).first_of_month();
        if month >= first {
            done.entry(month).or_default().insert(entry.skill.as_str());
        }
    }
    let mut out = Vec::new();
    let mut month = first;
    for _ in 0..months {
        let label = month.strftime("%b").to_string();
        out.push((label, done.get(&month).map_or(0, |s| s.len() as u64)));
        month = month.last_of_month().tomorrow().unwrap_or(month);
    }
    out
}
