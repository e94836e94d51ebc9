/// The commit this binary was built from, for `ecslint --version`. Nil in the source tree, so a
/// plain `swift build` needs neither git nor a network; `Scripts/package` writes the checkout's
/// commit here for the release build and puts the file back afterwards.
let buildCommit: String? = nil
