import MofkitSource

extension UpdateExplanation {
    /// The trace as JSON.
    public func json() -> String {
        var json = JSONWriter()
        json.beginObject()
        json.member("update", update.id)
        json.member("title", update.title)
        json.member("machine", machineName)
        json.member("status", result.status.rawValue)
        json.member("reason", result.reason)
        json.key("sections")
        json.beginArray()
        for section in sections {
            json.beginObject()
            json.member("title", section.title)
            json.key("trace")
            json.beginArray()
            for line in section.lines {
                json.beginObject()
                json.member("depth", line.depth)
                json.member("rule", line.rule)
                json.member("result", "\(line.result)")
                json.member("decisive", line.decisive)
                json.member("observed", ifPresent: line.observed)
                if line.skipped > 0 { json.member("skipped", line.skipped) }
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("relations")
        json.strings(relations)
        json.endObject()
        return json.text + "\n"
    }
}
