/// One level of one list (`w:numPr`: `w:numId` and `w:ilvl`).
struct NumberingLevel: Sendable, Hashable {
  var numberingID: String
  var level: Int
}
