/// Which registry view a reader uses on 64-bit Windows: the one type for the machine state that
/// holds the keys and the catalog rules that read them (`RegType32`).
public enum RegistryView: String, Sendable, Hashable, CaseIterable {
    /// The OS's own view (64-bit on 64-bit Windows); a rule without `RegType32`.
    case native
    /// `KEY_WOW64_64KEY`.
    case bits64 = "64"
    /// `KEY_WOW64_32KEY`: redirected keys read from `Wow6432Node`; a rule with `RegType32="true"`.
    case bits32 = "32"
}
