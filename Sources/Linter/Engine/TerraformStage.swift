import LinterCore

/// The step between reading files and building the project model for Terraform source: each
/// `*.tf` file was parsed on its own (`FileAnalysis`); here every directory of them is evaluated
/// as a module (`TerraformProject`), and the resources are attached to the files that declare
/// them.
public enum TerraformStage {
    public static func apply(to analyses: inout [FileAnalysis], configuration: Configuration) {
        var directories: Set<String> = []
        for analysis in analyses where analysis.isTerraform && FileAnalysis.isModuleFile(analysis.source.path) {
            directories.insert(FilePath.directory(of: analysis.source.path))
        }
        guard !directories.isEmpty else { return }
        var loaded: [String: [UInt8]] = [:]
        for analysis in analyses { loaded[analysis.source.path] = analysis.source.bytes }
        let result = TerraformProject.evaluate(
            directories: directories, root: configuration.rootDirectory, loaded: loaded, parseLimits: configuration.limits,
            evaluationLimits: configuration.evaluationLimits, varFiles: configuration.terraformVarFiles)

        var positionByPath: [String: Int] = [:]
        for (position, analysis) in analyses.enumerated() { positionByPath[analysis.source.path] = position }
        for (path, document) in result.documents.sorted(by: { $0.key < $1.key }) {
            if let position = positionByPath[path] {
                analyses[position].documents.append(document)
            } else if let file = result.readFiles.first(where: { $0.path == path }) {
                positionByPath[path] = analyses.count
                analyses.append(FileAnalysis(source: file, documents: [document], parseError: nil, suppressions: [], skipReason: nil))
            }
        }
        // Files evaluation read that the run did not (templates, modules' JSON): findings and
        // related locations may point into them.
        for file in result.readFiles where positionByPath[file.path] == nil {
            positionByPath[file.path] = analyses.count
            var analysis = FileAnalysis(source: file, documents: [], parseError: nil, suppressions: [], skipReason: nil)
            analysis.isReadByTerraform = true
            analyses.append(analysis)
        }
        for (path, error) in result.parseErrors {
            guard let position = positionByPath[path], analyses[position].parseError == nil, !analyses[position].isTerraform
            else { continue }
            analyses[position].parseError = error
        }
        for path in result.consumedPaths {
            guard let position = positionByPath[path] else { continue }
            analyses[position].documents.removeAll { $0.kind != .terraformSource }
            analyses[position].isReadByTerraform = true
        }
        // A plan of a module whose source is linted holds the same resources: keep the source's,
        // which point at the lines to change.
        for position in analyses.indices where analyses[position].documents.contains(where: { $0.kind == .terraformPlan }) {
            if result.moduleDirectories.contains(FilePath.directory(of: analyses[position].source.path)) {
                analyses[position].documents.removeAll { $0.kind == .terraformPlan }
                analyses[position].isReadByTerraform = true
            }
        }
    }
}
