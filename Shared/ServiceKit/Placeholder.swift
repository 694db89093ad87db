// Placeholder until this target's sources land; delete when adding the first real file.
