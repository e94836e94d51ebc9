import Linter
