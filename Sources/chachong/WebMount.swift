import ChachongServer
import ChachongWeb

/// What `chachong serve` mounts on its router besides the API: the web interface (docs/web.md),
/// with its settings from the environment (`CHACHONG_WEB_*`).
enum WebMount {
  static var extensions: [any ServerExtension] { [WebInterface(options: .fromEnvironment())] }
}
