"""The shared vocabulary: the report's pydantic contract, units, severities, errors and text."""
