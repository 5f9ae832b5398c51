import ArchiveStore
import Foundation
import Prometheus

/// The service's Prometheus metrics: requests by route and status, their latencies, and at each
/// scrape the queue length, jobs by state and documents in the store. Route labels are route
/// templates (`/v1/submissions/{id}`), never ids, so no personal data reaches a metric and the
/// label set stays bounded.
package final class ServerMetrics: Sendable {
  package let registry = PrometheusCollectorRegistry()

  package init() {}

  func recordRequest(method: String, route: String, status: Int, seconds: Double) {
    registry.makeCounter(
      descriptor: MetricNameDescriptor(
        namespace: "chachong", metricName: "http_requests", unitName: "total", helpText: "HTTP requests"),
      labels: [("method", method), ("route", route), ("status", String(status))]
    ).increment()
    registry.makeDurationHistogram(
      descriptor: MetricNameDescriptor(
        namespace: "chachong", metricName: "http_request_duration", unitName: "seconds",
        helpText: "HTTP request latency"),
      labels: [("method", method), ("route", route)],
      buckets: [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(200), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
      ]
    ).recordNanoseconds(Int64(seconds * 1e9))
  }

  /// The exposition text, with the store's gauges read now.
  func scrape(service: ChachongService) async -> String {
    if let counts = try? await service.jobs.counts() {
      for (state, count) in counts {
        registry.makeGauge(
          descriptor: MetricNameDescriptor(
            namespace: "chachong", metricName: "jobs", unitName: "count", helpText: "Jobs by state"),
          labels: [("state", state.rawValue)]
        ).set(to: Double(count))
      }
      registry.makeGauge(
        descriptor: MetricNameDescriptor(
          namespace: "chachong", metricName: "queue_length", unitName: "jobs", helpText: "Jobs waiting")
      ).set(to: Double(counts[.queued] ?? 0))
    }
    if let documents = try? await service.archive.documentCount() {
      registry.makeGauge(
        descriptor: MetricNameDescriptor(
          namespace: "chachong", metricName: "store_documents", unitName: "count",
          helpText: "Documents in the archive")
      ).set(to: Double(documents))
    }
    return registry.emitToString()
  }

  /// A route template for a path: ids replaced by `{…}`, unknown paths `other`.
  static func route(_ path: String) -> String {
    let parts = path.split(separator: "/").map(String.init)
    guard let first = parts.first else { return "/" }
    guard first == "v1" || ["healthz", "readyz", "metrics"].contains(first) || first == "web" else {
      return "other"
    }
    if first == "web" { return "/web" }
    var result: [String] = []
    var previous = ""
    for part in parts {
      if ["submissions", "batches", "webhooks", "deliveries", "documents", "keys"].contains(previous) {
        result.append("{id}")
      } else if previous == "files" {
        result.append("{name}")
      } else {
        result.append(part)
      }
      previous = part
    }
    return "/" + result.joined(separator: "/")
  }
}
