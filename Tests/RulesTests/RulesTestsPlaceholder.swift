// Placeholder so the RulesTests target declared in Package.swift has a source directory.
