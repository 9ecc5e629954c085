//! Publication dates: read the common spellings into a calendar date, keep anything else raw.
//!
//! Only the calendar date is kept, as written: `2017-03-02T23:30:00-05:00` is `2017-03-02`,
//! not converted to UTC, because the day the outlet printed is what a reader expects. Numeric
//! `a/b/y` dates are read US-style (month first, as DUC and TREC write them) unless the first
//! number cannot be a month.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

/// `YYYY-MM-DD` when `raw` reads as a date, else `raw` trimmed; `None` when `raw` is blank.
pub fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    Some(match parse_date(raw) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => raw.to_string(),
    })
}

/// Read a date written as ISO 8601 (with or without a time), RFC 2822, `March 2, 2017`,
/// `2 March 2017`, `19981016`, `10/16/1998` or `10/16/98`. Text after the date (a time, a
/// weekday, "Home Edition") is ignored.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s,])").expect("valid regex")
    });
    static COMPACT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:$|[T\s])").expect("valid regex"));
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:$|[\s,])").expect("valid regex")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:[a-z]+\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
        )
        .expect("valid regex")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:[a-z]+\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b",
        )
        .expect("valid regex")
    });

    let s = raw.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let num = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    let ymd = |y: u32, m: u32, d: u32| {
        let y = i32::try_from(y).ok()?;
        NaiveDate::from_ymd_opt(y, m, d)
    };

    if let Some(c) = ISO.captures(s).or_else(|| COMPACT.captures(s)) {
        return ymd(num(c.get(1))?, num(c.get(2))?, num(c.get(3))?);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if let Some(c) = NUMERIC.captures(s) {
        let (a, b) = (num(c.get(1))?, num(c.get(2))?);
        let year_text = c.get(3)?.as_str();
        let mut year = year_text.parse::<u32>().ok()?;
        if year_text.len() == 2 {
            year += if year >= 50 { 1900 } else { 2000 };
        }
        let (m, d) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
        return ymd(year, m, d);
    }
    if let Some(c) = MONTH_DAY.captures(s) {
        if let Some(m) = month(c.get(1)?.as_str()) {
            return ymd(num(c.get(3))?, m, num(c.get(2))?);
        }
    }
    if let Some(c) = DAY_MONTH.captures(s) {
        if let Some(m) = month(c.get(2)?.as_str()) {
            return ymd(num(c.get(3))?, m, num(c.get(1))?);
        }
    }
    None
}

/// Month number of an English month name or its usual abbreviation (`Sep`, `Sept`).
fn month(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|full| *full == lower || (lower.len() <= 4 && full.starts_with(lower.as_str())))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The date encoded in a TREC/DUC document number, when its collection has one:
/// `APW19981016.0240`, `APW_ENG_20050304.0001` (`YYYYMMDD`), `AP880212-0001`, `WSJ870324-0001`
/// (`YYMMDD`), `LA010189-0001` (`MMDDYY`).
pub(crate) fn date_from_docno(docno: &str) -> Option<NaiveDate> {
    static EIGHT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[A-Z_])((?:19|20)\d{6})(?:\D|$)").expect("valid regex"));
    static SIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(AP|WSJ|LA)(\d{6})-").expect("valid regex"));
    if let Some(c) = EIGHT.captures(docno) {
        let digits = c.get(1)?.as_str();
        return parse_date(digits);
    }
    let c = SIX.captures(docno)?;
    let d = c.get(2)?.as_str();
    let two = |r: std::ops::Range<usize>| d.get(r).and_then(|x| x.parse::<u32>().ok());
    let year = |yy: u32| i32::try_from(if yy >= 50 { 1900 + yy } else { 2000 + yy }).ok();
    match c.get(1)?.as_str() {
        "LA" => NaiveDate::from_ymd_opt(year(two(4..6)?)?, two(0..2)?, two(2..4)?),
        _ => NaiveDate::from_ymd_opt(year(two(0..2)?)?, two(2..4)?, two(4..6)?),
    }
}

/// `YYMMDD` (FT's `<DATE>910514</DATE>`).
pub(crate) fn parse_yymmdd(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let two = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let yy = two(0..2)?;
    let y = i32::try_from(if yy >= 50 { 1900 + yy } else { 2000 + yy }).ok()?;
    NaiveDate::from_ymd_opt(y, two(2..4)?, two(4..6)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        normalize_date(s)
    }

    #[test]
    fn reads_the_common_spellings() {
        for (raw, want) in [
            ("2017-03-02", "2017-03-02"),
            ("2017-03-02T23:30:00-05:00", "2017-03-02"),
            ("2017-03-02T23:30:00Z", "2017-03-02"),
            ("2017-03-02 12:34", "2017-03-02"),
            ("1998-10-16 12:34", "1998-10-16"),
            ("19981016", "1998-10-16"),
            ("Thu, 02 Mar 2017 18:00:00 +0000", "2017-03-02"),
            ("02 Mar 2017 18:00:00 GMT", "2017-03-02"),
            ("March 2, 2017", "2017-03-02"),
            ("Mar. 2, 2017", "2017-03-02"),
            ("Sept. 8, 2017", "2017-09-08"),
            ("Thursday, March 2, 2017", "2017-03-02"),
            ("2 March 2017", "2017-03-02"),
            ("2nd of March, 2017", "2017-03-02"),
            ("1 March 1994", "1994-03-01"),
            ("January 1, 1989, Sunday, Home Edition", "1989-01-01"),
            ("10/16/1998 12:34:00", "1998-10-16"),
            ("03/24/87", "1987-03-24"),
            ("16/10/1998", "1998-10-16"),
        ] {
            assert_eq!(n(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn keeps_what_it_cannot_read() {
        assert_eq!(n("  last Tuesday "), Some("last Tuesday".to_string()));
        assert_eq!(n("2017-02-30"), Some("2017-02-30".to_string()));
        assert_eq!(n("Foo 2, 2017"), Some("Foo 2, 2017".to_string()));
        assert_eq!(n("   "), None);
    }

    #[test]
    fn docno_dates() {
        let d = |s: &str| date_from_docno(s).map(|d| d.to_string());
        assert_eq!(d("APW19981016.0240").as_deref(), Some("1998-10-16"));
        assert_eq!(d("APW_ENG_20050304.0001").as_deref(), Some("2005-03-04"));
        assert_eq!(d("NYT19980601.0001").as_deref(), Some("1998-06-01"));
        assert_eq!(d("AP880212-0001").as_deref(), Some("1988-02-12"));
        assert_eq!(d("WSJ870324-0001").as_deref(), Some("1987-03-24"));
        assert_eq!(d("LA010189-0001").as_deref(), Some("1989-01-01"));
        assert_eq!(d("FT911-3"), None);
        assert_eq!(
            parse_yymmdd("910514").map(|d| d.to_string()).as_deref(),
            Some("1991-05-14")
        );
    }
}
