//! The hosts a source names: the fetcher sends nothing anywhere else, redirects included.

use url::Url;

/// Hosts (with their port) the fetcher may talk to.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    origins: Vec<(String, u16)>,
}

impl AllowList {
    /// An allow-list of the hosts of these URLs.
    pub fn of<'a>(urls: impl IntoIterator<Item = &'a Url>) -> Self {
        let mut list = AllowList::default();
        for url in urls {
            list.add(url);
        }
        list
    }

    /// Adds the host of `url`.
    pub fn add(&mut self, url: &Url) {
        if let Some(origin) = origin_of(url)
            && !self.origins.contains(&origin)
        {
            self.origins.push(origin);
        }
    }

    /// Whether `url`'s host and port are on the list.
    pub fn allows(&self, url: &Url) -> bool {
        matches!(url.scheme(), "http" | "https")
            && origin_of(url).is_some_and(|o| self.origins.contains(&o))
    }

    /// The hosts, for messages.
    pub fn hosts(&self) -> String {
        self.origins.iter().map(|(h, p)| format!("{h}:{p}")).collect::<Vec<_>>().join(", ")
    }
}

/// A URL's host, lower-cased, and port (the scheme's default when none is written).
pub fn origin_of(url: &Url) -> Option<(String, u16)> {
    Some((url.host_str()?.to_ascii_lowercase(), url.port_or_known_default()?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_hosts_and_ports_are_allowed() {
        let list =
            AllowList::of([&Url::parse("https://www.imdb.com/event/ev0000147/2024/1/").unwrap()]);
        assert!(list.allows(&Url::parse("https://WWW.IMDB.COM/robots.txt").unwrap()));
        assert!(!list.allows(&Url::parse("https://www.imdb.com:8443/x").unwrap()));
        assert!(!list.allows(&Url::parse("https://evil.example/x").unwrap()));
        assert!(!list.allows(&Url::parse("http://169.254.169.254/latest").unwrap()));
        assert!(!list.allows(&Url::parse("file:///etc/passwd").unwrap()));
    }
}
