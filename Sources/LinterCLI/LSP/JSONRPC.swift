import Linter
import LinterCore

/// A JSON-RPC 2.0 request id: a number or a string.
public enum JSONRPCID: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public var json: JSONValue {
        switch self {
        case .int(let value): return .int(value)
        case .string(let value): return .string(value)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        }
    }
}

/// The error codes the server answers with (JSON-RPC 2.0 and the LSP's own).
public enum JSONRPCErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
}

public struct JSONRPCError: Error, Sendable, Hashable {
    public var code: JSONRPCErrorCode
    public var message: String

    public init(_ code: JSONRPCErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// A message from the client, decoded from one frame's body.
public enum IncomingMessage: Sendable {
    case request(id: JSONRPCID, method: String, params: Node?)
    case notification(method: String, params: Node?)
    /// An answer to a request of ours (the server sends none that expect one; ignored).
    case response(id: JSONRPCID?)

    public var method: String? {
        switch self {
        case .request(_, let method, _), .notification(let method, _): return method
        case .response: return nil
        }
    }

    /// The protocol's own limits: editor buffers travel inside strings, so strings may be large.
    static let limits = ParseLimits(maxDepth: 512, maxStringLength: LSPMessageReader.maxBodyBytes)

    /// Decodes a body. A failure carries the id to answer with (null when none could be read).
    public static func decode(_ body: [UInt8]) -> Result<IncomingMessage, DecodingFailure> {
        let root: Node
        do {
            root = try JSONParser(limits: limits).parse(body)
        } catch {
            return .failure(DecodingFailure(id: nil, error: JSONRPCError(.parseError, "parse error: \(error.message)")))
        }
        guard root.entries != nil else {
            let what = root.elements != nil ? "batches are not supported" : "a message must be a JSON object"
            return .failure(DecodingFailure(id: nil, error: JSONRPCError(.invalidRequest, "invalid request: \(what)")))
        }
        var id: JSONRPCID?
        var hasID = false
        if let idNode = root["id"] {
            hasID = true
            if let text = idNode.string {
                id = .string(text)
            } else if let lexeme = idNode.numberLexeme, let value = Int(lexeme) {
                id = .int(value)
            } else if !idNode.isNull {
                return .failure(
                    DecodingFailure(id: nil, error: JSONRPCError(.invalidRequest, "invalid request: 'id' must be a string or an integer")))
            }
        }
        guard root["jsonrpc"]?.string == "2.0" else {
            return .failure(DecodingFailure(id: id, error: JSONRPCError(.invalidRequest, "invalid request: 'jsonrpc' must be \"2.0\"")))
        }
        // `"params": null` is not JSON-RPC, but some clients send it for `shutdown`: read it as absent.
        let params = root["params"].flatMap { $0.isNull ? nil : $0 }
        if let params, params.entries == nil, params.elements == nil {
            return .failure(
                DecodingFailure(id: id, error: JSONRPCError(.invalidRequest, "invalid request: 'params' must be an object or an array")))
        }
        guard let methodNode = root["method"] else {
            if root["result"] != nil || root["error"] != nil { return .success(.response(id: id)) }
            return .failure(DecodingFailure(id: id, error: JSONRPCError(.invalidRequest, "invalid request: no 'method'")))
        }
        guard let method = methodNode.string else {
            return .failure(DecodingFailure(id: id, error: JSONRPCError(.invalidRequest, "invalid request: 'method' must be a string")))
        }
        if hasID {
            guard let id else {
                return .failure(DecodingFailure(id: nil, error: JSONRPCError(.invalidRequest, "invalid request: 'id' must not be null")))
            }
            return .success(.request(id: id, method: method, params: params))
        }
        return .success(.notification(method: method, params: params))
    }

    public struct DecodingFailure: Error, Sendable {
        public var id: JSONRPCID?
        public var error: JSONRPCError
    }
}

/// A message to the client.
public enum OutgoingMessage: Sendable, Hashable {
    case result(id: JSONRPCID, JSONValue)
    /// An error response; `id` is null when the request's id could not be read.
    case error(id: JSONRPCID?, JSONRPCError)
    case notification(method: String, params: JSONValue)

    public var json: JSONValue {
        switch self {
        case .result(let id, let result):
            return .object([("jsonrpc", .string("2.0")), ("id", id.json), ("result", result)])
        case .error(let id, let error):
            return .object([
                ("jsonrpc", .string("2.0")), ("id", id?.json ?? .null),
                ("error", .object([("code", .int(error.code.rawValue)), ("message", .string(error.message))])),
            ])
        case .notification(let method, let params):
            return .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
        }
    }

    /// The framed bytes to write.
    public var framed: [UInt8] { LSPMessageWriter.frame(json) }
}
