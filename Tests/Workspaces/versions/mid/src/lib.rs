pub fn two() -> u32 {
    base::one() + 1
}
