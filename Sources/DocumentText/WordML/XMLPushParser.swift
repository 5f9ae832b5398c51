import CLibXML2
import Glibc

/// Why a streaming parse failed.
enum XMLParseFailure: Error, Equatable {
  case malformed(String)
  /// The document declared entities (a DTD internal subset with `<!ENTITY`): refused outright.
  case entityDeclaration
  /// The handler asked to stop (for example an unknown root element).
  case stopped
  /// A limit of ``ReadLimits`` was passed (depth, attributes, blocks, text).
  case limit(String)
}

private let libxml2Initialised: Bool = {
  xmlInitParser()
  return true
}()

/// The state the C callbacks reach through libxml2's user-data pointer.
private final class SAXSession {
  /// Kept alive by `XMLPushParser.handler`; unmanaged to spare a retain/release per event.
  let handler: Unmanaged<SAXHandler>
  /// Pointer storage: no dynamic exclusivity check per event (one session, one thread).
  private let names: UnsafeMutablePointer<NameResolver>
  var failure: XMLParseFailure?
  var context: xmlParserCtxtPtr?

  init(handler: SAXHandler) {
    self.handler = Unmanaged.passUnretained(handler)
    names = .allocate(capacity: 1)
    names.initialize(to: NameResolver())
  }

  deinit {
    names.deinitialize(count: 1)
    names.deallocate()
  }

  func name(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> XMLElementName {
    names.pointee.name(local, uri)
  }

  func fail(_ failure: XMLParseFailure) {
    if self.failure == nil { self.failure = failure }
    if let context { xmlStopParser(context) }
  }

  static func from(_ pointer: UnsafeMutableRawPointer?) -> SAXSession? {
    guard let pointer else { return nil }
    return Unmanaged<SAXSession>.fromOpaque(pointer).takeUnretainedValue()
  }

  /// Runs `body` on the session without retaining it (the parser owns it for the whole parse).
  @inline(__always)
  static func with(_ pointer: UnsafeMutableRawPointer?, _ body: (SAXSession) -> Void) {
    guard let pointer else { return }
    Unmanaged<SAXSession>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
  }
}

/// Element names from libxml2's interned pointers (one struct, so one exclusivity check per event).
private struct NameResolver {
  var localNames = PointerTable<XMLLocalName>()
  var namespaces = PointerTable<XMLNamespace>(capacity: 32)

  // libxml2 interns element names and namespace URIs in the parser's dictionary, so a pointer
  // identifies its string for the whole parse.
  mutating func name(_ local: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) -> XMLElementName {
    let localName: XMLLocalName
    if let known = localNames.value(for: local) {
      localName = known
    } else {
      localName = XMLLocalName.classify(local)
      localNames.insert(localName, for: local)
    }
    guard let uri else { return XMLElementName(namespace: .none, local: localName) }
    if let known = namespaces.value(for: uri) { return XMLElementName(namespace: known, local: localName) }
    let namespace = XMLNamespace.classify(uri)
    namespaces.insert(namespace, for: uri)
    return XMLElementName(namespace: namespace, local: localName)
  }
}

/// A libxml2 SAX2 push parser: feed it bytes in chunks, never builds a tree.
///
/// No network, no DTD loading, no entity substitution; any entity declaration stops the parse
/// (Word never writes a DTD), so billion-laughs documents fail at once.
final class XMLPushParser {
  private let handler: SAXHandler
  private let session: SAXSession
  private let context: xmlParserCtxtPtr
  private var finished = false

  private var scanner: MarkupScanner

  init(handler: SAXHandler, name: String, limits: ReadLimits = .standard) throws(XMLParseFailure) {
    _ = libxml2Initialised
    self.handler = handler
    scanner = MarkupScanner(maxDepth: limits.maxXMLDepth, maxAttributes: limits.maxAttributesPerElement)
    session = SAXSession(handler: handler)
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
      guard let localName else { return }
      SAXSession.with(context) { session in
        let name = session.name(localName, uri)
        session.handler._withUnsafeGuaranteedRef {
          $0.startElement(name, attributes: XMLAttributes(base: attributes, count: Int(attributeCount)))
          if let reason = $0.stopReason { session.fail(reason) }
        }
      }
    }
    sax.endElementNs = { context, localName, _, uri in
      guard let localName else { return }
      SAXSession.with(context) { session in
        let name = session.name(localName, uri)
        session.handler._withUnsafeGuaranteedRef {
          $0.endElement(name)
          if let reason = $0.stopReason { session.fail(reason) }
        }
      }
    }
    let characters: charactersSAXFunc = { context, bytes, length in
      guard let bytes, length > 0 else { return }
      SAXSession.with(context) { session in
        session.handler._withUnsafeGuaranteedRef {
          $0.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
          if let reason = $0.stopReason { session.fail(reason) }
        }
      }
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
    if let reason = scanner.scan(bytes) { throw .limit(reason) }
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
  static func parse(
    _ bytes: [UInt8], handler: SAXHandler, name: String, limits: ReadLimits = .standard
  ) throws(XMLParseFailure) {
    let parser = try XMLPushParser(handler: handler, name: name, limits: limits)
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
