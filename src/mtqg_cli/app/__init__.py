"""The use cases behind the commands: each returns models and prints nothing."""
