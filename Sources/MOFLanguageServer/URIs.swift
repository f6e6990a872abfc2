import Foundation

/// `file://` URIs ↔ paths.
public enum DocumentURI {
    /// The path of a `file:` URI (percent-decoded); any other URI is its own "path".
    public static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://"), let url = URL(string: uri), url.isFileURL else { return uri }
        let path = url.path
        return path.isEmpty ? uri : path
    }

    /// The `file:` URI of an absolute path (a relative one is taken from the working directory).
    public static func uri(of path: String) -> String {
        if path.hasPrefix("file://") || path.hasPrefix("untitled:") { return path }
        return URL(fileURLWithPath: path).absoluteString
    }
}
