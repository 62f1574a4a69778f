//! robots.txt, read once per host and run (RFC 9309): a 4xx answer allows everything, an
//! unreachable file or a 5xx forbids everything until the next run.

use texting_robots::Robot;
use url::Url;

/// What a host's robots.txt lets this crawler do.
#[derive(Debug)]
pub enum RobotsRules {
    /// No robots.txt (a 4xx): nothing is forbidden.
    AllowAll,
    /// robots.txt could not be read (5xx, network): nothing may be fetched.
    DisallowAll(String),
    /// The parsed rules for this crawler's token.
    Rules(Box<Robot>),
}

impl RobotsRules {
    /// Reads a robots.txt body for `token`; an unparsable file allows everything, as a missing one.
    pub fn parse(token: &str, body: &[u8]) -> Self {
        match Robot::new(token, body) {
            Ok(robot) => RobotsRules::Rules(Box::new(robot)),
            Err(e) => {
                tracing::warn!(error = %e, "robots.txt unparsable; treated as absent");
                RobotsRules::AllowAll
            }
        }
    }

    /// Whether `url` may be fetched, and if not, why.
    pub fn check(&self, url: &Url) -> Result<(), String> {
        match self {
            RobotsRules::AllowAll => Ok(()),
            RobotsRules::DisallowAll(why) => Err(format!("robots.txt unavailable ({why})")),
            RobotsRules::Rules(robot) if robot.allowed(url.as_str()) => Ok(()),
            RobotsRules::Rules(_) => Err(format!("robots.txt disallows {}", url.path())),
        }
    }

    /// The Crawl-delay asked for, in seconds.
    pub fn crawl_delay(&self) -> Option<f32> {
        match self {
            RobotsRules::Rules(robot) => robot.delay.filter(|d| d.is_finite() && *d > 0.0),
            _ => None,
        }
    }
}

/// The robots.txt URL of `url`'s host.
pub fn robots_url(url: &Url) -> Option<Url> {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    Some(robots).filter(|r| r.has_host())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_the_token_decide_and_crawl_delay_is_read() {
        let rules = RobotsRules::parse(
            "EgaliteBot",
            b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: OtherBot\nDisallow: /\n",
        );
        assert!(rules.check(&Url::parse("http://h/event/1").unwrap()).is_ok());
        let refused = rules.check(&Url::parse("http://h/private/x").unwrap()).unwrap_err();
        assert!(refused.contains("/private/x"), "{refused}");
        assert_eq!(rules.crawl_delay(), Some(2.0));
        assert!(
            RobotsRules::DisallowAll("503".into())
                .check(&Url::parse("http://h/").unwrap())
                .is_err()
        );
    }

    #[test]
    fn the_robots_url_is_at_the_host_root() {
        let u = Url::parse("https://www.imdb.com:8443/event/ev1/2024/1/?x=1#y").unwrap();
        assert_eq!(robots_url(&u).unwrap().as_str(), "https://www.imdb.com:8443/robots.txt");
    }
}
