// Deliberately empty: this module only carries ICU's pkg-config flags. Including any
// <unicode/*.h> here would clash with Foundation's own ICU module (PITFALLS.md 2).
