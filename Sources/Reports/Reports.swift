/// JSON, text and HTML rendering of reports.
public enum ReportsModule {}
