/// The `?` overlay: every key binding with its help text, from the keymap.
enum HelpOverlay {
    static func render(_ keymap: Keymap, scope: KeyScope, into screen: inout Screen, glyphs: Glyphs) {
        let bindings = keymap.bindings(in: scope)
        let keyWidth = bindings.map { CharacterWidth.of($0.keyLabel) }.max() ?? 0
        let helpWidth = bindings.map { CharacterWidth.of($0.help) }.max() ?? 0
        let width = min(screen.width - 2, keyWidth + helpWidth + 7)
        let height = min(screen.height - 2, bindings.count + 4)
        let rect = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        let content = screen.box(rect, title: [Segment("Keys", .paneTitle(focused: true))], focused: true, glyphs: glyphs)
        screen.fill(content, with: Cell(" ", style: .role(.overlay)))
        for (i, binding) in bindings.enumerated() where i < content.height - 1 {
            let y = content.y + i
            screen.put(binding.keyLabel, x: content.x + 1, y: y, style: .role(.statusKey), limit: content.maxX)
            screen.putTruncated(
                binding.help, x: content.x + keyWidth + 3, y: y, width: content.maxX - content.x - keyWidth - 3,
                style: .role(.overlay))
        }
        screen.put("any key closes", x: content.x + 1, y: content.maxY - 1, style: .role(.muted), limit: content.maxX)
    }
}
