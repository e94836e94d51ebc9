import LinterCore

/// Everything learned from one file before the cross-file step.
public struct FileAnalysis: Sendable {
    public var source: SourceFile
    public var documents: [ModelDocument]
    public var parseError: ParseError?
    public var suppressions: [Suppression]
    /// Why the file was not parsed (binary, too large, unreadable).
    public var skipReason: String?
    /// A Go template that mentions ECS or ECR fields but does not parse even with its placeholders
    /// made unknown: reported as a note at the place the parser stopped, not as a parse error.
    public var unreadableTemplate: ParseError?
    /// Terraform source (`*.tf`, `*.tf.json`, `*.tfvars`, `*.tfvars.json`): parsed here for its
    /// syntax errors and suppression comments, evaluated with its module by `TerraformStage`.
    public var isTerraform = false
    /// Read by a Terraform resource as a whole (`file("containers.json")`): its findings come
    /// through that resource, so it is not linted on its own.
    public var isReadByTerraform = false
    /// The file is a template read with its placeholders as unknown values; its structure may
    /// hold both branches of a conditional, so rules about the document's own text (duplicate
    /// keys) do not apply.
    public var isRenderedTemplate = false

    /// Neither a shape ecslint knows nor a file it could not read: nothing in it was checked
    /// (the model's documents say whether any of them is a known shape).
    var isUnrecognized: Bool {
        !isRecognized && parseError == nil && skipReason == nil && unreadableTemplate == nil
    }

    /// Files at least this large are analyzed one at a time, each on all the threads; smaller
    /// files are analyzed in parallel with each other, one thread each.
    static let largeFileBytes = 1 << 20

    /// Parses and models one file. Never throws: problems become part of the analysis.
    /// `workers` are the threads one large file may use (a template with thousands of resources).
    /// `keys` lends the mapping keys of the files this thread parsed before (see `KeyTable`).
    public static func analyze(
        _ source: SourceFile, limits: ParseLimits, workers: Int = 1, keys: KeyTable? = nil
    ) -> FileAnalysis {
        var analysis = FileAnalysis(source: source, documents: [], parseError: nil, suppressions: [], skipReason: nil)
        if DocumentParser.looksBinary(source.bytes) {
            analysis.skipReason = "binary file (contains a NUL byte); skipped as not text"
            return analysis
        }
        if FileAnalysis.isBlank(source.bytes) {
            // An empty file holds nothing to check, in either syntax (strict JSON would reject it).
            return analysis
        }
        if FileAnalysis.isTerraformPath(source.path) {
            analysis.isTerraform = true
            do {
                let syntax = try HCLModuleLoader.parse(source, limits: limits)
                analysis.suppressions = Suppression.fromComments(syntax.comments, in: source)
            } catch {
                analysis.parseError = error
            }
            return analysis
        }
        let parser = DocumentParser(limits: limits)
        let format = DocumentParser.format(forPath: source.path, bytes: source.bytes)
        var result = parser.parse(source, as: format, workers: workers, keys: keys)
        if case .failure = result {
            // A rendered-later source (a Go template, an envsubst file) is read with its
            // placeholders as unknown values, positions unchanged.
            let envsubst = format == .json && TemplatePlaceholders.containsDollar(source.bytes)
            if TemplatePlaceholders.containsPlaceholder(source.bytes) || envsubst,
                let neutralized = TemplatePlaceholders.neutralize(source.bytes, envsubst: envsubst)
            {
                let retry = parser.parse(
                    SourceFile(path: source.path, bytes: neutralized.bytes), as: format, workers: workers, keys: keys)
                if case .success(var parsed) = retry {
                    for index in parsed.documents.indices {
                        TemplatePlaceholders.markUnknown(&parsed.documents[index], bareValueRanges: neutralized.bareValueRanges)
                    }
                    result = .success(parsed)
                    analysis.isRenderedTemplate = true
                }
            }
        }
        switch result {
        case .failure(let error):
            // JSON with comments (tsconfig.json, editor settings) and Go/Helm templates are staged
            // with everything else; when such a file names nothing ecslint lints, its syntax is
            // not ecslint's business and must not block a commit.
            if FileAnalysis.isForeignDialect(source.bytes), !InputSignature.mentionsKnownShape(source.bytes) {
                return analysis
            }
            if TemplatePlaceholders.containsPlaceholder(source.bytes) {
                analysis.unreadableTemplate = error
                return analysis
            }
            analysis.parseError = error
        case .success(let parsed):
            if parsed.documents.count > limits.maxDocuments {
                analysis.parseError = ParseError(
                    "the file holds \(parsed.documents.count) documents, more than the limit of \(limits.maxDocuments)",
                    at: 0)
                return analysis
            }
            analysis.suppressions = Suppression.fromComments(parsed.comments, in: source)
            let builder = ModelBuilder(file: source, limits: limits, workers: workers)
            for (position, root) in parsed.documents.enumerated() {
                var document = builder.build(root, documentIndex: position)
                document.isRenderedTemplate = analysis.isRenderedTemplate
                for metadata in document.metadataSuppressions {
                    analysis.suppressions.append(
                        Suppression(
                            path: source.path, scope: .range(metadata.resourceRange), rules: metadata.rules,
                            origin: .metadata,
                            location: Location(path: source.path, range: metadata.ruleLocations.first ?? metadata.resourceRange)))
                }
                analysis.documents.append(document)
            }
        }
        return analysis
    }

    /// Terraform configuration files (not variable files), which make their directory a module.
    public static func isModuleFile(_ path: String) -> Bool {
        path.hasSuffix(".tf") || path.hasSuffix(".tf.json")
    }

    /// Terraform configuration and variable files, by name.
    public static func isTerraformPath(_ path: String) -> Bool {
        path.hasSuffix(".tf") || path.hasSuffix(".tf.json") || path.hasSuffix(".tfvars") || path.hasSuffix(".tfvars.json")
    }

    /// Comments (`//`, `/*`) or template placeholders (`{{`): a JSONC or templated file, not a
    /// malformed one.
    static func isForeignDialect(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "*")))
                || (previous == UInt8(ascii: "{") && byte == UInt8(ascii: "{"))
            {
                return true
            }
            previous = byte
        }
        return false
    }

    /// Empty, or only whitespace after an optional UTF-8 byte order mark.
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes[start...].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// True when some document is an ECS/ECR shape ecslint understands.
    public var isRecognized: Bool { isTerraform || isReadByTerraform || documents.contains { $0.kind != .unknown } }
}
