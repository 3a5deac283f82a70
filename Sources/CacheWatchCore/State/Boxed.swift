/// A value kept out of line, copied on write: a state holding it copies one reference, not the value, so the big
/// parts that change rarely (the history browser, the run records) cost nothing when the state is copied to be drawn.
@propertyWrapper
public struct Boxed<Value> {
    private final class Storage: @unchecked Sendable {
        // Never written while shared: `wrappedValue`'s setter copies first (so sending it is safe).
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    public init(wrappedValue: Value) {
        storage = Storage(wrappedValue)
    }

    public var wrappedValue: Value {
        get { storage.value }
        set {
            if isKnownUniquelyReferenced(&storage) { storage.value = newValue } else { storage = Storage(newValue) }
        }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }
}

extension Boxed: Sendable where Value: Sendable {}
