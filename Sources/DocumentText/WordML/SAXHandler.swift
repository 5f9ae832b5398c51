/// Receives the events of one streaming parse. Handlers are single-use and not shared across threads.
protocol SAXHandler: AnyObject {
  func startElement(_ name: XMLElementName, attributes: XMLAttributes)
  func endElement(_ name: XMLElementName)
  func characters(_ bytes: UnsafeBufferPointer<UInt8>)
}
