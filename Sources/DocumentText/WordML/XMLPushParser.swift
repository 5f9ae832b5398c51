import CLibXML2
import Glibc

/// Why a streaming parse failed.
enum XMLParseFailure: Error, Equatable {
  case malformed(String)
  /// The document declared entities (a DTD internal subset with `<!ENTITY`): refused outright.
  case entityDeclaration
  /// The handler asked to stop (for example an unknown root element).
  case stopped
}

private let libxml2Initialised: Bool = {
  xmlInitParser()
  return true
}()

/// The state the C callbacks reach through libxml2's user-data pointer.
private final class SAXSession {
  let handler: any SAXHandler
  var localNames: [UnsafeRawPointer: XMLLocalName] = [:]
  var failure: XMLParseFailure?
  var context: xmlParserCtxtPtr?

  init(handler: any SAXHandler) { self.handler = handler }

  func localName(_ pointer: UnsafePointer<xmlChar>) -> XMLLocalName {
    // libxml2 interns element names in the parser's dictionary, so the pointer identifies the name
    // for the whole parse.
    let key = UnsafeRawPointer(pointer)
    if let known = localNames[key] { return known }
    let name = XMLLocalName.classify(pointer)
    localNames[key] = name
    return name
  }

  func fail(_ failure: XMLParseFailure) {
    if self.failure == nil { self.failure = failure }
    if let context { xmlStopParser(context) }
  }

  static func from(_ pointer: UnsafeMutableRawPointer?) -> SAXSession? {
    guard let pointer else { return nil }
    return Unmanaged<SAXSession>.fromOpaque(pointer).takeUnretainedValue()
  }
}

/// A libxml2 SAX2 push parser: feed it bytes in chunks, never builds a tree.
///
/// No network, no DTD loading, no entity substitution; any entity declaration stops the parse
/// (Word never writes a DTD), so billion-laughs documents fail at once.
final class XMLPushParser {
  private let session: SAXSession
  private let context: xmlParserCtxtPtr
  private var finished = false

  init(handler: any SAXHandler, name: String) throws(XMLParseFailure) {
    _ = libxml2Initialised
    session = SAXSession(handler: handler)
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
      guard let session = SAXSession.from(context), let localName else { return }
      let name = XMLElementName(namespace: XMLNamespace.classify(uri), local: session.localName(localName))
      session.handler.startElement(
        name, attributes: XMLAttributes(base: attributes, count: Int(attributeCount)))
    }
    sax.endElementNs = { context, localName, _, uri in
      guard let session = SAXSession.from(context), let localName else { return }
      let name = XMLElementName(namespace: XMLNamespace.classify(uri), local: session.localName(localName))
      session.handler.endElement(name)
    }
    let characters: charactersSAXFunc = { context, bytes, length in
      guard let session = SAXSession.from(context), let bytes, length > 0 else { return }
      session.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }
    sax.characters = characters
    sax.ignorableWhitespace = characters
    sax.cdataBlock = characters
    sax.entityDecl = { context, _, _, _, _, _ in
      SAXSession.from(context)?.fail(.entityDeclaration)
    }
    sax.serror = { context, error in
      guard let session = SAXSession.from(context), let error else { return }
      let level = error.pointee.level
      guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
      var message = error.pointee.message.map { String(cString: $0) } ?? "parse error"
      while message.last?.isWhitespace == true { message.removeLast() }
      session.fail(.malformed("line \(error.pointee.line): \(message)"))
    }
    let userData = Unmanaged.passUnretained(session).toOpaque()
    guard let context = xmlCreatePushParserCtxt(&sax, userData, nil, 0, name) else {
      throw .malformed("libxml2 could not create a parser")
    }
    self.context = context
    session.context = context
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
    xmlCtxtUseOptions(context, options)
  }

  deinit {
    xmlFreeParserCtxt(context)
  }

  /// Parses the next chunk of the document.
  func feed(_ bytes: UnsafeRawBufferPointer) throws(XMLParseFailure) {
    var offset = 0
    let slice = 1 << 20
    while offset < bytes.count {
      let length = min(slice, bytes.count - offset)
      let start = bytes.baseAddress.map { $0.advanced(by: offset).assumingMemoryBound(to: CChar.self) }
      let status = xmlParseChunk(context, start, Int32(length), 0)
      try check(status)
      offset += length
    }
  }

  /// Ends the document; throws when it was not well formed.
  func finish() throws(XMLParseFailure) {
    guard !finished else { return }
    finished = true
    let status = xmlParseChunk(context, nil, 0, 1)
    try check(status)
    if context.pointee.wellFormed == 0 {
      throw session.failure ?? .malformed("not well formed")
    }
  }

  /// Lets a handler stop the parse (the failure is reported by `feed`/`finish`).
  func stop(_ failure: XMLParseFailure) { session.fail(failure) }

  private func check(_ status: Int32) throws(XMLParseFailure) {
    if let failure = session.failure { throw failure }
    if status != 0 { throw .malformed("libxml2 error \(status)") }
  }

  /// Parses a whole in-memory document.
  static func parse(_ bytes: [UInt8], handler: any SAXHandler, name: String) throws(XMLParseFailure) {
    let parser = try XMLPushParser(handler: handler, name: name)
    var failure: XMLParseFailure?
    bytes.withUnsafeBytes { buffer in
      do throws(XMLParseFailure) {
        try parser.feed(buffer)
        try parser.finish()
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }
}
