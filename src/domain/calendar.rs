//! Business dates: the dossier's timezone and cutoff decide which day a moment belongs to.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// How a dossier turns a moment into a business date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub timezone: Tz,
    /// The business day starts at this local wall-clock time.
    pub cutoff: NaiveTime,
}

impl BusinessCalendar {
    /// The business date of a moment: its local wall-clock time minus the cutoff.
    /// Wall-clock arithmetic keeps the cutoff at 04:00 local also on DST days
    /// (a ticket at 03:30 on the spring-forward night is still the previous day).
    pub fn business_date(&self, at: &DateTime<FixedOffset>) -> NaiveDate {
        let local = at.with_timezone(&self.timezone).naive_local();
        let since_midnight = self.cutoff - NaiveTime::MIN;
        (local - since_midnight).date()
    }

    /// Today's business date at the moment `now`.
    pub fn today(&self, now: DateTime<chrono::Utc>) -> NaiveDate {
        self.business_date(&now.with_timezone(&FixedOffset::east_opt(0).expect("zero offset")))
    }

    /// The moment a business date starts (for drill-down and exports).
    pub fn start_of(&self, date: NaiveDate) -> Option<DateTime<Tz>> {
        let naive = date.and_time(self.cutoff);
        self.timezone.from_local_datetime(&naive).earliest().or_else(|| {
            // The cutoff falls in a DST gap: the day starts when the clock jumps.
            self.timezone
                .from_local_datetime(&(naive + Duration::hours(1)))
                .earliest()
        })
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
