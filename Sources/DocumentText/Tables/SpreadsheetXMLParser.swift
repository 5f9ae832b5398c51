import CLibXML2
import Glibc

/// Receives the events of a parse of one spreadsheet part, with plain local names (SpreadsheetML
/// and OPC vocabularies are small; prefixes and namespaces do not matter to the table reader).
protocol SpreadsheetXMLHandler: AnyObject {
  func start(_ localName: String, attributes: [String: String])
  func end(_ localName: String)
  func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}

/// Why a spreadsheet part could not be parsed.
enum SpreadsheetXMLFailure: Error, Equatable {
  case malformed(String)
  /// A DTD declared entities: refused outright (Excel never writes one).
  case entityDeclaration
  /// Deeper nesting or more attributes per element than ``ReadLimits`` allow.
  case limit(String)
}

private let spreadsheetLibxml2Initialised: Bool = {
  xmlInitParser()
  return true
}()

private final class SpreadsheetSAXSession {
  let handler: any SpreadsheetXMLHandler
  let partName: String
  var failure: SpreadsheetXMLFailure?
  var context: xmlParserCtxtPtr?
  var names: [UnsafeRawPointer: String] = [:]

  init(handler: any SpreadsheetXMLHandler, partName: String) {
    self.handler = handler
    self.partName = partName
  }

  /// libxml2 interns names in its dictionary, so a pointer stands for one name for the parse.
  func name(_ pointer: UnsafePointer<xmlChar>) -> String {
    let key = UnsafeRawPointer(pointer)
    if let known = names[key] { return known }
    let name = String(cString: pointer)
    names[key] = name
    return name
  }

  func fail(_ failure: SpreadsheetXMLFailure) {
    if self.failure == nil { self.failure = failure }
    if let context { xmlStopParser(context) }
  }

  static func from(_ pointer: UnsafeMutableRawPointer?) -> SpreadsheetSAXSession? {
    guard let pointer else { return nil }
    return Unmanaged<SpreadsheetSAXSession>.fromOpaque(pointer).takeUnretainedValue()
  }
}

/// A libxml2 SAX2 parse of an in-memory part: no network, no DTD loading, no entities.
enum SpreadsheetXMLParser {
  static func parse(
    _ bytes: [UInt8], handler: any SpreadsheetXMLHandler, name: String, limits: ReadLimits = .standard
  ) throws(SpreadsheetXMLFailure) {
    _ = spreadsheetLibxml2Initialised
    // libxml2 2.9's pairwise attribute checks and unbounded depth, caught before it starts.
    var scanner = MarkupScanner(maxDepth: limits.maxXMLDepth, maxAttributes: limits.maxAttributesPerElement)
    if let reason = bytes.withUnsafeBytes({ scanner.scan($0) }) { throw .limit("\(name): \(reason)") }
    let session = SpreadsheetSAXSession(handler: handler, partName: name)
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
      guard let session = SpreadsheetSAXSession.from(context), let localName else { return }
      var values: [String: String] = [:]
      if let attributes {
        // Five pointers per attribute: local name, prefix, URI, value start, value end.
        for index in 0..<Int(attributeCount) {
          let base = index * 5
          guard let attributeName = attributes[base], let start = attributes[base + 3],
            let end = attributes[base + 4]
          else { continue }
          let buffer = UnsafeBufferPointer(start: start, count: end - start)
          values[session.name(attributeName)] = String(decoding: buffer, as: UTF8.self)
        }
      }
      session.handler.start(session.name(localName), attributes: values)
    }
    sax.endElementNs = { context, localName, _, _ in
      guard let session = SpreadsheetSAXSession.from(context), let localName else { return }
      session.handler.end(session.name(localName))
    }
    let characters: charactersSAXFunc = { context, bytes, length in
      guard let session = SpreadsheetSAXSession.from(context), let bytes, length > 0 else { return }
      session.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
    sax.characters = characters
    sax.cdataBlock = characters
    sax.entityDecl = { context, _, _, _, _, _ in
      SpreadsheetSAXSession.from(context)?.fail(.entityDeclaration)
    }
    sax.serror = { context, error in
      guard let session = SpreadsheetSAXSession.from(context), let error else { return }
      let level = error.pointee.level
      guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
      var message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
      while message.last?.isWhitespace == true { message.removeLast() }
      session.fail(.malformed("\(session.partName) line \(error.pointee.line): \(message)"))
    }
    let userData = Unmanaged.passUnretained(session).toOpaque()
    guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, name) else {
      throw .malformed("libxml2 could not create a parser for \(name)")
    }
    defer { xmlFreeParserCtxt(context) }
    session.context = context
    xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))

    var status: Int32 = 0
    bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      let slice = 1 << 20
      while offset < buffer.count, status == 0, session.failure == nil {
        let length = min(slice, buffer.count - offset)
        let start = buffer.baseAddress.map {
          UnsafeRawPointer($0.advanced(by: offset)).assumingMemoryBound(to: CChar.self)
        }
        status = xmlParseChunk(context, start, Int32(length), 0)
        offset += length
      }
      if status == 0, session.failure == nil { status = xmlParseChunk(context, nil, 0, 1) }
    }
    if let failure = session.failure { throw failure }
    if status != 0 || context.pointee.wellFormed == 0 { throw .malformed("\(name) is not well formed") }
  }
}
