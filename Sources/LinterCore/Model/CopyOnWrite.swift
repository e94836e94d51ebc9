/// A value kept behind one shared reference, with value semantics: a copy costs one retain, and
/// the first change to a shared copy duplicates it.
///
/// Model values hold dozens of fields, each with strings, arrays and nodes. Rules copy them into
/// working lists and pass them around, on several threads at once; copying every field would mean
/// dozens of atomic reference-count updates per copy, on counters all the threads share.
///
/// Everything is inlinable so that, in the rules' module too, `service.name` compiles to a load
/// from the box rather than a generic key-path projection.
@dynamicMemberLookup
public struct CopyOnWrite<Value: Sendable>: Sendable {
    /// Exclusivity is not checked at run time: the box is changed only through `_modify`, after it
    /// is made unique, so no other access can overlap, and the check costs more than the read.
    @usableFromInline
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var value: Value

        @usableFromInline
        init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(_ value: Value) { box = Box(value) }

    @inlinable
    public subscript<Member>(dynamicMember keyPath: KeyPath<Value, Member>) -> Member {
        box.value[keyPath: keyPath]
    }

    @inlinable
    public subscript<Member>(dynamicMember keyPath: WritableKeyPath<Value, Member>) -> Member {
        get { box.value[keyPath: keyPath] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value[keyPath: keyPath]
        }
    }
}

/// A model type whose stored fields live in one `CopyOnWrite` box, read and changed as if they
/// were its own: `service.name`, `container.imageAlternatives = …`. Inside the type, fields are
/// spelled `self.name`, as dynamic members are not found by bare name.
public protocol CopyOnWriteFields {
    associatedtype Fields: Sendable
    var storage: CopyOnWrite<Fields> { get set }
}

extension CopyOnWriteFields {
    /// Fields that are never changed (`let`), such as a lifecycle policy's rules and specification.
    @inlinable
    public subscript<Member>(dynamicMember keyPath: KeyPath<Fields, Member>) -> Member {
        storage[dynamicMember: keyPath]
    }

    @inlinable
    public subscript<Member>(dynamicMember keyPath: WritableKeyPath<Fields, Member>) -> Member {
        get { storage[dynamicMember: keyPath] }
        _modify { yield &storage[dynamicMember: keyPath] }
    }
}
