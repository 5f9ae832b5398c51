/// Receives the events of one streaming parse. Handlers are single-use and not shared across threads.
///
/// A base class rather than a protocol so the C callbacks can reach it through an unmanaged
/// reference, without a retain and release per event.
class SAXHandler {
  /// Set by a handler that has passed a limit: the parser stops after the current event.
  var stopReason: XMLParseFailure?
  func startElement(_ name: XMLElementName, attributes: XMLAttributes) {}
  func endElement(_ name: XMLElementName) {}
  func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
}
