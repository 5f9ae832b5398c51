import ArchiveStore
import ChachongCore
import ChachongModel
import Hummingbird

/// An error answered as `{"error": {"code": …, "message": …}}` with its HTTP status; the message
/// in Chinese by default and in English with `Accept-Language: en`.
package struct APIError: Error, Sendable, CustomStringConvertible {
  package var status: HTTPResponse.Status
  /// A stable machine-readable code (`not_found`, `conflict`, `queue_full`, …).
  package var code: String
  package var chinese: String
  package var english: String
  /// Seconds, for 429 and 503.
  package var retryAfter: Int?

  package init(
    _ status: HTTPResponse.Status, code: String, zh chinese: String, en english: String,
    retryAfter: Int? = nil
  ) {
    self.status = status
    self.code = code
    self.chinese = chinese
    self.english = english
    self.retryAfter = retryAfter
  }

  package func message(english useEnglish: Bool) -> String {
    IdentityKeyMasking.mask(useEnglish ? english : chinese)
  }

  package var description: String { "\(status.code) \(code): \(english)" }

  package static func badRequest(_ zh: String, _ en: String) -> APIError {
    APIError(.badRequest, code: "bad_request", zh: zh, en: en)
  }
  package static func notFound(_ what: String, _ id: String) -> APIError {
    APIError(.notFound, code: "not_found", zh: "未找到\(what) \(id)", en: "no \(what) \(id)")
  }
  package static func conflict(_ zh: String, _ en: String) -> APIError {
    APIError(.conflict, code: "conflict", zh: zh, en: en)
  }
  package static func unprocessable(_ zh: String, _ en: String) -> APIError {
    APIError(.unprocessableContent, code: "unprocessable", zh: zh, en: en)
  }
  package static let unauthorized = APIError(
    .unauthorized, code: "unauthorized", zh: "缺少或无效的 API 密钥", en: "missing or invalid API key")
  package static func forbidden(_ scope: Scope) -> APIError {
    APIError(
      .forbidden, code: "forbidden", zh: "此密钥没有 \(scope.rawValue) 权限",
      en: "this key lacks the \(scope.rawValue) scope")
  }
  package static func tooLarge(limit: Int) -> APIError {
    APIError(
      .contentTooLarge, code: "too_large", zh: "上传内容超过 \(limit) 字节的限制",
      en: "the upload is larger than the limit of \(limit) bytes")
  }
  package static let queueFull = APIError(
    .tooManyRequests, code: "queue_full", zh: "任务队列已满，请稍后重试", en: "the job queue is full, retry later",
    retryAfter: 30)
  package static let busy = APIError(
    .tooManyRequests, code: "busy", zh: "同步查询过多，请稍后重试", en: "too many queries at once, retry later",
    retryAfter: 5)
  package static let rateLimited = APIError(
    .tooManyRequests, code: "rate_limited", zh: "请求过于频繁，请稍后重试", en: "too many requests, retry later",
    retryAfter: 60)
  package static let draining = APIError(
    .serviceUnavailable, code: "draining", zh: "服务正在停止，请稍后重试",
    en: "the service is shutting down, retry later",
    retryAfter: 30)
  package static func internalError(_ detail: String) -> APIError {
    APIError(.internalServerError, code: "internal", zh: "服务内部错误：\(detail)", en: "internal error: \(detail)")
  }

  /// The HTTP form of a core error.
  package static func from(_ error: ServiceError) -> APIError {
    switch error.kind {
    case .badInput:
      APIError(.unprocessableContent, code: "bad_input", zh: "输入无法使用：\(error.message)", en: error.message)
    case .notFound: APIError(.notFound, code: "not_found", zh: "未找到：\(error.message)", en: error.message)
    case .conflict: APIError(.conflict, code: "conflict", zh: "冲突：\(error.message)", en: error.message)
    case .cancelled: APIError(.conflict, code: "cancelled", zh: "已取消：\(error.message)", en: error.message)
    case .storeFailure:
      APIError(.internalServerError, code: "store_failure", zh: "存储错误：\(error.message)", en: error.message)
    }
  }

  package static func from(_ error: StateStoreError) -> APIError {
    switch error.reason {
    case .notFound: .notFound(error.collection, error.id)
    case .versionMismatch: .conflict("记录已被其他请求修改，请重试", "the record was changed by another request, retry")
    case .tooLarge(let limit): .tooLarge(limit: limit)
    case .storage: .internalError(error.description)
    }
  }

  package static func from(_ error: JobQueueError) -> APIError {
    switch error.reason {
    case .notFound: .notFound("job", error.jobID)
    case .conflict: .conflict("任务已存在且内容不同", "a job with this id exists with another body")
    case .notHeld: .conflict("任务已不由此进程执行", "the job is no longer held")
    case .storage: .internalError(error.description)
    }
  }
}

/// The one masking every message goes through before it leaves the service.
enum IdentityKeyMasking {
  static func mask(_ text: String) -> String { IdentityKey.maskingIDNumbers(in: text) }
}
