/// JSON, text and HTML rendering of reports.
package enum ReportsModule {}
