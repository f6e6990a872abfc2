import Foundation
import MOFModel
import MofkitSource
import Testing

@Suite("Explain texts")
struct DescriptorTests {
    @Test("every code in Codes.swift has one descriptor with examples")
    func everyCodeHasADescriptor() throws {
        let text = try String(contentsOfFile: SharedCorpus.packageRoot + "/Sources/MOFModel/Codes.swift", encoding: .utf8)
        let declared = Set(text.split(separator: "\"").filter { $0.hasPrefix("MOF") && $0.count == 7 }.map(String.init))
        let described = SemanticCode.descriptors.map(\.code.rawValue)
        #expect(Set(described) == declared)
        #expect(described.count == Set(described).count, "a code is described twice")
        for descriptor in SemanticCode.descriptors {
            #expect(!descriptor.title.isEmpty && !descriptor.explanation.isEmpty)
            #expect(!descriptor.wrongExample.isEmpty && !descriptor.rightExample.isEmpty)
            #expect(descriptor.wrongExample != descriptor.rightExample)
        }
    }

    @Test("every error says what fails in mofcomp or at the site; every downgraded check why it is only a warning")
    func reasonsAreWrittenDown() throws {
        for descriptor in SemanticCode.descriptors where descriptor.defaultSeverity == .error {
            #expect(descriptor.explanation.contains("Why an error"), "\(descriptor.code) does not say why it is an error")
        }
        for code in [SemanticCode.qualifierValueType, SemanticCode.constraintViolated, SemanticCode.dynPropsClass] {
            let descriptor = try #require(SemanticCode.descriptors.first { $0.code == code })
            #expect(descriptor.defaultSeverity == .warning, "\(code)")
            #expect(descriptor.explanation.contains("Why only a warning"), "\(code)")
        }
    }

    /// Examples that are whole MOF (not sketches like "two classes with …").
    static var compilableExamples: [String] {
        SemanticCode.descriptors.filter { d in
            ![d.wrongExample, d.rightExample].contains { $0.contains("…") || $0.hasPrefix("//") || $0.hasPrefix("(") || $0.hasPrefix("two ") || $0.hasPrefix("mofkit") || $0.hasPrefix("SMS_") || $0.hasPrefix("PropertyContext(") || $0.hasPrefix("[key]") || $0.hasPrefix("[PropertyContext") || $0.hasPrefix("[Dynamic") || $0.hasPrefix("[dynamic") || $0.hasPrefix("[Description(\"x\") :") }
        }.map(\.code.rawValue)
    }

    @Test("the wrong example triggers the code, the right one does not", arguments: DescriptorTests.compilableExamples)
    func examplesBehave(code: String) throws {
        let descriptor = try #require(SemanticCode.descriptors.first { $0.code.rawValue == code })
        let wrong = analyze(descriptor.wrongExample).diagnostics.map(\.code.rawValue)
        let right = analyze(descriptor.rightExample).diagnostics.map(\.code.rawValue)
        #expect(wrong.contains(code), "wrong example gives \(wrong)")
        #expect(!right.contains(code), "right example gives \(right)")
    }
}
