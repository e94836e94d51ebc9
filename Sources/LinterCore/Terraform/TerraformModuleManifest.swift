/// `.terraform/modules/modules.json`, which `terraform init` writes in a root module's directory:
/// where it put the source of every module call, local, registry or git. With it, a registry
/// or git module is read from that directory as a local module is.
///
/// `{"Modules": [{"Key": "", "Dir": "."}, {"Key": "ecs", "Source": "…", "Dir": ".terraform/modules/ecs"},
/// {"Key": "ecs.service", "Dir": ".terraform/modules/ecs/modules/service"}]}`: a key is the call
/// names from the root module, joined by dots (instance keys are not part of it: every
/// instance of a call uses the same source); a directory is relative to the root module's.
struct TerraformModuleManifest: Sendable {
    /// Call key → module directory, relative to the project root.
    var directories: [String: String] = [:]

    static let path = ".terraform/modules/modules.json"

    /// The manifest of the root module in `directory` (relative to the project root); empty when
    /// there is none, it does not parse, or it names directories outside the project.
    static func read(rootModule directory: String, access: some HCLFileAccess, limits: ParseLimits, maxFileSize: Int) -> TerraformModuleManifest {
        var manifest = TerraformModuleManifest()
        guard let path = HCLProjectPath.resolve(TerraformModuleManifest.path, against: directory),
            case .success(let bytes) = access.read(path, limit: maxFileSize),
            let root = try? JSONParser(limits: limits).parse(bytes)
        else { return manifest }
        for entry in root["Modules"]?.elements ?? [] {
            guard let key = entry["Key"].flatMap(ObjectReader.stringValue), !key.isEmpty,
                let dir = entry["Dir"].flatMap(ObjectReader.stringValue),
                let resolved = HCLProjectPath.resolve(dir, against: directory)
            else { continue }
            manifest.directories[key] = resolved
        }
        return manifest
    }
}
