"""The rules: the registry, each rule's check, and the causes and cascades of findings."""
