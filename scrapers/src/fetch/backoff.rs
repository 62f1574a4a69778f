//! Pauses between attempts: exponential with jitter, or what the server's `Retry-After` asks.

use std::time::{Duration, SystemTime};

/// The pause before attempt `next` (2 for the first retry): `base · 2^(next-2)`, capped at `max`,
/// plus up to a quarter more at random so that clients do not retry in step.
pub fn delay(base: Duration, max: Duration, next: u32) -> Duration {
    let doublings = next.saturating_sub(2).min(20);
    let exp = base.saturating_mul(1u32 << doublings).min(max);
    exp + exp.mul_f64(fastrand::f64() * 0.25)
}

/// The pause a `Retry-After` header asks for: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_cap_with_at_most_a_quarter_of_jitter() {
        let (base, max) = (Duration::from_millis(100), Duration::from_millis(1000));
        for (next, exp) in [(2, 100), (3, 200), (4, 400), (5, 800), (6, 1000), (30, 1000)] {
            for _ in 0..50 {
                let d = delay(base, max, next).as_millis();
                assert!((exp..=exp * 5 / 4).contains(&d), "attempt {next}: {d} ms");
            }
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(retry_after(" 3 ", now), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
    }
}
