"""What people read, in Vietnamese and English: messages, labels, help and rule documentation."""
