"""Staff pages at /navigator: sign-in, the enquiry inbox, exports, audit log."""
