import XCTest

// Keeps the RulesTests target buildable until rule tests land; Package.swift declares the target.
final class RulesTestsPlaceholder: XCTestCase {
    func testPlaceholder() {}
}
