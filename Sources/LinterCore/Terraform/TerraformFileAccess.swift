/// How Terraform evaluation reads files during a lint run: the linted sources as they are in
/// memory (an editor's unsaved buffer wins over the disk), then the disk, always confined to the
/// project root (`HCLDiskFileAccess`).
struct TerraformFileAccess: HCLFileAccess {
    /// Root-relative path → bytes of the files the run already holds.
    var loaded: [String: [UInt8]]
    var disk: HCLDiskFileAccess

    init(root: String, loaded: [String: [UInt8]]) {
        self.loaded = loaded
        disk = HCLDiskFileAccess(root: root)
    }

    func read(_ path: String, limit: Int) -> Result<[UInt8], HCLFileAccessError> {
        if let bytes = loaded[path] {
            guard bytes.count <= limit else { return .failure(HCLFileAccessError("'\(path)' is larger than the limit of \(limit) bytes")) }
            return .success(bytes)
        }
        return disk.read(path, limit: limit)
    }

    func fileNames(in directory: String) -> [String] {
        let prefix = directory == "." ? "" : directory + "/"
        var names = Set(disk.fileNames(in: directory))
        for path in loaded.keys where path.hasPrefix(prefix) {
            let name = path.dropFirst(prefix.count)
            if !name.contains("/") { names.insert(String(name)) }
        }
        return names.sorted()
    }
}
