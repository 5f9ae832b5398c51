/// The version chachong reports with `--version` and writes into every report.
public enum ChachongVersion {
  public static let current = "0.1.0"
}
