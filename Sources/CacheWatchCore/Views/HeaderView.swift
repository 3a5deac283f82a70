/// The top line: what runs where.
enum HeaderView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, with: Cell(" ", style: .role(.statusBar)))
        let s = state.session
        var segments = [Segment(" cachewatch ", .statusKey), Segment(" \(s.engine) ", .statusBar)]
        // The sccache in use, once its stats answered (the one in the image, for the container).
        if let version = state.stats.stats?.version { segments.append(Segment("· sccache \(version) ", .statusBar)) }
        for detail in s.details { segments.append(Segment("· \(detail) ", .statusBar)) }
        if let cache = s.cache, !cache.isLocalDisk { segments.append(Segment("· cache: \(cache.summary) ", .statusBar)) }
        if let farm = state.farm {
            // A narrow terminal keeps the farm's numbers, not its scheduler's URL.
            let text = farm.summary(
                running: state.phase.isActive, packaging: state.crates.parser.packagingToolchain, compact: rect.width < 120)
            segments.append(Segment("· \(text) ", .statusBar))
        }
        segments.append(Segment("· \(s.project) ", .statusBar))
        segments.append(Segment("· \(s.command)", .statusBar))
        screen.put(segments, x: rect.x, y: rect.y, width: rect.width)
    }
}
