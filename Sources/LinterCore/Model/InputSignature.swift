/// Whether a file that does not parse still looks like something ecslint lints.
///
/// pre-commit hands over every staged JSON and YAML file, many of which are not strict JSON or
/// YAML at all: `tsconfig.json` with comments, Helm charts and other Go templates. A parse error
/// in such a file is not ecslint's business and must not block a commit. A file that mentions a
/// field of the shapes ecslint knows is reported, so a broken task definition never slips through.
public enum InputSignature {
    static let markers: [[UInt8]] = [
        "containerDefinitions", "ContainerDefinitions", "container_definitions", "AWSTemplateFormatVersion",
        "AWS::ECS::", "AWS::ECR::", "AWS::ApplicationAutoScaling::", "lifecyclePolicyText", "LifecyclePolicyText",
        "rulePriority", "taskDefinition", "task_definition", "service_definition", "serviceName",
        "repositoryName", "imageTagMutability", "aws_ecs_", "aws_ecr_", "\"rules\"",
    ].map { Array($0.utf8) }

    public static func mentionsKnownShape(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            markers.contains { marker in marker.withUnsafeBufferPointer { ByteSearch.contains(buffer, $0) } }
        }
    }
}
