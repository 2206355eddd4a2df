import PerimeterModel

/// Resolves `ObjectRef`s the same way everywhere: a `.key` names an object's key; an `.external`
/// cloud ID matches the object that has that ID.
struct ObjectLookup<Object> {
    private var byKey: [String: Object] = [:]
    private var byID: [String: Object] = [:]

    init(_ objects: [Object], key: (Object) -> String, id: (Object) -> String?) {
        for object in objects {
            byKey[key(object)] = byKey[key(object)] ?? object
            if let id = id(object) { byID[id] = byID[id] ?? object }
        }
    }

    func resolve(_ ref: ObjectRef?) -> Object? {
        switch ref {
        case .key(let key)?: byKey[key] ?? byID[key]
        case .external(let id)?: byID[id] ?? byKey[id]
        case .unknown?, nil: nil
        }
    }
}

extension ObjectRef {
    /// Whether two references certainly name the same object (both known and equal, or one the other's ID).
    func sameObject(as other: ObjectRef, ids: [String: String] = [:]) -> Bool {
        guard let mine = knownKey, let theirs = other.knownKey else { return false }
        return mine == theirs || ids[mine] == theirs || ids[theirs] == mine
    }

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}
