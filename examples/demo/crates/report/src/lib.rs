//! Library crate joining the others: cacheable by sccache.
use anyhow::{Context, Result};
use geometry::Polygon;
use serde::Serialize;

#[derive(Serialize)]
pub struct Summary {
    pub shapes: usize,
    pub total_area: f64,
    pub top_words: Vec<(String, usize)>,
}

pub fn summarize(shapes_json: &str, text: &str) -> Result<Summary> {
    let shapes: Vec<Polygon> = serde_json::from_str(shapes_json).context("parsing shapes")?;
    let mut words: Vec<(String, usize)> = textstats::word_counts(text).into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words.truncate(3);
    Ok(Summary {
        shapes: shapes.len(),
        total_area: shapes.iter().map(Polygon::area).sum(),
        top_words: words,
    })
}

pub fn to_json(summary: &Summary) -> Result<String> {
    serde_json::to_string_pretty(summary).context("writing summary")
}
