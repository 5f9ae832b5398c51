/// The version chachong reports with `--version` and writes into every report.
package enum ChachongVersion {
  package static let current = "0.1.0"
}
