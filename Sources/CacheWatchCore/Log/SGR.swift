/// Applies ANSI "Select Graphic Rendition" parameters (the `m` escape) to a style.
enum SGR {
    static func apply(_ parameters: ArraySlice<Int>, to style: inout TextStyle) {
        if parameters.isEmpty {
            style = .plain
            return
        }
        var index = parameters.startIndex
        while index < parameters.endIndex {
            let p = parameters[index]
            switch p {
            case 0: style = .plain
            case 1: style.bold = true
            case 2: style.dim = true
            case 3: style.italic = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 21, 22:
                style.bold = false
                style.dim = false
            case 23: style.italic = false
            case 24: style.underline = false
            case 27: style.reverse = false
            case 30...37: style.foreground = .palette(UInt8(p - 30))
            case 39: style.foreground = .standard
            case 40...47: style.background = .palette(UInt8(p - 40))
            case 49: style.background = .standard
            case 90...97: style.foreground = .palette(UInt8(p - 90 + 8))
            case 100...107: style.background = .palette(UInt8(p - 100 + 8))
            case 38, 48:
                let (color, used) = extendedColor(parameters, from: index + 1)
                if let color {
                    if p == 38 { style.foreground = color } else { style.background = color }
                }
                index += used
            default: break
            }
            index += 1
        }
    }

    /// Reads `5;n` (palette) or `2;r;g;b` (true colour, mapped to the 6x6x6 cube); returns the colour and parameters used.
    private static func extendedColor(_ p: ArraySlice<Int>, from i: Int) -> (Color?, Int) {
        guard i < p.endIndex else { return (nil, 0) }
        if p[i] == 5, i + 1 < p.endIndex {
            return (.palette(UInt8(clamping: p[i + 1])), 2)
        }
        if p[i] == 2, i + 3 < p.endIndex {
            let cube = { (v: Int) in (min(max(v, 0), 255) * 5 + 127) / 255 }
            let index = 16 + 36 * cube(p[i + 1]) + 6 * cube(p[i + 2]) + cube(p[i + 3])
            return (.palette(UInt8(index)), 4)
        }
        return (nil, 1)
    }
}
