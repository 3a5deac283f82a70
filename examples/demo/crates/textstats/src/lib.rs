//! Library crate with a heavy dependency (regex): cacheable by sccache.
use regex::Regex;
use std::collections::BTreeMap;

/// Counts words, case-insensitively.
pub fn word_counts(text: &str) -> BTreeMap<String, usize> {
    let word = Regex::new(r"[A-Za-z']+").expect("valid pattern");
    let mut counts = BTreeMap::new();
    for m in word.find_iter(text) {
        *counts.entry(m.as_str().to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Lines that look like cargo's `Compiling name vX.Y.Z` messages.
pub fn compiled_crates(log: &str) -> Vec<(String, String)> {
    let line = Regex::new(r"(?m)^\s*Compiling (\S+) v(\S+)").expect("valid pattern");
    line.captures_iter(log)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect()
}
