//! Business dates: the dossier's timezone and cutoff decide which day a moment belongs to.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// How a dossier turns a moment into a business date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub timezone: Tz,
    /// The business day starts at this local wall-clock time.
    pub cutoff: NaiveTime,
}

impl BusinessCalendar {
    /// The business date of a moment: the day whose start ([`BusinessCalendar::start_of`],
    /// the first moment the local clock shows the cutoff) is the latest at or before it, so
    /// that a later moment is never on an earlier day (decision 80). Away from a change of
    /// the clock that is the local wall-clock time minus the cutoff (a ticket at 03:30 on
    /// the spring-forward night is still the previous day).
    pub fn business_date(&self, at: &DateTime<FixedOffset>) -> NaiveDate {
        let local = at.with_timezone(&self.timezone).naive_local();
        let since_midnight = self.cutoff - NaiveTime::MIN;
        let guess = (local - since_midnight).date();
        // Only near the cutoff can a change of the clock move the day's start past it.
        let near = (local.time() - self.cutoff).num_minutes().abs() <= 180
            || (local.time() - self.cutoff).num_minutes().abs() >= 24 * 60 - 180;
        if !near {
            return guess;
        }
        if self.start_of(guess).is_some_and(|s| *at < s) {
            return guess.pred_opt().unwrap_or(guess);
        }
        match guess.succ_opt() {
            Some(next) if self.start_of(next).is_some_and(|s| *at >= s) => next,
            _ => guess,
        }
    }

    /// What the date basis of a store names beside the zone and the cutoff: with a cutoff
    /// in the hours a clock change can fall on, dates follow the day's first start
    /// (decision 80), which may differ from the wall-clock rule of earlier versions.
    pub fn basis_rule(&self) -> &'static str {
        let h = self.cutoff.hour();
        if (1..4).contains(&h) {
            "|first-start"
        } else {
            ""
        }
    }

    /// Today's business date at the moment `now`.
    pub fn today(&self, now: DateTime<chrono::Utc>) -> NaiveDate {
        self.business_date(&now.with_timezone(&FixedOffset::east_opt(0).expect("zero offset")))
    }

    /// The moment a business date starts: the first moment the local clock shows the cutoff
    /// (the earlier of two when the clock is set back), or, when the clock skips it, the
    /// moment it jumps past it.
    pub fn start_of(&self, date: NaiveDate) -> Option<DateTime<Tz>> {
        let naive = date.and_time(self.cutoff);
        if let Some(t) = self.timezone.from_local_datetime(&naive).earliest() {
            return Some(t);
        }
        // In a gap: from the last moment before it, the first minute the clock shows the
        // cutoff or later (a gap is at most a few hours).
        let before = (1..=4).find_map(|h| {
            self.timezone
                .from_local_datetime(&(naive - Duration::hours(h)))
                .earliest()
        })?;
        let mut t = before;
        for _ in 0..(5 * 60) {
            if t.naive_local() >= naive {
                return Some(t);
            }
            t += Duration::minutes(1);
        }
        None
    }
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        BusinessCalendar {
            timezone: chrono_tz::Europe::Brussels,
            cutoff: NaiveTime::from_hms_opt(4, 0, 0).expect("valid time"),
        }
    }
}

/// Every date from `from` through `to`, both included.
pub fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ticket_at_0130_belongs_to_the_previous_business_day() {
        let cal = BusinessCalendar::default();
        assert_eq!(cal.business_date(&at("2026-03-03T01:30:00+01:00")), d("2026-03-02"));
        assert_eq!(cal.business_date(&at("2026-03-03T03:59:59+01:00")), d("2026-03-02"));
        assert_eq!(cal.business_date(&at("2026-03-03T04:00:00+01:00")), d("2026-03-03"));
    }

    /// Decision 80: at both changes of the clock, for every cutoff, a day starts at the
    /// first moment the clock shows the cutoff, and a later moment is never on an earlier day.
    #[test]
    fn days_follow_their_first_start_at_both_changes_of_the_clock() {
        let cutoff = |hm: &str| BusinessCalendar {
            timezone: chrono_tz::Europe::Brussels,
            cutoff: NaiveTime::parse_from_str(hm, "%H:%M").unwrap(),
        };
        // (cutoff, the UTC start of the changed day) in spring (2026-03-29, 02:00 CET → 03:00
        // CEST) and autumn (2026-10-25, 03:00 CEST → 02:00 CET).
        let starts = [
            ("00:00", "2026-03-28T23:00:00Z", "2026-10-24T22:00:00Z"),
            ("02:00", "2026-03-29T01:00:00Z", "2026-10-25T00:00:00Z"),
            ("02:30", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z"),
            ("03:00", "2026-03-29T01:00:00Z", "2026-10-25T02:00:00Z"),
            ("04:00", "2026-03-29T02:00:00Z", "2026-10-25T03:00:00Z"),
        ];
        for (hm, spring, autumn) in starts {
            let cal = cutoff(hm);
            for (day, start) in [("2026-03-29", spring), ("2026-10-25", autumn)] {
                let start = at(start);
                assert_eq!(cal.start_of(d(day)).unwrap().fixed_offset(), start, "{hm} {day}");
                assert_eq!(cal.business_date(&start), d(day), "{hm}: the start of {day}");
                let before = start - Duration::seconds(1);
                assert_eq!(
                    cal.business_date(&before),
                    d(day).pred_opt().unwrap(),
                    "{hm}: just before {day}"
                );
            }
            // Minute by minute over both nights: the business date never goes back.
            for night in ["2026-03-28T20:00:00Z", "2026-10-24T20:00:00Z"] {
                let mut t = at(night);
                let mut last = cal.business_date(&t);
                for _ in 0..(12 * 60) {
                    t += Duration::minutes(1);
                    let now = cal.business_date(&t);
                    assert!(now >= last, "{hm}: {t} is on {now}, before {last}");
                    last = now;
                }
            }
        }
        // The case that was wrong: cutoff 02:30, sales at 02:00–02:29 +01:00 on the autumn
        // night (after 10-25 began at 02:30 +02:00) belong to 10-25.
        let cal = cutoff("02:30");
        assert_eq!(cal.business_date(&at("2026-10-25T02:10:00+01:00")), d("2026-10-25"));
        assert_eq!(cal.business_date(&at("2026-10-25T02:10:00+02:00")), d("2026-10-24"));
        assert_eq!(cal.business_date(&at("2026-10-25T00:31:00Z")), d("2026-10-25"));
        assert_eq!(cal.business_date(&at("2026-10-25T01:29:00Z")), d("2026-10-25"));
    }

    #[test]
    fn offsets_are_converted_to_the_dossier_timezone() {
        let cal = BusinessCalendar::default();
        // 02:30 UTC is 03:30 in Brussels in winter: still the previous day.
        assert_eq!(cal.business_date(&at("2026-03-03T02:30:00Z")), d("2026-03-02"));
        assert_eq!(cal.business_date(&at("2026-03-03T03:00:00Z")), d("2026-03-03"));
    }

    #[test]
    fn dst_spring_forward_keeps_the_wall_clock_cutoff() {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
        let cal = BusinessCalendar::default();
        assert_eq!(cal.business_date(&at("2026-03-29T03:30:00+02:00")), d("2026-03-28"));
        assert_eq!(cal.business_date(&at("2026-03-29T04:00:00+02:00")), d("2026-03-29"));
        // 03:00 CEST = 01:00 UTC, one hour before the cutoff.
        assert_eq!(cal.business_date(&at("2026-03-29T01:59:59Z")), d("2026-03-28"));
        assert_eq!(cal.business_date(&at("2026-03-29T02:00:00Z")), d("2026-03-29"));
    }

    #[test]
    fn dst_fall_back_keeps_the_wall_clock_cutoff() {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 04:00 CET is 03:00 UTC.
        let cal = BusinessCalendar::default();
        assert_eq!(cal.business_date(&at("2026-10-25T02:59:59Z")), d("2026-10-24"));
        assert_eq!(cal.business_date(&at("2026-10-25T03:00:00Z")), d("2026-10-25"));
    }

    #[test]
    fn midnight_cutoff_is_the_calendar_date() {
        let cal = BusinessCalendar {
            cutoff: NaiveTime::MIN,
            ..BusinessCalendar::default()
        };
        assert_eq!(cal.business_date(&at("2026-03-03T00:00:00+01:00")), d("2026-03-03"));
    }
}
