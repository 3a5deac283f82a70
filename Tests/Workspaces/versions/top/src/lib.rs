pub fn three() -> u32 {
    mid::two() + 1
}

pub fn loud() -> &'static str {
    shout::shout!()
}
