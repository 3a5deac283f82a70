//! The binary: sccache never caches binaries (crate-type bin).
use anyhow::Result;
use geometry::{Point, Polygon};

fn main() -> Result<()> {
    let square = Polygon {
        name: "square".into(),
        points: vec![
            Point { x: 0.0, y: 0.0 },
            Point { x: 2.0, y: 0.0 },
            Point { x: 2.0, y: 2.0 },
            Point { x: 0.0, y: 2.0 },
        ],
    };
    let shapes = serde_json_text(&[square]);
    let summary = report::summarize(&shapes, "the cache hits the cache and the build")?;
    println!("{} ({} profile)", Polygon::describe(), env!("DEMO_BUILD_PROFILE"));
    println!("{}", report::to_json(&summary)?);
    println!("coverage {:.2}", simulate::coverage(&square_again(), 10_000, 7));
    Ok(())
}

fn serde_json_text(shapes: &[Polygon]) -> String {
    let parts: Vec<String> = shapes
        .iter()
        .map(|p| {
            let pts: Vec<String> = p.points.iter().map(|q| format!("{{\"x\":{},\"y\":{}}}", q.x, q.y)).collect();
            format!("{{\"name\":\"{}\",\"points\":[{}]}}", p.name, pts.join(","))
        })
        .collect();
    format!("[{}]", parts.join(","))
}

fn square_again() -> Polygon {
    Polygon {
        name: "half".into(),
        points: vec![
            Point { x: 0.0, y: 0.0 },
            Point { x: 0.5, y: 0.0 },
            Point { x: 0.5, y: 1.0 },
            Point { x: 0.0, y: 1.0 },
        ],
    }
}
