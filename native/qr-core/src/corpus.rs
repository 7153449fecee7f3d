//! Shared test and benchmark texts.

/// The study's load texts: its load generator rotated over these ten URLs. The benchmark, the
/// tests of every tier and the HTTP load runs use them so their figures compare with the study's.
///
/// The single source is `data/study-urls.txt`, one URL per line, which the .NET tests and
/// benchmarks and the wrk scripts read too.
pub fn study_urls() -> Vec<&'static str> {
    include_str!("../data/study-urls.txt")
        .lines()
        .filter(|line| !line.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_study_has_ten_urls() {
        let urls = study_urls();
        assert_eq!(urls.len(), 10);
        assert!(urls.iter().all(|url| url.starts_with("https://") && url.trim() == *url));
    }
}
