//! The minutes rendered as a [`crate::document::Document`] in Russian, Kazakh or English.
