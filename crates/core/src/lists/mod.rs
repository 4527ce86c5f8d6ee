//! Party lists: quota rules, drafting from ratings with explained displacements, validation.
