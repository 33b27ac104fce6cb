//! Points in time as stored in the progress file (RFC 3339, whole seconds, UTC)
//! and shown to the user (a local date).

use std::fmt;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(Timestamp);

impl Stamp {
    pub fn now() -> Stamp {
        Stamp::from_unix(Timestamp::now().as_second())
    }

    /// Seconds since the Unix epoch; out-of-range values are clamped.
    pub fn from_unix(secs: i64) -> Stamp {
        let secs = secs.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        Stamp(Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH))
    }

    pub fn as_unix(self) -> i64 {
        self.0.as_second()
    }

    /// The calendar date in `tz`, as `2026-11-29`.
    pub fn date(self, tz: &TimeZone) -> String {
        tz.to_datetime(self.0).date().to_string()
    }

    /// The calendar day in `tz`.
    pub fn day(self, tz: &TimeZone) -> jiff::civil::Date {
        tz.to_datetime(self.0).date()
    }

    /// The last second of this moment's day in `tz`.
    #[must_use]
    pub fn end_of_day(self, tz: &TimeZone) -> Stamp {
        tz.to_timestamp(self.day(tz).at(23, 59, 59, 0))
            .map_or(self, |t| Stamp::from_unix(t.as_second()))
    }

    /// The date and time in `tz`, to the minute: `2026-11-29 10:15`.
    pub fn minute(self, tz: &TimeZone) -> String {
        tz.to_datetime(self.0)
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// The start of day `date` (`2026-11-29`) in `tz`, or the moment
    /// `text` names in any form [`Stamp`] reads.
    pub fn day_start_or_moment(text: &str, tz: &TimeZone) -> Result<Stamp, String> {
        match text.trim().parse::<jiff::civil::Date>() {
            Ok(day) if text.trim().len() == "2026-01-31".len() => tz
                .to_timestamp(day.at(0, 0, 0, 0))
                .map(|t| Stamp::from_unix(t.as_second()))
                .map_err(|e| e.to_string()),
            _ => text.parse(),
        }
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for Stamp {
    type Err = String;

    /// RFC 3339 as written by roadmap-tui, and what a person writes by
    /// hand: seconds left out (`2026-01-01T10:00Z`), no offset (read as UTC),
    /// a space for the `T`, or a date alone (`2026-01-01`, read as noon UTC,
    /// which is that same date in nearly every time zone).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let stamp = if text.len() == "2026-01-31".len() {
            text.parse::<jiff::civil::Date>()
                .and_then(|day| TimeZone::UTC.to_timestamp(day.at(12, 0, 0, 0)))
        } else {
            text.parse::<Timestamp>().or_else(|_| {
                text.parse::<jiff::civil::DateTime>()
                    .and_then(|at| TimeZone::UTC.to_timestamp(at))
            })
        };
        stamp.map(|t| Stamp::from_unix(t.as_second())).map_err(|_| {
            format!("invalid date-time `{s}`: write it as 2026-01-31T10:00:00Z or 2026-01-31")
        })
    }
}

/// When something happens, on both clocks: the monotonic instant timers
/// count from, and the stamp written into the progress. The event loop reads
/// it once per action; tests make their own and move it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub instant: Instant,
    pub stamp: Stamp,
}

impl Now {
    /// The time on the system's clocks.
    pub fn real() -> Now {
        Now {
            instant: Instant::now(),
            stamp: Stamp::now(),
        }
    }

    /// This moment `by` later on both clocks (the stamp in whole seconds).
    #[must_use]
    pub fn later(self, by: Duration) -> Now {
        let secs = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        Now {
            instant: self.instant + by,
            stamp: Stamp::from_unix(self.stamp.as_unix().saturating_add(secs)),
        }
    }
}

/// Written as text, as in the files people read (TOML, JSON).
impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StampVisitor)
    }
}

/// A date-time written as a string, or (hand-edited) as a bare TOML date-time.
struct StampVisitor;

impl<'de> serde::de::Visitor<'de> for StampVisitor {
    type Value = Stamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date-time such as \"2026-11-29T10:00:00Z\"")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Stamp, E> {
        s.parse().map_err(E::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Stamp, A::Error> {
        let datetime =
            toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        datetime
            .to_string()
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The user's time zone, for showing dates.
pub fn local_time_zone() -> TimeZone {
    // With `TZ` set, let jiff resolve the name.
    if std::env::var_os("TZ").is_some() {
        return TimeZone::system();
    }
    // Otherwise read /etc/localtime ourselves: jiff maps the symlink to a
    // zone name by scanning the whole zone database, milliseconds at start-up.
    std::fs::read("/etc/localtime")
        .ok()
        .and_then(|bytes| TimeZone::tzif("Local", &bytes).ok())
        .unwrap_or_else(TimeZone::system)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_written_toml_date_time_is_accepted() {
        #[derive(Deserialize)]
        struct T {
            at: Stamp,
        }
        let t: T = toml::from_str("at = 2026-11-18T11:06:40Z").unwrap();
        assert_eq!(t.at, Stamp::from_unix(1_795_000_000));
        let noon: Stamp = "2026-11-18T12:00:00Z".parse().unwrap();
        for day in ["at = 2026-11-18", "at = \"2026-11-18\""] {
            let t: T = toml::from_str(day).unwrap_or_else(|e| panic!("{day}: {e}"));
            assert_eq!(t.at, noon, "{day}");
        }
    }

    #[test]
    fn hand_written_times_without_seconds_or_offset_are_read_as_utc() {
        let at = Stamp::from_unix(1_795_000_000 - 40);
        for text in [
            "2026-11-18T11:06Z",
            "2026-11-18T11:06",
            "2026-11-18 11:06",
            "2026-11-18T11:06:00",
            " 2026-11-18T11:06:00+00:00 ",
        ] {
            assert_eq!(text.parse::<Stamp>(), Ok(at), "{text}");
        }
        for bad in ["2026-13-01", "2026-11-18T25:00", "18/11/2026", ""] {
            let e = bad.parse::<Stamp>().unwrap_err();
            assert!(e.contains("2026-01-31"), "{bad}: {e}");
        }
    }

    #[test]
    fn stamps_round_trip_through_their_text() {
        let s = Stamp::from_unix(1_795_000_000);
        let text = s.to_string();
        assert_eq!(text, "2026-11-18T11:06:40Z");
        assert_eq!(text.parse::<Stamp>().unwrap(), s);
        assert_eq!(s.date(&TimeZone::UTC), "2026-11-18");
        assert!("yesterday".parse::<Stamp>().is_err());
    }
}
