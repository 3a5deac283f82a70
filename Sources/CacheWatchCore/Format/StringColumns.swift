extension String {
    func padding(to width: Int) -> String {
        let w = CharacterWidth.of(self)
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }

    func leftPadded(to width: Int) -> String {
        let w = CharacterWidth.of(self)
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
