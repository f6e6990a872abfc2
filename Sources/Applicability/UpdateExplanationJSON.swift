import MofkitSource

extension UpdateExplanation {
    /// The trace as JSON.
    public func json() -> String {
        var json = JSONWriter()
        json.object { json in
            json.member("update", update.id)
            json.member("title", update.title)
            json.member("machine", machineName)
            json.member("status", result.status.rawValue)
            json.member("reason", result.reason)
            json.array("sections") { json in
                for section in sections {
                    json.object { json in
                        json.member("title", section.title)
                        json.array("trace") { json in
                            for line in section.lines {
                                json.object { json in
                                    json.member("depth", line.depth)
                                    json.member("rule", line.rule)
                                    json.member("result", "\(line.result)")
                                    json.member("decisive", line.decisive)
                                    json.member("observed", ifPresent: line.observed)
                                    if line.skipped > 0 { json.member("skipped", line.skipped) }
                                }
                            }
                        }
                    }
                }
            }
            json.member("relations", strings: relations)
        }
        return json.text + "\n"
    }
}

extension UpdateInfo {
    /// Writes the members that name an update in every JSON report: `id`, `kb`, `title`.
    public func writeIdentity(to json: inout JSONWriter) {
        json.member("id", id)
        json.member("kb", strings: kbArticles)
        json.member("title", title)
    }
}
