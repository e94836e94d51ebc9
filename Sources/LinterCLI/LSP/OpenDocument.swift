import Linter
import LinterCore

/// A document the editor has open: its text is the truth, not the file on disk.
public struct OpenDocument: Sendable, Hashable {
    public var uri: String
    /// The absolute path for `file:` URIs; `nil` for other schemes (untitled buffers).
    public var path: String?
    public var languageId: String
    public var version: Int?
    public var text: String
    /// Whether the text was an ECS/ECR shape when it last parsed (`nil`: not known yet).
    public var recognized: Bool?

    public init(uri: String, languageId: String = "", version: Int? = nil, text: String) {
        self.uri = uri
        self.path = FileURI.path(of: uri)
        self.languageId = languageId
        self.version = version
        self.text = text
        self.recognized = nil
    }
}
