//! Library crate with a parallel Monte Carlo estimate: cacheable by sccache.
use geometry::Polygon;
use rand::{rngs::StdRng, Rng, SeedableRng};
use rayon::prelude::*;

/// Estimates the share of the unit square covered by `shape`'s bounding box, in parallel.
pub fn coverage(shape: &Polygon, samples: usize, seed: u64) -> f64 {
    let (min_x, max_x) = bounds(shape.points.iter().map(|p| p.x));
    let (min_y, max_y) = bounds(shape.points.iter().map(|p| p.y));
    let inside: usize = (0..8u64)
        .into_par_iter()
        .map(|chunk| {
            let mut rng = StdRng::seed_from_u64(seed ^ chunk);
            (0..samples / 8)
                .filter(|_| {
                    let (x, y): (f64, f64) = (rng.gen(), rng.gen());
                    x >= min_x && x <= max_x && y >= min_y && y <= max_y
                })
                .count()
        })
        .sum();
    inside as f64 / samples.max(1) as f64
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
}
